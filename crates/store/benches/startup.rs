//! What trusting a journal costs at start-up, on a journal of 100,000 sales (each journaled and
//! approved: 200,000 chain records): opening it (lock, quick check, the whole chain walked and
//! every sale compared with its last record) and SQLite's full integrity check.
//!
//! `cargo bench -p ventanilla-store --bench startup [-- SALES]`

use std::time::Instant;

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use ventanilla_core::payment::{HubRef, SaleState};
use ventanilla_core::{
    AmountRule, Bill, ClientTransactionId, Company, Currency, ExternalData, Money,
};
use ventanilla_store::{LookupSource, NewSale, Store, Tender};

fn main() {
    let sales: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let built = Instant::now();
    {
        let mut store = Store::open(&path).unwrap();
        store.relax_durability_for_bulk_load().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 15, 0, 0).unwrap();
        let ars = |v: i64| Money::new(Decimal::new(v, 2), Currency::Ars).unwrap();
        for n in 0..sales {
            let bill = Bill {
                external_data: ExternalData(format!("EXT-{n:08}-{}", "x".repeat(40))),
                company: Company {
                    id: "16CB1F6815771858E95F".into(),
                    code: "57".into(),
                    name: "DIRECT TV".into(),
                    enabled: true,
                    search_by_customer_data: true,
                    search_by_barcode: true,
                    bill_modes: vec![],
                },
                customer_identifier: format!("{n:010}"),
                barcode: Some(format!("0570086108279000383215288210206{n:013}")),
                description: "Cliente".into(),
                amount: AmountRule::Fixed {
                    total: ars(274_800),
                },
            };
            let key = store
                .record_lookup(std::slice::from_ref(&bill), LookupSource::Barcode, at)
                .unwrap()[0];
            let ctid = ClientTransactionId::from_u128(u128::from(n) + 1);
            let row = store
                .insert_sale(&NewSale {
                    client_transaction_id: &ctid,
                    lookup_id: key,
                    bill: &bill,
                    amount: ars(274_800),
                    tender: Tender::Cash {
                        received: ars(300_000),
                        change: ars(25_200),
                    },
                    counter: "Caja 1",
                    cashier: "Ana",
                    at,
                    provisional: false,
                })
                .unwrap();
            let approved = SaleState::Approved {
                hub: HubRef {
                    id: format!("{n:020X}"),
                    number: Some(i64::from(n)),
                    confirmation_id: Some(format!("{n:015}")),
                },
            };
            store
                .update_sale_state(row.id, &approved, "answered", None, at)
                .unwrap();
        }
    }
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "journal: {sales} sales, {} MiB, built in {} s",
        size / 1_048_576,
        built.elapsed().as_secs()
    );
    for round in 1..=3 {
        let t = Instant::now();
        let store = Store::open(&path).unwrap();
        let open = t.elapsed();
        let t = Instant::now();
        store.integrity_check().unwrap();
        let full = t.elapsed();
        println!(
            "round {round}: open with chain verified {} ms; full integrity_check {} ms",
            open.as_millis(),
            full.as_millis()
        );
    }
}
