//! The real `hangmat` binary as a child process, for what only a process shows: open-file limits,
//! slow sockets, being killed.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `hangmat serve` and the address it listens on; killed when dropped.
pub struct Server {
    pub child: Child,
    pub address: SocketAddr,
    /// The metrics listener's address, when started with `--metrics-listen`.
    pub metrics: Option<SocketAddr>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the binary on `data` with `extra` arguments (a soft open-file limit if given) and
    /// waits for its "listening" line.
    pub fn start(data: &Path, extra: &[&str], soft_open_files: Option<u32>) -> Server {
        Self::start_logging(data, extra, soft_open_files, Stdio::null())
    }

    /// [`Server::start`] with its standard error (the log) going to `log`.
    pub fn start_logging(
        data: &Path,
        extra: &[&str],
        soft_open_files: Option<u32>,
        log: impl Into<Stdio>,
    ) -> Server {
        let script = match soft_open_files {
            Some(limit) => format!(r#"ulimit -Sn {limit} && exec "$0" "$@""#),
            None => r#"exec "$0" "$@""#.to_owned(),
        };
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_hangmat"))
            .args(["serve", "--listen", "127.0.0.1:0", "--data"])
            .arg(data)
            .args(extra)
            .env("HANGMAT_SECRET_KEY", "11".repeat(32))
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("start hangmat: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut metrics = None;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(address) = line
                    .strip_prefix("hangmat metrics on http://")
                    .and_then(|rest| rest.strip_suffix("/metrics"))
                {
                    metrics = address.parse::<SocketAddr>().ok();
                }
                if let Some(address) = line.strip_prefix("hangmat listening on http://") {
                    let _ = sender.send((address.to_owned(), metrics));
                }
            }
        });
        let (address, metrics) = receiver
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|e| panic!("the server did not start: {e}"));
        Server {
            child,
            address: address.parse().unwrap_or_else(|e| panic!("{address}: {e}")),
            metrics,
            _dir: None,
        }
    }

    /// Keeps a temporary directory alive as long as the server.
    pub fn keep(&mut self, dir: tempfile::TempDir) {
        self._dir = Some(dir);
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }
}
