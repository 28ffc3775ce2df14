//! The HTTP layers every request passes through, whoever sends it: security headers, CSRF,
//! same-origin writes, error pages and problems, language, rate limits, the visitor's cookies,
//! assets, the service worker, the manifest and the health check.

pub mod assets;
pub mod client_address;
pub mod csrf;
pub mod error;
pub mod error_pages;
pub mod meta;
pub mod ratelimit;
pub mod request_id;
pub mod security;
pub mod visitor;
