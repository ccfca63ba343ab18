use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use ventanilla_sandbox::{Credentials, SandboxConfig};

use crate::common::{platform_error, start, start_with};

#[tokio::test]
async fn login_answers_token_lifetime_and_need_change_password() {
    let env = start().await;
    let (status, body) = env.raw_login("sandbox", "sandbox").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["accessToken"].as_str().unwrap().len() >= 20);
    assert_eq!(body["lifetime"], json!(1800));
    assert_eq!(body["needChangePassword"], json!(false));
}

#[tokio::test]
async fn wrong_credentials_are_401_with_platform_error() {
    let env = start().await;
    let (status, body) = env.raw_login("sandbox", "nope").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(platform_error(&body), "INVALID_CREDENTIALS");
    let (status, _) = env.raw_login("someone", "sandbox").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn configured_credentials_replace_the_defaults() {
    let cfg = SandboxConfig {
        credentials: Credentials {
            user: "cajero".into(),
            password: "s3cret".into(),
        },
        ..SandboxConfig::default()
    };
    let sb = ventanilla_sandbox::spawn("127.0.0.1:0".parse().unwrap(), cfg)
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let login = |u: &str, p: &str| {
        http.post(format!("{}/login", sb.base_url()))
            .json(&json!({"userId": u, "userPassword": p}))
            .send()
    };
    assert_eq!(
        login("sandbox", "sandbox").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login("cajero", "s3cret").await.unwrap().status(),
        StatusCode::OK
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn token_expires_after_its_lifetime() {
    let cfg = SandboxConfig {
        token_lifetime: Duration::from_secs(1),
        ..SandboxConfig::default()
    };
    let env = start_with(cfg).await;
    let (status, body) = env.raw_login("sandbox", "sandbox").await;
    assert_eq!(body["lifetime"], json!(1));
    assert_eq!(status, StatusCode::OK);
    let (status, _) = env
        .get("/sales/billPayment/availablesCompanies?companyCode=57")
        .await;
    assert_eq!(status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let (status, body) = env
        .get("/sales/billPayment/availablesCompanies?companyCode=57")
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(platform_error(&body), "INVALID_TOKEN");
}

#[tokio::test]
async fn unknown_token_is_401_and_bearer_prefix_is_accepted() {
    let env = start().await;
    let url = env.url("/sales/billPayment/availablesCompanies?companyCode=57");
    let with_auth = |auth: String| {
        env.http
            .get(&url)
            .header("Authorization", auth)
            .header("applicationId", "a")
            .header("deviceId", "d")
            .send()
    };
    let resp = with_auth("not-a-token".into()).await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let resp = with_auth(format!("Bearer {}", env.token)).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let resp = env
        .http
        .get(&url)
        .header("applicationId", "a")
        .header("deviceId", "d")
        .send()
        .await;
    assert_eq!(resp.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn missing_application_or_device_id_is_400() {
    let env = start().await;
    let url = env.url("/sales/billPayment/availablesCompanies");
    for (app_id, device_id, missing) in [
        (None, Some("d"), "applicationId"),
        (Some("a"), None, "deviceId"),
        (None, None, "applicationId"),
    ] {
        let mut req = env.http.get(&url).header("Authorization", &env.token);
        if let Some(a) = app_id {
            req = req.header("applicationId", a);
        }
        if let Some(d) = device_id {
            req = req.header("deviceId", d);
        }
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
        let body: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(platform_error(&body), "MISSING_HEADER");
        assert!(body["data"]["messageText"]
            .as_str()
            .unwrap()
            .contains(missing));
    }
}
