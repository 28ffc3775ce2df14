//! Staff on the portal: who is signed in, and which mother a portal route may show.
//!
//! A staff member's browser holds a random token in the `hangmat_staff` cookie (HttpOnly,
//! SameSite=Strict, limited to /portal, Secure behind TLS); the database holds only its hash, so
//! several servers share sessions and a stolen database holds no usable token. A new token is made
//! at every sign-in step (rotation), never reused.
//!
//! Routes never decide access themselves: the [`Staff`] extractor says who is asking, and the
//! [`LinkedMother`] extractor, for every route under `/portal/mothers/{link}/…`, asks the core
//! policy whether this staff member may do the route's action to the linked mother, answers 404
//! for a link that is not hers or has ended (so a guessed id tells nothing), and writes the audit
//! line before the handler runs.

use crate::http::error::{ApiError, PageError};
use crate::http::visitor::secret_hash;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::{FromRequestParts, MatchedPath, RawPathParams};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use hangmat_core::policy::{About, Action, Actor, Decision, LinkState, Refusal, decide};
use hangmat_store::{
    AuditEntry, Link, LinkId, ProfileId, SessionStage, StaffId, StaffSession, StoreError,
};
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

pub use hangmat_core::policy::StaffRole;

/// The cookie that holds a staff session's token.
pub const STAFF_COOKIE: &str = "hangmat_staff";
/// Where staff pages live (and the staff cookie is sent).
pub const PORTAL: &str = "/portal";
/// Portal routes answering JSON (401 problem instead of a redirect to the sign-in page).
pub const PORTAL_API: &str = "/portal/api/";
/// How long a signed-in staff session lasts (a working day).
pub const SESSION_HOURS: i64 = 12;
/// How long the second-factor step may take after the password.
pub const SECOND_FACTOR_MINUTES: i64 = 10;

/// A signed-in physiotherapist or admin.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: StaffId,
    pub role: StaffRole,
    pub display_name: String,
    /// Her portal language (her own choice, kept on her account).
    pub lang: Lang,
    /// Her session's token hash (to end it at sign-out).
    pub session_hash: String,
}

impl Staff {
    pub fn t(&self) -> crate::i18n::Tr {
        crate::i18n::Tr::new(self.lang)
    }

    /// Asks the policy about a deployment-level action (inviting staff, entering a link code):
    /// 403 when refused.
    pub fn may(&self, action: Action) -> Result<(), PageError> {
        match decide(Actor::Staff(self.role), action, About::Deployment) {
            Decision::Allow { .. } => Ok(()),
            Decision::Refuse(_) => Err(PageError::Forbidden),
        }
    }
}

/// Why a staff extractor refused: a page redirects to sign-in, an API answers a problem.
#[derive(Debug)]
pub enum StaffRejection {
    Page(PageError),
    Api(ApiError),
}

impl IntoResponse for StaffRejection {
    fn into_response(self) -> Response {
        match self {
            StaffRejection::Page(error) => error.into_response(),
            StaffRejection::Api(error) => error.into_response(),
        }
    }
}

impl From<PageError> for StaffRejection {
    fn from(error: PageError) -> Self {
        StaffRejection::Page(error)
    }
}

fn is_api(parts: &Parts) -> bool {
    parts.uri.path().starts_with(PORTAL_API)
}

fn not_signed_in(parts: &Parts, lang: Lang) -> StaffRejection {
    if is_api(parts) {
        StaffRejection::Api(ApiError::not_signed_in(lang))
    } else {
        StaffRejection::Page(PageError::StaffNotSignedIn)
    }
}

fn store_failure(parts: &Parts, lang: Lang, error: StoreError) -> StaffRejection {
    if is_api(parts) {
        StaffRejection::Api(ApiError::store(lang, error))
    } else {
        StaffRejection::Page(PageError::Store(error))
    }
}

/// The cookie that signs a staff browser in.
pub fn staff_cookie(token: String, secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::new(STAFF_COOKIE, token);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Strict);
    cookie.set_secure(secure);
    cookie.set_path(PORTAL);
    cookie
}

/// A cookie that removes the staff cookie (sign-out).
pub fn staff_cookie_removal() -> Cookie<'static> {
    let mut cookie = Cookie::from(STAFF_COOKIE);
    cookie.set_path(PORTAL);
    cookie
}

/// Starts a session at `stage` for `staff`, ending the session `previous` (the token hash of the
/// step before, if any): the token changes at every step. A signed-in session counts as her last
/// sign-in (the admin's account list shows it). Returns the cookie to set.
pub async fn start_session(
    state: &AppState,
    staff: StaffId,
    stage: SessionStage,
    previous: Option<&str>,
) -> Result<Cookie<'static>, StoreError> {
    let store = state.store();
    if let Some(previous) = previous {
        store.end_staff_session(previous).await?;
    }
    let token = state.random().token();
    let now = state.now();
    let lasts = match stage {
        SessionStage::SignedIn => SignedDuration::from_hours(SESSION_HOURS),
        SessionStage::SecondFactorPending => SignedDuration::from_mins(SECOND_FACTOR_MINUTES),
    };
    store
        .create_staff_session(&StaffSession {
            token_hash: secret_hash(&token),
            staff,
            stage,
            created_at: now,
            expires_at: now.checked_add(lasts).unwrap_or(Timestamp::MAX),
        })
        .await?;
    if stage == SessionStage::SignedIn {
        store.record_staff_sign_in(staff, now).await?;
    }
    Ok(staff_cookie(token, state.config().secure_cookies()))
}

/// The staff session a request's cookie leads to (any stage), unexpired.
pub async fn current_session(
    state: &AppState,
    jar: &CookieJar,
) -> Result<Option<StaffSession>, StoreError> {
    let Some(token) = jar.get(STAFF_COOKIE) else {
        return Ok(None);
    };
    state
        .store()
        .staff_session(&secret_hash(token.value()), state.now())
        .await
}

/// Keeps `lang` as the portal language of the staff member signed in by `jar` (the language
/// switch in the page's chrome, `?lang=`), so every portal page renders in it from now on, in
/// any browser she signs in from. Nothing happens without a signed-in staff session.
pub async fn remember_language(
    state: &AppState,
    jar: &CookieJar,
    lang: Lang,
) -> Result<(), StoreError> {
    let Some(session) = current_session(state, jar).await? else {
        return Ok(());
    };
    if session.stage != SessionStage::SignedIn {
        return Ok(());
    }
    let store = state.store();
    match store.staff(session.staff).await? {
        Some(mut account) if account.language != lang.code() => {
            account.language = lang.code().to_owned();
            store.update_staff(&account).await
        }
        _ => Ok(()),
    }
}

/// Writes one audit line: `staff` did `action` to the mother of `link`.
pub async fn audit(
    state: &AppState,
    staff: StaffId,
    profile: ProfileId,
    link: Option<LinkId>,
    action: Action,
    detail: &str,
) -> Result<(), StoreError> {
    audit_mothers(state, staff, action, detail, [(profile, link)]).await
}

/// Writes the audit lines of `staff` doing `action` now to each of these mothers (her profile and
/// the link it went through), in one transaction: a page that shows 500 mothers writes 500 lines
/// with one commit.
pub async fn audit_mothers(
    state: &AppState,
    staff: StaffId,
    action: Action,
    detail: &str,
    mothers: impl IntoIterator<Item = (ProfileId, Option<LinkId>)>,
) -> Result<(), StoreError> {
    let at = state.now();
    let lines: Vec<AuditEntry> = mothers
        .into_iter()
        .map(|(profile, link)| AuditEntry {
            at,
            staff,
            profile: Some(profile),
            link,
            action: action.as_str().to_owned(),
            detail: Some(detail.to_owned()),
        })
        .collect();
    state.store().record_audits(&lines).await
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = StaffRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(staff.clone());
        }
        let default_lang = state.config().default_lang();
        let jar = CookieJar::from_headers(&parts.headers);
        let session = current_session(state, &jar)
            .await
            .map_err(|e| store_failure(parts, default_lang, e))?;
        let Some(session) = session.filter(|s| s.stage == SessionStage::SignedIn) else {
            return Err(not_signed_in(parts, default_lang));
        };
        let account = state
            .store()
            .staff(session.staff)
            .await
            .map_err(|e| store_failure(parts, default_lang, e))?;
        let Some(account) = account.filter(|a| a.ended_at.is_none()) else {
            return Err(not_signed_in(parts, default_lang));
        };
        let offered = &state.config().deployment.languages;
        let lang = Lang::parse(&account.language)
            .filter(|l| offered.contains(l))
            .unwrap_or(default_lang);
        let staff = Staff {
            id: account.id,
            role: account.role,
            display_name: account.display_name,
            lang,
            session_hash: session.token_hash,
        };
        parts.extensions.insert(staff.clone());
        Ok(staff)
    }
}

/// A mother a portal route shows or changes, reached through the asking staff member's link.
#[derive(Debug, Clone)]
pub struct LinkedMother {
    pub staff: Staff,
    pub profile: ProfileId,
    pub link: LinkId,
    /// The physiotherapist's own label for her.
    pub label: String,
}

/// What a portal route under `/portal/mothers/{link}/…` does, by method and path: reads are
/// `ReadHerData`; writes to `…/programme…` change her programme, to `…/sessions…` record a
/// physiotherapy session, to `…/end` end the link; any other write counts as a programme change
/// (the strictest kind a physiotherapist may do).
pub fn action_of(method: &Method, route: &str) -> Action {
    if matches!(*method, Method::GET | Method::HEAD) {
        return Action::ReadHerData;
    }
    let rest = route.split_once("{link}").map_or(route, |(_, rest)| rest);
    if rest.starts_with("/sessions") {
        Action::RecordPhysioSession
    } else if rest == "/end" {
        Action::EndLink
    } else {
        Action::ChangeHerProgramme
    }
}

/// The audit detail of a route: its pattern after the link (`/`, `/programme`, `/sessions/{n}`),
/// which names what was touched and carries no id.
fn audit_detail(method: &Method, route: &str) -> String {
    let rest = route.split_once("{link}").map_or(route, |(_, rest)| rest);
    let rest = if rest.is_empty() { "/" } else { rest };
    format!("{method} {rest}")
}

/// The asking staff member's link state to the mother of `link`.
pub fn link_state_of(staff: &Staff, link: &Link) -> LinkState {
    match (link.staff == staff.id, link.is_active()) {
        (true, true) => LinkState::Active,
        (true, false) => LinkState::Ended,
        (false, _) => LinkState::Absent,
    }
}

impl FromRequestParts<AppState> for LinkedMother {
    type Rejection = StaffRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(linked) = parts.extensions.get::<LinkedMother>() {
            return Ok(linked.clone());
        }
        let staff = Staff::from_request_parts(parts, state).await?;
        let api = is_api(parts);
        let not_found = || -> StaffRejection {
            if api {
                StaffRejection::Api(ApiError {
                    lang: staff.lang,
                    status: StatusCode::NOT_FOUND,
                    kind: "not-found",
                    detail: "no such mother among yours".into(),
                })
            } else {
                StaffRejection::Page(PageError::NotFound)
            }
        };
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| not_found())?;
        let link_id = params
            .iter()
            .find(|(name, _)| *name == "link")
            .and_then(|(_, value)| Uuid::parse_str(value).ok())
            .map(LinkId)
            .ok_or_else(not_found)?;
        let link = state
            .store()
            .link(link_id)
            .await
            .map_err(|e| store_failure(parts, staff.lang, e))?
            .ok_or_else(not_found)?;
        let route = parts
            .extensions
            .get::<MatchedPath>()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        let action = action_of(&parts.method, &route);
        let about = About::Mother {
            profile: link.profile.0,
            staff_link: link_state_of(&staff, &link),
        };
        match decide(Actor::Staff(staff.role), action, about) {
            Decision::Allow { audit: needs_audit } => {
                if needs_audit {
                    audit(
                        state,
                        staff.id,
                        link.profile,
                        Some(link.id),
                        action,
                        &audit_detail(&parts.method, &route),
                    )
                    .await
                    .map_err(|e| store_failure(parts, staff.lang, e))?;
                }
            }
            // Another's link, an ended one, or an admin: the same answer as no link at all.
            Decision::Refuse(Refusal::NotYours | Refusal::NotSignedIn) => return Err(not_found()),
        }
        let linked = LinkedMother {
            staff,
            profile: link.profile,
            link: link.id,
            label: link.label,
        };
        parts.extensions.insert(linked.clone());
        Ok(linked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_map_to_the_policy_actions() {
        let route = "/portal/mothers/{link}";
        assert_eq!(action_of(&Method::GET, route), Action::ReadHerData);
        assert_eq!(
            action_of(&Method::POST, "/portal/mothers/{link}/programme"),
            Action::ChangeHerProgramme
        );
        assert_eq!(
            action_of(&Method::POST, "/portal/mothers/{link}/sessions/{number}"),
            Action::RecordPhysioSession
        );
        assert_eq!(
            action_of(&Method::POST, "/portal/mothers/{link}/end"),
            Action::EndLink
        );
        assert_eq!(
            action_of(&Method::POST, "/portal/mothers/{link}/other"),
            Action::ChangeHerProgramme
        );
    }

    #[test]
    fn audit_details_name_the_route_without_ids() {
        assert_eq!(
            audit_detail(&Method::GET, "/portal/mothers/{link}"),
            "GET /"
        );
        assert_eq!(
            audit_detail(&Method::POST, "/portal/mothers/{link}/sessions/{number}"),
            "POST /sessions/{number}"
        );
    }
}
