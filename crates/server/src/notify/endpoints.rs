//! Which push endpoints the server will ever post to.
//!
//! A push subscription's endpoint is a URL a browser hands us and the server later posts to: left
//! unchecked, a page could make the server call `https://169.254.169.254/…` or a database port
//! inside the hospital (issue 16). So an endpoint must be https on the default port at one of the
//! real push services' hosts (configurable, defaulting to Google's, Mozilla's, Apple's and
//! Microsoft's), checked when the browser stores it and again when a message is sent; and the
//! sender resolves the host itself and connects only to public addresses ([`PublicOnly`]), so a
//! name that resolves inside the network is refused at send time too.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The push services' hosts browsers use today. `*.` stands for any subdomain.
pub const DEFAULT_PUSH_HOSTS: [&str; 6] = [
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "web.push.apple.com",
    "*.push.apple.com",
    "*.notify.windows.com",
    "*.push.services.mozilla.com",
];

/// The hosts endpoints may point at, and whether non-public addresses are allowed (only for tests
/// against a local push-service double).
#[derive(Debug, Clone)]
pub struct PushEndpoints {
    hosts: Vec<String>,
    local_double: bool,
}

impl Default for PushEndpoints {
    fn default() -> Self {
        Self::new(DEFAULT_PUSH_HOSTS.iter().map(|host| (*host).to_owned()))
    }
}

impl PushEndpoints {
    pub fn new(hosts: impl IntoIterator<Item = String>) -> Self {
        Self {
            hosts: hosts
                .into_iter()
                .map(|host| host.to_ascii_lowercase())
                .collect(),
            local_double: false,
        }
    }

    /// Any http(s) endpoint on any address: for tests against a push-service double on loopback.
    /// Never reachable from the config.
    pub fn local_double() -> Self {
        Self {
            hosts: Vec::new(),
            local_double: true,
        }
    }

    /// Whether private addresses may be reached (the test double only).
    pub fn allows_local(&self) -> bool {
        self.local_double
    }

    /// Whether the server may post to `endpoint`.
    pub fn allows(&self, endpoint: &str) -> bool {
        let Ok(url) = endpoint.parse::<reqwest::Url>() else {
            return false;
        };
        if self.local_double {
            return matches!(url.scheme(), "http" | "https") && url.host_str().is_some();
        }
        let Some(host) = url.host_str() else {
            return false;
        };
        if host.starts_with('[') || host.parse::<IpAddr>().is_ok() {
            return false; // an IP literal is never a push service
        }
        url.scheme() == "https"
            && url.port().is_none()
            && url.username().is_empty()
            && url.password().is_none()
            && endpoint.len() <= 2048
            && self.host_listed(&host.to_ascii_lowercase())
    }

    fn host_listed(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.');
        self.hosts
            .iter()
            .any(|listed| match listed.strip_prefix("*.") {
                Some(domain) => host
                    .strip_suffix(domain)
                    .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
                None => host == listed,
            })
    }
}

/// Whether an address is one anyone on the internet can reach: not loopback, private,
/// link-local, unique-local, multicast, shared (CGNAT), documentation or unspecified.
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(v4: Ipv4Addr) -> bool {
    let [a, b, ..] = v4.octets();
    !(v4.is_loopback()
        || v4.is_private()
        || v4.is_link_local()
        || v4.is_multicast()
        || v4.is_broadcast()
        || v4.is_unspecified()
        || v4.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || a >= 240)
}

fn is_public_v6(v6: Ipv6Addr) -> bool {
    let first = v6.segments()[0];
    !(v6.is_loopback()
        || v6.is_unspecified()
        || v6.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link local
        || (first & 0xffc0) == 0xfec0 // site local (deprecated)
        || first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
}

/// The sender's resolver: the system's, keeping only public addresses, so a push host that
/// resolves into the deployment's network (or is made to) is never connected to.
#[derive(Debug, Default)]
pub struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 443))
                .await?
                .filter(|address| is_public(address.ip()))
                .collect();
            if resolved.is_empty() {
                return Err("the push service resolves to no public address".into());
            }
            Ok(Box::new(resolved.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_push_services_hosts_over_https_are_allowed() {
        let endpoints = PushEndpoints::default();
        for (endpoint, allowed) in [
            ("https://fcm.googleapis.com/fcm/send/abc", true),
            ("https://updates.push.services.mozilla.com/wpush/v2/x", true),
            ("https://web.push.apple.com/QGx", true),
            ("https://wns2-am3p.notify.windows.com/w/?token=x", true),
            ("https://notify.windows.com/w", false),
            ("http://fcm.googleapis.com/fcm/send/abc", false),
            ("https://fcm.googleapis.com:8443/fcm/send/abc", false),
            ("https://user@fcm.googleapis.com/fcm/send/abc", false),
            ("https://fcm.googleapis.com.evil.example/x", false),
            ("https://evilnotify.windows.com/x", false),
            ("https://169.254.169.254/latest/meta-data", false),
            ("https://127.0.0.1:5432/x", false),
            ("https://10.0.0.1/", false),
            ("https://localhost/", false),
            ("https://[::1]/", false),
            ("not a url", false),
        ] {
            assert_eq!(endpoints.allows(endpoint), allowed, "{endpoint}");
        }
    }

    #[test]
    fn inside_addresses_are_not_public() {
        for (address, public) in [
            ("127.0.0.1", false),
            ("10.1.2.3", false),
            ("172.16.0.1", false),
            ("192.168.1.1", false),
            ("169.254.169.254", false),
            ("100.64.0.1", false),
            ("224.0.0.1", false),
            ("0.0.0.0", false),
            ("::1", false),
            ("fd00::1", false),
            ("fe80::1", false),
            ("ff02::1", false),
            ("::ffff:127.0.0.1", false),
            ("::ffff:10.0.0.1", false),
            ("142.250.74.106", true),
            ("2a00:1450:4001:80b::200a", true),
        ] {
            let parsed: IpAddr = address.parse().unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
            assert_eq!(is_public(parsed), public, "{address}");
        }
    }

    #[tokio::test]
    async fn a_name_that_resolves_inside_is_not_connected_to() {
        use reqwest::dns::Resolve;
        let name: reqwest::dns::Name = match "localhost".parse() {
            Ok(name) => name,
            Err(error) => panic!("{error}"),
        };
        assert!(PublicOnly.resolve(name).await.is_err());
    }
}
