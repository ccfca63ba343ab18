//! Municipal taxes in the real window (Xvfb, tauri-driver, keys typed by xdotool), against the
//! embedded tax platform: F3, a wrong check digit told, the taxpayer's debts, two of them ticked
//! with Space, the order created with Enter, a bill refused from the VES ticket, the cash, each
//! debt turning to paid as the platform's callbacks arrive, and the summary read back with
//! pdftotext. A second window shows an order about to expire, expired (not chargeable) and
//! cancelled. Every state is saved as `target/e2e/tax-*.png` for a person to look at.

use std::time::Duration;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_e2e::{es_amount, pdftotext, workspace_root, Launch, Window, FAST_LINK};
use ventanilla_sandbox::fixtures::generated_bills;

const SECS: Duration = Duration::from_secs(30);
/// Has three debts and more at the sandbox's tax platform (fixtures).
const MARIA: &str = "V-12345678";

fn shot(w: &Window, name: &str) {
    w.screenshot(&workspace_root().join(format!("target/e2e/tax-{name}.png")));
}

/// The platform's orders, as its admin route lists them.
fn platform_orders(w: &Window) -> Vec<Value> {
    let all = w.sandbox_get("/_sandbox/arkadu/orders");
    all.as_array()
        .cloned()
        .unwrap_or_else(|| panic!("not a list: {all}"))
}

/// An amount the platform's admin route writes as a decimal string.
fn amount(v: &Value) -> Decimal {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not a decimal string: {v}"))
}

/// F3, the document id typed like a person (not a scan), Enter, and the debts listed.
fn find_debts(w: &Window, doc: &str) -> usize {
    w.key(&["F3"]);
    w.wait_focus("tax-doc", "the document id field after F3");
    w.key(&["ctrl+a"]);
    w.type_slowly(doc, 120);
    w.key(&["Return"]);
    let count = w.wait_for(
        "the taxpayer's debts",
        "const l = document.getElementById('tax-debts');\
         return l && l.querySelectorAll('li').length || null",
        SECS,
    );
    count.as_u64().unwrap_or_default() as usize
}

fn ticked(w: &Window) -> Value {
    w.js(
        "const t = document.getElementById('tax-ticked'); return t ? Number(t.dataset.count) : null",
        &[],
    )
}

/// Ticks the first two debts with Space and ↓, and creates the order with Enter: the ticket
/// then has two lines and the focus is on the cash.
fn order_two_debts(w: &Window) {
    w.wait_focus("tax-debt-0", "the first debt, to tick");
    w.key(&["space"]);
    w.key(&["Down"]);
    w.wait_focus("tax-debt-1", "the second debt after ↓");
    w.key(&["space"]);
    assert_eq!(ticked(w), json!(2));
    shot(w, "ticked");
    w.key(&["Return"]);
    w.wait_for(
        "the order's two debts on the ticket",
        "const l = document.getElementById('ticket-lines');\
         return l && Number(l.dataset.count) === 2 && document.querySelector('[data-clock]') || null",
        SECS,
    );
    w.wait_focus("received", "the cash field once the order is made");
}

#[test]
fn two_of_the_taxpayers_debts_ordered_paid_in_cash_and_settled_by_the_platform() {
    let w = Window::launch_with(&Launch {
        env: FAST_LINK,
        ..Launch::default()
    });
    shot(&w, "start");

    // A wrong check digit is told in Spanish and asks nothing of the platform.
    w.key(&["F3"]);
    w.wait_focus("tax-doc", "the document id field after F3");
    shot(&w, "empty");
    w.type_slowly("J-40157748-9", 120);
    w.key(&["Return"]);
    let error = w.wait_for(
        "the wrong check digit told",
        "const e = document.getElementById('tax-error'); return e ? e.innerText : null",
        SECS,
    );
    assert!(
        error
            .as_str()
            .unwrap_or_default()
            .contains("dígito verificador"),
        "{error}"
    );
    assert!(
        w.text("#tax-debts").is_none(),
        "no debts shown for a wrong id"
    );
    shot(&w, "wrong-digit");

    let listed = find_debts(&w, MARIA);
    assert!(listed >= 3, "{listed} debts");
    assert!(
        w.text("#tax-error").is_none(),
        "the old error is gone once the debts are listed"
    );
    shot(&w, "debts");
    order_two_debts(&w);
    let orders = platform_orders(&w);
    assert_eq!(orders.len(), 1, "one order at the platform: {orders:?}");
    shot(&w, "order-on-ticket");

    // A utility bill is in pesos: it is refused from the VES ticket, with the reason.
    let bill = generated_bills().find(|b| !b.open).expect("a bill");
    w.scan(bill.barcode);
    let refused = w.wait_for(
        "the bill refused from the tax ticket",
        "const e = document.getElementById('error'); return e ? e.innerText : null",
        SECS,
    );
    let refused = refused.as_str().unwrap_or_default();
    assert!(
        refused.contains("VES") && refused.contains("ticket aparte"),
        "{refused}"
    );
    assert_eq!(
        w.js(
            "return Number(document.getElementById('ticket-lines').dataset.count)",
            &[]
        ),
        json!(2),
        "the bill was not added"
    );
    shot(&w, "bill-refused");

    // Cash: a round sum over the total, the change, and each debt paid as its callback comes.
    let total = amount(&orders[0]["total"]);
    let cash = total.ceil() + Decimal::from(100);
    w.wait_focus("received", "the cash field after the refused bill");
    w.type_slowly(&cash.to_string(), 90);
    w.wait_for(
        "the change for the cash typed",
        &format!(
            "const c = document.getElementById('change');\
             return c && c.innerText.trim() === {} || null",
            json!(es_amount("Bs.", cash - total))
        ),
        SECS,
    );
    shot(&w, "cash");
    w.key(&["Return"]);
    w.wait_for(
        "both debts paid",
        "const ls = Array.from(document.querySelectorAll('#ticket-lines .line'));\
         return ls.length === 2 && ls.every(l => l.dataset.state === 'success') || null",
        Duration::from_secs(60),
    );
    let labels = w.js(
        "return Array.from(document.querySelectorAll('#ticket-lines .line [id^=line-state]')).map(p => p.innerText.trim().split('\\n').pop())",
        &[],
    );
    assert_eq!(labels, json!(["Pagado", "Pagado"]), "{labels}");
    shot(&w, "paid");

    // The platform has one report of the whole total, the two debts, and none left to pay.
    let orders = platform_orders(&w);
    assert_eq!(orders.len(), 1, "{orders:?}");
    assert_eq!(amount(&orders[0]["report"]["amount"]), total, "{orders:?}");
    let results = orders[0]["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 2, "{orders:?}");
    assert!(
        results.iter().all(|r| r["status"] == "Success"),
        "{orders:?}"
    );

    // The summary names the order and its total, and what was received.
    w.js("document.getElementById('ticket-summary').focus()", &[]);
    w.key(&["Return"]);
    let summary = w.wait_for(
        "the ticket summary saved",
        "const s = document.getElementById('summary-saved'); return s ? s.dataset.file : null",
        SECS,
    );
    let pdf = pdftotext(summary.as_str().unwrap_or_default());
    let order_id = orders[0]["id"]
        .as_str()
        .expect("the order's id")
        .to_string();
    let total_es = es_amount("Bs.", total);
    let cash_es = es_amount("Bs.", cash);
    for needle in ["Orden de impuestos", &order_id, &total_es, &cash_es] {
        assert!(pdf.contains(needle), "{needle} not on the summary:\n{pdf}");
    }
    assert_eq!(
        pdf.matches("Pagado").count(),
        2,
        "each debt with its status:\n{pdf}"
    );
    shot(&w, "summary");

    // The next customer; the two debts paid are no longer owed.
    w.key(&["Escape"]);
    w.wait_focus("barcode", "the next customer");
    let left = find_debts(&w, MARIA);
    assert_eq!(left, listed - 2, "the paid debts are not listed again");
    assert_eq!(
        ticked(&w),
        json!(0),
        "nothing of the last customer is ticked"
    );
    shot(&w, "next-customer");
}

#[test]
fn an_order_about_to_expire_warns_then_cannot_be_charged_and_is_cancelled() {
    // The platform gives each order 20 s: under the 15-minute warning from the start.
    let env: Vec<(&str, &str)> = FAST_LINK
        .iter()
        .copied()
        .chain([("VENTANILLA_SANDBOX_TAX_ORDER_TTL_SECS", "20")])
        .collect();
    let w = Window::launch_with(&Launch {
        env: &env,
        ..Launch::default()
    });
    find_debts(&w, MARIA);
    order_two_debts(&w);
    w.wait_for(
        "the warning that the order is about to expire",
        "const c = document.querySelector('[data-clock]');\
         return c && c.dataset.clock === 'expiring' || null",
        SECS,
    );
    shot(&w, "expiring");

    w.wait_for(
        "the order expired",
        "const c = document.querySelector('[data-clock]');\
         return c && c.dataset.clock === 'expired' || null",
        SECS,
    );
    let pay = w.js(
        "const b = document.getElementById('pay'); return b ? [b.disabled, b.innerText] : null",
        &[],
    );
    assert_eq!(pay[0], json!(true), "{pay}");
    assert!(
        pay[1].as_str().unwrap_or_default().contains("vencida"),
        "{pay}"
    );
    w.js("document.getElementById('received').focus()", &[]);
    w.type_slowly("100000", 60);
    w.key(&["Return"]);
    std::thread::sleep(Duration::from_millis(800));
    let orders = platform_orders(&w);
    assert!(
        orders.iter().all(|o| o["report"].is_null()),
        "Enter on an expired order reports nothing: {orders:?}"
    );
    shot(&w, "expired");

    // F3 brings the order back; all Enter offers now is to cancel it, and that asks first.
    w.key(&["F3"]);
    w.wait_for(
        "Enter offering to cancel the expired order",
        "const b = document.getElementById('tax-apply');\
         return b && b.innerText.includes('Anular la orden') && !document.getElementById('tax-cancel') || null",
        SECS,
    );
    shot(&w, "expired-f3");
    w.key(&["Return"]);
    w.wait_focus("tax-cancel-no", "the safe answer of the cancel question");
    shot(&w, "cancel-dialog");
    w.key(&["Tab"]);
    w.wait_focus("tax-cancel-yes", "the cancel itself after Tab");
    w.key(&["Return"]);
    w.wait_for(
        "the ticket emptied of the cancelled order",
        "const l = document.getElementById('ticket-lines');\
         return (!l || Number(l.dataset.count) === 0) && !document.getElementById('tax-cancel-dialog') || null",
        SECS,
    );
    let orders = platform_orders(&w);
    assert_eq!(orders.len(), 1, "{orders:?}");
    assert_eq!(
        orders[0]["state"], "Canceled",
        "the platform has the order cancelled: {orders:?}"
    );
    shot(&w, "cancelled");
}
