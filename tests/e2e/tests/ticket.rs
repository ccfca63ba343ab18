//! The customer's ticket in the real window (Xvfb, tauri-driver, scanner typed by xdotool): three
//! bills scanned into one ticket, one of them already paid at another counter; one handful of
//! cash, the change, the refund prompt for the bill the hub refuses, and the receipts read back
//! with pdftotext. Every state is saved as `target/e2e/ticket-*.png` for a person to look at.

use std::time::Duration;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_e2e::{es_amount, pdftotext, workspace_root, Launch, Window, FAST_LINK};
use ventanilla_sandbox::fixtures::generated_bills;

const SECS: Duration = Duration::from_secs(30);

fn shot(w: &Window, name: &str) {
    w.screenshot(&workspace_root().join(format!("target/e2e/ticket-{name}.png")));
}

/// Bills of one company each (no chooser) with a fixed amount, with that amount.
fn fixed_bills() -> Vec<(&'static str, Decimal)> {
    let all: Vec<_> = generated_bills().collect();
    all.iter()
        .filter(|b| !b.open && all.iter().filter(|o| o.barcode == b.barcode).count() == 1)
        .map(|b| (b.barcode, b.amount))
        .collect()
}

/// An amount in pesos as the screen writes it in Spanish: `$ 12.345,60`.
fn es_money(d: Decimal) -> String {
    es_amount("$", d)
}

/// Another counter on the same hub pays `barcode` through the hub's own API, so the hub has it
/// paid and this counter's journal knows nothing of it. The amount goes out as the JSON number
/// the hub expects, written from the exact decimal.
fn another_counter_pays(w: &Window, barcode: &str, amount: Decimal) {
    let hub = format!("http://127.0.0.1:{}", w.sandbox_port);
    let http = reqwest::blocking::Client::new();
    let login: Value = http
        .post(format!("{hub}/login"))
        .json(&json!({"userId": "sandbox", "userPassword": "sandbox"}))
        .send()
        .and_then(|r| r.json())
        .expect("login");
    let token = login["accessToken"].as_str().expect("a token").to_string();
    let call = |path: &str, body: String| -> Value {
        http.post(format!("{hub}{path}"))
            .header("Authorization", &token)
            .header("applicationId", "otra-caja")
            .header("deviceId", "caja-2")
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .and_then(|r| r.json())
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let found = call(
        "/sales/billPayment/availablesBill/findByBarCode",
        json!({ "billBarCode": barcode }).to_string(),
    );
    let bill = &found[0];
    let body = format!(
        r#"{{"transactionType":"Sale","amount":{},"clientTransactionId":"otra-caja-1","product":{{"id":{}}},"transactionData":{{"className":"BillPaymentData","externalData":{}}}}}"#,
        amount.round_dp(2),
        bill["billCompany"]["id"],
        bill["externalData"],
    );
    let sale = call("/sales/billPayment/", body);
    assert_eq!(sale["state"], "approved", "{sale}");
}

fn wait_line(w: &Window, position: usize) {
    w.wait_for(
        &format!("line {position} of the ticket"),
        &format!(
            "const l = document.getElementById('ticket-lines');\
             return l && Number(l.dataset.count) === {position} || null"
        ),
        SECS,
    );
}

#[test]
fn three_bills_one_handful_one_refund_and_the_receipts() {
    let w = Window::launch_with(&Launch {
        env: FAST_LINK,
        ..Launch::default()
    });
    let bills: Vec<_> = fixed_bills().into_iter().take(3).collect();
    another_counter_pays(&w, bills[1].0, bills[1].1);

    // Three scans, one ticket; the cash field keeps the focus between scans.
    w.scan_to_cash(bills[0].0);
    wait_line(&w, 1);
    w.scan(bills[1].0);
    wait_line(&w, 2);
    w.scan(bills[2].0);
    wait_line(&w, 3);
    let total: Decimal = bills.iter().map(|b| b.1).sum();
    w.wait_for(
        "the ticket's total",
        &format!(
            "const t = document.getElementById('total');\
             return t && t.innerText.trim() === {} || null",
            json!(es_money(total))
        ),
        SECS,
    );
    w.wait_focus("received", "the cash field after the third scan");
    shot(&w, "three-bills");

    // One handful of cash for the whole ticket: the change, big, before paying.
    let cash = total.ceil() + Decimal::from(500);
    let change = cash - total;
    w.type_slowly(&cash.to_string(), 90);
    w.wait_for(
        "the change for the handful",
        &format!(
            "const c = document.getElementById('change');\
             return c && c.innerText.trim() === {} || null",
            json!(es_money(change))
        ),
        SECS,
    );
    w.key(&["Return"]);

    // The bill paid elsewhere comes back rejected: its amount is to be handed back.
    w.wait_for(
        "the refund prompt",
        "const s = document.getElementById('ticket-state');\
         return s && s.dataset.phase === 'refund' || null",
        Duration::from_secs(90),
    );
    let states = w.js(
        "return Array.from(document.querySelectorAll('#ticket-lines .line')).map(l => l.dataset.state)",
        &[],
    );
    assert_eq!(states, json!(["approved", "rejected", "approved"]));
    assert_eq!(w.text("#sale-change"), Some(es_money(change)));
    assert_eq!(w.text("#refund-due"), Some(es_money(bills[1].1)));
    w.wait_focus("confirm-refund", "the refund to confirm");
    assert_eq!(
        w.js(
            "return document.querySelectorAll('#toasts [data-sale]').length",
            &[]
        ),
        json!(0),
        "the ticket's own bills are told on their lines, not again in toasts"
    );
    shot(&w, "refund-prompt");
    w.key(&["Return"]);
    w.wait_for(
        "the refund recorded and the ticket settled",
        "const s = document.getElementById('ticket-state');\
         return s && s.dataset.phase === 'settled' && document.getElementById('refund-done') || null",
        SECS,
    );
    assert_eq!(
        w.text("#line-refund-2").as_deref(),
        Some("Devuelto"),
        "the line says its money went back"
    );
    shot(&w, "refunded");

    // The ticket's summary and the receipt of an approved bill, read back from their PDFs.
    w.js("document.getElementById('ticket-summary').focus()", &[]);
    w.key(&["Return"]);
    let summary = w.wait_for(
        "the ticket summary saved",
        "const s = document.getElementById('summary-saved'); return s ? s.dataset.file : null",
        SECS,
    );
    let pdf = pdftotext(summary.as_str().unwrap_or_default());
    for needle in [
        es_money(total),
        es_money(cash),
        es_money(change),
        es_money(bills[1].1),
        "Rechazada".to_string(),
        "Ticket cerrado.".to_string(),
    ] {
        assert!(pdf.contains(&needle), "{needle} not on the summary:\n{pdf}");
    }
    w.wait_for(
        "the first bill's receipt to be ready",
        "const b = document.getElementById('item-receipt-1'); return b && !b.disabled || null",
        SECS,
    );
    w.js("document.getElementById('item-receipt-1').focus()", &[]);
    w.key(&["Return"]);
    let receipt = w.wait_for(
        "the first bill's receipt saved",
        "const s = document.getElementById('item-receipt-saved-1'); return s ? s.dataset.file : null",
        SECS,
    );
    let pdf = pdftotext(receipt.as_str().unwrap_or_default());
    assert!(
        pdf.contains("(3 facturas)"),
        "the receipt names its ticket:\n{pdf}"
    );
    assert!(pdf.contains(&es_money(bills[0].1)), "{pdf}");
    shot(&w, "receipts");

    // The hub: each bill once from this counter, and the one the other counter paid.
    let ledger = w.sandbox_get("/_sandbox/ledger");
    let entries = ledger.as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 4, "{ledger}");
    let approved = entries
        .iter()
        .filter(|e| e.to_string().contains("\"approved\""))
        .count();
    assert_eq!(
        approved, 3,
        "two here and one at the other counter: {ledger}"
    );

    // The next customer starts with an empty ticket.
    w.key(&["Escape"]);
    w.wait_focus("barcode", "the next customer");
    assert!(w.text("#ticket-lines").is_none());
}
