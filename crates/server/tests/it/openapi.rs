//! The API's description keeps up with the router: every JSON route `router.rs` declares, with
//! each of its methods, is described at `/api/openapi.json`, and nothing that is not there. A new
//! route without a description fails here; `scripts/api-fuzz` checks the answers against it.

use crate::harness::app;
use crate::portal::routes;
use axum::http::StatusCode;
use hangmat_server::api::openapi::DESCRIPTION_PATH;
use std::collections::BTreeSet;

/// `(method, path)` of every JSON route (`/api/`, `/portal/api/`, the passkey sign-in ceremonies)
/// in router.rs, read from its source.
fn declared_api_routes() -> BTreeSet<(String, String)> {
    routes()
        .into_iter()
        .filter(|(_, path)| hangmat_server::api::is_api_path(path))
        .map(|(method, path)| (method.to_lowercase(), path))
        .collect()
}

#[tokio::test]
async fn the_description_lists_every_api_route_of_the_router_and_no_other() {
    let app = app().await;
    let reply = app.get(DESCRIPTION_PATH, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc: serde_json::Value =
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body));
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    let mut described = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            described.insert((method.clone(), path.clone()));
            if path == DESCRIPTION_PATH {
                continue;
            }
            // Every operation names its problems (RFC 9457), the 422 of a refused input among them.
            let problem = &operation["responses"]["422"]["content"]["application/problem+json"];
            assert_eq!(
                problem["schema"]["$ref"], "#/components/schemas/Problem",
                "{method} {path}"
            );
        }
    }
    let declared = declared_api_routes();
    assert!(declared.len() >= 10, "the router was read: {declared:?}");
    assert_eq!(described, declared);
    // Her phone signs in with the device cookie; the description says so.
    let scheme = &doc["components"]["securitySchemes"]["device_cookie"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "cookie");
    assert_eq!(scheme["name"], "hangmat_device");
    assert_eq!(doc["security"][0]["device_cookie"], serde_json::json!([]));
    // The portal's operations ask for the staff's session cookie instead.
    let staff = &doc["components"]["securitySchemes"]["staff_cookie"];
    assert_eq!(
        (&staff["in"], &staff["name"]),
        (&"cookie".into(), &"hangmat_staff".into())
    );
    let start = &doc["paths"]["/portal/api/passkeys/register/start"]["post"];
    assert_eq!(start["security"], serde_json::json!([{"staff_cookie": []}]));
}
