//! The counter's webhook listener, as a test needs it: records every delivery (its headers and
//! raw body) and answers 500 to the first `fail_first` ones, which must then be retried.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde_json::Value;

/// One delivery as received.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub text: String,
}

impl Delivery {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).expect("the delivery is JSON")
    }
}

#[derive(Default)]
struct Inbox {
    accepted: Mutex<Vec<Delivery>>,
    attempts: AtomicUsize,
    fail_first: usize,
}

pub struct Listener {
    pub url: String,
    inbox: Arc<Inbox>,
}

/// The path the document has checkout listen on.
pub const PATH: &str = "/captures/tokenization/webhook_callback";

impl Listener {
    pub async fn start(fail_first: usize) -> Listener {
        let inbox = Arc::new(Inbox {
            fail_first,
            ..Inbox::default()
        });
        let app = Router::new()
            .route(PATH, post(receive))
            .with_state(Arc::clone(&inbox));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}{PATH}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Listener { url, inbox }
    }

    pub fn attempts(&self) -> usize {
        self.inbox.attempts.load(Ordering::SeqCst)
    }

    pub fn accepted(&self) -> Vec<Delivery> {
        self.inbox.accepted.lock().unwrap().clone()
    }

    /// Waits until `n` deliveries were accepted (panics after 10 s), then a little longer to
    /// catch any that should not come, and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Delivery> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.accepted().len() < n {
            assert!(
                Instant::now() < deadline,
                "only {} of {n} deliveries arrived",
                self.accepted().len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.accepted()
    }
}

async fn receive(State(inbox): State<Arc<Inbox>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let attempt = inbox.attempts.fetch_add(1, Ordering::SeqCst);
    if attempt < inbox.fail_first {
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    inbox.accepted.lock().unwrap().push(Delivery {
        authorization: header("authorization"),
        content_type: header("content-type"),
        text: String::from_utf8(body.to_vec()).unwrap(),
    });
    StatusCode::OK
}
