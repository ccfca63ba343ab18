//! The client against the sandbox's wallet gateway, end to end: a session connected by the
//! wallet side, its consent delivered to a webhook, a charge, its confirmation, and the
//! refusals. The sandbox takes `sandbox` as its default token and secret.

use rust_decimal::Decimal;
use std::time::Duration;
use ventanilla_core::pennymatic::{is_wallet_url, Confirmation, TxId, UserToken};
use ventanilla_core::{Currency, Money, Secret};
use ventanilla_sandbox::{spawn, SandboxConfig, SandboxHandle};

use super::config::PennymaticConfig;
use super::fake_server::{reply, FakeServer};
use super::Pennymatic;
use crate::error::GatewayError;

const TOKEN: &str = "sandbox";
const SECRET: &str = "sandbox";

async fn sandbox() -> SandboxHandle {
    spawn("127.0.0.1:0".parse().unwrap(), SandboxConfig::default())
        .await
        .expect("sandbox starts")
}

fn client(sb: &SandboxHandle, token: &str, secret: &str) -> Pennymatic {
    let cfg = PennymaticConfig::new(sb.base_url(), Secret::new(token), Secret::new(secret));
    Pennymatic::new(cfg).unwrap()
}

fn eur(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), Currency::Eur).unwrap()
}

/// The customer approves `session` in the wallet, which mints `user_token` for it.
async fn approve(sb: &SandboxHandle, session: &str, user_token: &str) {
    let url = format!(
        "{}/_sandbox/pennymatic/sessions/{session}/approve",
        sb.base_url()
    );
    let resp = reqwest::Client::new()
        .post(url)
        .json(&serde_json::json!({ "user_token": user_token }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{:?}", resp.text().await);
}

#[tokio::test]
async fn connect_consent_charge_and_confirm() {
    let sb = sandbox().await;
    let pm = client(&sb, TOKEN, SECRET);
    assert!(pm.coins().await.unwrap().contains(&"bsv".to_string()));

    let webhook = FakeServer::start((0..5).map(|_| reply(200, "")).collect()).await;
    let (session, url) = pm
        .connect(&format!("{}/callback", webhook.base_url))
        .await
        .unwrap();
    assert!(is_wallet_url(&url), "{url}");
    approve(&sb, session.as_str(), "live-user-1").await;

    // The consent reaches the webhook with the user token and the session id.
    let mut consent = None;
    for _ in 0..100 {
        consent = webhook.seen().into_iter().next();
        if consent.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let consent = consent.expect("the consent was delivered").line;
    assert!(consent.starts_with("GET /callback?"), "{consent}");
    assert!(consent.contains("usertoken=live-user-1"), "{consent}");
    assert!(
        consent.contains(&format!("sessionid={}", session.as_str())),
        "{consent}"
    );

    let user = UserToken::new("live-user-1").unwrap();
    assert!(pm.connected(&user).await.unwrap());
    let paid = pm.pay(&user, eur(1), "descripción servicio").await.unwrap();
    assert_eq!(paid.fiat, eur(1));
    assert!(paid.satoshis > 0);
    assert!(paid.rate > Decimal::ZERO);

    let mut seen = pm.is_confirmed(&paid.txid).await.unwrap();
    assert_ne!(seen, Confirmation::Unknown, "our own payment");
    for _ in 0..100 {
        if seen == Confirmation::Confirmed {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        seen = pm.is_confirmed(&paid.txid).await.unwrap();
    }
    assert_eq!(seen, Confirmation::Confirmed);

    // Not this operator's transaction: the literal `data: undefined`.
    let stranger = TxId::new(&"0".repeat(64)).unwrap();
    assert_eq!(
        pm.is_confirmed(&stranger).await.unwrap(),
        Confirmation::Unknown
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn refusals_from_the_sandbox() {
    let sb = sandbox().await;
    let stranger = UserToken::new("never-connected-7").unwrap();
    let pm = client(&sb, TOKEN, SECRET);
    assert!(!pm.connected(&stranger).await.unwrap());
    match pm.pay(&stranger, eur(1), "x").await {
        Err(GatewayError::Refused { code, message }) => {
            assert_eq!(code, "3");
            assert!(!message.contains("never-connected-7"), "{message}");
        }
        other => panic!("{other:?}"),
    }

    let wrong_token = client(&sb, "not-the-token", SECRET);
    assert_eq!(
        wrong_token.coins().await.unwrap_err(),
        GatewayError::Unauthorized
    );
    let wrong_secret = client(&sb, TOKEN, "not-the-secret");
    let err = wrong_secret.pay(&stranger, eur(1), "x").await.unwrap_err();
    assert_eq!(err, GatewayError::Unauthorized);
    sb.shutdown().await;
}
