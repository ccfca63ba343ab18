//! Counter benchmarks (`cargo bench -p ventanilla-app --bench counter`). Prints figures; asserts
//! nothing about speed.
//!
//! 1. Scan-to-bill: `Ventanilla::find_by_barcode` (barcode rules, HTTP to the sandbox, wire
//!    conversion, the lookup journaled with a durable commit) against a raw HTTP round trip of
//!    the same request to the same sandbox, so the app's own overhead is the difference.
//! 2. Durable journaled payments per second (one `synchronous=FULL` commit each, as `pay_cash`
//!    does before the network) against the disk's raw fsync rate, measured in the same directory
//!    in the same run.

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ventanilla_app::{AppConfig, NoEvents, Ventanilla};
use ventanilla_core::{ClientTransactionId, Currency, Money};
use ventanilla_sandbox::fixtures;
use ventanilla_store::{LookupSource, NewSale, Store, Tender};

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

    let (app_lat, raw_lat) = rt.block_on(scan_to_bill(dir.path(), &barcodes));
    println!(
        "scan-to-bill over {} scans of different bills (loopback sandbox)",
        barcodes.len()
    );
    report("  raw HTTP round trip  ", &raw_lat);
    report("  Ventanilla lookup    ", &app_lat);
    let overhead = median(&app_lat).saturating_sub(median(&raw_lat));
    println!("  app overhead (median): {} us", overhead.as_micros());

    let journal = journal_rate(dir.path());
    let fsync = fsync_rate(dir.path());
    println!(
        "durable journal vs disk, same directory ({})",
        dir.path().display()
    );
    println!("  disk fsync rate            : {fsync} fsync/s ({FSYNCS} fdatasync of 1 byte)");
    println!("  journaled payments per sec : {journal} sales/s ({JOURNAL_WRITES} sales, synchronous=FULL)");
    println!(
        "  ratio journal/fsync        : {}%",
        journal * 100 / fsync.max(1)
    );
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

fn journal_rate(dir: &std::path::Path) -> u128 {
    let mut store = Store::open(&dir.join("bench-journal.sqlite")).unwrap();
    let bills: Vec<_> = fixtures::generated_bills().take(JOURNAL_WRITES).collect();
    let now = chrono::Utc::now();
    let mut sales = Vec::new();
    for (i, b) in bills.iter().enumerate() {
        let total = Money::new(b.amount, Currency::Ars).unwrap();
        let bill = ventanilla_core::Bill {
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
            .record_lookup(std::slice::from_ref(&bill), LookupSource::Barcode, now)
            .unwrap()[0];
        sales.push((
            bill,
            key,
            total,
            ClientTransactionId::from_u128(i as u128 + 1),
        ));
    }
    let t = Instant::now();
    for (bill, key, total, ctid) in &sales {
        store
            .insert_sale(&NewSale {
                client_transaction_id: ctid,
                lookup_id: *key,
                bill,
                amount: *total,
                tender: Tender::Cash {
                    received: *total,
                    change: Money::zero(Currency::Ars),
                },
                counter: "Caja 1",
                cashier: "bench",
                at: now,
                provisional: false,
            })
            .unwrap();
    }
    per_second(sales.len(), t.elapsed())
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
