//! The terminal client and the webhook reader against the sandbox's card terminal: a capture
//! started (and started again, idempotently), a card presented, and the `card_captured` body
//! the sandbox's proxy delivers read into a capture.

use rust_decimal::Decimal;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use ventanilla_core::quickpay::{CardDecision, TenderRef};
use ventanilla_core::{Currency, Money};
use ventanilla_sandbox::{spawn, SandboxConfig, SandboxHandle};

use super::{read_capture, CardTerminal};
use crate::error::GatewayError;

async fn sandbox() -> SandboxHandle {
    spawn("127.0.0.1:0".parse().unwrap(), SandboxConfig::default())
        .await
        .expect("sandbox starts")
}

fn ars(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), Currency::Ars).unwrap()
}

/// A webhook that answers every POST 200 and hands over its bodies.
async fn webhook() -> (String, mpsc::UnboundedReceiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/captures/tokenization/webhook_callback",
        listener.local_addr().unwrap()
    );
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut data = Vec::new();
            let mut buf = [0u8; 8192];
            let body = loop {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break None,
                    Ok(n) => data.extend_from_slice(&buf[..n]),
                }
                let text = String::from_utf8_lossy(&data).to_string();
                let Some((head, rest)) = text.split_once("\r\n\r\n") else {
                    continue;
                };
                let length = head
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse::<usize>().ok())
                            .flatten()
                    })
                    .unwrap_or(0);
                if rest.len() >= length {
                    break Some(data[head.len() + 4..].to_vec());
                }
            };
            let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            let _ = socket.write_all(answer).await;
            if let Some(body) = body {
                let _ = tx.send(body);
            }
        }
    });
    (url, rx)
}

async fn post(sb: &SandboxHandle, path: &str, body: serde_json::Value) -> u16 {
    let method = if path.ends_with("/subscription") {
        reqwest::Method::PUT
    } else {
        reqwest::Method::POST
    };
    reqwest::Client::new()
        .request(method, format!("{}{path}", sb.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_capture_started_presented_and_read() {
    let sb = sandbox().await;
    let terminal = CardTerminal::new(&sb.base_url(), Duration::from_secs(5)).unwrap();
    let reference = TenderRef::from_u128(0x5eed);
    terminal
        .start_capture(&reference, ars(274_800))
        .await
        .unwrap();
    // Again, as a retry after a lost answer would: the same capture.
    terminal
        .start_capture(&reference, ars(274_800))
        .await
        .unwrap();
    match terminal.start_capture(&reference, ars(100)).await {
        Err(GatewayError::Refused { code, .. }) => assert_eq!(code, "409"),
        other => panic!("another amount for the same reference: {other:?}"),
    }

    let (url, mut bodies) = webhook().await;
    let subscribed = post(
        &sb,
        "/_sandbox/quickpay/subscription",
        serde_json::json!({"url": url, "token": "hook-token"}),
    )
    .await;
    assert_eq!(subscribed, 200);
    let presented = post(
        &sb,
        &format!("/_sandbox/quickpay/captures/{reference}/present"),
        serde_json::json!({"outcome": "approve"}),
    )
    .await;
    assert_eq!(presented, 200);

    let body = tokio::time::timeout(Duration::from_secs(10), bodies.recv())
        .await
        .expect("the capture was delivered")
        .unwrap();
    let read = read_capture(&body).unwrap();
    assert!(!read.had_card_number, "the sandbox sends only the mask");
    let c = read.capture;
    assert_eq!(c.reference(), &reference);
    assert_eq!(c.decision(), CardDecision::Accept);
    assert_eq!(c.last4().as_str(), "1111");
    assert!(!c.payment_token().is_empty());
    if let Some(amount) = c.amount() {
        assert_eq!(amount, ars(274_800));
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn a_declined_card_reads_as_declined() {
    let sb = sandbox().await;
    let terminal = CardTerminal::new(&sb.base_url(), Duration::from_secs(5)).unwrap();
    let reference = TenderRef::from_u128(0xdec1);
    terminal
        .start_capture(&reference, ars(50_000))
        .await
        .unwrap();
    let (url, mut bodies) = webhook().await;
    post(
        &sb,
        "/_sandbox/quickpay/subscription",
        serde_json::json!({"url": url, "token": "hook-token"}),
    )
    .await;
    post(
        &sb,
        &format!("/_sandbox/quickpay/captures/{reference}/present"),
        serde_json::json!({"outcome": "decline"}),
    )
    .await;
    let body = tokio::time::timeout(Duration::from_secs(10), bodies.recv())
        .await
        .expect("the capture was delivered")
        .unwrap();
    let c = read_capture(&body).unwrap().capture;
    assert_eq!(c.reference(), &reference);
    assert_eq!(c.decision(), CardDecision::Decline);
    sb.shutdown().await;
}
