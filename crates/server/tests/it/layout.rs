//! The house holds itself: no server source file imports a module that imports it back (a file-level
//! import graph without cycles), every route lives in `router.rs`, and the crates depend one way
//! (core on no I/O, async, web or database crate; the store traits on no backend; the backends
//! on no web crate), read from `cargo metadata`.
//!
//! A file "imports" a module when it names it through `crate::…` or `super::…` (in a `use` or in
//! a path), resolved to the longest module path that exists as a file. Test modules are left out:
//! `use super::*` in a unit test names its own file. A path that continues from an imported module
//! (`use crate::mother;` then `mother::today::show`) counts only as the import of `mother`.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_default();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`; `lib.rs` is the crate root.
fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Module = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn import_graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    files.retain(|f| f.file_name().is_some_and(|n| n != "main.rs"));
    let modules: BTreeMap<Module, PathBuf> = files
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    let resolve = |path: &[String]| -> Option<Module> {
        (0..=path.len())
            .rev()
            .map(|k| path[..k].to_vec())
            .find(|candidate| modules.contains_key(candidate))
    };
    let path_re = Regex::new(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)*)(?:::\{([^}]*)\})?")
        .unwrap_or_else(|e| panic!("{e}"));
    let comment_re = Regex::new(r"//.*").unwrap_or_else(|e| panic!("{e}"));
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code = comment_re.replace_all(code, "");
        let parent: Module = module[..module.len().saturating_sub(1)].to_vec();
        let mut imports = BTreeSet::new();
        for found in path_re.captures_iter(&code) {
            let mut base = if &found[1] == "crate" {
                Vec::new()
            } else {
                parent.clone()
            };
            base.extend(
                found[2]
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
            let tails: Vec<Module> = match found.get(3) {
                Some(group) => group
                    .as_str()
                    .split(',')
                    .map(|tail| {
                        tail.trim()
                            .split("::")
                            .filter(|s| !s.is_empty() && *s != "self")
                            .map(str::to_owned)
                            .collect()
                    })
                    .collect(),
                None => vec![Vec::new()],
            };
            for tail in tails {
                let full: Module = base.iter().chain(&tail).cloned().collect();
                if let Some(target) = resolve(&full).filter(|t| t != module) {
                    imports.insert(target);
                }
            }
        }
        graph.insert(module.clone(), imports);
    }
    graph
}

/// Every module reachable from `from` by following imports.
fn reachable(graph: &BTreeMap<Module, BTreeSet<Module>>, from: &Module) -> BTreeSet<Module> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<Module> = graph.get(from).into_iter().flatten().cloned().collect();
    while let Some(next) = todo.pop() {
        if seen.insert(next.clone()) {
            todo.extend(graph.get(&next).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    let graph = import_graph();
    assert!(graph.len() > 30, "the walk found the server's files");
    assert!(
        graph[&vec!["mother".to_owned(), "session".to_owned()]]
            .contains(&vec!["services".to_owned(), "outcome".to_owned()]),
        "the graph sees imports"
    );
    let circular: Vec<String> = graph
        .keys()
        .filter(|module| reachable(&graph, module).contains(*module))
        .map(|module| module.join("::"))
        .collect();
    assert!(
        circular.is_empty(),
        "modules that import themselves back through others: {circular:?}"
    );
}

#[test]
fn every_route_is_declared_in_the_router() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let elsewhere: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("router.rs"))
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap_or_default()
                .contains(".route(\"")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        elsewhere.is_empty(),
        "routes outside router.rs: {elsewhere:?}"
    );
}

/// What `cargo metadata` says of the workspace's own crates.
fn cargo_metadata() -> serde_json::Value {
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cargo metadata: {e}"));
    assert!(output.status.success(), "cargo metadata failed");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("metadata: {e}"))
}

/// Each workspace crate's normal (not dev) dependencies, by crate name, from `cargo metadata`.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    metadata_dependencies(false)
}

/// The same, without the optional ones (those a feature turns on).
fn required_dependencies() -> BTreeMap<String, BTreeSet<String>> {
    metadata_dependencies(true)
}

fn metadata_dependencies(required_only: bool) -> BTreeMap<String, BTreeSet<String>> {
    let metadata = cargo_metadata();
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    packages
        .iter()
        .map(|package| {
            let names = package["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|dep| dep["kind"].is_null())
                .filter(|dep| !required_only || dep["optional"] != serde_json::Value::Bool(true))
                .filter_map(|dep| dep["name"].as_str().map(str::to_owned))
                .collect();
            (
                package["name"].as_str().unwrap_or_default().to_owned(),
                names,
            )
        })
        .collect()
}

#[test]
fn dependencies_point_one_way_core_store_backends_server() {
    let all = dependencies();
    let required_all = required_dependencies();
    let required = |name: &str| required_all.get(name).cloned().unwrap_or_default();
    let deps = |name: &str| {
        all.get(name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} is a workspace crate"))
    };
    let offends = |name: &str, banned: &[&str]| -> Vec<String> {
        deps(name)
            .into_iter()
            .filter(|dep| {
                banned
                    .iter()
                    .any(|b| dep == b || dep.starts_with(&format!("{b}-")))
            })
            .collect()
    };
    // Core decides: no I/O, no async, no web, no database, no randomness.
    let core_banned = [
        "tokio",
        "async-trait",
        "futures",
        "futures-util",
        "axum",
        "tower",
        "hyper",
        "reqwest",
        "sqlx",
        "askama",
        "rand",
        "hangmat-store",
    ];
    assert_eq!(offends("hangmat-core", &core_banned), Vec::<String>::new());
    assert!(
        deps("hangmat-core").contains("jiff"),
        "the check reads real dependencies"
    );
    // The store's traits know no backend: the SQL both backends share sits behind the store's
    // optional `sql` feature (sqlx generic over the database), which only backends turn on.
    let store_banned = ["hangmat-store-sqlite", "hangmat-store-postgres", "axum"];
    assert_eq!(
        offends("hangmat-store", &store_banned),
        Vec::<String>::new()
    );
    assert!(
        !required("hangmat-store").contains("sqlx"),
        "the store's traits build without a database driver"
    );
    // The backends know no web.
    let web = [
        "axum",
        "axum-extra",
        "tower",
        "tower-http",
        "hyper",
        "askama",
        "askama_web",
        "reqwest",
        "hangmat-server",
    ];
    for backend in ["hangmat-store-sqlite", "hangmat-store-postgres"] {
        assert_eq!(offends(backend, &web), Vec::<String>::new(), "{backend}");
    }
}

#[test]
fn the_conformance_suite_ships_in_no_build_only_in_tests() {
    let metadata = cargo_metadata();
    let mut asked_by_tests = 0;
    for package in metadata["packages"].as_array().into_iter().flatten() {
        for dep in package["dependencies"].as_array().into_iter().flatten() {
            let wants_suite = dep["name"] == "hangmat-store"
                && dep["features"]
                    .as_array()
                    .is_some_and(|features| features.iter().any(|f| f == "conformance"));
            if wants_suite {
                assert_eq!(
                    dep["kind"], "dev",
                    "{} turns the conformance suite on outside its tests",
                    package["name"]
                );
                asked_by_tests += 1;
            }
        }
    }
    assert_eq!(
        asked_by_tests, 3,
        "both backends' tests and the server's run it"
    );
}
