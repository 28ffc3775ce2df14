//! The browser's files (css, js modules, service worker, drawings), embedded into the binary.
//!
//! Every file is served under one content-hash directory, `/static/<hash>/…`, with immutable
//! caching: a new build gets a new hash, so a phone never mixes old and new files, and relative
//! imports between modules keep working. The service worker lives at `/sw.js` (its scope must be
//! the whole site) and learns the hash and the files to precache from two lines the server puts
//! before it.

use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};
use std::fmt::Write;

#[derive(RustEmbed)]
#[folder = "../../web/"]
struct WebFiles;

/// The service worker's own path inside web/.
const SERVICE_WORKER: &str = "sw.js";

#[derive(Debug, Clone)]
pub struct Assets {
    hash: String,
    base: String,
    service_worker: String,
}

/// One embedded file, ready to serve.
pub struct Asset {
    pub bytes: std::borrow::Cow<'static, [u8]>,
    pub content_type: &'static str,
}

impl Assets {
    /// Hashes every embedded file into one bundle hash.
    pub fn load() -> Self {
        let mut names: Vec<String> = WebFiles::iter().map(|name| name.into_owned()).collect();
        names.sort();
        let mut hasher = Sha256::new();
        for name in &names {
            hasher.update(name.as_bytes());
            if let Some(file) = WebFiles::get(name) {
                hasher.update(file.metadata.sha256_hash());
            }
        }
        let digest = hasher.finalize();
        let hash = digest.iter().take(6).fold(String::new(), |mut text, byte| {
            let _ = write!(text, "{byte:02x}");
            text
        });
        let base = format!("/static/{hash}/");
        let list: Vec<String> = names
            .iter()
            .filter(|name| precached(name))
            .map(|name| format!("\"{name}\""))
            .collect();
        let worker = WebFiles::get(SERVICE_WORKER)
            .map(|file| String::from_utf8_lossy(&file.data).into_owned())
            .unwrap_or_default();
        let service_worker = format!(
            "const ASSET_BASE = \"{base}\";\nconst ASSETS = [{}];\n{worker}",
            list.join(", ")
        );
        Self {
            hash,
            base,
            service_worker,
        }
    }

    /// The URL prefix every asset is served under, ending in `/`.
    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn hash(&self) -> &str {
        &self.hash
    }

    pub fn service_worker(&self) -> &str {
        &self.service_worker
    }

    /// A file by its path inside web/.
    pub fn get(&self, path: &str) -> Option<Asset> {
        if path == SERVICE_WORKER {
            return None;
        }
        let file = WebFiles::get(path)?;
        Some(Asset {
            bytes: file.data,
            content_type: content_type(path),
        })
    }
}

/// What the service worker fetches at install: the code and the look, so the player and the
/// outbox work offline from the first visit. Drawings and icons are cached when a page uses them,
/// which keeps a first visit light on a slow connection.
fn precached(path: &str) -> bool {
    path != SERVICE_WORKER && (path.ends_with(".css") || path.ends_with(".js"))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" | "webmanifest" => "application/manifest+json",
        "wav" => "audio/wav",
        "ogg" => "audio/ogg",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}
