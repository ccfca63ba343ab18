//! `ventanilla pay A B C --json`: several bills as one ticket, one handful of cash, and one JSON
//! object a script can read; a bill another counter already paid comes back as a refund. The hub
//! is the sandbox in its own process, as a remote hub would be.

mod common;

use std::path::Path;

use common::{counter, sandbox, Sandbox};
use rust_decimal::Decimal;
use serde_json::Value;
use ventanilla_sandbox::fixtures::{DTV_BARCODES, EDENOR_BARCODES};

fn pay_json(sb: &Sandbox, data: &Path, args: &[&str]) -> Value {
    let mut all = vec!["pay"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = counter(sb, data, &all).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().count(), 1, "one JSON object: {stdout}");
    serde_json::from_str(&stdout).unwrap()
}

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("an amount as a decimal string, not {v}"))
        .parse()
        .unwrap()
}

#[test]
fn three_bills_one_ticket_one_json_object() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("hub.json"), &[]);
    let bills = [DTV_BARCODES[0], DTV_BARCODES[1], EDENOR_BARCODES[0]];
    let mut args = bills.to_vec();
    args.extend(["--received", "50000"]);
    let t = pay_json(&sb, &dir.path().join("counter"), &args);

    let items = t["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    for (item, barcode) in items.iter().zip(bills) {
        assert_eq!(item["barcode"], barcode);
        assert_eq!(item["state"], "approved");
        assert!(item["clientTransactionId"].as_str().unwrap().len() <= 22);
    }
    let sum: Decimal = items.iter().map(|i| dec(&i["amount"])).sum();
    assert_eq!(dec(&t["total"]), sum);
    assert_eq!(dec(&t["received"]), Decimal::from(50_000));
    assert_eq!(dec(&t["change"]), Decimal::from(50_000) - sum);
    assert_eq!(dec(&t["refund"]), Decimal::ZERO);
    assert_eq!(t["settled"], true);

    let ledger: Value = reqwest::blocking::get(format!("{}/_sandbox/ledger", sb.url))
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(ledger.as_array().unwrap().len(), 3);
}

#[test]
fn a_bill_paid_elsewhere_comes_back_as_the_refund() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("hub.json"), &[]);
    // Another counter on the same hub pays the bill first.
    let first = pay_json(&sb, &dir.path().join("caja-2"), &[DTV_BARCODES[2]]);
    assert_eq!(first["items"][0]["state"], "approved");

    let t = pay_json(
        &sb,
        &dir.path().join("caja-1"),
        &[EDENOR_BARCODES[1], DTV_BARCODES[2], "--received", "20000"],
    );
    assert_eq!(t["items"][0]["state"], "approved");
    assert_eq!(t["items"][1]["state"], "rejected");
    assert_eq!(dec(&t["refund"]), dec(&t["items"][1]["amount"]));
    let out = dec(&t["items"][0]["amount"]) + dec(&t["change"]) + dec(&t["refund"]);
    assert_eq!(
        dec(&t["received"]),
        out,
        "money in = approved + change + refund"
    );
    assert_eq!(
        t["settled"], false,
        "the refund waits for the cashier to confirm it"
    );
}

#[test]
fn a_barcode_that_finds_nothing_pays_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("hub.json"), &[]);
    let out = counter(
        &sb,
        &dir.path().join("counter"),
        &["pay", DTV_BARCODES[0], "00000000000000000000", "--json"],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "no ticket printed");
    let ledger: Value = reqwest::blocking::get(format!("{}/_sandbox/ledger", sb.url))
        .unwrap()
        .json()
        .unwrap();
    assert!(ledger.as_array().unwrap().is_empty(), "{ledger}");
}
