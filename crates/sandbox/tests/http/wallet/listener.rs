//! The operator's consent webhook, as a test needs it: records the query of every `GET` it
//! is sent and answers 500 to the first `fail_first`, which must then be retried.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

pub type Consent = HashMap<String, String>;

#[derive(Default)]
struct Inbox {
    accepted: Mutex<Vec<Consent>>,
    attempts: AtomicUsize,
    fail_first: usize,
}

pub struct Listener {
    /// `http://127.0.0.1:PORT/callback`, as the document's example names it.
    pub url: String,
    inbox: Arc<Inbox>,
}

impl Listener {
    pub async fn start(fail_first: usize) -> Listener {
        let inbox = Arc::new(Inbox {
            fail_first,
            ..Inbox::default()
        });
        let app = Router::new()
            .route("/callback", get(receive))
            .with_state(Arc::clone(&inbox));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/callback", listener.local_addr().unwrap());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Listener { url, inbox }
    }

    pub fn attempts(&self) -> usize {
        self.inbox.attempts.load(Ordering::SeqCst)
    }

    pub fn accepted(&self) -> Vec<Consent> {
        self.inbox.accepted.lock().unwrap().clone()
    }

    /// Waits until `n` consents were accepted (panics after 10 s), then a little longer to
    /// catch any that should not come, and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Consent> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.accepted().len() < n {
            assert!(
                Instant::now() < deadline,
                "only {} of {n} consents arrived",
                self.accepted().len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.accepted()
    }
}

async fn receive(State(inbox): State<Arc<Inbox>>, Query(query): Query<Consent>) -> StatusCode {
    let attempt = inbox.attempts.fetch_add(1, Ordering::SeqCst);
    if attempt < inbox.fail_first {
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    inbox.accepted.lock().unwrap().push(query);
    StatusCode::OK
}
