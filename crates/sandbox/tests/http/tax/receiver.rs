//! The agent's callback listener, as a test needs it: records every body it is sent, and
//! answers 500 to the first `fail_first` deliveries (which must then be retried).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;

#[derive(Default)]
struct Inbox {
    /// Bodies answered 2xx, in arrival order.
    accepted: Mutex<Vec<Value>>,
    /// Every delivery, refused ones included.
    attempts: AtomicUsize,
    fail_first: usize,
}

pub struct Receiver {
    pub url: String,
    inbox: Arc<Inbox>,
}

impl Receiver {
    pub async fn start(fail_first: usize) -> Receiver {
        let inbox = Arc::new(Inbox {
            fail_first,
            ..Inbox::default()
        });
        let app = Router::new()
            .route("/tax/callback", post(receive))
            .with_state(Arc::clone(&inbox));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/tax/callback", listener.local_addr().unwrap());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Receiver { url, inbox }
    }

    pub fn attempts(&self) -> usize {
        self.inbox.attempts.load(Ordering::SeqCst)
    }

    pub fn accepted(&self) -> Vec<Value> {
        self.inbox.accepted.lock().unwrap().clone()
    }

    /// Waits until `n` callbacks were accepted (panics after 10 s), then a little longer to
    /// catch any that should not come, and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.accepted().len() < n {
            assert!(
                Instant::now() < deadline,
                "only {} of {n} callbacks arrived: {:?}",
                self.accepted().len(),
                self.accepted()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.accepted()
    }
}

async fn receive(State(inbox): State<Arc<Inbox>>, Json(body): Json<Value>) -> StatusCode {
    let attempt = inbox.attempts.fetch_add(1, Ordering::SeqCst);
    if attempt < inbox.fail_first {
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    inbox.accepted.lock().unwrap().push(body);
    StatusCode::OK
}
