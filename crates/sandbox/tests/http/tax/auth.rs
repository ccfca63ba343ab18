use reqwest::StatusCode;
use serde_json::json;

use super::{refusal, start, PENDING, TOKEN};

#[tokio::test]
async fn client_credentials_then_refresh_rotates_both_tokens() {
    let tax = start().await;
    let (status, first) = tax
        .grant(&[
            ("grant_type", "client_credentials"),
            ("client_id", "sandbox"),
            ("client_secret", "sandbox"),
        ])
        .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["expires_in"], json!(36_000));
    let access = first["access_token"].as_str().unwrap();
    let refresh = first["refresh_token"].as_str().unwrap();
    assert_ne!(access, refresh);

    // Refresh as JSON, with the client's credentials, as our README says clients send it.
    let resp = tax
        .http
        .post(tax.url(TOKEN))
        .json(&json!({"client_id": "sandbox", "client_secret": "sandbox",
            "grant_type": "refresh_token", "refresh_token": refresh}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let second: serde_json::Value = resp.json().await.unwrap();
    let new_access = second["access_token"].as_str().unwrap();
    assert_ne!(new_access, access);
    assert_ne!(second["refresh_token"].as_str().unwrap(), refresh);

    let doc = format!("{PENDING}?doc_id=V-12345678");
    let (status, _) = tax.call_with("GET", &doc, new_access, None).await;
    assert_eq!(status, StatusCode::OK);
    // The old pair died with the refresh.
    let (status, body) = tax.call_with("GET", &doc, access, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(refusal(&body), "invalid_token");
    let (status, body) = tax
        .grant(&[("grant_type", "refresh_token"), ("refresh_token", refresh)])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], json!("invalid_grant"));
}

#[tokio::test]
async fn wrong_credentials_and_grants_are_refused() {
    let tax = start().await;
    let (status, body) = tax
        .grant(&[
            ("grant_type", "client_credentials"),
            ("client_id", "sandbox"),
            ("client_secret", "wrong"),
        ])
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], json!("invalid_client"));
    let (status, body) = tax.grant(&[("grant_type", "password")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], json!("unsupported_grant_type"));
    // HTTP Basic is the other way an OAuth2 client authenticates.
    let resp = tax
        .http
        .post(tax.url(TOKEN))
        .basic_auth("sandbox", Some("sandbox"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
}

#[tokio::test]
async fn every_other_call_needs_a_live_bearer() {
    let tax = start().await;
    let doc = format!("{PENDING}?doc_id=V-12345678");
    for (method, token) in [
        ("GET", "not-a-token"),
        ("POST", ""),
        ("PUT", "x"),
        ("UPDATE", "x"),
    ] {
        let (status, body) = tax
            .call_with(method, &doc, token, Some(json!({"pending_ids": [1001]})))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method}: {body}");
        refusal(&body);
    }
    let resp = tax.http.get(tax.url(&doc)).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(refusal(&body), "not_authenticated");
    // Nothing was ordered by the refused calls.
    assert!(tax.sb.tax_orders().is_empty());
}

#[tokio::test]
async fn tokens_expire() {
    let tax = super::start_with(|c| c.token_lifetime = std::time::Duration::from_secs(1)).await;
    let doc = format!("{PENDING}?doc_id=V-12345678");
    let (status, _) = tax.call_with("GET", &doc, &tax.token, None).await;
    assert_eq!(status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, body) = tax.call_with("GET", &doc, &tax.token, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
}
