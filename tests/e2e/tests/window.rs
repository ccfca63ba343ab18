//! The cashier's window, for real: Xvfb + tauri-driver + WebKitWebDriver + xdotool.
//! Needs `target/debug/ventanilla-desktop` built with the UI embedded (see README.md).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};
use ventanilla_e2e::{workspace_root, Window};

const DIRECTV: &str = "05700861082790003832152882102060000027480005";
const SEVERAL_COMPANIES: &str = "579201910127747008036409003400000101000004270050";
const SECS: Duration = Duration::from_secs(30);

#[test]
fn scanned_bill_is_paid_in_cash_and_its_receipt_printed() {
    let w = Window::launch();

    // A person is typing in a text field (the customer-data search) when the scanner fires.
    w.key(&["F2"]);
    w.wait_for(
        "the company filter to have the focus",
        "return document.activeElement && document.activeElement.id === 'search-filter' || null",
        SECS,
    );
    w.type_slowly("dir", 150);
    w.wait_for(
        "the filter to read 'dir'",
        "return document.getElementById('search-filter').value === 'dir' || null",
        SECS,
    );
    w.js(
        "window.__seen = []; const f = document.getElementById('search-filter');\
         f.addEventListener('input', () => window.__seen.push(f.value));",
        &[],
    );
    w.scan(DIRECTV);

    w.wait_for(
        "the DirecTV bill card",
        "const c = document.querySelector('#line-1 .company-name');\
         return c && c.innerText.trim() === 'DIRECT TV' || null",
        SECS,
    );
    assert_eq!(Value::from(w.text("#total")), json!("$ 2.748,00"));
    let seen = w.js("return window.__seen", &[]);
    assert!(
        seen.as_array().is_some_and(|a| a.iter().all(|v| v
            .as_str()
            .is_some_and(|s| !s.chars().any(|c| c.is_ascii_digit())))),
        "the focused field received scanned digits: {seen}"
    );
    let values = w.js(
        "return Array.from(document.querySelectorAll('input')).map(i => i.value)",
        &[],
    );
    assert!(
        values.as_array().is_some_and(|a| a
            .iter()
            .all(|v| !v.as_str().unwrap_or("").contains("0570086"))),
        "a field holds the barcode: {values}"
    );

    // The cash tender has the focus: the cashier types what the customer handed over.
    w.wait_for(
        "the cash-received field to have the focus",
        "return document.activeElement && document.activeElement.id === 'received' || null",
        SECS,
    );
    w.type_slowly("3000", 120);
    w.wait_for(
        "the change",
        "const c = document.getElementById('change'); return c && c.innerText.trim() === '$ 252,00' || null",
        SECS,
    );
    assert_eq!(
        w.js("return document.getElementById('received').value", &[]),
        json!("3000")
    );
    w.screenshot(&workspace_root().join("target/e2e/main-screen.png"));
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        w.screenshot(&workspace_root().join("docs/screenshot.png"));
    }

    w.key(&["Return"]);
    w.wait_for(
        "the sale to be approved",
        "const s = document.getElementById('sale-state');\
         return s && s.dataset.state === 'approved' && s.innerText.includes('Aprobado') || null",
        Duration::from_secs(90),
    );
    assert_eq!(Value::from(w.text("#sale-change")), json!("$ 252,00"));
    let path = w.wait_for(
        "the receipt",
        "const p = document.getElementById('receipt-saved'); return p ? p.dataset.file : null",
        Duration::from_secs(60),
    );
    let path = path.as_str().unwrap_or_default().to_string();
    let receipts = w.data_dir.path().join("receipts");
    assert!(
        Path::new(&path).starts_with(&receipts),
        "{path} is not under {}",
        receipts.display()
    );
    assert!(Path::new(&path).is_file(), "{path} missing");
    let receipt_text = Value::from(w.text("#receipt-text"));
    assert!(
        receipt_text.as_str().unwrap_or("").contains("DIRECT TV"),
        "{receipt_text}"
    );
    w.screenshot(&workspace_root().join("target/e2e/approved.png"));

    let out = Command::new("pdftotext")
        .args([path.as_str(), "-"])
        .output()
        .expect("pdftotext (apt-get install -y poppler-utils)");
    assert!(out.status.success(), "pdftotext failed");
    let pdf = String::from_utf8_lossy(&out.stdout);
    assert!(
        pdf.contains("DIRECT TV"),
        "receipt PDF lacks the company:\n{pdf}"
    );
    assert!(
        pdf.contains("2.748,00"),
        "receipt PDF lacks the amount:\n{pdf}"
    );

    // The hub (the embedded sandbox) has the sale.
    let ledger = w.sandbox_get("/_sandbox/ledger");
    assert!(
        ledger.to_string().contains("2748"),
        "sandbox ledger: {ledger}"
    );

    // Next customer brings the same bill: this counter knows it charged it, says so at once,
    // and the pay key charges nothing.
    w.key(&["Return"]);
    w.wait_for(
        "the empty ticket",
        "return document.activeElement && document.activeElement.id === 'barcode' || null",
        SECS,
    );
    w.scan(DIRECTV);
    let notice = w.wait_for(
        "the notice that the bill was paid here",
        "const n = document.getElementById('busy');\
         return n && n.dataset.blocks === 'true' ? n.innerText : null",
        SECS,
    );
    assert!(
        notice
            .as_str()
            .is_some_and(|n| n.contains("ya se cobró en esta caja")),
        "notice: {notice}"
    );
    w.screenshot(&workspace_root().join("target/e2e/paid-here.png"));
}

#[test]
fn barcode_of_several_companies_asks_which_one() {
    let w = Window::launch();
    w.scan(SEVERAL_COMPANIES);
    let codes = w.chooser_codes();
    let index = codes
        .iter()
        .position(|c| *c == "3145")
        .unwrap_or_else(|| panic!("3145 not offered: {codes:?}"));
    w.screenshot(&workspace_root().join("target/e2e/chooser.png"));

    let downs = vec!["Down"; index];
    if !downs.is_empty() {
        w.key(&downs);
    }
    w.wait_for(
        "3145 to be selected",
        "const a = document.activeElement; return a && a.dataset.code === '3145' || null",
        SECS,
    );
    w.key(&["Return"]);
    w.wait_for(
        "the bill card of company 3145",
        "const c = document.getElementById('line-1'); return c && c.dataset.company === '3145' || null",
        SECS,
    );
    let name = Value::from(w.text("#line-1 .company-name"));
    assert!(name.as_str().is_some_and(|s| !s.is_empty()), "{name}");
    w.screenshot(&workspace_root().join("target/e2e/chosen.png"));
}
