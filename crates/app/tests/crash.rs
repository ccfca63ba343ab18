//! The process dies with a sale in flight. Dropping the Tokio runtime cancels every task at
//! whatever await it was on, exactly as a kill would leave things: the journal on disk (and the
//! sandbox's own state file) is all that remains. The next start must reconcile each unresolved
//! sale with the hub, and the hub must end with exactly one sale for it.

mod common;

use common::*;
use serde_json::json;
use std::time::Duration;
use ventanilla_sandbox::fixtures;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Journals a sale, lets it get as far as the faults allow, then "kills" the process.
fn die_with_sale_in_flight(dir: &std::path::Path, faults: serde_json::Value) -> i64 {
    let rt = runtime();
    let id = rt.block_on(async {
        let app = start(dir).await;
        let bill = one_bill(&app, fixtures::DTV_EXAMPLE_BARCODE).await;
        set_faults(&app, faults).await;
        let sale = app.pay_cash(bill.key, "", "3000").unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = app.sale(sale.id).unwrap();
        assert!(
            !now.is_final,
            "still in flight when the process dies: {now:?}"
        );
        sale.id
    });
    rt.shutdown_timeout(Duration::from_millis(100));
    id
}

fn restart_and_settle(dir: &std::path::Path, id: i64) -> (String, usize, String) {
    let rt = runtime();
    rt.block_on(async {
        let app = start(dir).await;
        let sale = settle(&app, id).await;
        let ledger = ledger(&app).await;
        let ctids: usize = ledger
            .iter()
            .filter(|e| e.to_string().contains(&sale.client_transaction_id))
            .count();
        (sale.state, ledger.len(), format!("{ctids}"))
    })
}

#[test]
fn killed_before_the_post_reached_the_hub() {
    let dir = tempfile::tempdir().unwrap();
    // The POST hangs before the hub processes it; the process dies meanwhile.
    let id = die_with_sale_in_flight(dir.path(), json!([{"endpoint": "pay", "no_answer": true}]));
    let (state, sales_at_hub, ours) = restart_and_settle(dir.path(), id);
    assert_eq!(state, "approved");
    assert_eq!(
        sales_at_hub, 1,
        "resent once, with the same clientTransactionId"
    );
    assert_eq!(ours, "1");
}

#[test]
fn killed_after_the_hub_recorded_the_sale_but_before_its_answer() {
    let dir = tempfile::tempdir().unwrap();
    let id = die_with_sale_in_flight(
        dir.path(),
        json!([{"endpoint": "pay", "no_answer": true, "after_commit": true}]),
    );
    let (state, sales_at_hub, ours) = restart_and_settle(dir.path(), id);
    assert_eq!(state, "approved", "found by asking, not by paying again");
    assert_eq!(sales_at_hub, 1);
    assert_eq!(ours, "1");
}

#[test]
fn killed_right_after_the_journal_write() {
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    let key = rt.block_on(async {
        let app = start(dir.path()).await;
        one_bill(&app, fixtures::GAM_BARCODE).await.key
    });
    rt.shutdown_timeout(Duration::from_millis(100));
    // What a kill right after the commit leaves: the sale journaled, its task never started.
    let id = {
        let mut store = ventanilla_store::Store::open(&dir.path().join("journal.sqlite")).unwrap();
        let bill = store.lookup(key).unwrap();
        let amount = ventanilla_core::Money::parse_input(
            "75,50",
            ventanilla_core::Currency::Ars,
            ventanilla_core::NumberStyle::Es,
        )
        .unwrap();
        let ctid = ventanilla_core::ClientTransactionId::from_u128(0xC0FFEE);
        let zero = ventanilla_core::Money::zero(ventanilla_core::Currency::Ars);
        store
            .insert_sale(&ventanilla_store::NewSale {
                client_transaction_id: &ctid,
                lookup_id: key,
                bill: &bill,
                amount,
                tender: ventanilla_store::Tender::Cash {
                    received: amount,
                    change: zero,
                },
                counter: "Caja 1",
                cashier: "Cajero",
                at: chrono::Utc::now(),
                provisional: false,
            })
            .unwrap()
            .id
    };
    let (state, sales_at_hub, ours) = restart_and_settle(dir.path(), id);
    assert_eq!(state, "approved");
    assert_eq!(sales_at_hub, 1);
    assert_eq!(ours, "1");
}

#[test]
fn sales_settled_at_start_are_shown_to_the_cashier() {
    let dir = tempfile::tempdir().unwrap();
    // The hub approved the sale while the counter was down: only the next start finds out.
    let id = die_with_sale_in_flight(
        dir.path(),
        json!([{"endpoint": "pay", "no_answer": true, "after_commit": true}]),
    );
    let rt = runtime();
    rt.block_on(async {
        let app = start(dir.path()).await;
        assert_eq!(settle(&app, id).await.state, "approved");
        let settled = app.settled_at_start().unwrap();
        assert_eq!(settled.len(), 1, "{settled:?}");
        assert_eq!((settled[0].id, settled[0].state.as_str()), (id, "approved"));
        assert_eq!(app.status().unwrap().settled_at_start, 1);

        // A sale of this run is news of its own, not of the restart.
        let bill = one_bill(&app, fixtures::DTV_BARCODES[0]).await;
        let sale = app.pay_cash(bill.key, "", "").unwrap();
        settle(&app, sale.id).await;
        assert_eq!(app.settled_at_start().unwrap().len(), 1);
    });
}
