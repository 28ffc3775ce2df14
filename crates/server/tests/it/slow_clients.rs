//! Slow clients against the real binary: with the open-file limit at 1,024 (as on many hosts),
//! 1,100 connections that send half a request head and wait must not keep `/healthz` from
//! answering, and the server must close them (and idle kept-alive ones) after its head time limit.

use crate::binary::Server;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

const SLOW_CLIENTS: usize = 1_100;

fn start_server() -> Server {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut server = Server::start(dir.path(), &[], Some(1024));
    server.keep(dir);
    server
}

/// `GET /healthz` on a new connection: the status line and how long the answer took.
fn healthz(address: SocketAddr) -> (String, Duration) {
    let started = Instant::now();
    let answer = (|| -> std::io::Result<String> {
        let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?;
        let mut text = String::new();
        stream.read_to_string(&mut text)?;
        Ok(text.lines().next().unwrap_or_default().to_owned())
    })();
    (
        answer.unwrap_or_else(|e| format!("no answer: {e}")),
        started.elapsed(),
    )
}

/// Whether the server has closed a connection (end of stream or reset), without waiting.
fn closed(stream: &mut TcpStream) -> bool {
    let _ = stream.set_nonblocking(true);
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return false,
            Err(_) => return true,
        }
    }
}

#[test]
fn health_answers_while_1100_slow_clients_wait_and_they_are_closed_in_time() {
    let server = start_server();
    let mut slow: Vec<TcpStream> = (0..SLOW_CLIENTS)
        .map(|n| {
            let mut stream = TcpStream::connect(server.address)
                .unwrap_or_else(|e| panic!("slow client {n}: {e}"));
            let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n");
            stream
        })
        .collect();
    // One kept-alive connection that asked once and then sits idle.
    let mut idle = TcpStream::connect(server.address).unwrap_or_else(|e| panic!("{e}"));
    let _ = idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    let _ = idle.set_read_timeout(Some(Duration::from_secs(5)));
    let mut first = [0u8; 12];
    let _ = idle.read_exact(&mut first);
    assert_eq!(&first, b"HTTP/1.1 200");
    std::thread::sleep(Duration::from_millis(500));

    let answers: Vec<(String, Duration)> = (0..5).map(|_| healthz(server.address)).collect();
    let held = slow.iter_mut().map(closed).filter(|c| !c).count();
    eprintln!("slow clients held: {held}; /healthz answers: {answers:?}");
    for (status, took) in &answers {
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(*took < Duration::from_secs(1), "took {took:?}");
    }
    assert_eq!(
        held, SLOW_CLIENTS,
        "every slow client is held, none refused"
    );

    // After the head time limit (10 s) every one of them is closed, and so is the idle one.
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut open = SLOW_CLIENTS;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(500));
        open = slow.iter_mut().map(closed).filter(|c| !c).count();
        if open == 0 && closed(&mut idle) {
            break;
        }
    }
    assert_eq!(open, 0, "slow clients still open after the head time limit");
    assert!(closed(&mut idle), "an idle kept-alive connection is closed");
    assert_eq!(healthz(server.address).0, "HTTP/1.1 200 OK");
}
