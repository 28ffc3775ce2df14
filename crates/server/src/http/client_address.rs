//! The address a request came from: the socket's peer, or — only when that peer is one of the
//! deployment's `trusted_proxies` — the client the proxy names in `X-Forwarded-For` (else
//! `Forwarded`). Behind the TLS proxy the README recommends every socket peer is the proxy, so rate
//! limits on the peer would make one stranger lock everyone out (issue 16); a header from anyone
//! else is ignored, so a client cannot pick its own address.
//!
//! The chain is read from the right: each trusted proxy appends the address it received from, so
//! the rightmost entry that is not a trusted proxy is the first one nobody trusted vouches for.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The address a request came from ("unknown" in tests without a socket).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let trusted = &state.config().network.trusted_proxies.0;
        Ok(ClientAddress(
            client_ip(peer, &parts.headers, trusted)
                .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
        ))
    }
}

/// The client's address: `peer`, or the first address behind the trusted proxies.
pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = peer.map(canonical)?;
    let is_trusted = |ip: IpAddr| is_trusted_proxy(ip, trusted);
    if !is_trusted(peer) {
        return Some(peer);
    }
    let mut chain = forwarded_for(headers);
    if chain.is_empty() {
        chain = forwarded(headers);
    }
    let mut client = peer;
    for hop in chain.iter().rev() {
        match hop {
            Some(ip) => {
                client = canonical(*ip);
                if !is_trusted(client) {
                    break;
                }
            }
            // Garbage from before the trusted part: the last trusted hop is all we know.
            None => break,
        }
    }
    Some(client)
}

/// Whether `peer` is one of the deployment's trusted proxies.
pub fn is_trusted_proxy(peer: IpAddr, trusted: &[IpNet]) -> bool {
    let peer = canonical(peer);
    trusted.iter().any(|net| net.contains(&peer))
}

/// An IPv4 address seen through an IPv6 socket is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// Every `X-Forwarded-For` entry, left to right (`None` where one is not an address).
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|value| value.to_str().unwrap_or("?").split(','))
        .map(|entry| parse_node(entry.trim()))
        .collect()
}

/// Every `for=` of RFC 7239 `Forwarded`, left to right.
fn forwarded(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("forwarded")
        .iter()
        .flat_map(|value| value.to_str().unwrap_or("for=?").split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.eq_ignore_ascii_case("for")
                    .then(|| parse_node(value.trim().trim_matches('"')))
            })
        })
        .collect()
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]:4711`.
fn parse_node(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse() {
        return Some(ip);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    text.parse::<SocketAddr>().ok().map(|address| address.ip())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    fn nets(texts: &[&str]) -> Vec<IpNet> {
        texts.iter().filter_map(|t| t.parse().ok()).collect()
    }

    fn headers(name: &'static str, value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn only_a_trusted_proxy_may_name_the_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        let xff = headers("x-forwarded-for", "198.51.100.7");
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &xff, &trusted),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(
            client_ip(Some(ip("203.0.113.9")), &xff, &trusted),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &xff, &[]),
            Some(ip("10.0.0.2"))
        );
        assert_eq!(client_ip(None, &xff, &trusted), None);
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client_so_a_forged_left_part_is_ignored() {
        let trusted = nets(&["10.0.0.0/8", "192.168.1.1/32"]);
        let xff = headers("x-forwarded-for", "1.2.3.4, 198.51.100.7, 192.168.1.1");
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &xff, &trusted),
            Some(ip("198.51.100.7"))
        );
        let garbage = headers("x-forwarded-for", "nonsense");
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &garbage, &trusted),
            Some(ip("10.0.0.2"))
        );
    }

    #[test]
    fn forwarded_is_read_when_there_is_no_x_forwarded_for() {
        let trusted = nets(&["10.0.0.0/8"]);
        let v4 = headers("forwarded", "for=198.51.100.7:4711;proto=https");
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &v4, &trusted),
            Some(ip("198.51.100.7"))
        );
        let v6 = headers("forwarded", r#"for="[2001:db8::1]:4711", for=10.0.0.3"#);
        assert_eq!(
            client_ip(Some(ip("10.0.0.2")), &v6, &trusted),
            Some(ip("2001:db8::1"))
        );
    }
}
