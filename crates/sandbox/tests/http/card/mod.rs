//! The card terminal and its PCI proxy's webhook (quickpay-tokenization-webhook.md), over real
//! HTTP: captures started and presented through the sandbox's API and its page, and the
//! document's `card_captured` body received by a listener of the test's own.

mod captures;
mod listener;
mod terminal;
mod webhook;

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::{spawn, QuickpayConfig, SandboxConfig, SandboxHandle, Subscription};

pub const TOKEN: &str = "checkout-bearer-1";

pub struct Card {
    pub sb: SandboxHandle,
    pub http: reqwest::Client,
    pub base: String,
}

/// A sandbox whose deliveries retry quickly, subscribed to `webhook` (with [`TOKEN`]) if given.
pub async fn start(webhook: Option<&str>) -> Card {
    let quickpay = QuickpayConfig {
        subscription: webhook.map(|url| Subscription::new(url, TOKEN)),
        retry_initial: Duration::from_millis(50),
        retry_max: Duration::from_millis(200),
    };
    let sb = spawn(
        "127.0.0.1:0".parse().unwrap(),
        SandboxConfig {
            quickpay,
            ..SandboxConfig::default()
        },
    )
    .await
    .expect("sandbox starts");
    let base = sb.base_url();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    Card { sb, http, base }
}

impl Card {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap())
    }

    /// `POST /_sandbox/quickpay/captures` with this body, as given.
    pub async fn start_raw(&self, body: Value) -> (StatusCode, Value) {
        self.send(
            reqwest::Method::POST,
            "/_sandbox/quickpay/captures",
            Some(body),
        )
        .await
    }

    /// Starts a capture that must be new.
    pub async fn start_capture(&self, reference: &str, amount: &str, currency: &str) -> Value {
        let (status, body) = self
            .start_raw(json!({"reference_id": reference, "amount": amount, "currency": currency}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    pub async fn present(&self, reference: &str, body: Value) -> (StatusCode, Value) {
        self.send(
            reqwest::Method::POST,
            &format!("/_sandbox/quickpay/captures/{reference}/present"),
            Some(body),
        )
        .await
    }

    pub async fn capture(&self, reference: &str) -> (StatusCode, Value) {
        self.send(
            reqwest::Method::GET,
            &format!("/_sandbox/quickpay/captures/{reference}"),
            None,
        )
        .await
    }

    pub async fn subscribe(&self, url: &str, token: &str) -> (StatusCode, Value) {
        self.send(
            reqwest::Method::PUT,
            "/_sandbox/quickpay/subscription",
            Some(json!({"url": url, "token": token})),
        )
        .await
    }

    /// Waits until the capture's deliveries show `acknowledged` (panics after 10 s).
    pub async fn wait_acknowledged(&self, reference: &str, acknowledged: u64) -> Value {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let (_, view) = self.capture(reference).await;
            if view["deliveries"]["acknowledged"] == json!(acknowledged) {
                return view;
            }
            assert!(std::time::Instant::now() < deadline, "{view}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Asserts a refusal of the sandbox's API and returns its message.
pub fn refusal(body: &Value) -> String {
    let msg = body["error"].as_str().unwrap_or_default().to_owned();
    assert!(!msg.is_empty(), "{body}");
    msg
}
