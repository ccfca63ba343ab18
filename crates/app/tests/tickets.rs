//! The customer's ticket against the embedded sandbox over real HTTP: several bills, one handful
//! of cash, each bill its own sale at the hub, and the ledger's money to the cent whatever the
//! hub answers; a process killed after the ticket's commit settles every item exactly once.

mod common;

use std::time::Duration;

use common::*;
use rust_decimal::Decimal;
use serde_json::json;
use ventanilla_app::views::{RefundState, TicketView};
use ventanilla_app::{AppConfig, ErrorCode, HubTarget, NoEvents, Ventanilla};
use ventanilla_sandbox::fixtures;

const THREE: [&str; 3] = [
    fixtures::DTV_BARCODES[0],
    fixtures::DTV_BARCODES[1],
    fixtures::EDENOR_BARCODES[0],
];

async fn final_ticket(app: &Ventanilla, id: i64) -> TicketView {
    let t = app
        .wait_ticket_final(id, Duration::from_secs(30))
        .await
        .unwrap();
    assert!(
        t.items
            .iter()
            .all(|i| i.sale.as_ref().is_some_and(|s| s.is_final)),
        "every item final: {t:#?}"
    );
    t
}

/// Money in = items approved + change + refunds, to the cent, from the ticket's own figures.
fn assert_balanced(t: &TicketView) {
    let m = t.money.as_ref().expect("a paid ticket");
    let out = dec(&m.approved.amount) + dec(&m.change.amount) + dec(&m.refunded.amount);
    assert_eq!(dec(&m.received.amount), out, "{m:#?}");
}

#[tokio::test]
async fn three_bills_paid_with_one_handful_each_go_to_the_hub_as_their_own_sale() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let draft = build(&app, &THREE).await;
    assert_eq!(draft.items.len(), 3);
    assert_eq!(draft.status, "draft");
    let total = dec(&draft.total.clone().unwrap().amount);
    let quote = app.ticket_quote_cash("100.000").unwrap();
    assert_eq!(dec(&quote.change.amount), dec("100000") - total);
    assert!(app.ledger_is_empty().await, "a quote sends nothing");

    let paid = app.ticket_pay_cash("100.000").unwrap();
    assert_eq!(paid.status, "Completed");
    assert!(
        app.ticket().items.is_empty(),
        "the next customer starts empty"
    );
    let id = paid.id.unwrap();
    let t = final_ticket(&app, id).await;
    let states: Vec<_> = t
        .items
        .iter()
        .map(|i| i.sale.as_ref().unwrap().state.as_str())
        .collect();
    assert_eq!(states, ["approved", "approved", "approved"]);
    let m = t.money.as_ref().unwrap();
    assert_eq!(dec(&m.received.amount), dec("100000"));
    assert_eq!(dec(&m.change.amount), dec("100000") - total);
    assert_eq!(dec(&m.approved.amount), total);
    assert_balanced(&t);

    let hub = ledger(&app).await;
    assert_eq!(hub.len(), 3, "one sale per bill at the hub");
    for item in &t.items {
        let ctid = &item.sale.as_ref().unwrap().client_transaction_id;
        let n = hub
            .iter()
            .filter(|s| s.to_string().contains(ctid.as_str()))
            .count();
        assert_eq!(n, 1, "{ctid} once at the hub");
    }
    // Settled: nothing in flight, and the ticket says so.
    let t = app.paid_ticket(id).unwrap();
    assert!(t.settled, "{t:#?}");
    assert_eq!(t.status_label, "Pagado y cerrado");
    assert!(app.tickets_in_flight().unwrap().is_empty());

    // The summary lists every bill and the ticket's money; a reprint says it is a copy.
    let summary = app.ticket_summary_pdf(id, false).unwrap();
    let pdf = pdftotext(&summary.file);
    for item in &t.items {
        assert!(pdf.contains(&item.title), "{} missing:\n{pdf}", item.title);
    }
    let m = t.money.as_ref().unwrap();
    assert!(pdf.contains(&m.change.display), "the change:\n{pdf}");
    assert!(pdf.contains("$ 100.000,00"), "the cash received:\n{pdf}");
    assert!(pdf.contains("Ticket cerrado."), "{pdf}");
    assert!(!pdf.contains("DUPLICADO"), "{pdf}");
    let copy = app.ticket_summary_pdf(id, true).unwrap();
    assert_ne!(copy.file, summary.file);
    assert!(pdftotext(&copy.file).contains("DUPLICADO - COPIA"));

    // Each bill's receipt is the hub's, and names the ticket instead of a share of the cash.
    let sale_id = t.items[0].sale.as_ref().unwrap().id;
    let receipt = receipt_when_ready(&app, sale_id).await;
    let pdf = pdftotext(&receipt.file);
    assert!(pdf.contains(&format!("{id} (3 facturas)")), "{pdf}");
    assert!(
        !pdf.contains("Vuelto"),
        "a share of the change on a bill's receipt:\n{pdf}"
    );
}

/// The bill's receipt once the hub's text is in (it is fetched after the approval).
async fn receipt_when_ready(app: &Ventanilla, sale_id: i64) -> ventanilla_app::views::ReceiptFile {
    for _ in 0..100 {
        if let Ok(r) = app.receipt_pdf(sale_id, false) {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no receipt for sale {sale_id}");
}

#[tokio::test]
async fn the_ticket_refuses_a_bill_twice_an_empty_payment_and_too_little_cash() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let err = app.ticket_pay_cash("").unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(
        err.message.contains("El ticket está vacío"),
        "{}",
        err.message
    );

    let t = build(&app, &THREE[..2]).await;
    let again = one_bill(&app, THREE[0]).await;
    let err = app.ticket_add_bill(again.key, "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Duplicate);
    assert_eq!(
        err.message,
        "Esta factura ya está en el ticket (renglón 1): no se agregó de nuevo."
    );
    assert_eq!(app.ticket(), t, "the refusal changed nothing");

    let err = app.ticket_pay_cash("10").unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(
        err.message.contains("no alcanza para el total"),
        "{}",
        err.message
    );

    // Removing the first line renumbers the rest; a line that is gone says so.
    let t = app.ticket_remove(1).unwrap();
    assert_eq!(t.items.len(), 1);
    assert_eq!(t.items[0].position, 1);
    assert_eq!(app.ticket_remove(2).unwrap_err().code, ErrorCode::NotFound);

    // Abandoned: nothing was written or sent.
    let t = app.ticket_abandon();
    assert!(t.items.is_empty() && t.total.is_none());
    assert!(app.history(10).unwrap().is_empty());
    assert!(app.ledger_is_empty().await);
}

#[tokio::test]
async fn an_open_amount_bill_keeps_its_limits_in_the_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::GAM_BARCODE).await;
    assert!(bill.open_amount, "the fixture is an open-amount bill");
    let t = app.ticket_add_bill(bill.key, "").unwrap();
    let limits = t.items[0].bill.as_ref().unwrap();
    assert!(limits.open_amount);
    assert_eq!(limits.min.display, "$ 37,00");
    let before = app.ticket();
    let err = app.ticket_set_amount(1, "36,99").unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.contains("$ 37,00"), "{}", err.message);
    assert_eq!(app.ticket(), before, "a refused amount changes nothing");
    let t = app.ticket_set_amount(1, "40,50").unwrap();
    assert_eq!(t.items[0].amount.display, "$ 40,50");
    assert_eq!(t.total.as_ref().unwrap().display, "$ 40,50");
}

#[tokio::test]
async fn a_bill_another_counter_paid_is_rejected_and_its_amount_handed_back() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let t = build(&app, &THREE).await;
    // Meanwhile another counter, on the same hub, pays the second bill.
    other_counter_pays(&app, dir.path(), THREE[1]).await;

    let paid = app.ticket_pay_cash("100.000").unwrap();
    let id = paid.id.unwrap();
    let t2 = final_ticket(&app, id).await;
    let rejected = &t2.items[1];
    assert_eq!(rejected.sale.as_ref().unwrap().state, "rejected");
    assert_eq!(rejected.refund, RefundState::Due);
    let m = t2.money.as_ref().unwrap();
    assert_eq!(m.refund_due, t.items[1].amount, "its amount goes back");
    assert_eq!(t2.status_label, "Pagado: hay dinero para devolver");
    assert!(!t2.settled);
    let waiting = app.tickets_in_flight().unwrap();
    assert_eq!(waiting.len(), 1, "reachable until the refund is confirmed");

    // Only the rejected line can be refunded, and only once.
    assert_eq!(
        app.confirm_refund(id, 1).unwrap_err().code,
        ErrorCode::Validation
    );
    let done = app.confirm_refund(id, 2).unwrap();
    assert_eq!(done.items[1].refund, RefundState::Done);
    assert!(done.settled);
    assert_eq!(done.status, "Completed", "two of three bills were paid");
    assert_balanced(&done);
    assert!(app.confirm_refund(id, 2).is_err());
    assert!(app.tickets_in_flight().unwrap().is_empty());
}

#[tokio::test]
async fn a_pending_item_and_a_lost_answer_settle_without_a_second_sale() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    build(&app, &THREE).await;
    set_faults(
        &app,
        json!([
            {"endpoint": "pay", "pending_secs": 3, "count": 1},
            {"endpoint": "pay", "no_answer": true, "after_commit": true, "count": 1}
        ]),
    )
    .await;
    let id = app.ticket_pay_cash("").unwrap().id.unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    let mid = app.paid_ticket(id).unwrap();
    assert!(!mid.settled);
    assert_eq!(mid.status_label, "Pagado: esperando respuesta");
    assert!(!dec(&mid.money.as_ref().unwrap().waiting.amount).is_zero());
    let t = final_ticket(&app, id).await;
    assert!(t
        .items
        .iter()
        .all(|i| i.sale.as_ref().unwrap().state == "approved"));
    assert!(t.settled);
    assert_eq!(dec(&t.money.as_ref().unwrap().change.amount), Decimal::ZERO);
    assert_eq!(ledger(&app).await.len(), 3, "no bill charged twice");
}

#[test]
fn killed_after_the_ticket_commit_every_item_settles_once() {
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    let id = rt.block_on(async {
        let app = start(dir.path()).await;
        build(&app, &THREE).await;
        // The hub records each sale and never answers: all three are in flight at the kill.
        set_faults(
            &app,
            json!([{"endpoint": "pay", "no_answer": true, "after_commit": true, "count": 2}]),
        )
        .await;
        let id = app.ticket_pay_cash("50.000").unwrap().id.unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
        id
    });
    rt.shutdown_timeout(Duration::from_millis(100));

    let rt = runtime();
    rt.block_on(async {
        let app = start(dir.path()).await;
        let t = final_ticket(&app, id).await;
        assert!(
            t.items
                .iter()
                .all(|i| i.sale.as_ref().unwrap().state == "approved"),
            "{t:#?}"
        );
        assert_eq!(
            dec(&t.money.as_ref().unwrap().received.amount),
            dec("50000")
        );
        assert_balanced(&t);
        let hub = ledger(&app).await;
        assert_eq!(hub.len(), 3, "each bill exactly once at the hub: {hub:#?}");
    });
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// A second counter, with its own journal, on this counter's hub, pays `barcode`.
async fn other_counter_pays(app: &Ventanilla, dir: &std::path::Path, barcode: &str) {
    let mut cfg: AppConfig = config(&dir.join("other-counter"));
    cfg.hub = HubTarget::Real {
        base_url: app.hub_url().to_string(),
        user_id: "sandbox".into(),
        password: ventanilla_core::Secret::new("sandbox"),
        application_id: "ventanilla-test".into(),
        device_id: "caja-2".into(),
    };
    let other = Ventanilla::start(cfg, std::sync::Arc::new(NoEvents))
        .await
        .unwrap();
    let bill = one_bill(&other, barcode).await;
    let sale = other.pay_cash(bill.key, "", "").unwrap();
    assert_eq!(settle(&other, sale.id).await.state, "approved");
    other.shutdown().await;
}

trait HubLedger {
    async fn ledger_is_empty(&self) -> bool;
}

impl HubLedger for Ventanilla {
    async fn ledger_is_empty(&self) -> bool {
        ledger(self).await.is_empty()
    }
}

#[tokio::test]
async fn offline_a_ticket_of_two_bills_is_taken_on_provisional_receipts_within_the_caps() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    // Looked up while the hub answered; then the link drops.
    let t = build(
        &app,
        &[fixtures::DTV_EXAMPLE_BARCODE, fixtures::EDENOR_BARCODES[1]],
    )
    .await;
    hub_down(&app).await;
    wait_link(&app, "offline").await;
    let err = app.ticket_pay_cash_offline("").unwrap_err();
    assert!(err.message.contains("desactivados"), "{}", err.message);

    // The total cap counts the whole ticket, not each bill alone.
    let total = dec(&t.total.clone().unwrap().amount);
    let one = dec(&t.items[0].amount.amount).max(dec(&t.items[1].amount.amount));
    let below_total = (total - Decimal::ONE).to_string().replace('.', ",");
    let per_bill = one.to_string().replace('.', ",");
    app.set_contingency(true, &per_bill, &below_total, 72)
        .unwrap();
    let err = app.ticket_pay_cash_offline("").unwrap_err();
    assert!(
        err.message.contains("tope de dinero cobrado sin conexión"),
        "{}",
        err.message
    );
    assert_eq!(app.ticket().items.len(), 2, "a refusal keeps the ticket");

    app.set_contingency(true, &per_bill, "1000000", 72).unwrap();
    let taken = app.ticket_pay_cash_offline("20.000").unwrap();
    assert_eq!(taken.receipts.len(), 2, "one provisional receipt per bill");
    for r in &taken.receipts {
        assert_eq!(
            r.outcome,
            ventanilla_app::views::ReceiptOutcome::SavedProvisional
        );
        assert!(pdftotext(&r.file).contains("PROVISORIO"), "{}", r.file);
    }
    let id = taken.ticket.id.unwrap();
    assert!(taken.ticket.items.iter().all(|i| i
        .sale
        .as_ref()
        .is_some_and(|s| s.provisional && !s.is_final)));
    assert!(ledger(&app).await.is_empty(), "nothing reached the hub yet");

    // The link comes back: both bills reach the hub once, the ticket settles.
    clear_faults(&app).await;
    let done = final_ticket(&app, id).await;
    assert!(done
        .items
        .iter()
        .all(|i| i.sale.as_ref().unwrap().state == "approved"));
    assert_eq!(
        dec(&done.money.as_ref().unwrap().received.amount),
        dec("20000")
    );
    assert_balanced(&done);
    assert_eq!(ledger(&app).await.len(), 2);
}

/// Every event the screen would hear, in order.
#[derive(Default)]
struct Heard(std::sync::Mutex<Vec<ventanilla_app::ipc::Event>>);

impl ventanilla_app::AppEvents for Heard {
    fn emit(&self, event: ventanilla_app::ipc::Event) {
        self.0.lock().unwrap().push(event);
    }
}

#[tokio::test]
async fn the_screen_hears_a_ticket_when_it_has_news_beyond_its_bills() {
    use ventanilla_app::ipc::Event;
    let dir = tempfile::tempdir().unwrap();
    let heard = std::sync::Arc::new(Heard::default());
    let app = Ventanilla::start(config(dir.path()), heard.clone())
        .await
        .unwrap();
    let tickets = |heard: &Heard| -> Vec<TicketView> {
        let events = heard.0.lock().unwrap();
        events
            .iter()
            .filter_map(|e| match e {
                Event::TicketChanged(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    };
    // One bill: its sale's own events say all until it is final; then the ticket, once.
    build(&app, &[THREE[0]]).await;
    let one = app.ticket_pay_cash("").unwrap().id.unwrap();
    final_ticket(&app, one).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let told: Vec<_> = tickets(&heard)
        .into_iter()
        .filter(|t| t.id == Some(one))
        .collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0].phase, "settled");

    // Several bills: every change of any of them moves the ticket's lines.
    build(&app, &THREE[1..]).await;
    let two = app.ticket_pay_cash("").unwrap().id.unwrap();
    final_ticket(&app, two).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let told: Vec<_> = tickets(&heard)
        .into_iter()
        .filter(|t| t.id == Some(two))
        .collect();
    assert!(told.len() >= 2, "{told:#?}");
    assert_eq!(told.last().unwrap().phase, "settled");
}
