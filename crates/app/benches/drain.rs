//! Outbox drain benchmark (`cargo bench -p ventanilla-app --bench drain`). Prints figures;
//! asserts nothing about speed.
//!
//! 10,000 sales are journaled while the hub is down (its port closed; `DRAIN_OPS` changes the
//! count), then the hub comes back on the same address and the time until the outbox is empty
//! is measured: with the default concurrency, and one operation at a time. Both are set against
//! the sandbox's own capacity, measured in the same run with raw concurrent HTTP payments and no
//! journal at all. `DRAIN_SERIAL=0` skips the run one at a time (for profiling).

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use ventanilla_app::views::BarcodeLookup;
use ventanilla_app::{AppConfig, HubTarget, NoEvents, Ventanilla};
use ventanilla_core::Secret;
use ventanilla_sandbox::fixtures::{self, BillFixture};
use ventanilla_sandbox::{SandboxConfig, SandboxHandle};

const CONCURRENCY: usize = 8;

fn main() {
    let ops: usize = std::env::var("DRAIN_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let sandbox =
            ventanilla_sandbox::spawn("127.0.0.1:0".parse().unwrap(), SandboxConfig::default())
                .await
                .expect("sandbox");
        let bills: Vec<BillFixture> = fixtures::generated_bills()
            .filter(|b| !b.barcode.is_empty())
            .take(ops)
            .collect();
        assert_eq!(bills.len(), ops, "enough distinct bills in the catalogue");

        let capacity = sandbox_capacity(&sandbox, &bills).await;
        let addr = sandbox.addr();
        sandbox.shutdown().await;
        let parallel = drain(addr, &bills, CONCURRENCY).await;
        // `DRAIN_SERIAL=0` skips the run one at a time (quicker, for profiling).
        let serial = if std::env::var("DRAIN_SERIAL").as_deref() == Ok("0") {
            parallel
        } else {
            drain(addr, &bills, 1).await
        };

        println!("outbox drain of {ops} queued bill sales (loopback sandbox)");
        println!(
            "  sandbox capacity (raw HTTP, {CONCURRENCY} at a time, no journal): {}",
            rate(ops, capacity)
        );
        println!("  drain, {CONCURRENCY} at a time: {}", rate(ops, parallel));
        println!("  drain, one at a time: {}", rate(ops, serial));
        println!(
            "  drain at {CONCURRENCY} vs capacity: {}.{}%   speed-up over one at a time: {}.{}x",
            capacity.as_millis() * 100 / parallel.as_millis().max(1),
            capacity.as_millis() * 1000 / parallel.as_millis().max(1) % 10,
            serial.as_millis() / parallel.as_millis().max(1),
            serial.as_millis() * 10 / parallel.as_millis().max(1) % 10,
        );
    });
}

fn rate(n: usize, took: Duration) -> String {
    let per_sec = (n as u128 * 1000) / took.as_millis().max(1);
    format!("{} ms ({per_sec} ops/s)", took.as_millis())
}

/// Raw payments straight to the sandbox: what the hub side can take.
async fn sandbox_capacity(sandbox: &SandboxHandle, bills: &[BillFixture]) -> Duration {
    let http = reqwest::Client::new();
    let base = sandbox.base_url();
    let login: serde_json::Value = http
        .post(format!("{base}/login"))
        .json(&json!({"userId": "sandbox", "userPassword": "sandbox"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["accessToken"].as_str().unwrap().to_string();
    let bodies: Vec<serde_json::Value> = bills
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let amount: serde_json::Number = serde_json::from_str(&b.amount.round_dp(2).to_string()).unwrap();
            json!({
                "transactionType": "Sale",
                "amount": amount,
                "clientTransactionId": format!("cap{i}"),
                "product": {"id": b.company_id},
                "transactionData": {"className": "BillPaymentData", "externalData": b.external_data},
            })
        })
        .collect();
    let chunks: Vec<Vec<serde_json::Value>> = bodies
        .chunks(bodies.len().div_ceil(CONCURRENCY))
        .map(|c| c.to_vec())
        .collect();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for chunk in chunks {
        let (http, base, token) = (http.clone(), base.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            for body in chunk {
                let res = http
                    .post(format!("{base}/sales/billPayment/"))
                    .header("Authorization", &token)
                    .header("applicationId", "bench")
                    .header("deviceId", "bench")
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                assert!(res.status().is_success());
                res.bytes().await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    started.elapsed()
}

/// Journals every bill's sale with the hub down, brings it back, and times the drain.
async fn drain(addr: std::net::SocketAddr, bills: &[BillFixture], concurrency: usize) -> Duration {
    let sandbox = ventanilla_sandbox::spawn(addr, SandboxConfig::default())
        .await
        .expect("sandbox");
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mut cfg = AppConfig::sandbox(dir.path().to_path_buf());
    cfg.hub = HubTarget::Real {
        base_url: sandbox.base_url(),
        user_id: "sandbox".into(),
        password: Secret::new("sandbox"),
        application_id: "bench".into(),
        device_id: "bench".into(),
    };
    cfg.delivery.concurrency = concurrency;
    cfg.delivery.max_attempts = 1_000;
    cfg.probe_offline = Duration::from_millis(100);
    let app = Ventanilla::start(cfg, Arc::new(NoEvents)).await.unwrap();
    let mut keys = Vec::with_capacity(bills.len());
    for b in bills {
        match app.find_by_barcode(b.barcode).await.unwrap() {
            BarcodeLookup::Bills { bills } => keys.push(bills[0].key),
            BarcodeLookup::ChooseCompany { .. } => panic!("generated barcodes are unique"),
        }
    }
    // The link drops: connections refused, so every sale stays journaled, never in doubt.
    sandbox.shutdown().await;
    for key in keys {
        app.pay_cash(key, "", "").unwrap();
    }
    let sandbox = ventanilla_sandbox::spawn(addr, SandboxConfig::default())
        .await
        .expect("sandbox back");
    let started = Instant::now();
    loop {
        let status = app.status().unwrap();
        if status.queue_depth == 0 {
            assert_eq!(status.attention, 0);
            break;
        }
        if std::env::var_os("DRAIN_DEBUG").is_some() {
            eprintln!(
                "{:?} depth {} link {}",
                started.elapsed(),
                status.queue_depth,
                status.links[0].state
            );
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let took = started.elapsed();
    assert_eq!(
        sandbox.ledger().len(),
        bills.len(),
        "every sale delivered exactly once"
    );
    app.shutdown().await;
    sandbox.shutdown().await;
    took
}
