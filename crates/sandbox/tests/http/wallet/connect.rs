//! Connecting a wallet: the connect session and its URL, the authorize page the phone opens,
//! the consent delivered to the operator's webhook, `connected`, the customer disconnecting,
//! and sessions that expire.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use ventanilla_sandbox::FaultPlan;

use super::listener::Listener;
use super::{refusal, start, start_with, uriencode};

const APP_ID_LEN: usize = 24;

#[tokio::test]
async fn connect_answers_a_session_and_the_url_for_the_qr_code() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    let data = wallet.connect(&rx.url).await;
    let session = data["sessionid"].as_str().unwrap();
    assert_eq!(session.len(), 36);
    assert_eq!(session.matches('-').count(), 4);
    let url = reqwest::Url::parse(data["url"].as_str().unwrap()).unwrap();
    assert_eq!(
        url.as_str().split('?').next().unwrap(),
        wallet.url("/_sandbox/pennymatic/authorize")
    );
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(query["sessionid"], session);
    let app_id = &query["appId"];
    assert!(app_id.len() == APP_ID_LEN && app_id.bytes().all(|b| b.is_ascii_hexdigit()));

    // The page the phone opens.
    let resp = wallet.http.get(url.as_str()).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    for text in [
        "Conectar billetera",
        "Autorizar",
        app_id.as_str(),
        "method=\"post\"",
    ] {
        assert!(html.contains(text), "{text} not in {html}");
    }
    assert!(html.contains(&format!(
        "action=\"/_sandbox/pennymatic/sessions/{session}/approve\""
    )));

    let (_, view) = wallet
        .get(&format!("/_sandbox/pennymatic/sessions/{session}"))
        .await;
    assert_eq!(view["state"], "waiting");
    assert_eq!(view["token_delivered"], false);
    assert_eq!(view["webhook"], rx.url.as_str());
}

#[tokio::test]
async fn connect_needs_an_http_webhook() {
    let wallet = start().await;
    for path in [
        "/bsv/connect?token=sandbox".to_owned(),
        "/bsv/connect?token=sandbox&webhook=".to_owned(),
        format!(
            "/bsv/connect?token=sandbox&webhook={}",
            uriencode("ftp://x/cb")
        ),
        "/bsv/connect?token=sandbox&webhook=callback".to_owned(),
    ] {
        let (status, body) = wallet.get(&path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(refusal(&body), 2, "{path}");
    }
}

#[tokio::test]
async fn approving_delivers_the_consent_and_connects_the_token() {
    let wallet = start().await;
    let rx = Listener::start(2).await;
    let data = wallet.connect(&rx.url).await;
    let session = data["sessionid"].as_str().unwrap();
    let (status, body) = wallet.approve(session, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"sessionid": session, "state": "approved"}));
    let got = rx.wait_for(1).await;
    assert_eq!(rx.attempts(), 3, "two 500s, then the 200");
    let consent = &got[0];
    assert_eq!(consent["sessionid"], session);
    let query: std::collections::HashMap<_, _> = reqwest::Url::parse(data["url"].as_str().unwrap())
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect();
    assert_eq!(consent["appId"], query["appId"]);
    let token = consent["usertoken"].clone();
    assert!(token.len() >= 32, "an unguessable token: {token}");

    assert!(wallet.is_connected("authtoken", &token).await);
    assert!(wallet.is_connected("usertoken", &token).await);
    assert!(!wallet.is_connected("authtoken", "not-a-token").await);

    let (_, view) = wallet
        .get(&format!("/_sandbox/pennymatic/sessions/{session}"))
        .await;
    assert_eq!(view["state"], "approved");
    assert_eq!(view["token_delivered"], true);
    assert_eq!(
        view["deliveries"],
        json!({"attempted": 3, "acknowledged": 1, "queued": 0})
    );
    assert!(
        !view.to_string().contains(&token),
        "the view never shows the token"
    );
    let (_, all) = wallet.get("/_sandbox/pennymatic/sessions").await;
    assert!(!all.to_string().contains(&token));

    // A session connects once.
    let (status, body) = wallet.approve(session, None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _) = wallet
        .approve("c89d21c7-3140-4d44-adea-69e24541648d", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = wallet.get("/bsv/connected?token=sandbox").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_consent_keeps_the_webhooks_own_query() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    let webhook = format!("{}?counter=07", rx.url);
    let data = wallet.connect(&webhook).await;
    let session = data["sessionid"].as_str().unwrap();
    wallet
        .approve(session, Some(json!({"user_token": "chosen-token-1"})))
        .await;
    let got = rx.wait_for(1).await;
    assert_eq!(got[0]["counter"], "07");
    assert_eq!(got[0]["usertoken"], "chosen-token-1");
    assert_eq!(got[0]["sessionid"], session);
}

#[tokio::test]
async fn the_pages_form_approves() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    let data = wallet.connect(&rx.url).await;
    let session = data["sessionid"].as_str().unwrap();
    let resp = wallet
        .http
        .post(wallet.url(&format!("/_sandbox/pennymatic/sessions/{session}/approve")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.text().await.unwrap().contains("Billetera conectada"));
    let got = rx.wait_for(1).await;
    assert!(wallet.is_connected("authtoken", &got[0]["usertoken"]).await);
    let resp = wallet
        .http
        .get(data["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(resp.text().await.unwrap().contains("ya fue autorizada"));
}

#[tokio::test]
async fn a_revoked_token_is_no_longer_connected() {
    let wallet = start().await;
    let rx = Listener::start(0).await;
    let session = wallet.connected_wallet(&rx, "tok-revoke").await;
    assert!(wallet.is_connected("authtoken", "tok-revoke").await);
    let (status, body) = wallet
        .post(
            &format!("/_sandbox/pennymatic/sessions/{session}/revoke"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "revoked");
    assert!(!wallet.is_connected("authtoken", "tok-revoke").await);
    assert!(!wallet.is_connected("usertoken", "tok-revoke").await);
    let (status, _) = wallet
        .post(
            &format!("/_sandbox/pennymatic/sessions/{session}/revoke"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, view) = wallet
        .get(&format!("/_sandbox/pennymatic/sessions/{session}"))
        .await;
    assert_eq!(view["state"], "revoked");
}

#[tokio::test]
async fn an_expired_session_is_refused() {
    let wallet = start_with(|c| c.session_ttl = Duration::from_millis(200)).await;
    let rx = Listener::start(0).await;
    let data = wallet.connect(&rx.url).await;
    let session = data["sessionid"].as_str().unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, body) = wallet.approve(session, None).await;
    assert_eq!(status, StatusCode::GONE, "{body}");
    let resp = wallet
        .http
        .get(data["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::GONE);
    assert!(resp.text().await.unwrap().contains("venció"));
    let (_, view) = wallet
        .get(&format!("/_sandbox/pennymatic/sessions/{session}"))
        .await;
    assert_eq!(view["state"], "expired");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        rx.accepted().is_empty(),
        "no consent for an expired session"
    );
}

#[tokio::test]
async fn a_consent_fault_sends_it_twice() {
    let wallet = start().await;
    wallet.sb.set_faults(
        FaultPlan::parse_specs(&["pennymatic.consent:duplicate,latency_ms=50,count=1"]).unwrap(),
    );
    let rx = Listener::start(0).await;
    let data = wallet.connect(&rx.url).await;
    let session = data["sessionid"].as_str().unwrap();
    wallet.approve(session, None).await;
    let got = rx.wait_for(2).await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[0], got[1]);
    assert!(wallet.sb.faults().rules.is_empty());
}
