//! `ventanilla pay --card --wallet` against the sandbox as its own process: a ticket of two
//! bills split across a card, a wallet and cash (change only from the cash), every figure as
//! the sandbox's terminal and wallet recorded it; and a counter killed (SIGKILL) while the
//! customer is at the terminal, whose card, captured meanwhile, is kept for a refund once the
//! counter is back and never counted twice.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{counter, free_port, sandbox, Sandbox};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_sandbox::fixtures::{DTV_BARCODES, EDENOR_BARCODES};

const TOKEN: &str = "cli-test-card-webhook-token";

/// The counter's CLI with the sandbox as its real terminal and wallet, its listener on `port`.
fn tender_counter(sb: &Sandbox, data: &Path, port: u16, args: &[&str]) -> Command {
    let mut cmd = counter(sb, data, args);
    cmd.env("VENTANILLA_CARD_TERMINAL_URL", &sb.url)
        .env("VENTANILLA_CARD_WEBHOOK_TOKEN", TOKEN)
        .env("VENTANILLA_WALLET_URL", &sb.url)
        .env("VENTANILLA_WALLET_TOKEN", "sandbox")
        .env("VENTANILLA_WALLET_SECRET", "sandbox")
        .env("VENTANILLA_WEBHOOK_BIND", format!("127.0.0.1:{port}"));
    cmd
}

/// Subscribes the sandbox's terminal to the counter's listener on `port`.
fn subscribe(sb: &Sandbox, port: u16) {
    let url = format!("http://127.0.0.1:{port}/captures/tokenization/webhook_callback");
    let res = reqwest::blocking::Client::new()
        .put(format!("{}/_sandbox/quickpay/subscription", sb.url))
        .json(&json!({ "url": url, "token": TOKEN }))
        .send()
        .unwrap();
    assert!(res.status().is_success());
}

fn get(sb: &Sandbox, path: &str) -> Vec<Value> {
    let v: Value = reqwest::blocking::get(format!("{}{path}", sb.url))
        .unwrap()
        .json()
        .unwrap();
    v.as_array()
        .cloned()
        .unwrap_or_else(|| panic!("{path}: {v}"))
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

fn run_ok(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn two_bills_split_across_a_card_a_wallet_and_cash() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("sandbox.json"), &[]);
    let port = free_port();
    subscribe(&sb, port);
    let data = dir.path().join("caja");
    let out = run_ok(tender_counter(
        &sb,
        &data,
        port,
        &[
            "pay",
            DTV_BARCODES[0],
            EDENOR_BARCODES[0],
            "--card",
            "1000",
            "--wallet",
            "500,25",
            "--received",
            "20000",
            "--auto-approve",
            "--json",
        ],
    ));
    let t: Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    let kinds: Vec<_> = t["tenders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["card", "wallet", "cash"], "{t:#}");
    let total = dec(&t["total"]);
    let cash_part = total - Decimal::new(150025, 2);
    assert_eq!(dec(&t["tenders"][0]["amount"]), Decimal::new(1000, 0));
    assert_eq!(dec(&t["tenders"][1]["amount"]), Decimal::new(50025, 2));
    assert_eq!(dec(&t["tenders"][2]["amount"]), cash_part);
    assert_eq!(
        dec(&t["change"]),
        Decimal::new(20000, 0) - cash_part,
        "change only from cash"
    );
    assert!(
        t["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["state"] == "approved"),
        "{t:#}"
    );

    // What the sandbox's terminal and wallet recorded: one capture, one payment, these amounts.
    let captures = get(&sb, "/_sandbox/quickpay/captures");
    assert_eq!(captures.len(), 1);
    assert_eq!(captures[0]["state"], "approved");
    assert_eq!(dec(&captures[0]["amount"]), Decimal::new(1000, 0));
    let payments = get(&sb, "/_sandbox/pennymatic/payments");
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0]["amount"], "500.25");
    assert_eq!(payments[0]["currency"], "ARS");
    assert_eq!(t["tenders"][1]["txid"], payments[0]["transaction_id"]);
    assert_eq!(get(&sb, "/_sandbox/ledger").len(), 2, "each bill sold once");
}

#[test]
fn killed_while_the_customer_is_at_the_terminal_the_card_is_kept_for_a_refund_once() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("sandbox.json"), &[]);
    let port = free_port();
    subscribe(&sb, port);
    let data = dir.path().join("caja");
    let mut cmd = tender_counter(&sb, &data, port, &["pay", DTV_BARCODES[1], "--card", ""]);
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The terminal waits for the customer's card: the counter is killed there.
    let started = Instant::now();
    let reference = loop {
        let waiting: Vec<_> = get(&sb, "/_sandbox/quickpay/captures")
            .into_iter()
            .filter(|c| c["state"] == "waiting")
            .collect();
        if let Some(c) = waiting.first() {
            break c["reference_id"].as_str().unwrap().to_string();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no capture started"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap();
    child.wait().unwrap();
    // The customer presents the card anyway: the terminal charges it and keeps delivering.
    let res = reqwest::blocking::Client::new()
        .post(format!(
            "{}/_sandbox/quickpay/captures/{reference}/present",
            sb.url
        ))
        .json(&json!({ "outcome": "approve" }))
        .send()
        .unwrap();
    assert!(res.status().is_success());

    // Back up: the capture arrives, its tender was lost with the killed run, so the card's
    // money is to be handed back; the bill was never sold.
    let out = run_ok(tender_counter(
        &sb,
        &data,
        port,
        &["attention", "list", "--listen-secs", "8"],
    ));
    let cards: Vec<_> = out.lines().filter(|l| l.starts_with("card ")).collect();
    assert_eq!(cards.len(), 1, "{out}");
    assert!(cards[0].contains("refunded=no"), "{out}");
    assert!(get(&sb, "/_sandbox/ledger").is_empty(), "no bill was sold");
    // Sent again, and the counter restarted again: still one.
    reqwest::blocking::Client::new()
        .post(format!(
            "{}/_sandbox/quickpay/captures/{reference}/redeliver",
            sb.url
        ))
        .send()
        .unwrap();
    let out = run_ok(tender_counter(
        &sb,
        &data,
        port,
        &["attention", "list", "--listen-secs", "3"],
    ));
    assert_eq!(
        out.lines().filter(|l| l.starts_with("card ")).count(),
        1,
        "{out}"
    );
}
