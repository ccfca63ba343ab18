//! The listener over real HTTP on loopback, with its journal in a real SQLite file.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use ventanilla_core::{RandomIds, SystemClock};
use ventanilla_store::{InboxState, Store};

use crate::app_events::NoEvents;
use crate::config::AppConfig;
use crate::context::Context;
use crate::gateway_id::GatewayId;
use crate::journal_check::JournalCheck;
use crate::webhooks::listener::WebhookListener;
use crate::webhooks::registry::WebhookRoutes;
use crate::webhooks::test_route::{
    EchoRoute, Recorder, HEADER, HEADER_SECRET, MAX_BODY, PATH_SECRET,
};

/// A counter's journal with the listener over it, as `Ventanilla::start` wires them.
struct Counter {
    ctx: Arc<Context>,
    listener: WebhookListener,
    path_applier: Arc<Recorder>,
    header_applier: Arc<Recorder>,
    http: reqwest::Client,
}

impl Counter {
    async fn start(dir: &Path, path_applier: Recorder) -> Counter {
        let cfg = AppConfig::sandbox(dir.to_path_buf());
        let store = Store::open(&cfg.journal_path()).unwrap();
        let bind = cfg.webhook_bind;
        let ctx = Arc::new(Context::new(
            cfg,
            store,
            Arc::new(SystemClock),
            Arc::new(RandomIds),
            Arc::new(NoEvents),
            JournalCheck::Passed,
            GatewayId::ALL,
        ));
        let path_applier = Arc::new(path_applier);
        let header_applier = Arc::new(Recorder::default());
        let mut routes = WebhookRoutes::default();
        routes.register(Arc::new(EchoRoute::in_path()), path_applier.clone());
        routes.register(Arc::new(EchoRoute::in_header()), header_applier.clone());
        let listener = WebhookListener::start(Arc::clone(&ctx), bind, &routes)
            .await
            .unwrap();
        Counter {
            ctx,
            listener,
            path_applier,
            header_applier,
            http: reqwest::Client::new(),
        }
    }

    /// As `Ventanilla::shutdown`: the listener closes, then the journal is let go.
    async fn stop(self) {
        self.ctx.stop();
        self.listener.stopped().await;
        self.ctx.store().close();
    }

    fn url(&self, tail: &str) -> String {
        format!("{}{tail}", self.listener.base_url())
    }

    /// POSTs to the path-secret route at the URL its gateway was given.
    async fn deliver(&self, body: impl Into<reqwest::Body>) -> StatusCode {
        let url = self.listener.callback_url("test_path").unwrap();
        self.post(url.expose(), body, None).await
    }

    async fn post(
        &self,
        url: &str,
        body: impl Into<reqwest::Body>,
        header: Option<&str>,
    ) -> StatusCode {
        let mut req = self.http.post(url).body(body);
        if let Some(value) = header {
            req = req.header(HEADER, value);
        }
        req.send().await.unwrap().status()
    }

    /// POSTs `chunk` `times` over to the path-secret route, chunked (no `Content-Length`), by
    /// hand; returns the answer's status line.
    async fn post_chunked(&self, chunk: &str, times: usize) -> String {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
        let addr = self.listener.base_url().trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /test/callback/{PATH_SECRET} HTTP/1.1\r\nHost: {addr}\r\n\
             Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        for _ in 0..times {
            let piece = format!("{:x}\r\n{chunk}\r\n", chunk.len());
            // The listener may answer and close before the last chunk: that is the point.
            if stream.write_all(piece.as_bytes()).await.is_err() {
                break;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n").await;
        let mut line = String::new();
        tokio::io::BufReader::new(stream)
            .read_line(&mut line)
            .await
            .unwrap();
        line
    }

    /// Every row of the inbox, whatever its state.
    fn rows(&self) -> i64 {
        let conn = rusqlite::Connection::open(self.ctx.cfg.journal_path()).unwrap();
        conn.query_row("SELECT COUNT(*) FROM inbox", [], |r| r.get(0))
            .unwrap()
    }
}

fn body(key: &str) -> String {
    json!({"key": key, "status": "Success"}).to_string()
}

/// Waits (a few seconds at most) until `done` holds.
async fn eventually(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("never happened: {what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_delivery_is_in_the_journal_when_answered_then_applied() {
    let dir = tempfile::tempdir().unwrap();
    let counter = Counter::start(dir.path(), Recorder::default()).await;
    assert!(counter.listener.base_url().starts_with("http://127.0.0.1:"));

    let with_card = json!({"key": "a-1", "card": "4111111111111111"}).to_string();
    assert_eq!(counter.deliver(with_card).await, StatusCode::OK);
    // Answered: so already committed, before any applier ran or not.
    assert_eq!(counter.rows(), 1);
    eventually("applied", || counter.path_applier.applied() == ["a-1"]).await;
    let entry = counter.ctx.store().inbox_unapplied(None).unwrap();
    assert!(entry.is_empty());
    let stored = counter.ctx.store().inbox_entry(1).unwrap();
    assert!(matches!(stored.state, InboxState::Applied { .. }));
    assert_eq!(stored.source, "test_path");
    assert_eq!(stored.body, br#"{"key":"a-1"}"#, "what the route kept");

    let header_route = counter.url("/test/header");
    let ok = counter
        .post(&header_route, body("h-1"), Some(HEADER_SECRET))
        .await;
    assert_eq!(ok, StatusCode::OK);
    eventually("applied by its own applier", || {
        counter.header_applier.applied() == ["h-1"]
    })
    .await;
    assert_eq!(counter.path_applier.applied(), ["a-1"]);

    let journal = counter.ctx.cfg.journal_path();
    counter.stop().await;
    let mut bytes = std::fs::read(&journal).unwrap();
    bytes.extend(std::fs::read(journal.with_extension("sqlite-wal")).unwrap_or_default());
    let text = String::from_utf8_lossy(&bytes);
    for never in [PATH_SECRET, HEADER_SECRET, "4111111111111111"] {
        assert!(!text.contains(never), "{never} reached the journal");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_or_missing_secret_is_401_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let counter = Counter::start(dir.path(), Recorder::default()).await;
    let cases = [
        (counter.url("/test/callback"), None),
        (counter.url("/test/callback/"), None),
        (counter.url("/test/callback/path-secret-012345678"), None),
        (counter.url(&format!("/test/callback/{PATH_SECRET}x")), None),
        (counter.url("/test/header"), None),
        (counter.url("/test/header"), Some("header-secret-012345678")),
        (counter.url("/test/header"), Some("")),
        // The other route's secret, or its place, is no secret here.
        (counter.url(&format!("/test/header/{HEADER_SECRET}")), None),
    ];
    for (url, header) in cases {
        let status = counter.post(&url, body("x"), header).await;
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::NOT_FOUND,
            "{url}: {status}"
        );
        if !url.ends_with('/') && !url.contains(HEADER_SECRET) {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{url} {header:?}");
        }
    }
    // The path route's secret in the header route's header is no secret either.
    let swapped = counter
        .post(&counter.url("/test/header"), body("x"), Some(PATH_SECRET))
        .await;
    assert_eq!(swapped, StatusCode::UNAUTHORIZED);
    assert_eq!(counter.rows(), 0);
    counter.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_is_400_oversized_413_wrong_method_405_and_none_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let counter = Counter::start(dir.path(), Recorder::default()).await;
    for bad in ["", "not json", "{\"status\":\"Success\"}", "{\"key\": 7}"] {
        assert_eq!(counter.deliver(bad).await, StatusCode::BAD_REQUEST, "{bad}");
    }
    let big = json!({"key": "big", "pad": "x".repeat(MAX_BODY)}).to_string();
    assert_eq!(counter.deliver(big).await, StatusCode::PAYLOAD_TOO_LARGE);
    // The same, sent in chunks without a length up front.
    let status = counter.post_chunked(&"x".repeat(100), 20).await;
    assert!(status.starts_with("HTTP/1.1 413"), "{status}");
    let url = counter.listener.callback_url("test_path").unwrap();
    let get = counter.http.get(url.expose()).send().await.unwrap();
    assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(counter.rows(), 0);
    // Just under the limit is fine.
    let fits = json!({"key": "fits", "pad": "x".repeat(MAX_BODY - 40)}).to_string();
    assert!(fits.len() <= MAX_BODY);
    assert_eq!(counter.deliver(fits).await, StatusCode::OK);
    assert_eq!(counter.rows(), 1);
    counter.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_delivery_is_answered_and_applied_once() {
    let dir = tempfile::tempdir().unwrap();
    let counter = Counter::start(dir.path(), Recorder::default()).await;
    assert_eq!(counter.deliver(body("k-1")).await, StatusCode::OK);
    eventually("applied", || counter.path_applier.applied().len() == 1).await;
    // Once applied, and while it is still new: both are repeats, answered 2xx so the gateway
    // stops sending.
    assert_eq!(counter.deliver(body("k-1")).await, StatusCode::OK);
    assert_eq!(counter.deliver(body("k-2")).await, StatusCode::OK);
    assert_eq!(counter.deliver(body("k-2")).await, StatusCode::OK);
    eventually("both applied", || counter.path_applier.applied().len() == 2).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(counter.path_applier.applied(), ["k-1", "k-2"]);
    assert_eq!(counter.rows(), 2);
    let first = counter.ctx.store().inbox_entry(1).unwrap();
    assert_eq!(first.duplicates, 1);
    counter.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_was_stored_and_not_applied_is_applied_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let first = Counter::start(dir.path(), Recorder::holding()).await;
    let url = first.listener.base_url().to_string();
    for key in ["r-1", "r-2", "r-3"] {
        assert_eq!(first.deliver(body(key)).await, StatusCode::OK);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(first.path_applier.applied().is_empty());
    assert_eq!(first.ctx.store().inbox_counts().unwrap().waiting, 3);
    first.stop().await;
    // The listener is gone with it: nothing answers at its address.
    assert!(reqwest::Client::new().post(&url).send().await.is_err());

    let second = Counter::start(dir.path(), Recorder::default()).await;
    eventually("applied at start", || {
        second.path_applier.applied() == ["r-1", "r-2", "r-3"]
    })
    .await;
    assert_eq!(second.ctx.store().inbox_counts().unwrap().waiting, 0);
    // A gateway repeating one of them after the restart changes nothing.
    assert_eq!(second.deliver(body("r-2")).await, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(second.path_applier.applied().len(), 3);
    second.stop().await;
}
