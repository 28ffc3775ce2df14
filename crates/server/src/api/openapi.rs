//! The JSON API described as OpenAPI 3.1, served at `GET /api/openapi.json`: hers under `/api/`,
//! the portal's under `/portal/api/` (a staff member adding a passkey), and the passkey sign-in
//! ceremonies (hers on `/restore`, the staff's on `/portal`), which run before any session.
//!
//! The description is derived from the code (utoipa): the schemas from the very types the handlers
//! parse and answer, the operations from an annotation on each handler, so a changed field changes
//! the description with it. A test holds the other half: every JSON route `router.rs` declares
//! ([`crate::api::is_api_path`]) is described, and nothing else is. `scripts/api-fuzz` sends the server
//! what the description allows (and what it does not) and checks every answer keeps to it.

use crate::http::error::Problem;
use crate::http::visitor::DEVICE_COOKIE;
use crate::portal::staff::STAFF_COOKIE;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

/// The security scheme every write of hers needs: the device cookie of a signed-in mother.
pub const DEVICE_COOKIE_SCHEME: &str = "device_cookie";

/// The portal's: a signed-in staff member's session cookie (named so in the handlers' annotations).
pub const STAFF_COOKIE_SCHEME: &str = "staff_cookie";

/// The path of the description itself.
pub const DESCRIPTION_PATH: &str = "/api/openapi.json";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hangmat",
        description = "The JSON API her phone writes to: session outcomes, coordination taps, leaks, \
                       push subscriptions, snooze, passkeys; the portal's passkey \
                       registration; signing in with a passkey. Errors are RFC 9457 problems.",
    ),
    paths(
        super::outcomes::put_outcome,
        super::coordination::put_tap,
        super::leaks::put_leak,
        super::push::put_subscription,
        super::push::delete_subscription,
        super::snooze::snooze,
        super::passkeys::register_start,
        super::passkeys::register_finish,
        crate::portal::passkeys::register_start,
        crate::portal::passkeys::register_finish,
        crate::mother::passkeys::restore_start,
        crate::mother::passkeys::restore_finish,
        crate::portal::passkeys::login_start,
        crate::portal::passkeys::login_finish,
        description,
    ),
    components(schemas(Problem)),
    modifiers(&Cookies, &Problems),
)]
pub struct ApiDoc;

/// The description as served: built once.
static DESCRIPTION: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_json()
        .unwrap_or_else(|_| String::from("{}"))
});

/// `GET /api/openapi.json`: this description.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    security(()),
    responses((status = 200, description = "This OpenAPI description", content_type = "application/json")),
)]
pub async fn description() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DESCRIPTION.as_str(),
    )
        .into_response()
}

/// Declares the device cookie the mother's phone sends (asked for on every operation that does
/// not say otherwise) and the staff's session cookie.
struct Cookies;

impl Modify for Cookies {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            DEVICE_COOKIE_SCHEME,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                DEVICE_COOKIE,
                "The random token of a device signed in to her profile (set by POST /start or /restore)",
            ))),
        );
        components.add_security_scheme(
            STAFF_COOKIE_SCHEME,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                STAFF_COOKIE,
                "A staff member's session, signed in on the portal with both factors",
            ))),
        );
        openapi.security = Some(vec![SecurityRequirement::new::<_, _, &str>(
            DEVICE_COOKIE_SCHEME,
            [],
        )]);
    }
}

/// The problem answers any API call can get, whoever makes them (a handler, a layer, a time
/// limit), added to every operation but the description's own so no operation lists them again.
const PROBLEMS: [(&str, &str); 11] = [
    (
        "400",
        "Malformed: the body is not the JSON described, or the id no UUID",
    ),
    (
        "401",
        "Not signed in: no profile on this device (on the portal: no staff session)",
    ),
    (
        "403",
        "The request came from another site, or the staff member may not do this",
    ),
    ("408", "The request took too long to arrive"),
    ("409", "This id belongs to another record"),
    ("413", "The body is larger than any of ours"),
    ("415", "The body is not declared application/json"),
    ("422", "Well-formed, but refused (names the field)"),
    (
        "429",
        "Too many tries from this address or for this account; wait",
    ),
    ("500", "A failure of the server's own making, logged"),
    ("503", "The database did not answer; try again later"),
];

struct Problems;

impl Modify for Problems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            if path == DESCRIPTION_PATH {
                continue;
            }
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, description) in PROBLEMS {
                    let problem = ResponseBuilder::new()
                        .description(description)
                        .content(
                            "application/problem+json",
                            Content::new(Some(Ref::from_schema_name("Problem"))),
                        )
                        .build();
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert(RefOr::T(problem));
                }
            }
        }
    }
}
