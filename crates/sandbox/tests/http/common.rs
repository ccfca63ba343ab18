//! Test helpers: a sandbox on port 0 and a logged-in client.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::{spawn, SandboxConfig, SandboxHandle};

pub struct Env {
    pub sb: SandboxHandle,
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
}

pub async fn start() -> Env {
    start_with(SandboxConfig::default()).await
}

pub async fn start_with(cfg: SandboxConfig) -> Env {
    let sb = spawn("127.0.0.1:0".parse().unwrap(), cfg)
        .await
        .expect("sandbox starts");
    let base = sb.base_url();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut env = Env {
        sb,
        http,
        base,
        token: String::new(),
    };
    env.token = env.login("sandbox", "sandbox").await;
    env
}

impl Env {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn login(&self, user: &str, password: &str) -> String {
        let (status, body) = self.raw_login(user, password).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["accessToken"].as_str().unwrap().to_owned()
    }

    pub async fn raw_login(&self, user: &str, password: &str) -> (StatusCode, Value) {
        let resp = self
            .http
            .post(self.url("/login"))
            .json(&json!({"userId": user, "userPassword": password}))
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap())
    }

    /// A request with the three headers every hub call needs.
    pub fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.url(path))
            .header("Authorization", &self.token)
            .header("applicationId", "ventanilla-tests")
            .header("deviceId", "counter-01")
    }

    pub async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let resp = self
            .req(reqwest::Method::POST, path)
            .json(body)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap())
    }

    /// POST with a raw JSON text body (the documents' examples, verbatim).
    pub async fn post_text(&self, path: &str, body: &str) -> (StatusCode, Value) {
        let resp = self
            .req(reqwest::Method::POST, path)
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap())
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let resp = self.req(reqwest::Method::GET, path).send().await.unwrap();
        let status = resp.status();
        (status, resp.json().await.unwrap())
    }

    pub async fn find_barcode(&self, barcode: &str) -> Vec<Value> {
        let (status, body) = self
            .post(
                "/sales/billPayment/availablesBill/findByBarCode",
                &json!({"billBarCode": barcode}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body.as_array().unwrap().clone()
    }

    pub async fn pay(&self, bill: &Value, amount: &str, client_id: &str) -> (StatusCode, Value) {
        self.post("/sales/billPayment/", &pay_body(bill, amount, client_id))
            .await
    }
}

/// A pay request for a bill as the search returned it; `amount` is written as a JSON number.
pub fn pay_body(bill: &Value, amount: &str, client_id: &str) -> Value {
    let amount: Value = serde_json::from_str(amount).unwrap();
    json!({
        "transactionType": "Sale",
        "amount": amount,
        "clientTransactionId": client_id,
        "product": {"id": bill["billCompany"]["id"]},
        "transactionData": {"className": "BillPaymentData", "externalData": bill["externalData"]}
    })
}

/// Asserts the platform error shape and returns its `errorCode`.
pub fn platform_error(body: &Value) -> String {
    assert!(body["code"].is_number(), "{body}");
    assert!(body["message"].is_string(), "{body}");
    assert!(body["data"]["errorType"].is_string(), "{body}");
    assert!(
        !body["data"]["messageText"].as_str().unwrap().is_empty(),
        "{body}"
    );
    body["data"]["errorCode"].as_str().unwrap().to_owned()
}

/// A JSON number's exact text (`2748.00`).
pub fn num(v: &Value) -> String {
    assert!(v.is_number(), "not a number: {v}");
    v.to_string()
}
