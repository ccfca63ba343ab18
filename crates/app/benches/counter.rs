//! Counter benchmarks (`cargo bench -p ventanilla-app --bench counter`). Prints figures; asserts
//! nothing about speed.
//!
//! 1. Scan-to-bill: `Ventanilla::find_by_barcode` (barcode rules, HTTP to the sandbox, wire
//!    conversion, the lookup journaled with a durable commit) against a raw HTTP round trip of
//!    the same request to the same sandbox, so the app's own overhead is the difference.
//! 2. Durable journal writes per second against the disk's raw fdatasync rate, measured in the
//!    same directory in the same run (before and after): single sales (`Store::insert_sale`) and
//!    the customer's tickets (`Store::insert_ticket`) of one and of three bills, which is what
//!    every cash payment journals before the network sees it. Each is one durable commit.
//!
//! `COUNTER_PARTS=journal` (or `scan`) runs only that part.

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use ventanilla_app::{AppConfig, NoEvents, Ventanilla};
use ventanilla_core::ledger::LedgerPayment;
use ventanilla_core::{Bill, ClientTransactionId, Currency, Money};
use ventanilla_sandbox::fixtures::{self, BillFixture};
use ventanilla_store::{LookupSource, NewSale, NewTicket, Store, Tender};

const SCANS: usize = 400;
const JOURNAL_WRITES: usize = 1000;
const FSYNCS: usize = 1000;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir_in(
        std::env::var("BENCH_DIR").unwrap_or_else(|_| env!("CARGO_TARGET_TMPDIR").into()),
    )
    .expect("temp dir");
    let barcodes: Vec<&'static str> = fixtures::generated_bills()
        .filter(|b| !b.barcode.is_empty())
        .map(|b| b.barcode)
        .take(SCANS)
        .collect();

    let parts = std::env::var("COUNTER_PARTS").unwrap_or_else(|_| "scan,journal".into());
    if parts.contains("scan") {
        scan(&rt, dir.path(), &barcodes);
    }
    if parts.contains("journal") {
        journal(dir.path());
    }
}

fn scan(rt: &tokio::runtime::Runtime, dir: &std::path::Path, barcodes: &[&str]) {
    let (app_lat, raw_lat) = rt.block_on(scan_to_bill(dir, barcodes));
    println!(
        "scan-to-bill over {} scans of different bills (loopback sandbox)",
        barcodes.len()
    );
    report("  raw HTTP round trip  ", &raw_lat);
    report("  Ventanilla lookup    ", &app_lat);
    let overhead = median(&app_lat).saturating_sub(median(&raw_lat));
    println!("  app overhead (median): {} us", overhead.as_micros());
    println!(
        "  lookup / raw (median): {}.{:02}x",
        median(&app_lat).as_micros() / median(&raw_lat).as_micros().max(1),
        median(&app_lat).as_micros() * 100 / median(&raw_lat).as_micros().max(1) % 100
    );
}

fn journal(dir: &std::path::Path) {
    // The disk's rate before and after the journal's runs, so a neighbour's burst of I/O
    // during one of them shows as a gap between the two figures.
    let fsync_before = fsync_rate(dir);
    let mut store = Store::open(&dir.join("bench-journal.sqlite")).unwrap();
    let bills: Vec<BillFixture> = fixtures::generated_bills()
        .take(JOURNAL_WRITES * 3)
        .collect();
    let (for_sales, rest) = bills.split_at(JOURNAL_WRITES);
    let (for_ones, for_threes) = rest.split_at(JOURNAL_WRITES);
    let sales = sales_rate(&mut store, for_sales, 1);
    let ones = tickets_rate(&mut store, for_ones, 1, 1_000_000);
    let threes = tickets_rate(&mut store, for_threes, 3, 2_000_000);
    drop(store);
    let fsync_after = fsync_rate(dir);
    let fsync = (fsync_before + fsync_after) / 2;
    println!(
        "durable journal vs disk, same directory ({})",
        dir.display()
    );
    println!(
        "  disk fdatasync rate          : {fsync} fsync/s (before {fsync_before}, after {fsync_after}; {FSYNCS} fdatasync of 1 byte)"
    );
    let line = |what: &str, rate: u128, unit: &str| {
        println!(
            "  {what:<29}: {rate} {unit}/s   {}% of the disk's fdatasync rate",
            rate * 100 / fsync.max(1)
        )
    };
    line("single sales (insert_sale)", sales, "sales");
    line("tickets of 1 bill", ones, "tickets");
    line("tickets of 3 bills", threes, "tickets");
}

async fn scan_to_bill(dir: &std::path::Path, barcodes: &[&str]) -> (Vec<Duration>, Vec<Duration>) {
    let app = Ventanilla::start(AppConfig::sandbox(dir.join("app")), Arc::new(NoEvents))
        .await
        .expect("app starts");
    let base = app.hub_url().to_string();
    let http = reqwest::Client::new();
    let login: serde_json::Value = http
        .post(format!("{base}/login"))
        .json(&serde_json::json!({"userId": "sandbox", "userPassword": "sandbox"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["accessToken"].as_str().unwrap().to_string();
    let raw = |code: &str| {
        http.post(format!(
            "{base}/sales/billPayment/availablesBill/findByBarCode"
        ))
        .header("Authorization", &token)
        .header("applicationId", "bench")
        .header("deviceId", "bench")
        .json(&serde_json::json!({"billBarCode": code}))
        .send()
    };
    // Warm both paths (connections, token, page cache).
    for code in barcodes.iter().take(20) {
        raw(code).await.unwrap().bytes().await.unwrap();
        app.find_by_barcode(code).await.unwrap();
    }
    let (mut app_lat, mut raw_lat) = (Vec::new(), Vec::new());
    for code in barcodes {
        let t = Instant::now();
        let body = raw(code).await.unwrap().bytes().await.unwrap();
        raw_lat.push(t.elapsed());
        assert!(body.len() > 2, "the raw request found the bill");
        let t = Instant::now();
        app.find_by_barcode(code).await.unwrap();
        app_lat.push(t.elapsed());
    }
    app.shutdown().await;
    (app_lat, raw_lat)
}

/// One bill of the catalogue as the hub would show it, with its lookup journaled.
fn looked_up(store: &mut Store, b: &BillFixture, at: chrono::DateTime<chrono::Utc>) -> (Bill, i64) {
    let total = Money::new(b.amount, Currency::Ars).unwrap();
    let bill = Bill {
        external_data: ventanilla_core::ExternalData(b.external_data.to_string()),
        company: ventanilla_core::Company {
            id: b.company_id.into(),
            code: b.company_code.into(),
            name: b.company_name.into(),
            enabled: true,
            search_by_customer_data: true,
            search_by_barcode: true,
            bill_modes: vec![],
        },
        customer_identifier: b.customer_identifier.into(),
        barcode: Some(b.barcode.into()),
        description: String::new(),
        amount: ventanilla_core::AmountRule::Fixed { total },
    };
    let key = store
        .record_lookup(std::slice::from_ref(&bill), LookupSource::Barcode, at)
        .unwrap()[0];
    (bill, key)
}

fn total_of(bill: &Bill) -> Money {
    match bill.amount {
        ventanilla_core::AmountRule::Fixed { total } => total,
        _ => unreachable!("the bench's bills are fixed"),
    }
}

/// A cash sale of the whole bill, exact money.
fn sale_of<'a>(bill: &'a Bill, key: i64, ctid: &'a ClientTransactionId) -> NewSale<'a> {
    let total = total_of(bill);
    NewSale {
        client_transaction_id: ctid,
        lookup_id: key,
        bill,
        amount: total,
        tender: Tender::Cash {
            received: total,
            change: Money::zero(Currency::Ars),
        },
        counter: "Caja 1",
        cashier: "bench",
        at: chrono::Utc::now(),
        provisional: false,
    }
}

/// Single sales (`Store::insert_sale`) per second, one durable commit each, as `pay_cash`
/// journaled them before tickets.
fn sales_rate(store: &mut Store, bills: &[BillFixture], first_ctid: u128) -> u128 {
    let now = chrono::Utc::now();
    let prepared: Vec<(Bill, i64, ClientTransactionId)> = bills
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let (bill, key) = looked_up(store, b, now);
            (
                bill,
                key,
                ClientTransactionId::from_u128(first_ctid + i as u128),
            )
        })
        .collect();
    let t = Instant::now();
    for (bill, key, ctid) in &prepared {
        store.insert_sale(&sale_of(bill, *key, ctid)).unwrap();
    }
    per_second(prepared.len(), t.elapsed())
}

/// Tickets of `per_ticket` bills (`Store::insert_ticket`: the ticket, its items, each bill's
/// sale, outbox row and chain record, and its ledger payment, one durable commit each) per
/// second, paid in cash with a round note.
fn tickets_rate(
    store: &mut Store,
    bills: &[BillFixture],
    per_ticket: usize,
    first_ctid: u128,
) -> u128 {
    let now = chrono::Utc::now();
    let looked: Vec<(Bill, i64)> = bills.iter().map(|b| looked_up(store, b, now)).collect();
    let ctids: Vec<ClientTransactionId> = (0..looked.len() as u128)
        .map(|i| ClientTransactionId::from_u128(first_ctid + i))
        .collect();
    let mut tickets = Vec::new();
    for (n, group) in looked.chunks(per_ticket).enumerate() {
        let ids = &ctids[n * per_ticket..n * per_ticket + group.len()];
        let total = group.iter().fold(Money::zero(Currency::Ars), |t, (b, _)| {
            t.checked_add(total_of(b)).unwrap()
        });
        let received =
            Money::new(total.amount().ceil() + Decimal::from(100), Currency::Ars).unwrap();
        let mut payment = LedgerPayment::open(total, now).unwrap();
        payment.take_cash(received, now).unwrap();
        tickets.push((group, ids, payment));
    }
    let t = Instant::now();
    for (group, ids, payment) in &tickets {
        let bills = group
            .iter()
            .zip(ids.iter())
            .map(|((bill, key), ctid)| sale_of(bill, *key, ctid))
            .collect();
        store
            .insert_ticket(&NewTicket {
                taxes: Vec::new(),
                bills,
                payment,
                counter: "Caja 1",
                cashier: "bench",
                at: now,
            })
            .unwrap();
    }
    per_second(tickets.len(), t.elapsed())
}

fn fsync_rate(dir: &std::path::Path) -> u128 {
    let mut f = std::fs::File::create(dir.join("fsync-probe")).unwrap();
    let t = Instant::now();
    for _ in 0..FSYNCS {
        f.write_all(b"x").unwrap();
        f.sync_data().unwrap();
    }
    per_second(FSYNCS, t.elapsed())
}

fn per_second(n: usize, took: Duration) -> u128 {
    (n as u128 * 1_000_000_000) / took.as_nanos().max(1)
}

fn median(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    s[s.len() / 2]
}

fn report(label: &str, v: &[Duration]) {
    let mut s = v.to_vec();
    s.sort();
    let pct = |p: usize| s[(s.len() * p / 100).min(s.len() - 1)];
    println!(
        "{label}: median {} us, p95 {} us, max {} us",
        pct(50).as_micros(),
        pct(95).as_micros(),
        s[s.len() - 1].as_micros()
    );
}
