//! A bill this counter already charged is shown as such when looked up again, and is not
//! charged twice: approved, in flight, or taken offline. A rejected earlier sale charged
//! nothing, so it does not stand in the way.

mod common;

use common::*;
use serde_json::json;
use ventanilla_app::views::EarlierSale;
use ventanilla_app::ErrorCode;
use ventanilla_sandbox::fixtures;

#[tokio::test]
async fn an_approved_bill_looked_up_again_is_flagged_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    assert!(bill.earlier_sale.is_none());
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    assert_eq!(settle(&app, sale.id).await.state, "approved");

    let again = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
    let earlier = again.earlier_sale.expect("the bill says it was paid here");
    assert_eq!(earlier.sale_id, sale.id);
    assert_eq!(earlier.state, EarlierSale::Approved);
    assert!(earlier.blocks_payment);
    assert_eq!(earlier.taken_at, sale.created_at);
    assert!(
        earlier.notice.contains("ya se cobró en esta caja")
            && earlier.notice.contains(&format!("venta {}", sale.id)),
        "{}",
        earlier.notice
    );

    let err = app.pay_cash(again.key, "", "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Duplicate);
    assert!(
        err.message.contains("No la cobre de nuevo"),
        "{}",
        err.message
    );
    assert_eq!(
        app.quote_cash(again.key, "", "").unwrap_err().code,
        ErrorCode::Duplicate
    );
    assert_eq!(app.history(10).unwrap().len(), 1, "nothing more journaled");
    assert_eq!(ledger(&app).await.len(), 1, "nothing more sent");
}

#[tokio::test]
async fn the_journal_remembers_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let sale_id = {
        let app = start(dir.path()).await;
        let bill = one_bill(&app, fixtures::DTV_BARCODES[1]).await;
        let sale = app.pay_cash(bill.key, "", "").unwrap();
        assert_eq!(settle(&app, sale.id).await.state, "approved");
        app.shutdown().await;
        sale.id
    };
    let app = start(dir.path()).await;
    let again = one_bill(&app, fixtures::DTV_BARCODES[1]).await;
    let earlier = again
        .earlier_sale
        .expect("read back from the journal at start");
    assert_eq!(
        (earlier.sale_id, earlier.state),
        (sale_id, EarlierSale::Approved)
    );
    let err = app.pay_cash(again.key, "", "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Duplicate);
}

#[tokio::test]
async fn a_bill_in_flight_is_flagged_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_BARCODES[2]).await;
    set_faults(&app, json!([{"endpoint": "pay", "pending_secs": 2}])).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let again = one_bill(&app, fixtures::DTV_BARCODES[2]).await;
    let earlier = again.earlier_sale.expect("the sale in flight is shown");
    assert_eq!(
        (earlier.sale_id, earlier.state),
        (sale.id, EarlierSale::InFlight)
    );
    let err = app.pay_cash(again.key, "", "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Duplicate);
    assert!(err.message.contains("pago en curso"), "{}", err.message);
    assert_eq!(settle(&app, sale.id).await.state, "approved");
    assert_eq!(ledger(&app).await.len(), 1);
}

#[tokio::test]
async fn a_bill_taken_offline_is_not_taken_again() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    enable_contingency(&app).await;
    let bill = one_bill(&app, fixtures::GAM_BARCODE).await;
    hub_down(&app).await;
    wait_link(&app, "offline").await;
    let first = app.pay_cash_offline(bill.key, "100", "").unwrap();
    let err = app.pay_cash_offline(bill.key, "100", "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Duplicate);
    assert!(err.message.contains("sin conexión"), "{}", err.message);
    assert!(
        err.message.contains(&format!("venta {}", first.sale.id)),
        "{}",
        err.message
    );
    assert_eq!(
        app.pay_cash(bill.key, "100", "").unwrap_err().code,
        ErrorCode::Duplicate
    );

    clear_faults(&app).await;
    let again = one_bill(&app, fixtures::GAM_BARCODE).await;
    let earlier = again.earlier_sale.expect("the offline sale is shown");
    assert_eq!(earlier.sale_id, first.sale.id);
    assert!(
        matches!(
            earlier.state,
            EarlierSale::Provisional | EarlierSale::Approved
        ),
        "{earlier:?}"
    );
    assert_eq!(
        app.pay_cash(again.key, "100", "").unwrap_err().code,
        ErrorCode::Duplicate
    );
    assert_eq!(settle(&app, first.sale.id).await.state, "approved");
    assert_eq!(ledger(&app).await.len(), 1);
}

#[tokio::test]
async fn a_rejected_earlier_sale_is_shown_but_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    pay_at_another_counter(&app, fixtures::EDENOR_BARCODES[0], "").await;
    let bill = one_bill(&app, fixtures::EDENOR_BARCODES[0]).await;
    let rejected = app.pay_cash(bill.key, "", "").unwrap();
    assert_eq!(settle(&app, rejected.id).await.state, "rejected");

    let again = one_bill(&app, fixtures::EDENOR_BARCODES[0]).await;
    let earlier = again.earlier_sale.expect("the rejection is shown");
    assert_eq!(
        (earlier.sale_id, earlier.state),
        (rejected.id, EarlierSale::Rejected)
    );
    assert!(!earlier.blocks_payment);
    assert!(
        earlier.notice.contains("se puede cobrar"),
        "{}",
        earlier.notice
    );
    let retry = app
        .pay_cash(again.key, "", "")
        .expect("a rejection charged nothing");
    assert_ne!(retry.id, rejected.id);
}
