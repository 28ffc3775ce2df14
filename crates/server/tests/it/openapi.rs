//! The API's description keeps up with the router: every `/api/` route `router.rs` declares, with
//! each of its methods, is described at `/api/openapi.json`, and nothing that is not there. A new
//! route without a description fails here; `scripts/api-fuzz` checks the answers against it.

use crate::harness::app;
use axum::http::StatusCode;
use std::collections::BTreeSet;
use std::path::Path;

/// `(method, path)` of every `/api/` route in router.rs, read from its source.
fn declared_api_routes() -> BTreeSet<(String, String)> {
    let router = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/router.rs");
    let source = std::fs::read_to_string(router).unwrap_or_default();
    let methods =
        regex::Regex::new(r"\b(get|put|post|delete|patch)\(").unwrap_or_else(|e| panic!("{e}"));
    let mut routes = BTreeSet::new();
    for declaration in source.split(".route(").skip(1) {
        // A declaration ends where its `.route(...)` call does: the first line that closes it.
        let end = declaration
            .find(")\n")
            .map_or(declaration.len(), |at| at + 1);
        let declaration = &declaration[..end];
        let path = declaration
            .split('"')
            .nth(1)
            .map(str::to_owned)
            // `api::openapi::DESCRIPTION_PATH`: the one route declared by a constant.
            .unwrap_or_else(|| hangmat_server::api::openapi::DESCRIPTION_PATH.to_owned());
        if !path.starts_with("/api/") {
            continue;
        }
        for method in methods.captures_iter(declaration) {
            routes.insert((method[1].to_owned(), path.clone()));
        }
    }
    routes
}

#[tokio::test]
async fn the_description_lists_every_api_route_of_the_router_and_no_other() {
    let app = app().await;
    let reply = app.get("/api/openapi.json", None).await;
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
            if path == hangmat_server::api::openapi::DESCRIPTION_PATH {
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
    assert!(declared.len() >= 8, "the router was read: {declared:?}");
    assert_eq!(described, declared);
    // Her phone signs in with the device cookie; the description says so.
    let scheme = &doc["components"]["securitySchemes"]["device_cookie"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "cookie");
    assert_eq!(scheme["name"], "hangmat_device");
    assert_eq!(doc["security"][0]["device_cookie"], serde_json::json!([]));
}
