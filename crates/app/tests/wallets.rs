//! Wallet tenders against the embedded sandbox over real HTTP: the connect URL shown as a QR
//! code (read back with a real decoder), the customer's consent through the counter's own
//! listener at the URL only that session was given, the charge, its txid on the ticket and on
//! its summary; a lost `pay` answer is never charged again and a supervisor settles it with the
//! customer's txid; a revoked wallet, an expired QR code and forged consents charge nothing.

mod common;

use std::time::Duration;

use common::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_app::views::{TenderView, TicketView};
use ventanilla_app::{NoEvents, Ventanilla};
use ventanilla_sandbox::fixtures;

fn waiting(t: &TicketView) -> TenderView {
    t.tenders
        .iter()
        .find(|x| x.kind == "wallet" && x.state == "waiting")
        .cloned()
        .unwrap_or_else(|| panic!("a wallet waits: {t:#?}"))
}

/// The session id the QR code's URL carries.
fn session_of(url: &str) -> String {
    url.split("sessionid=")
        .nth(1)
        .and_then(|s| s.split('&').next())
        .unwrap()
        .to_string()
}

/// The customer approves on their wallet.
async fn approve(app: &Ventanilla, session: &str) -> reqwest::StatusCode {
    let url = format!(
        "{}/_sandbox/pennymatic/sessions/{session}/approve",
        app.hub_url()
    );
    reqwest::Client::new()
        .post(url)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .status()
}

async fn payments(app: &Ventanilla) -> Vec<Value> {
    let url = format!("{}/_sandbox/pennymatic/payments", app.hub_url());
    let v: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    match v {
        Value::Array(list) => list,
        Value::Object(mut o) => match o.remove("payments") {
            Some(Value::Array(list)) => list,
            other => panic!("payments: {other:?}"),
        },
        other => panic!("payments: {other:?}"),
    }
}

/// Reads a QR code from SVG markup with a real decoder (rsvg-convert to a PNG, then zbarimg).
fn decode_qr(svg: &str, dir: &std::path::Path) -> String {
    let svg_path = dir.join("qr.svg");
    let png_path = dir.join("qr.png");
    std::fs::write(&svg_path, svg).unwrap();
    let converted = std::process::Command::new("rsvg-convert")
        .arg("-o")
        .arg(&png_path)
        .arg(&svg_path)
        .status()
        .expect("rsvg-convert (.ci/run installs librsvg2-bin)");
    assert!(converted.success());
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(&png_path)
        .output()
        .expect("zbarimg (.ci/run installs zbar-tools)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[tokio::test]
async fn part_by_wallet_from_a_decoded_qr_code_and_the_rest_in_cash_with_the_txid_on_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let t = build(
        &app,
        &[fixtures::DTV_BARCODES[0], fixtures::EDENOR_BARCODES[0]],
    )
    .await;
    let total = dec(&t.total.as_ref().unwrap().amount);

    let t = app.ticket_pay_wallet("1500,50").await.unwrap();
    let w = waiting(&t);
    assert_eq!(w.amount.display, "$ 1.500,50");
    let url = w.qr_url.clone().unwrap();
    assert!(
        w.seconds_left.is_some_and(|s| s > 500),
        "the QR code's ten minutes"
    );
    assert_eq!(
        decode_qr(w.qr_svg.as_ref().unwrap(), dir.path()),
        url,
        "the QR code is the connect URL"
    );
    assert!(
        payments(&app).await.is_empty(),
        "nothing charged before consent"
    );

    assert!(approve(&app, &session_of(&url)).await.is_success());
    let t = draft_until(&app, "the wallet charged", |t| {
        t.tenders
            .iter()
            .any(|x| x.kind == "wallet" && x.state == "accepted")
    })
    .await;
    let txid = t.tenders[0].txid.clone().expect("its txid");
    assert_eq!(txid.len(), 64);
    let charged = payments(&app).await;
    assert_eq!(charged.len(), 1);
    assert_eq!(
        charged[0]["transaction_id"].as_str(),
        Some(txid.as_str()),
        "{charged:#?}"
    );
    let owed = dec(&t.owed.as_ref().unwrap().amount);
    assert_eq!(owed, total - dec("1500.50"));

    let paid = app.ticket_pay_cash("").unwrap();
    let kinds: Vec<_> = paid.tenders.iter().map(|x| x.kind.as_str()).collect();
    assert_eq!(kinds, ["wallet", "cash"]);
    assert_eq!(
        dec(&paid.money.as_ref().unwrap().change.amount),
        Decimal::ZERO
    );
    let summary = app.ticket_summary_pdf(paid.id.unwrap(), false).unwrap();
    let text = pdftotext(&summary.file);
    assert!(text.contains("Billetera BSV"), "{text}");
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains(&txid),
        "the whole txid on the summary: {text}"
    );
    // Each bill's own receipt says how the ticket was paid, with the whole txid.
    let done = app
        .wait_ticket_final(paid.id.unwrap(), Duration::from_secs(30))
        .await
        .unwrap();
    let sale = done.items[0].sale.as_ref().unwrap();
    assert_eq!(sale.state, "approved");
    let mut receipt = None;
    for _ in 0..100 {
        match app.receipt_pdf(sale.id, false) {
            Ok(r) => {
                receipt = Some(r);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let text = pdftotext(&receipt.expect("the bill's receipt").file);
    assert!(text.contains("Billetera BSV + Efectivo"), "{text}");
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains(&txid),
        "the txid on the bill's receipt: {text}"
    );
    assert_eq!(payments(&app).await.len(), 1, "charged once");
    app.shutdown().await;
}

#[tokio::test]
async fn a_lost_pay_answer_is_never_charged_again_and_the_customers_txid_settles_it() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    build(&app, &[fixtures::DTV_BARCODES[0]]).await;
    set_faults(
        &app,
        json!({"rules": [{"gateway": "pennymatic", "endpoint": "pay", "reset": true,
                          "after_commit": true, "count": 1}]}),
    )
    .await;
    let t = app.ticket_pay_wallet("").await.unwrap();
    let url = waiting(&t).qr_url.unwrap();
    assert!(approve(&app, &session_of(&url)).await.is_success());
    let t = draft_until(&app, "the outcome unknown", |t| t.charge_notice.is_some()).await;
    assert!(
        t.charge_notice
            .as_ref()
            .unwrap()
            .contains("NO cobre de nuevo"),
        "{t:#?}"
    );
    assert!(
        t.tenders.is_empty(),
        "not counted: nobody knows it was charged"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let charged = payments(&app).await;
    assert_eq!(
        charged.len(),
        1,
        "the gateway charged once, and was never asked again"
    );
    let list = app.wallet_attention().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].state, "unknown");

    // A txid the gateway does not know settles nothing.
    let err = app
        .wallet_settle_unknown(&list[0].reference, &"0".repeat(64))
        .await
        .unwrap_err();
    assert!(err.message.contains("no reconoce"), "{}", err.message);
    // The customer's wallet shows the real one: charged, and with the ticket paid otherwise,
    // its money goes back.
    let txid = charged[0]["transaction_id"].as_str().unwrap().to_string();
    app.wallet_settle_unknown(&list[0].reference, &txid)
        .await
        .unwrap();
    let list = app.wallet_attention().unwrap();
    assert_eq!(list[0].state, "refund_due");
    assert_eq!(list[0].txid.as_deref(), Some(txid.as_str()));
    app.wallet_refunded(&list[0].reference, "Supervisora")
        .unwrap();
    assert_eq!(app.wallet_attention().unwrap()[0].state, "refunded");
    // The rest of the ticket is still there, to be paid otherwise.
    assert_eq!(app.ticket().items.len(), 1);
    app.shutdown().await;
}

#[tokio::test]
async fn an_expired_code_and_forged_consents_charge_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path());
    cfg.wallet_session_ttl = Duration::from_secs(1);
    let app = Ventanilla::start(cfg, std::sync::Arc::new(NoEvents))
        .await
        .unwrap();
    let t = build(&app, &[fixtures::DTV_BARCODES[0]]).await;

    // More than is owed: refused before the gateway is asked for a session.
    let total = dec(&t.total.as_ref().unwrap().amount);
    let too_much = (total + Decimal::ONE).to_string().replace('.', ",");
    let err = app.ticket_pay_wallet(&too_much).await.unwrap_err();
    assert!(
        err.message.contains("Solo el efectivo da vuelto"),
        "{}",
        err.message
    );
    let sessions: Value = reqwest::get(format!("{}/_sandbox/pennymatic/sessions", app.hub_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sessions.as_array().map(Vec::len), Some(0), "{sessions}");

    // Expired: the QR code's second runs out; a consent after it charges nothing.
    let t = app.ticket_pay_wallet("").await.unwrap();
    let url = waiting(&t).qr_url.unwrap();
    let t = draft_until(&app, "the QR code expires", |t| t.charge_notice.is_some()).await;
    assert!(
        t.charge_notice.as_ref().unwrap().contains("venció"),
        "{t:#?}"
    );
    approve(&app, &session_of(&url)).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(
        payments(&app).await.is_empty(),
        "a late consent charges nothing"
    );

    // Forged consents: no secret, a wrong one.
    let hook = format!("{}/pennymatic/consent", app.webhook_url());
    for path in [
        hook.clone(),
        format!("{hook}/not-the-session-secret-at-all"),
    ] {
        let res = reqwest::get(format!(
            "{path}?usertoken=stolen&appId=x&sessionid={}",
            session_of(&url)
        ))
        .await
        .unwrap();
        assert_eq!(res.status(), 401, "{path}");
    }
    assert!(payments(&app).await.is_empty());
    app.shutdown().await;
}

#[tokio::test]
async fn a_wallet_whose_permission_was_withdrawn_is_not_charged() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    build(&app, &[fixtures::DTV_BARCODES[0]]).await;
    // The consent takes a second to arrive; meanwhile the customer withdraws the permission.
    set_faults(
        &app,
        json!({"rules": [{"gateway": "pennymatic", "endpoint": "consent", "latency_ms": 1000}]}),
    )
    .await;
    let t = app.ticket_pay_wallet("").await.unwrap();
    let session = session_of(&waiting(&t).qr_url.unwrap());
    let approving = {
        let app = app.clone();
        let session = session.clone();
        tokio::spawn(async move { approve(&app, &session).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let url = format!(
        "{}/_sandbox/pennymatic/sessions/{session}/revoke",
        app.hub_url()
    );
    let res = reqwest::Client::new().post(url).send().await.unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let _ = approving.await;
    let t = draft_until(&app, "told it is not connected", |t| {
        t.charge_notice.is_some()
    })
    .await;
    assert!(
        t.charge_notice
            .as_ref()
            .unwrap()
            .contains("retiró el permiso"),
        "{t:#?}"
    );
    assert!(payments(&app).await.is_empty(), "nothing charged");
    assert_eq!(t.items.len(), 1, "the ticket stays, for another tender");
    app.shutdown().await;
}

#[tokio::test]
async fn a_gateway_answering_garbage_or_html_leaves_nothing_waiting_and_says_so_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    build(&app, &[fixtures::DTV_BARCODES[0]]).await;
    set_faults(
        &app,
        json!({"rules": [
            {"gateway": "pennymatic", "endpoint": "connect", "garbage": true, "count": 1},
            {"gateway": "quickpay", "endpoint": "captures", "http_status": 200, "http_body": "html"}
        ]}),
    )
    .await;
    let err = app.ticket_pay_wallet("").await.unwrap_err();
    assert!(err.message.contains("billetera"), "{}", err.message);
    assert!(
        !err.message.contains('{') && !err.message.contains("HTTP"),
        "{}",
        err.message
    );
    assert!(
        app.ticket().tenders.is_empty(),
        "no QR code shown for a session nobody gave"
    );

    // The terminal answering a web page instead of starting the capture: given up, told.
    let err = app.ticket_pay_card("").await.unwrap_err();
    assert!(
        err.message.contains("terminal de tarjetas"),
        "{}",
        err.message
    );
    let t = app.ticket();
    assert!(t.tenders.is_empty(), "{t:#?}");
    assert!(t.charge_notice.is_some(), "the cashier reads why");
    // Both work again once the gateways do; the items never changed.
    clear_faults(&app).await;
    let t = app.ticket_pay_wallet("").await.unwrap();
    assert_eq!(t.tenders.len(), 1);
    assert_eq!(t.items.len(), 1);
    app.shutdown().await;
}
