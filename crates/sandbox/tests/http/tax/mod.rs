//! The tax platform (arkadu-collection-agents.md), over real HTTP: tokens, the actions of
//! `/api/payments/pending/`, and the callbacks, received by a small server of the test's own.

mod auth;
mod callbacks;
mod lookup;
mod orders;
mod receiver;
mod reports;

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use ventanilla_sandbox::{spawn, ArkaduConfig, SandboxConfig, SandboxHandle};

pub const PENDING: &str = "/api/payments/pending/";
pub const TOKEN: &str = "/api/user/access/get-token/";

pub struct Tax {
    pub sb: SandboxHandle,
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
}

/// A sandbox whose callbacks retry quickly, with a token of the agent app.
pub async fn start() -> Tax {
    start_with(|_| {}).await
}

pub async fn start_with(tune: impl FnOnce(&mut ArkaduConfig)) -> Tax {
    let mut arkadu = ArkaduConfig {
        processing_delay: Duration::from_millis(10),
        retry_initial: Duration::from_millis(50),
        retry_max: Duration::from_millis(200),
        ..ArkaduConfig::default()
    };
    tune(&mut arkadu);
    start_config(SandboxConfig {
        arkadu,
        ..SandboxConfig::default()
    })
    .await
}

pub async fn start_config(cfg: SandboxConfig) -> Tax {
    let sb = spawn("127.0.0.1:0".parse().unwrap(), cfg)
        .await
        .expect("sandbox starts");
    let base = sb.base_url();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut tax = Tax {
        sb,
        http,
        base,
        token: String::new(),
    };
    let (status, body) = tax
        .grant(&[
            ("grant_type", "client_credentials"),
            ("client_id", "sandbox"),
            ("client_secret", "sandbox"),
        ])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    tax.token = body["access_token"].as_str().unwrap().to_owned();
    tax
}

impl Tax {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `POST` to the token endpoint, form-encoded as OAuth2 clients send it.
    pub async fn grant(&self, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        let resp = self
            .http
            .post(self.url(TOKEN))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap())
    }

    /// A call to `/api/payments/pending/` with the agent's bearer token and a JSON body.
    pub async fn call(&self, method: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.call_with(method, PENDING, &self.token, body).await
    }

    pub async fn call_with(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self
            .http
            .request(method, self.url(path))
            .header("Authorization", format!("Bearer {token}"));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap())
    }

    /// The pending items of `doc_id`, looked up with the query parameter.
    pub async fn lookup(&self, doc_id: &str) -> Vec<Value> {
        let (status, body) = self
            .call_with(
                "GET",
                &format!("{PENDING}?doc_id={doc_id}"),
                &self.token,
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["res"], json!(1), "{body}");
        body["data"].as_array().unwrap().clone()
    }

    /// Creates an order of `ids`; returns its answer.
    pub async fn create(&self, ids: &[u64]) -> Value {
        let (status, body) = self.call("POST", Some(json!({"pending_ids": ids}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["res"], json!(1), "{body}");
        body
    }

    /// Reports the payment of `order` (as the create answer gave it) for its total.
    pub async fn report(&self, order: &Value, reference: &str) -> (StatusCode, Value) {
        self.call(
            "POST",
            Some(json!({
                "order_id": order["order"],
                "amount": order["total_amount"],
                "reference": reference,
                "created": "2025-05-18T10:15:00-04:00",
                "result": "Approved",
            })),
        )
        .await
    }
}

/// The ids of items (`detail` or `data`).
pub fn ids(items: &[Value]) -> Vec<u64> {
    items.iter().map(|i| i["id"].as_u64().unwrap()).collect()
}

/// Asserts a refusal in the platform's envelope and returns its `error`.
pub fn refusal(body: &Value) -> String {
    assert_eq!(body["res"], json!(0), "{body}");
    assert!(
        !body["message"].as_str().unwrap_or_default().is_empty(),
        "{body}"
    );
    body["error"].as_str().unwrap().to_owned()
}
