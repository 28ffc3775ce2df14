//! Staff credentials: argon2id password hashes and TOTP second factors (RFC 6238, 30-second steps,
//! one step of clock skew, each step accepted once).
//!
//! Hashing is slow on purpose, so it runs on the blocking pool, never on the async workers.

use crate::random::Random;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use jiff::Timestamp;
use totp_rs::{Secret, Totp};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Hashes a password with argon2id (a PHC string with its own salt).
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|error| anyhow::anyhow!("argon2: {error}"))
    })
    .await?
}

/// Whether `password` matches the stored hash (false for a malformed hash).
pub async fn password_matches(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|hash| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &hash)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A new random TOTP secret, base32 (what authenticator apps take).
pub fn new_totp_secret(random: &Random) -> String {
    let bytes: [u8; 20] = random.bytes();
    Secret::from(bytes).to_base32()
}

fn totp(secret_base32: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_base32).ok()?;
    totp_rs::Builder::new().with_secret(secret).build().ok()
}

/// The time step a typed code matches at `now`, if it does.
pub fn totp_step(secret_base32: &str, code: &str, now: Timestamp) -> Option<i64> {
    let code: String = code.chars().filter(char::is_ascii_digit).collect();
    let seconds = u64::try_from(now.as_second()).ok()?;
    let step = totp(secret_base32)?.check(&code, seconds)?;
    i64::try_from(step).ok()
}

/// The code an authenticator shows at `now` (for tests and the CLI's check).
pub fn totp_code(secret_base32: &str, now: Timestamp) -> Option<String> {
    let seconds = u64::try_from(now.as_second()).ok()?;
    Some(totp(secret_base32)?.generate(seconds).to_string())
}

/// The `otpauth://` address an authenticator app scans.
pub fn otpauth_url(issuer: &str, account: &str, secret_base32: &str) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                other => format!("%{other:02X}"),
            })
            .collect()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret_base32}&issuer={}&algorithm=SHA1&digits=6&period=30",
        encode(issuer),
        encode(account),
        encode(issuer)
    )
}

/// A QR code of `text` as an SVG element (dark modules on white, so every scanner reads it).
pub fn qr_svg(text: &str, title: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<qrcode::render::svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build();
            // Drop the XML prolog; give the image an accessible name.
            let start = svg.find("<svg").unwrap_or(0);
            svg[start..].replacen(
                "<svg",
                &format!("<svg role=\"img\" aria-label=\"{}\"", askama_escape(title)),
                1,
            )
        }
        Err(_) => String::new(),
    }
}

fn askama_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery".into())
            .await
            .unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"));
        assert!(password_matches("correct horse battery".into(), hash.clone()).await);
        assert!(!password_matches("wrong horse battery".into(), hash).await);
        assert!(!password_matches("x".into(), "not a hash".into()).await);
    }

    #[test]
    fn a_totp_code_matches_its_step_and_the_next_only() {
        let secret = new_totp_secret(&crate::random::Random::system());
        let now: Timestamp = "2026-11-25T10:00:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let code = totp_code(&secret, now).unwrap_or_default();
        assert_eq!(code.len(), 6);
        let step = now.as_second() / 30;
        assert_eq!(totp_step(&secret, &code, now), Some(step));
        let later = Timestamp::from_second(now.as_second() + 120).unwrap_or(now);
        assert_eq!(totp_step(&secret, &code, later), None);
        assert_eq!(
            totp_step(&secret, "000000x", now).is_some(),
            totp_code(&secret, now).as_deref() == Some("000000")
        );
    }

    #[test]
    fn qr_codes_are_inline_svg_with_a_name() {
        let svg = qr_svg("ABCD-EFGH", "code");
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"code\""));
        assert!(!svg.contains("<?xml"));
    }
}
