//! A one-shot HTTP server for the client's tests: it answers each connection with the next
//! canned reply and keeps what it was sent, so the tests see the exact query strings and
//! bodies without a sandbox.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A canned reply; `None` as the body holds the connection open without answering.
pub struct Canned {
    pub status: u16,
    pub body: Option<String>,
}

pub fn reply(status: u16, body: &str) -> Canned {
    Canned {
        status,
        body: Some(body.to_string()),
    }
}

pub fn silence() -> Canned {
    Canned {
        status: 0,
        body: None,
    }
}

/// One request as received: its request line (`GET /path?query HTTP/1.1`) and body.
#[derive(Debug, Clone)]
pub struct Seen {
    pub line: String,
    pub body: String,
}

pub struct FakeServer {
    pub base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FakeServer {
    pub async fn start(replies: Vec<Canned>) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            for canned in replies {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let request = read_request(&mut socket).await;
                log.lock().unwrap().push(request);
                let Some(body) = canned.body else {
                    // Keep the connection open until the client gives up.
                    tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                    continue;
                };
                let head = format!(
                    "HTTP/1.1 {} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    canned.status,
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(body.as_bytes()).await;
                let _ = socket.shutdown().await;
            }
        });
        FakeServer { base_url, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Seen {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = find(&data, b"\r\n\r\n") {
            break at + 4;
        }
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => break data.len(),
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_string();
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())
                .flatten()
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
    Seen {
        line: head.lines().next().unwrap_or_default().to_string(),
        body: String::from_utf8_lossy(&data[head_end..]).to_string(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
