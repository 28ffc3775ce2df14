//! Who is asking, and in which language: the signed-in device's profile (if any) and her language.
//!
//! A mother has no account: her phone holds a random token in a cookie, the database holds only its
//! hash, and the hash leads to her pseudonymous profile. Her language is her own choice when she
//! made one (`?lang=` remembers it), else her browser's, else the deployment's default.

use crate::http::error::PageError;
use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hangmat_store::Profile;
use sha2::{Digest, Sha256};

/// The cookie that holds a device's token.
pub const DEVICE_COOKIE: &str = "hangmat_device";
/// The cookie that remembers a language chosen before she has a profile.
pub const LANG_COOKIE: &str = "hangmat_lang";
/// How long a device stays signed in without use (the cookie's lifetime).
const DEVICE_COOKIE_DAYS: i64 = 400;

/// The person behind a request.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub lang: Lang,
    pub profile: Option<Profile>,
}

impl Visitor {
    pub fn t(&self) -> Tr {
        Tr::new(self.lang)
    }
}

/// A signed-in mother; pages that need one send everyone else to the start page.
#[derive(Debug, Clone)]
pub struct Mother {
    pub lang: Lang,
    pub profile: Profile,
}

impl Mother {
    pub fn t(&self) -> Tr {
        Tr::new(self.lang)
    }
}

/// The language asked for in the query string (`?lang=fr`), if it is one the deployment offers.
pub fn query_lang(query: Option<&str>, offered: &[Lang]) -> Option<Lang> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::parse)
        .filter(|lang| offered.contains(lang))
}

/// The hash under which a device token or recovery code is stored.
pub fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    URL_SAFE_NO_PAD.encode(digest)
}

/// The cookie that signs a device in.
pub fn device_cookie(token: String, secure: bool) -> Cookie<'static> {
    lasting_cookie(DEVICE_COOKIE, token, secure)
}

/// The cookie that remembers a chosen language.
pub fn lang_cookie(lang: Lang, secure: bool) -> Cookie<'static> {
    lasting_cookie(LANG_COOKIE, lang.code().to_owned(), secure)
}

/// A first-party cookie that scripts cannot read and other sites do not get.
fn lasting_cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::new(name, value);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_secure(secure);
    cookie.set_path("/");
    cookie.set_max_age(time_days(DEVICE_COOKIE_DAYS));
    cookie
}

fn time_days(days: i64) -> cookie::time::Duration {
    cookie::time::Duration::days(days)
}

/// The profile a request's device cookie leads to.
pub async fn signed_in_profile(
    state: &AppState,
    jar: &CookieJar,
) -> Result<Option<Profile>, PageError> {
    let Some(token) = jar.get(DEVICE_COOKIE) else {
        return Ok(None);
    };
    Ok(state
        .store()
        .device_session_owner(&secret_hash(token.value()))
        .await?)
}

fn resolve_lang(
    state: &AppState,
    parts: &Parts,
    profile: Option<&Profile>,
    jar: &CookieJar,
) -> Lang {
    let offered = &state.config().deployment.languages;
    query_lang(parts.uri.query(), offered)
        .or_else(|| {
            profile
                .and_then(|p| Lang::parse(&p.language))
                .filter(|l| offered.contains(l))
        })
        .or_else(|| {
            jar.get(LANG_COOKIE)
                .and_then(|c| Lang::parse(c.value()))
                .filter(|l| offered.contains(l))
        })
        .or_else(|| accept_language(&parts.headers, offered))
        .unwrap_or_else(|| state.config().default_lang())
}

fn accept_language(headers: &HeaderMap, offered: &[Lang]) -> Option<Lang> {
    let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    Lang::from_accept_language(header, offered)
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(visitor) = parts.extensions.get::<Visitor>() {
            return Ok(visitor.clone());
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let profile = signed_in_profile(state, &jar).await?;
        let lang = resolve_lang(state, parts, profile.as_ref(), &jar);
        let visitor = Visitor { lang, profile };
        parts.extensions.insert(visitor.clone());
        Ok(visitor)
    }
}

impl FromRequestParts<AppState> for Mother {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let visitor = Visitor::from_request_parts(parts, state).await?;
        match visitor.profile {
            Some(profile) => Ok(Mother {
                lang: visitor.lang,
                profile,
            }),
            None => Err(PageError::NotSignedIn(visitor.lang)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_lang_accepts_only_offered_languages() {
        let offered = [Lang::Nl, Lang::En];
        assert_eq!(query_lang(Some("lang=en"), &offered), Some(Lang::En));
        assert_eq!(query_lang(Some("x=1&lang=nl"), &offered), Some(Lang::Nl));
        assert_eq!(query_lang(Some("lang=fr"), &offered), None);
        assert_eq!(query_lang(Some("lang=de"), &offered), None);
        assert_eq!(query_lang(None, &offered), None);
    }

    #[test]
    fn tokens_are_random_and_stored_only_as_hashes() {
        let random = crate::random::Random::system();
        let (a, b) = (random.token(), random.token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_ne!(secret_hash(&a), a);
        assert_eq!(secret_hash(&a), secret_hash(&a));
    }
}
