//! Card tenders in the real window (Xvfb, tauri-driver, keys typed by xdotool), against the
//! embedded card terminal: two bills scanned into one ticket, F6 for the whole of it declined at
//! the terminal (the app's notice shown, the ticket intact), F6 again for part of it, approved
//! at the terminal, the card accepted on the ticket with what is still owed, and F5 cash for the
//! rest with its change. Every state is saved as `target/e2e/card-*.png` for a person to look
//! at.

use std::time::Duration;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_e2e::{es_amount, workspace_root, Launch, Window, FAST_LINK};
use ventanilla_sandbox::fixtures::generated_bills;

const SECS: Duration = Duration::from_secs(30);

fn shot(w: &Window, name: &str) {
    w.screenshot(&workspace_root().join(format!("target/e2e/card-{name}.png")));
}

/// Bills of one company each (no chooser) with a fixed amount, with that amount.
fn fixed_bills() -> Vec<(&'static str, Decimal)> {
    let all: Vec<_> = generated_bills().collect();
    all.iter()
        .filter(|b| !b.open && all.iter().filter(|o| o.barcode == b.barcode).count() == 1)
        .map(|b| (b.barcode, b.amount))
        .collect()
}

fn es_money(d: Decimal) -> String {
    es_amount("$", d)
}

/// The capture the terminal is waiting on: its reference, once the app has asked for it.
fn waiting_capture(w: &Window, amount: Decimal) -> String {
    for _ in 0..100 {
        let all = w.sandbox_get("/_sandbox/quickpay/captures");
        let found = all.as_array().and_then(|a| {
            a.iter().find(|c| {
                c["state"] == "waiting"
                    && c["amount"].as_str().and_then(|s| s.parse::<Decimal>().ok()) == Some(amount)
            })
        });
        if let Some(c) = found {
            return c["reference_id"].as_str().expect("a reference").to_string();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no capture of {amount} waiting at the terminal");
}

/// The customer presents the card at the terminal, with this outcome.
fn present(w: &Window, reference: &str, outcome: &str) {
    let v = w.sandbox_send(
        "POST",
        &format!("/_sandbox/quickpay/captures/{reference}/present"),
        Some(json!({ "outcome": outcome })),
    );
    assert_eq!(v["reference_id"], json!(reference), "{v}");
}

fn wait_text(w: &Window, what: &str, selector: &str, want: &str) {
    w.wait_for(
        what,
        &format!(
            "const n = document.querySelector({}); return n && n.innerText.replace(/\\u00a0/g, ' ').trim() === {} || null",
            json!(selector),
            json!(want)
        ),
        SECS,
    );
}

/// F6, the amount replaced by `typed`, Enter: the wait for the card is on screen.
fn card_for(w: &Window, typed: Option<&str>) {
    w.key(&["F6"]);
    w.wait_focus("card-amount", "the card amount after F6");
    if let Some(t) = typed {
        w.key(&["ctrl+a"]);
        w.type_slowly(t, 90);
    }
    w.key(&["Return"]);
    w.wait_for(
        "the wait for the card",
        "return document.getElementById('charge-wait') && document.activeElement && document.activeElement.id === 'charge-wait' || null",
        SECS,
    );
}

#[test]
fn part_by_card_after_a_decline_and_the_rest_in_cash() {
    let w = Window::launch_with(&Launch {
        env: FAST_LINK,
        ..Launch::default()
    });
    let bills: Vec<_> = fixed_bills().into_iter().take(2).collect();
    w.scan_to_cash(bills[0].0);
    w.scan(bills[1].0);
    w.wait_for(
        "two lines on the ticket",
        "const l = document.getElementById('ticket-lines'); return l && Number(l.dataset.count) === 2 || null",
        SECS,
    );
    let total: Decimal = bills.iter().map(|b| b.1).sum();
    wait_text(&w, "the ticket's total", "#total", &es_money(total));
    w.wait_focus("received", "the cash field after the second scan");

    // The whole ticket by card: the amount offered is what is owed; the card is declined.
    w.key(&["F6"]);
    w.wait_focus("card-amount", "the card amount after F6");
    let offered = w.js("return document.getElementById('card-amount').value", &[]);
    assert_eq!(
        offered,
        json!(es_money(total).trim_start_matches("$ ")),
        "F6 offers what is owed"
    );
    shot(&w, "amount");
    w.key(&["Escape"]);
    w.wait_focus("received", "back on the choice of tender after Esc");
    card_for(&w, None);
    wait_text(
        &w,
        "the amount awaited",
        "#charge-wait-amount",
        &es_money(total),
    );
    let left = w.text("#charge-countdown").unwrap_or_default();
    assert!(left.starts_with("El terminal espera hasta"), "{left}");
    assert_eq!(
        w.js(
            "return document.getElementById('tender-0').dataset.state",
            &[]
        ),
        json!("waiting")
    );
    shot(&w, "waiting-whole");
    let reference = waiting_capture(&w, total);
    present(&w, &reference, "decline");
    let notice = w.wait_for(
        "the decline told",
        "const n = document.getElementById('charge-notice'); return n ? n.innerText : null",
        SECS,
    );
    let notice = notice.as_str().unwrap_or_default();
    assert!(
        notice.contains("rechazada") && notice.contains("no se cobró"),
        "{notice}"
    );
    w.wait_focus("received", "the cash field after the decline");
    assert!(
        w.text("#ticket-tenders").is_none(),
        "no tender stands after a decline"
    );
    wait_text(&w, "the total unchanged", "#total", &es_money(total));
    shot(&w, "declined");

    // Part of it by card, approved at the terminal: the card on the ticket, and what is owed.
    let part = (total / Decimal::from(2)).floor();
    let owed = total - part;
    card_for(&w, Some(&part.to_string()));
    wait_text(
        &w,
        "the part awaited",
        "#charge-wait-amount",
        &es_money(part),
    );
    assert!(
        w.text("#charge-notice").is_none(),
        "the old notice is gone once the next charge starts"
    );
    shot(&w, "waiting-part");
    let reference = waiting_capture(&w, part);
    present(&w, &reference, "approve");
    w.wait_for(
        "the card accepted on the ticket",
        "const t = document.getElementById('tender-0'); return t && t.dataset.state === 'accepted' || null",
        SECS,
    );
    let label = w.text("#tender-0").unwrap_or_default();
    assert!(
        label.contains("Tarjeta •••• ") && label.contains(&es_money(part)),
        "{label}"
    );
    wait_text(&w, "what is still owed", "#owed-amount", &es_money(owed));
    assert!(w
        .text("#owed")
        .unwrap_or_default()
        .to_lowercase()
        .contains("falta pagar"));
    w.wait_focus("received", "the cash field once the card is accepted");
    shot(&w, "accepted");

    // F5: cash for the rest, quoted on what is owed, with its change.
    w.key(&["F5"]);
    w.wait_focus("received", "the cash field after F5");
    wait_text(
        &w,
        "the quote on what is owed",
        "#quote-amount",
        &es_money(owed),
    );
    let cash = owed.ceil() + Decimal::from(100);
    w.type_slowly(&cash.to_string(), 90);
    wait_text(
        &w,
        "the change for the cash",
        "#change",
        &es_money(cash - owed),
    );
    shot(&w, "cash-rest");
    w.key(&["Return"]);
    w.wait_for(
        "the paid ticket",
        "return document.getElementById('ticket-outcome') || null",
        SECS,
    );
    wait_text(
        &w,
        "the change to give",
        "#sale-change",
        &es_money(cash - owed),
    );
    let paid_with = w.text("#paid-with").unwrap_or_default();
    assert!(
        paid_with.contains("Tarjeta •••• ") && paid_with.contains("Efectivo"),
        "{paid_with}"
    );
    let tenders = w.js(
        "return Array.from(document.querySelectorAll('#ticket-tenders li')).map(l => l.dataset.kind)",
        &[],
    );
    assert_eq!(tenders, json!(["card", "cash"]));
    assert!(w.text("#owed").is_none(), "nothing owed on a paid ticket");
    w.wait_for(
        "both bills answered",
        "const s = document.getElementById('ticket-state'); return s && s.dataset.phase === 'settled' || null",
        SECS,
    );
    shot(&w, "paid");
    let captures: Value = w.sandbox_get("/_sandbox/quickpay/captures");
    let states: Vec<_> = captures
        .as_array()
        .map(|a| a.iter().map(|c| c["state"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(states, vec![json!("declined"), json!("approved")]);
}

#[test]
fn a_card_presented_after_it_was_cancelled_is_refunded_by_the_supervisor() {
    let w = Window::launch_with(&Launch {
        env: FAST_LINK,
        ..Launch::default()
    });
    let (barcode, amount) = fixed_bills()[0];
    w.scan_to_cash(barcode);
    card_for(&w, None);
    let reference = waiting_capture(&w, amount);

    // Esc stops waiting: nothing charged, the choice of tender again, the bill still on the ticket.
    w.key(&["Escape"]);
    let notice = w.wait_for(
        "the cancellation told",
        "const n = document.getElementById('charge-notice'); return n ? n.innerText : null",
        SECS,
    );
    assert!(
        notice.as_str().unwrap_or_default().contains("cancelado"),
        "{notice}"
    );
    w.wait_focus("received", "the cash field after the card was cancelled");
    assert!(w.text("#charge-wait").is_none());

    // The customer presents the card anyway: that money has no sale, and waits for a refund.
    present(&w, &reference, "approve");
    w.key(&["F9"]);
    w.wait_focus("cont-enabled", "the supervisor's panel");
    w.wait_for(
        "the card charge to refund",
        "const s = document.getElementById('stray-0'); return s && s.dataset.refunded === 'false' || null",
        SECS,
    );
    let row = w.text("#stray-0").unwrap_or_default();
    assert!(
        row.contains("Tarjeta •••• ") && row.contains(&es_money(amount)),
        "{row}"
    );
    shot(&w, "stray");
    w.js("document.getElementById('stray-refund-0').focus()", &[]);
    w.key(&["Return"]);
    w.wait_focus("stray-by", "who handed the money back");
    w.type_slowly("Marta Gómez", 120);
    w.key(&["Return"]);
    w.wait_for(
        "the refund marked done",
        "const d = document.getElementById('stray-done-0');\
         return d && d.innerText.includes('Devuelto (confirmó Marta Gómez)') || null",
        SECS,
    );
    assert_eq!(
        w.js(
            "return document.getElementById('stray-0').dataset.refunded",
            &[]
        ),
        json!("true")
    );
    shot(&w, "stray-refunded");
    w.key(&["Escape"]);
    w.wait_focus("received", "back on the ticket, which stayed");
}
