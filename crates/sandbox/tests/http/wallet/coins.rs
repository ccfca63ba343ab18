//! `/coins`, at both of the document's paths, and the operator's token.

use reqwest::StatusCode;
use serde_json::json;

use super::{refusal, start};

#[tokio::test]
async fn coins_are_served_at_both_paths_as_the_document_shows() {
    let wallet = start().await;
    for path in ["/bsv/coins?token=sandbox", "/coins?token=sandbox"] {
        let (status, body) = wallet.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            body,
            json!({"status": "success", "code": 0, "data": {"coins": ["bsv"]}}),
            "{path}"
        );
    }
}

#[tokio::test]
async fn every_call_needs_the_operators_token() {
    let wallet = start().await;
    for path in [
        "/coins",
        "/coins?token=wrong",
        "/bsv/coins?token=",
        "/bsv/connect?token=wrong&webhook=http%3A%2F%2Flocalhost%2Fcallback",
        "/bsv/connected?authtoken=x",
        "/bsv/isconfirmed?token=nope&txhash=ab",
    ] {
        let (status, body) = wallet.get(path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}: {body}");
        assert_eq!(refusal(&body), 1, "{path}");
    }
    let (status, body) = wallet
        .post("/bsv/pay?token=wrong", Some(json!({"secret": "sandbox"})))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(refusal(&body), 1);
    // The document's typo (`?` for `&`) makes the token wrong, as a real server reads it.
    let (status, _) = wallet.get("/bsv/connected?token=sandbox?authtoken=x").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn another_token_can_be_configured() {
    let wallet = super::start_with(|c| c.token = ventanilla_core::Secret::new("op-7")).await;
    let (status, _) = wallet.get("/coins?token=sandbox").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = wallet.get("/coins?token=op-7").await;
    assert_eq!(status, StatusCode::OK);
}
