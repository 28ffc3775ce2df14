//! What the people who run Hangmat read: JSON log lines with a request id and nothing personal in
//! them, and Prometheus metrics on their own address, parsed by prometheus_client's parser (one
//! nobody here wrote, from PyPI, in the venv `scripts/checks-venv` makes).

use crate::binary::Server;
use crate::durability::{client, onboard, set_cookie};
use crate::harness::full_outcome;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeSet;
use std::time::Duration;

/// A username, a recovery code and an outcome id the logs must never show.
const USERNAME: &str = "sofie.peeters.kine";
const RECOVERY_CODE: &str = "QZXW-KMRT-PLNV";

/// The request id a response carries.
fn request_id(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no x-request-id on {}", response.url()))
}

/// A flow of requests of every kind: her start, outcomes, a bad outcome, a page that is not
/// there, a wrong recovery code, a staff sign-in that fails. Returns the request ids answered and
/// the secrets the flow used (cookies, ids).
async fn flow(server: &Server) -> (Vec<String>, Vec<String>) {
    let client = client();
    let cookie = onboard(server).await;
    let mut secrets: Vec<String> = cookie
        .split("; ")
        .filter_map(|pair| pair.split_once('=').map(|(_, value)| value.to_owned()))
        .collect();
    let mut ids = Vec::new();
    let now = Timestamp::now();
    let outcome = full_outcome(
        &(now - SignedDuration::from_mins(20)).to_string(),
        &(now - SignedDuration::from_mins(14)).to_string(),
    );
    for _ in 0..3 {
        let id = uuid::Uuid::new_v4();
        secrets.push(id.to_string());
        let put = client
            .put(server.url(&format!("/api/outcomes/{id}")))
            .header(reqwest::header::COOKIE, &cookie)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", "same-origin")
            .body(outcome.clone())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(put.status().is_success(), "{}", put.status());
        ids.push(request_id(&put));
    }
    // A problem document carries the request id its header names.
    let bad = client
        .put(server.url("/api/outcomes/not-an-id"))
        .header(reqwest::header::COOKIE, &cookie)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "same-origin")
        .body("{}")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let id = request_id(&bad);
    let problem = bad.text().await.unwrap_or_else(|e| panic!("{e}"));
    let problem: serde_json::Value =
        serde_json::from_str(&problem).unwrap_or_else(|e| panic!("{e}: {problem}"));
    assert_eq!(problem["request_id"], id.as_str(), "{problem}");
    ids.push(id);
    // So does an error page, in her language.
    let missing = client
        .get(server.url("/no-such-page"))
        .header(reqwest::header::COOKIE, &cookie)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(missing.status(), 404);
    let id = request_id(&missing);
    let page = missing.text().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(page.contains(&format!("referentie: {id}")), "{page}");
    ids.push(id);
    // An id a client makes up is not taken (it is no trusted proxy).
    let own = client
        .get(server.url("/healthz"))
        .header("x-request-id", "chosen-by-the-client")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(request_id(&own), "chosen-by-the-client");
    // Forms with a username and a recovery code, both refused.
    let home = client
        .get(server.url("/portal/login"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let csrf = set_cookie(&home, "hangmat_csrf").unwrap_or_else(|| cookie.clone());
    let token = hangmat_server::http::csrf::token_for(
        csrf.split("; ")
            .find_map(|pair| pair.strip_prefix("hangmat_csrf="))
            .unwrap_or_default(),
    );
    for (path, body) in [
        (
            "/portal/login",
            format!("username={USERNAME}&password=wrong-password-123&csrf={token}"),
        ),
        ("/restore", format!("code={RECOVERY_CODE}&csrf={token}")),
    ] {
        let answer = client
            .post(server.url(path))
            .header(reqwest::header::COOKIE, &csrf)
            .header("sec-fetch-site", "same-origin")
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        ids.push(request_id(&answer));
    }
    secrets.extend([
        USERNAME.to_owned(),
        RECOVERY_CODE.to_owned(),
        token,
        "wrong-password-123".to_owned(),
    ]);
    (ids, secrets)
}

/// Sends SIGTERM and waits for the exit, so every log line is written.
async fn stop(server: &mut Server) {
    let pid = i32::try_from(server.child.id()).unwrap_or(i32::MAX);
    // SAFETY: sends a signal to our own child process.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    for _ in 0..200 {
        if let Ok(Some(_)) = server.child.try_wait() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_log_lines_carry_the_request_id_and_nothing_personal() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log_path = dir.path().join("hangmat.log");
    let log = std::fs::File::create(&log_path).unwrap_or_else(|e| panic!("{e}"));
    let mut server = Server::start_logging(
        &dir.path().join("data"),
        &["--log-format", "json"],
        None,
        log,
    );
    let (ids, secrets) = flow(&server).await;
    stop(&mut server).await;
    let text = std::fs::read_to_string(&log_path).unwrap_or_else(|e| panic!("{e}"));
    let mut logged_ids = BTreeSet::new();
    let mut lines = 0;
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let json: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(json["timestamp"].is_string(), "{line}");
        assert!(json["level"].is_string(), "{line}");
        if let Some(span) = json.get("span") {
            let id = span["request_id"].as_str().unwrap_or_default();
            assert!(!id.is_empty(), "a request's line without its id: {line}");
            logged_ids.insert(id.to_owned());
        }
        lines += 1;
    }
    for id in &ids {
        assert!(logged_ids.contains(id), "request {id} has no log line");
    }
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "the log shows {secret}:\n{text}"
        );
    }
    eprintln!(
        "{lines} JSON lines, {} requests identified",
        logged_ids.len()
    );
}

/// A label value that looks like an id or a code: a UUID, a long run of hex, a code's groups.
fn looks_like_an_id(value: &str) -> bool {
    let hex_run = value
        .split(|c: char| !c.is_ascii_hexdigit())
        .any(|part| part.len() >= 8);
    let code = regex::Regex::new(r"[A-Z0-9]{4}-[A-Z0-9]{4}").is_ok_and(|r| r.is_match(value));
    hex_run || code
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_answer_apart_parse_as_prometheus_and_name_no_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let server = Server::start(
        &dir.path().join("data"),
        &["--metrics-listen", "127.0.0.1:0"],
        None,
    );
    let metrics = server
        .metrics
        .unwrap_or_else(|| panic!("no metrics address printed"));
    assert_ne!(metrics.port(), server.address.port());
    let (_, secrets) = flow(&server).await;
    let public = client()
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(public.status(), 404, "metrics on the public port");
    let scraped = client()
        .get(format!("http://{metrics}/metrics"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scraped.status(), 200);
    let text = scraped.text().await.unwrap_or_else(|e| panic!("{e}"));

    let scripts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts");
    let venv = std::process::Command::new(scripts.join("checks-venv"))
        .output()
        .unwrap_or_else(|e| panic!("scripts/checks-venv: {e}"));
    assert!(venv.status.success(), "{venv:?}");
    let python = String::from_utf8_lossy(&venv.stdout).trim().to_owned();
    let mut parser = std::process::Command::new(python)
        .arg(scripts.join("parse-metrics.py"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = parser.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let parsed = parser.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        parsed.status.success(),
        "prometheus_client refused:\n{text}"
    );
    let samples: Vec<serde_json::Value> =
        serde_json::from_slice(&parsed.stdout).unwrap_or_else(|e| panic!("{e}"));

    let families: BTreeSet<&str> = samples
        .iter()
        .filter_map(|s| s["family"].as_str())
        .collect();
    for family in [
        "hangmat_http_requests",
        "hangmat_http_request_duration_seconds",
        "hangmat_outcome_writes",
        "hangmat_group_commit_batch_size",
        "hangmat_group_commit_wait_seconds",
        "hangmat_database_pool_wait_seconds",
        "hangmat_rate_limit_refusals",
        "hangmat_reminders",
        "hangmat_build_info",
    ] {
        assert!(families.contains(family), "no {family} in {families:?}");
    }
    let outcome_puts = samples.iter().any(|s| {
        s["name"] == "hangmat_http_requests_total"
            && s["labels"]["route"] == "/api/outcomes/{id}"
            && s["labels"]["status"] == "201"
    });
    assert!(outcome_puts, "no outcome PUTs by route template:\n{text}");
    let allowed = [
        "route", "method", "status", "result", "limit", "version", "le",
    ];
    for sample in &samples {
        let labels = sample["labels"].as_object().cloned().unwrap_or_default();
        for (name, value) in labels {
            let value = value.as_str().unwrap_or_default();
            assert!(allowed.contains(&name.as_str()), "label {name}: {sample}");
            assert!(!looks_like_an_id(value), "an id-like label: {sample}");
            for secret in &secrets {
                assert!(!value.contains(secret.as_str()), "{secret} in {sample}");
            }
        }
    }
    eprintln!(
        "{} samples in {} families parsed by prometheus_client",
        samples.len(),
        families.len()
    );
}

#[test]
fn the_environment_sets_config_keys_and_check_explains_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hangmat"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .env("HANGMAT_SECRET_KEY", "11".repeat(32))
        .env("HANGMAT_METRICS_LISTEN", "127.0.0.1:0")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.starts_with("hangmat metrics on http://127.0.0.1:"),
        "HANGMAT_METRICS_LISTEN did not start the metrics: {first}"
    );

    let check = |env: &[(&str, &str)]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_hangmat"));
        command.args(["check", "--explain"]);
        for (name, value) in env {
            command.env(name, value);
        }
        command.output().unwrap_or_else(|e| panic!("{e}"))
    };
    let explained = check(&[]);
    let listed = String::from_utf8_lossy(&explained.stdout).into_owned();
    assert!(explained.status.success(), "{listed}");
    for key in hangmat_server::config::KEYS {
        assert!(listed.contains(&key.env_name()), "{} not listed", key.path);
    }
    let wrong = check(&[("HANGMAT_SERVER_SHUTDOWN_SECONDS", "ten")]);
    assert!(!wrong.status.success());
    let said = String::from_utf8_lossy(&wrong.stderr).into_owned();
    assert!(said.contains("HANGMAT_SERVER_SHUTDOWN_SECONDS"), "{said}");
}

/// The unit file as installed, with the binary where its `ExecStart` looks.
fn installed_unit(dir: &std::path::Path) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let unit = std::fs::read_to_string(root.join("deploy/hangmat.service"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(unit.contains("ExecStart=/usr/local/bin/hangmat serve"));
    let path = dir.join("hangmat.service");
    std::fs::write(
        &path,
        unit.replace("/usr/local/bin/hangmat", env!("CARGO_BIN_EXE_hangmat")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn the_deployment_files_are_valid() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let config = hangmat_server::config::Config::parse(
        &std::fs::read_to_string(root.join("deploy/hangmat.toml"))
            .unwrap_or_else(|e| panic!("{e}")),
        "deploy/hangmat.toml",
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(
        config.server.log_format,
        hangmat_server::config::LogFormat::Json
    );
    assert!(config.metrics.listen.is_some_and(|a| a.ip().is_loopback()));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap_or_else(|e| panic!("{e}"));
    for key in hangmat_server::config::KEYS {
        let row = format!("| `{}` | `{}` |", key.env_name(), key.path);
        assert!(readme.contains(&row), "README lacks {row}");
    }

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let unit = installed_unit(dir.path());
    let verified = std::process::Command::new("systemd-analyze")
        .arg("verify")
        .arg(&unit)
        .output();
    let Ok(verified) = verified else {
        eprintln!("note: no systemd-analyze here; deploy/hangmat.service is not verified");
        return;
    };
    let said = String::from_utf8_lossy(&verified.stderr).into_owned();
    assert!(verified.status.success(), "{said}");
    // Unknown or misspelt keys are only warned about: none may be.
    assert!(said.trim().is_empty(), "systemd-analyze verify: {said}");
}

/// A request whose body never finishes keeps the drain waiting only until
/// `server.shutdown_seconds`; then the server exits anyway, cleanly. SIGTERM (systemd, a
/// container) and SIGINT (Ctrl-C) alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_stop_ends_within_its_limit_with_a_request_stuck_in_flight() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        stop_with_a_request_stuck(signal).await;
    }
}

async fn stop_with_a_request_stuck(signal: libc::c_int) {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = dir.path().join("site.toml");
    std::fs::write(
        &config,
        format!(
            "{}\n[server]\nshutdown_seconds = 2\n",
            hangmat_server::config::EXAMPLE_CONFIG
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let config = config.display().to_string();
    let mut server = Server::start(&dir.path().join("data"), &["--config", &config], None);
    // A form with its CSRF cookie: the server reads the body for the token, and waits for it.
    let home = client()
        .get(server.url("/"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let csrf = set_cookie(&home, "hangmat_csrf").unwrap_or_else(|| panic!("no csrf cookie"));
    let mut stuck = std::net::TcpStream::connect(server.address).unwrap_or_else(|e| panic!("{e}"));
    write!(
        stuck,
        "POST /start HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 1000\r\nSec-Fetch-Site: same-origin\r\nCookie: {csrf}\r\n\r\nbirth_date=",
        server.address
    )
    .unwrap_or_else(|e| panic!("{e}"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = i32::try_from(server.child.id()).unwrap_or(i32::MAX);
    // SAFETY: sends a signal to our own child process.
    unsafe { libc::kill(pid, signal) };
    let signalled = std::time::Instant::now();
    let status = loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            break status;
        }
        assert!(
            signalled.elapsed() < Duration::from_millis(3500),
            "still running past its 2 s limit"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let took = signalled.elapsed();
    eprintln!("stopped {took:?} after signal {signal} with a request in flight");
    assert!(status.success(), "{status:?}");
    assert!(
        took >= Duration::from_millis(1500),
        "it did not wait for the request in flight: {took:?}"
    );
    drop(stuck);
}
