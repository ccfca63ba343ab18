//! What the cashier is told about receipts: what happened to each (never a file path), that a
//! rejected sale has none, and the provisional receipt printed with its accents.

mod common;

use common::*;
use serde_json::json;
use ventanilla_app::views::{ReceiptOutcome, ReceiptState};
use ventanilla_app::ErrorCode;
use ventanilla_sandbox::fixtures;

#[tokio::test]
async fn a_receipt_says_what_happened_and_keeps_its_file_apart() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let sale = settle(&app, sale.id).await;
    assert_eq!(sale.receipt, ReceiptState::Ready);

    let original = app.receipt_pdf(sale.id, false).unwrap();
    assert_eq!(original.outcome, ReceiptOutcome::Saved);
    assert!(
        original.outcome_label.starts_with("Comprobante guardado"),
        "{}",
        original.outcome_label
    );
    let copy = app.receipt_pdf(sale.id, true).unwrap();
    assert!(
        copy.outcome_label.starts_with("Copia del comprobante"),
        "{}",
        copy.outcome_label
    );
    for r in [&original, &copy] {
        assert!(r.file.ends_with(".pdf"), "{}", r.file);
        assert!(
            !r.outcome_label.contains('/'),
            "no path in words: {}",
            r.outcome_label
        );
        assert!(!r.outcome_label.contains("pdf"), "{}", r.outcome_label);
    }
}

#[tokio::test]
async fn a_rejected_sale_has_no_receipt_and_its_money_goes_back_through_its_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    pay_at_another_counter(&app, fixtures::DTV_BARCODES[1], "").await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[1]).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let sale = settle(&app, sale.id).await;
    assert_eq!(sale.state, "rejected");
    assert_eq!(sale.receipt, ReceiptState::NoReceipt);
    let reason = sale.reason.clone().unwrap();
    assert!(
        !reason.to_lowercase().contains("devuelva"),
        "what happened, not what to do: {reason}"
    );
    // What goes back is the ticket's to say, once, until the cashier confirms it.
    let ticket = app
        .ticket_of_sale(sale.id)
        .unwrap()
        .expect("paid as a ticket");
    let money = ticket.money.as_ref().unwrap();
    assert_eq!(money.refund_due, sale.amount, "the sale's amount goes back");
    let done = app.confirm_refund(ticket.id.unwrap(), 1).unwrap();
    assert_eq!(done.money.as_ref().unwrap().refunded, sale.amount);
    assert!(done.settled);

    let past = app.history(10).unwrap();
    let past = past.iter().find(|s| s.id == sale.id).unwrap();
    assert_eq!(past.reason, sale.reason);

    let err = app.receipt_pdf(sale.id, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(
        err.message.contains("rechazadas no tienen comprobante"),
        "{}",
        err.message
    );
    assert!(!err.message.contains("segundos"), "{}", err.message);
}

#[tokio::test]
async fn a_sale_still_waiting_has_no_receipt_yet_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[2]).await;
    set_faults(&app, json!([{"endpoint": "pay", "pending_secs": 2}])).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    assert_eq!(sale.receipt, ReceiptState::AwaitingAnswer);
    let err = app.receipt_pdf(sale.id, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(
        err.message.contains("espera la respuesta"),
        "{}",
        err.message
    );
    assert_eq!(settle(&app, sale.id).await.state, "approved");
}

#[tokio::test]
async fn the_provisional_receipt_keeps_its_accents() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    enable_contingency(&app).await;
    let bill = one_bill(&app, fixtures::GAM_BARCODE_2).await;
    hub_down(&app).await;
    wait_link(&app, "offline").await;
    let taken = app.pay_cash_offline(bill.key, "", "").unwrap();
    assert_eq!(taken.sale.receipt, ReceiptState::Provisional);
    assert_eq!(taken.receipt.outcome, ReceiptOutcome::SavedProvisional);
    // Read back from the PDF, spaces squashed: the layout may widen them, never the letters.
    let text = pdftotext(&taken.receipt.file)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "SIN CONEXIÓN",
        "Se enviará a la empresa",
        "volver la conexión",
    ] {
        assert!(text.contains(words), "{words:?} in:\n{text}");
    }
    assert!(!text.contains("enviara "), "{text}");
    assert!(!text.to_lowercase().contains("conexion"), "{text}");
    clear_faults(&app).await;
    assert_eq!(settle(&app, taken.sale.id).await.state, "approved");
}
