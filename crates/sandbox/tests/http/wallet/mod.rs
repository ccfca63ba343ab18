//! The wallet gateway (pennymatic-wallet.md with specs/README's decisions), over real HTTP:
//! the document's examples, the connect flow with the consent received by a webhook of the
//! test's own, payments, confirmations, and the faults a counter must survive.

mod coins;
mod connect;
mod listener;
mod pay;

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::{spawn, PennymaticConfig, SandboxConfig, SandboxHandle};

use listener::Listener;

pub struct Wallet {
    pub sb: SandboxHandle,
    pub http: reqwest::Client,
    pub base: String,
}

/// A sandbox whose consents retry quickly and whose payments confirm after 300 ms.
pub async fn start() -> Wallet {
    start_with(|_| {}).await
}

pub async fn start_with(tune: impl FnOnce(&mut PennymaticConfig)) -> Wallet {
    let mut pennymatic = PennymaticConfig {
        confirm_delay: Duration::from_millis(300),
        retry_initial: Duration::from_millis(50),
        retry_max: Duration::from_millis(200),
        ..PennymaticConfig::default()
    };
    tune(&mut pennymatic);
    let sb = spawn(
        "127.0.0.1:0".parse().unwrap(),
        SandboxConfig {
            pennymatic,
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
    Wallet { sb, http, base }
}

/// The `webhook` parameter as the document has it: "uriencoded".
pub fn uriencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl Wallet {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A GET and its raw answer.
    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let resp = self.http.get(self.url(path)).send().await.unwrap();
        (resp.status(), resp.text().await.unwrap())
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let (status, text) = self.get_text(path).await;
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = self.http.post(self.url(path));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap())
    }

    /// `GET /bsv/connect` for `webhook`; the answer's `data`.
    pub async fn connect(&self, webhook: &str) -> Value {
        let (status, body) = self
            .get(&format!(
                "/bsv/connect?token=sandbox&webhook={}",
                uriencode(webhook)
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["status"], "success", "{body}");
        assert_eq!(body["code"], 0);
        body["data"].clone()
    }

    pub async fn approve(&self, session_id: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.post(
            &format!("/_sandbox/pennymatic/sessions/{session_id}/approve"),
            body,
        )
        .await
    }

    /// Connects a wallet through `rx` with `token` as its user token; the session id.
    pub async fn connected_wallet(&self, rx: &Listener, token: &str) -> String {
        let data = self.connect(&rx.url).await;
        let session = data["sessionid"].as_str().unwrap().to_owned();
        let before = rx.accepted().len();
        let (status, body) = self
            .approve(&session, Some(json!({"user_token": token})))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        rx.wait_for(before + 1).await;
        session
    }

    pub async fn is_connected(&self, param: &str, token: &str) -> bool {
        let (status, body) = self
            .get(&format!("/bsv/connected?token=sandbox&{param}={token}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["status"], "success", "{body}");
        body["data"].as_bool().unwrap()
    }

    /// `POST /bsv/pay?token=sandbox` with this body, as given.
    pub async fn pay(&self, body: Value) -> (StatusCode, Value) {
        self.post("/bsv/pay?token=sandbox", Some(body)).await
    }

    pub async fn payments(&self) -> Vec<Value> {
        let (status, body) = self.get("/_sandbox/pennymatic/payments").await;
        assert_eq!(status, StatusCode::OK);
        body.as_array().unwrap().clone()
    }
}

/// Asserts the gateway's error envelope and returns its code.
pub fn refusal(body: &Value) -> u64 {
    assert_eq!(body["status"], "error", "{body}");
    assert!(body["data"].is_null(), "{body}");
    assert!(
        !body["message"].as_str().unwrap_or_default().is_empty(),
        "{body}"
    );
    let code = body["code"].as_u64().unwrap();
    assert_ne!(code, 0, "{body}");
    code
}
