//! Card tenders against the embedded sandbox over real HTTP: the terminal asked for part of a
//! ticket, the card presented at the sandbox's terminal, its `card_captured` webhook through
//! the counter's own listener, the rest in cash; a card that covers the ticket pays it; a
//! decline leaves the rest intact; a card that comes after its wait ended is money without a
//! sale; forged and repeated webhooks change nothing; a card number never reaches the journal.

mod common;

use std::time::Duration;

use common::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_app::views::TicketView;
use ventanilla_app::{ErrorCode, NoEvents, Ventanilla};
use ventanilla_sandbox::fixtures;

/// The sandbox terminal's captures, oldest first.
async fn captures(app: &Ventanilla) -> Vec<Value> {
    let url = format!("{}/_sandbox/quickpay/captures", app.hub_url());
    let v: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    match v {
        Value::Array(list) => list,
        Value::Object(mut o) => match o.remove("captures") {
            Some(Value::Array(list)) => list,
            other => panic!("captures: {other:?}"),
        },
        other => panic!("captures: {other:?}"),
    }
}

/// The reference of the capture the terminal is waiting for.
async fn waiting_reference(app: &Ventanilla) -> String {
    let list = captures(app).await;
    let waiting: Vec<_> = list.iter().filter(|c| c["state"] == "waiting").collect();
    assert_eq!(waiting.len(), 1, "one capture waiting: {list:#?}");
    waiting[0]["reference_id"].as_str().unwrap().to_string()
}

/// The customer presents a card at the sandbox's terminal.
async fn present(app: &Ventanilla, reference: &str, outcome: &str, card: Option<&str>) {
    let url = format!(
        "{}/_sandbox/quickpay/captures/{reference}/present",
        app.hub_url()
    );
    let mut body = json!({ "outcome": outcome });
    if let Some(card) = card {
        body["card_number"] = json!(card);
    }
    let res = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_success(),
        "present: {}",
        res.text().await.unwrap()
    );
}

fn accepted_cards(t: &TicketView) -> usize {
    t.tenders
        .iter()
        .filter(|x| x.kind == "card" && x.state == "accepted")
        .count()
}

#[tokio::test]
async fn two_bills_paid_part_by_card_and_the_rest_in_cash_with_change_only_from_cash() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let t = build(
        &app,
        &[fixtures::DTV_BARCODES[0], fixtures::EDENOR_BARCODES[0]],
    )
    .await;
    let total = dec(&t.total.as_ref().unwrap().amount);

    // More than is owed is refused before the terminal hears of it.
    let too_much = (total + Decimal::ONE).to_string().replace('.', ",");
    let err = app.ticket_pay_card(&too_much).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation, "{err:?}");
    assert!(
        err.message.contains("Solo el efectivo da vuelto"),
        "{}",
        err.message
    );
    assert!(
        captures(&app).await.is_empty(),
        "nothing was asked of the terminal"
    );

    let t = app.ticket_pay_card("1000,00").await.unwrap();
    let waiting = t
        .tenders
        .iter()
        .find(|x| x.state == "waiting")
        .expect("the card waits");
    assert_eq!(waiting.amount.display, "$ 1.000,00");
    assert!(waiting.seconds_left.is_some_and(|s| s > 0));
    // The items are fixed while a card is on the ticket.
    let bill = one_bill(&app, fixtures::DTV_BARCODES[1]).await;
    assert!(app.ticket_add_bill(bill.key, "").is_err());
    // And cash cannot be taken while the customer is at the terminal.
    assert!(app.ticket_pay_cash("").is_err());

    let reference = waiting_reference(&app).await;
    present(&app, &reference, "approve", Some("4111111111111111")).await;
    let t = draft_until(&app, "the card accepted", |t| accepted_cards(t) == 1).await;
    let owed = dec(&t.owed.as_ref().unwrap().amount);
    assert_eq!(owed, total - dec("1000"));
    let card = t.tenders.iter().find(|x| x.kind == "card").unwrap();
    assert!(card.label.contains("1111"), "{}", card.label);

    // The cash shortcuts start at what is owed.
    assert_eq!(dec(&t.cash_hints[0].amount), owed, "{:#?}", t.cash_hints);
    // The rest in cash, with change: the quote is for what is owed, not the total.
    let quote = app.ticket_quote_cash("100000").unwrap();
    assert_eq!(dec(&quote.amount.amount), owed);
    assert_eq!(dec(&quote.change.amount), dec("100000") - owed);
    let paid = app.ticket_pay_cash("100000").unwrap();
    assert!(
        app.ticket().items.is_empty(),
        "the next customer's ticket is empty"
    );
    let kinds: Vec<_> = paid.tenders.iter().map(|x| x.kind.as_str()).collect();
    assert_eq!(kinds, ["card", "cash"]);
    assert_eq!(dec(&paid.tenders[0].amount.amount), dec("1000"));
    assert_eq!(dec(&paid.tenders[1].amount.amount), owed);
    let money = paid.money.as_ref().unwrap();
    assert_eq!(
        dec(&money.change.amount),
        dec("100000") - owed,
        "change only from cash"
    );
    assert_eq!(dec(&money.received.amount), dec("1000") + dec("100000"));

    let id = paid.id.unwrap();
    let done = app
        .wait_ticket_final(id, Duration::from_secs(30))
        .await
        .unwrap();
    assert!(
        done.items
            .iter()
            .all(|i| i.sale.as_ref().is_some_and(|s| s.state == "approved")),
        "{done:#?}"
    );
    assert_eq!(
        ledger(&app).await.len(),
        2,
        "each bill sold once at the hub"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn a_card_that_covers_the_ticket_pays_it_and_a_decline_leaves_the_rest_intact() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    // The terminal and the wallet have links of their own, probed like the others.
    for _ in 0..200 {
        if app
            .status()
            .unwrap()
            .links
            .iter()
            .all(|l| l.state == "online")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let links = app.status().unwrap().links;
    assert!(
        links.iter().all(|l| l.state == "online"),
        "every link up against the sandbox: {links:#?}"
    );
    build(&app, &[fixtures::DTV_BARCODES[0]]).await;

    app.ticket_pay_card("").await.unwrap();
    let reference = waiting_reference(&app).await;
    present(&app, &reference, "decline", None).await;
    let t = draft_until(&app, "the decline told", |t| t.charge_notice.is_some()).await;
    assert!(
        t.charge_notice.as_ref().unwrap().contains("rechazada"),
        "{t:#?}"
    );
    assert!(t.tenders.is_empty(), "nothing was taken");
    assert_eq!(t.items.len(), 1, "the items stay");

    // Another card, for all that is owed: the ticket is paid when it is accepted.
    app.ticket_pay_card("").await.unwrap();
    let second = captures(&app)
        .await
        .into_iter()
        .find(|c| c["state"] == "waiting")
        .unwrap();
    let reference = second["reference_id"].as_str().unwrap().to_string();
    present(&app, &reference, "approve", None).await;
    draft_until(&app, "paid by card", |t| t.items.is_empty()).await;
    // The journal's first ticket: paid by the one card, no cash, nothing to give back.
    let paid = app.paid_ticket(1).unwrap();
    let kinds: Vec<_> = paid.tenders.iter().map(|x| x.kind.as_str()).collect();
    assert_eq!(kinds, ["card"], "{paid:#?}");
    assert_eq!(paid.tenders[0].amount, paid.total.clone().unwrap());
    let money = paid.money.as_ref().unwrap();
    assert_eq!(dec(&money.change.amount), Decimal::ZERO);
    let done = app
        .wait_ticket_final(1, Duration::from_secs(30))
        .await
        .unwrap();
    assert!(done
        .items
        .iter()
        .all(|i| i.sale.as_ref().is_some_and(|s| s.state == "approved")));
    assert_eq!(
        ledger(&app).await.len(),
        1,
        "the bill went to the hub once covered"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn a_card_after_its_wait_ended_is_kept_for_refund_once_however_often_it_comes() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path());
    cfg.card_timeout = Duration::from_secs(1);
    let app = Ventanilla::start(cfg, std::sync::Arc::new(NoEvents))
        .await
        .unwrap();
    build(&app, &[fixtures::DTV_BARCODES[0]]).await;
    app.ticket_pay_card("").await.unwrap();
    let reference = waiting_reference(&app).await;
    let t = draft_until(&app, "the wait ends", |t| t.charge_notice.is_some()).await;
    assert!(
        t.charge_notice
            .as_ref()
            .unwrap()
            .contains("no respondió a tiempo"),
        "{t:#?}"
    );
    assert!(t.tenders.is_empty());

    present(&app, &reference, "approve", None).await;
    let url = format!(
        "{}/_sandbox/quickpay/captures/{reference}/redeliver",
        app.hub_url()
    );
    let mut strays = Vec::new();
    for _ in 0..100 {
        strays = app.card_strays().unwrap();
        if !strays.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(strays.len(), 1, "money without a sale: {strays:#?}");
    // The proxy sends it again: still one.
    let res = reqwest::Client::new().post(url).send().await.unwrap();
    assert!(res.status().is_success());
    tokio::time::sleep(Duration::from_millis(500)).await;
    let strays = app.card_strays().unwrap();
    assert_eq!(strays.len(), 1);
    assert!(strays[0].label.contains("1111"));
    assert_eq!(strays[0].refunded_by, None);
    assert!(
        app.ticket().tenders.is_empty(),
        "never counted toward the ticket"
    );
    app.card_stray_refunded(&strays[0].capture_id, "Supervisora")
        .unwrap();
    assert!(app
        .card_stray_refunded(&strays[0].capture_id, "Supervisora")
        .is_err());
    app.shutdown().await;
}

/// A counter whose terminal webhook token is known to the test (as an operator configures a
/// real terminal), against the embedded sandbox on a port picked beforehand.
async fn start_with_token(dir: &std::path::Path, token: &str) -> Ventanilla {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cfg = config(dir);
    cfg.hub = ventanilla_app::HubTarget::Sandbox { port };
    cfg.card = ventanilla_app::CardTarget::Real {
        terminal_url: format!("http://127.0.0.1:{port}"),
        webhook_token: ventanilla_core::Secret::new(token),
    };
    Ventanilla::start(cfg, std::sync::Arc::new(NoEvents))
        .await
        .unwrap()
}

#[tokio::test]
async fn forged_webhooks_are_refused_and_a_card_number_never_reaches_the_journal() {
    const TOKEN: &str = "the-terminal-webhook-token";
    let dir = tempfile::tempdir().unwrap();
    let app = start_with_token(dir.path(), TOKEN).await;
    build(&app, &[fixtures::DTV_BARCODES[0]]).await;
    app.ticket_pay_card("").await.unwrap();
    let reference = waiting_reference(&app).await;
    let hook = format!(
        "{}/captures/tokenization/webhook_callback",
        app.webhook_url()
    );
    let client = reqwest::Client::new();
    // The document's example, for our tender.
    let body = |reference: &str| {
        let mut v: Value = serde_json::from_str(include_str!(
            "../../gateways/src/quickpay/testdata/card_captured.json"
        ))
        .unwrap();
        v["cardholder"]["reference_id"] = json!(reference);
        v
    };
    let bearer = format!("Bearer {TOKEN}");
    // No bearer, a wrong one: 401, nothing stored.
    for auth in [None, Some("Bearer not-the-token-at-all")] {
        let mut req = client.post(&hook).json(&body(&reference));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        assert_eq!(req.send().await.unwrap().status(), 401);
    }
    // The right bearer for a tender this counter never asked for: refused, nothing stored.
    let res = client
        .post(&hook)
        .header("authorization", &bearer)
        .json(&body("tnd-someone-elses"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // Garbage: refused.
    let res = client
        .post(&hook)
        .header("authorization", &bearer)
        .body("<html>no</html>")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        app.ticket().tenders.iter().all(|x| x.state == "waiting"),
        "nothing forged counted"
    );

    // A sender that puts the full card number in the mask and in the cardholder's name: the
    // money was taken, so the capture counts, and the number is kept nowhere.
    let mut leaky = body(&reference);
    leaky["gateway"]["req_card_number"] = json!("4111111111111111");
    leaky["cardholder"]["name"] = json!("Jhon 4111 1111 1111 1111 Doe");
    leaky["gateway"]["req_amount"] = json!("0");
    for _ in 0..3 {
        let res = client
            .post(&hook)
            .header("authorization", &bearer)
            .json(&leaky)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "taken, and again when repeated");
    }
    let paid = draft_until(&app, "paid by card", |t| t.items.is_empty()).await;
    assert!(paid.tenders.is_empty());
    assert!(
        app.card_strays().unwrap().is_empty(),
        "the repeats were one capture"
    );
    app.shutdown().await;
    let mut everything = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            everything.extend(std::fs::read(&path).unwrap());
        }
    }
    let text = String::from_utf8_lossy(&everything);
    assert!(
        !text.contains("4111111111111111"),
        "no card number in the journal"
    );
    assert!(!text.contains("4111 1111 1111 1111"), "nor in the name");
    assert!(text.contains(&reference), "the tender is there");
}

#[tokio::test]
async fn a_start_whose_answers_were_all_lost_is_asked_about_before_it_is_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    build(&app, &[fixtures::DTV_BARCODES[0]]).await;
    // The terminal starts the capture and every answer to the start is cut off.
    set_faults(
        &app,
        json!({"rules": [{"gateway": "quickpay", "endpoint": "captures", "reset": true,
                          "after_commit": true, "count": 3}]}),
    )
    .await;
    let t = app.ticket_pay_card("").await.unwrap();
    assert!(
        t.tenders.iter().any(|x| x.state == "waiting"),
        "the terminal holds the capture, so the card waits: {t:#?}"
    );
    let reference = waiting_reference(&app).await;
    present(&app, &reference, "approve", None).await;
    draft_until(&app, "paid by the card", |t| t.items.is_empty()).await;
    assert!(
        app.card_strays().unwrap().is_empty(),
        "counted, not kept for refund"
    );
    app.shutdown().await;
}
