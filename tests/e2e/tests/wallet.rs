//! Wallet tenders and the customer's screen in the real window (Xvfb, tauri-driver, keys typed
//! by xdotool), against the embedded wallet gateway: two bills scanned into one ticket, F11 opens
//! the customer's screen where the counter last put it (and the keyboard stays with the
//! cashier), F7 for part of the total shows the QR code on both screens, and what `zbarimg`
//! reads off the screen is the wallet-connect URL of the gateway's session; the customer approves
//! it, the wallet is accepted on the ticket with what is still owed, F5 takes cash for the rest,
//! the customer's screen says "Gracias", and the ticket's summary carries the wallet's whole
//! txid. Every state is saved as `target/e2e/wallet-*.png` (the cashier's window) and
//! `target/e2e/wallet-customer-*.png` (the customer's screen as the X screen shows it) for a
//! person to look at.

use std::process::Command;
use std::time::Duration;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use ventanilla_e2e::{es_amount, pdftotext, qr_codes, workspace_root, Launch, Window, FAST_LINK};
use ventanilla_sandbox::fixtures::generated_bills;

const SECS: Duration = Duration::from_secs(30);
const CUSTOMER_TITLE: &str = "Pantalla del cliente";

fn shot_path(name: &str) -> std::path::PathBuf {
    workspace_root().join(format!("target/e2e/wallet-{name}.png"))
}

fn shot(w: &Window, name: &str) {
    w.screenshot(&shot_path(name));
}

/// The customer's screen as the X screen shows it, saved; its path.
fn customer_shot(w: &Window, name: &str) -> std::path::PathBuf {
    let frame = w.window_titled(CUSTOMER_TITLE, SECS);
    let path = shot_path(&format!("customer-{name}"));
    w.screen_area_png(frame, &path);
    path
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

/// The keyboard is still the cashier's: the page has the focus.
fn cashier_has_focus(w: &Window, what: &str) {
    w.wait_for(what, "return document.hasFocus() || null", SECS);
}

/// The customer's screen, polled by what the X screen shows until `zbarimg` reads one code.
fn customer_qr(w: &Window, name: &str) -> String {
    for _ in 0..30 {
        let path = customer_shot(w, name);
        if let Some(code) = qr_codes(&path).into_iter().next() {
            return code;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    panic!(
        "no QR code read on the customer's screen (see {})",
        shot_path(&format!("customer-{name}")).display()
    );
}

#[test]
fn part_by_wallet_scanned_off_the_customers_screen_and_the_rest_in_cash() {
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
    shot(&w, "two-bills");

    // F11: the customer's screen opens where the counter last put it (at the right of the
    // screen), and the keyboard stays with the cashier.
    assert!(
        !w.has_window_titled(CUSTOMER_TITLE),
        "no customer's screen before F11"
    );
    w.js(
        "localStorage.setItem('ventanilla.customer.geometry', JSON.stringify({x: 700, y: 0, width: 660, height: 760}))",
        &[],
    );
    w.key(&["F11"]);
    let frame = w.window_titled(CUSTOMER_TITLE, SECS);
    assert_eq!(
        frame,
        (700, 0, 660, 760),
        "the customer's screen where it was put"
    );
    std::thread::sleep(Duration::from_millis(1500));
    cashier_has_focus(&w, "the cashier's window keeps the keyboard after F11");
    w.wait_focus("received", "the cash field keeps the focus after F11");
    customer_shot(&w, "ticket");

    // F7 for part of the total: the amount offered is what is owed; the QR code waits.
    let part = (total / Decimal::from(3)).floor();
    let owed = total - part;
    w.key(&["F7"]);
    w.wait_focus("wallet-amount", "the wallet amount after F7");
    let offered = w.js("return document.getElementById('wallet-amount').value", &[]);
    assert_eq!(
        offered,
        json!(es_money(total).trim_start_matches("$ ")),
        "F7 offers what is owed"
    );
    shot(&w, "amount");
    w.key(&["ctrl+a"]);
    w.type_slowly(&part.to_string(), 120);
    w.key(&["Return"]);
    let url = w.wait_for(
        "the QR code waiting",
        "const n = document.getElementById('charge-wait');\
         return n && n.dataset.kind === 'wallet' && document.getElementById('wallet-qr') && document.activeElement === n && n.dataset.url || null",
        SECS,
    );
    let url = url.as_str().unwrap_or_default().to_string();
    wait_text(
        &w,
        "the amount awaited",
        "#charge-wait-amount",
        &es_money(part),
    );
    let left = w.text("#charge-countdown").unwrap_or_default();
    assert!(
        left.starts_with("El código vence en 9 min")
            || left.starts_with("El código vence en 10 min"),
        "{left}"
    );
    let qr_px = w.js(
        "const r = document.getElementById('wallet-qr').getBoundingClientRect(); return [r.width, r.height]",
        &[],
    );
    assert!(
        qr_px[0].as_f64().unwrap_or(0.0) >= 240.0 && qr_px[1].as_f64().unwrap_or(0.0) >= 240.0,
        "{qr_px}"
    );
    shot(&w, "waiting");

    // The gateway's session is the one the code carries.
    let sessions: Value = w.sandbox_get("/_sandbox/pennymatic/sessions");
    let pending: Vec<&Value> = sessions
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|s| s["state"] != json!("approved"))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(pending.len(), 1, "{sessions}");
    let session = pending[0]["sessionid"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        url.contains(&format!("sessionid={session}")),
        "{url} is not session {session}"
    );

    // What a phone reads off the screens: the cashier's window, and the customer's screen.
    let main_codes = qr_codes(&shot_path("waiting"));
    assert_eq!(
        main_codes,
        vec![url.clone()],
        "the cashier's screen shows the code"
    );
    let seen = customer_qr(&w, "qr");
    assert_eq!(seen, url, "the customer's screen shows the code");
    let query = seen.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let from_code = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("sessionid="))
        .unwrap_or_default()
        .to_string();
    assert_eq!(from_code, session);
    cashier_has_focus(&w, "the cashier keeps the keyboard while the code waits");

    // The customer approves on the phone: the wallet is charged by itself.
    let approved = w.sandbox_send(
        "POST",
        &format!("/_sandbox/pennymatic/sessions/{from_code}/approve"),
        None,
    );
    assert_eq!(approved["state"], json!("approved"), "{approved}");
    w.wait_for(
        "the wallet accepted on the ticket",
        "const t = document.getElementById('tender-0'); return t && t.dataset.kind === 'wallet' && t.dataset.state === 'accepted' || null",
        Duration::from_secs(60),
    );
    let label = w.text("#tender-0").unwrap_or_default();
    assert!(
        label.contains("Billetera (txid ") && label.contains(&es_money(part)),
        "{label}"
    );
    wait_text(&w, "what is still owed", "#owed-amount", &es_money(owed));
    assert!(w
        .text("#owed")
        .unwrap_or_default()
        .to_lowercase()
        .contains("falta pagar"));
    assert!(
        w.text("#charge-notice").is_none(),
        "no notice once the wallet is accepted"
    );
    w.wait_focus("received", "the cash field once the wallet is accepted");
    shot(&w, "accepted");
    std::thread::sleep(Duration::from_millis(800));
    let after = customer_shot(&w, "accepted");
    assert!(
        qr_codes(&after).is_empty(),
        "the code leaves the customer's screen once paid by wallet"
    );

    // F5: cash for the rest, with its change.
    w.key(&["F5"]);
    w.wait_focus("received", "the cash field after F5");
    wait_text(
        &w,
        "the quote on what is owed",
        "#quote-amount",
        &es_money(owed),
    );
    let cash = owed.ceil() + Decimal::from(100);
    w.type_slowly(&cash.to_string(), 120);
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
        paid_with.contains("Billetera (txid ") && paid_with.contains("Efectivo"),
        "{paid_with}"
    );
    let kinds = w.js(
        "return Array.from(document.querySelectorAll('#ticket-tenders li')).map(l => l.dataset.kind)",
        &[],
    );
    assert_eq!(kinds, json!(["wallet", "cash"]));
    w.wait_for(
        "both bills answered",
        "const s = document.getElementById('ticket-state'); return s && s.dataset.phase === 'settled' || null",
        SECS,
    );
    shot(&w, "paid");
    std::thread::sleep(Duration::from_millis(800));
    customer_shot(&w, "thanks");
    cashier_has_focus(&w, "the cashier keeps the keyboard to the end");

    // The ticket's summary names the wallet's whole txid (printed over several lines).
    let payments: Value = w.sandbox_get("/_sandbox/pennymatic/payments");
    let txid = payments[0]["transaction_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(txid.len(), 64, "{payments}");
    w.js("document.getElementById('ticket-summary').focus()", &[]);
    w.key(&["Return"]);
    let summary = w.wait_for(
        "the ticket summary saved",
        "const s = document.getElementById('summary-saved'); return s ? s.dataset.file : null",
        SECS,
    );
    let pdf = pdftotext(summary.as_str().unwrap_or_default());
    let flat: String = pdf.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        flat.contains(&txid),
        "the txid {txid} is not on the summary:\n{pdf}"
    );
    assert!(
        pdf.contains(&es_money(part)) && pdf.contains(&es_money(total)),
        "{pdf}"
    );

    // F11 again closes the customer's screen; the keyboard is still the cashier's.
    w.key(&["Escape"]);
    w.wait_focus("barcode", "the next customer");
    w.key(&["F11"]);
    for _ in 0..50 {
        if !w.has_window_titled(CUSTOMER_TITLE) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        !w.has_window_titled(CUSTOMER_TITLE),
        "F11 closes the customer's screen"
    );
    cashier_has_focus(
        &w,
        "the cashier's window keeps the keyboard after closing it",
    );
    assert_eq!(
        w.js(
            "return localStorage.getItem('ventanilla.customer.open')",
            &[]
        ),
        json!("false")
    );
}

#[test]
fn a_wallet_charge_whose_answer_was_lost_is_not_charged_again_and_the_supervisor_settles_it() {
    let w = Window::launch_with(&Launch {
        env: FAST_LINK,
        ..Launch::default()
    });
    let (barcode, amount) = fixed_bills()[0];
    w.scan_to_cash(barcode);
    w.key(&["F11"]);
    w.window_titled(CUSTOMER_TITLE, SECS);
    std::thread::sleep(Duration::from_millis(1000));
    cashier_has_focus(&w, "the cashier's window keeps the keyboard after F11");

    // The gateway charges, and its answer is lost on the way back.
    w.sandbox_send(
        "PUT",
        "/_sandbox/faults",
        Some(json!([{"gateway": "pennymatic", "endpoint": "pay", "reset": true, "after_commit": true, "count": 1}])),
    );
    w.key(&["F7"]);
    w.wait_focus("wallet-amount", "the wallet amount after F7");
    w.key(&["Return"]);
    let url = w.wait_for(
        "the QR code waiting",
        "const n = document.getElementById('charge-wait'); return n && n.dataset.kind === 'wallet' && n.dataset.url || null",
        SECS,
    );
    wait_text(
        &w,
        "the whole amount awaited",
        "#charge-wait-amount",
        &es_money(amount),
    );
    let url = url.as_str().unwrap_or_default().to_string();
    let session = url
        .split_once("sessionid=")
        .map(|(_, s)| s.split('&').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let approved = w.sandbox_send(
        "POST",
        &format!("/_sandbox/pennymatic/sessions/{session}/approve"),
        None,
    );
    assert_eq!(approved["state"], json!("approved"), "{approved}");

    // The screen says loudly not to charge the wallet again, and the ticket is still to pay.
    let notice = w.wait_for(
        "the unknown outcome told",
        "const n = document.getElementById('charge-notice'); return n && n.dataset.severity === 'unknown' ? n.innerText : null",
        Duration::from_secs(60),
    );
    let notice = notice.as_str().unwrap_or_default();
    assert!(
        notice
            .to_lowercase()
            .contains("no cobre de nuevo con billetera"),
        "{notice}"
    );
    assert!(notice.contains("supervisor (F9)"), "{notice}");
    // The app's words in full, on the ticket.
    let words = w.text("#ticket-charge-notice").unwrap_or_default();
    assert!(
        words.contains("NO cobre de nuevo con billetera; avise al supervisor"),
        "{words}"
    );
    assert!(
        w.text("#ticket-tenders").is_none(),
        "nothing counted: nobody knows it was charged"
    );
    wait_text(&w, "the total still to pay", "#total", &es_money(amount));
    w.wait_focus("received", "the cash field after the unknown outcome");
    shot(&w, "unknown");
    std::thread::sleep(Duration::from_millis(800));
    let customer = customer_shot(&w, "unknown");
    assert!(
        qr_codes(&customer).is_empty(),
        "no code left on the customer's screen"
    );
    let payments: Value = w.sandbox_get("/_sandbox/pennymatic/payments");
    assert_eq!(
        payments.as_array().map(Vec::len),
        Some(1),
        "charged once: {payments}"
    );
    let txid = payments[0]["transaction_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();

    // F9: the supervisor types the txid the customer's wallet shows; the money is to hand back.
    w.key(&["F9"]);
    w.wait_focus("cont-enabled", "the supervisor's panel");
    w.wait_for(
        "the wallet charge with no answer",
        "const s = document.getElementById('wallet-0'); return s && s.dataset.state === 'unknown' || null",
        SECS,
    );
    let row = w.text("#wallet-0").unwrap_or_default();
    assert!(
        row.contains("Sin respuesta") && row.contains(&es_money(amount)),
        "{row}"
    );
    w.js(
        "document.getElementById('wallet-charges').scrollIntoView()",
        &[],
    );
    shot(&w, "supervisor-unknown");
    w.js("document.getElementById('wallet-txid-0').focus()", &[]);
    w.type_slowly(&txid[..8], 120);
    // The rest as a paste would put it (a txid is 64 characters; typed slowly it takes long).
    w.js(
        "const i = document.getElementById('wallet-txid-0'); i.value = i.value + arguments[0]; i.dispatchEvent(new Event('input', {bubbles: true}))",
        &[json!(&txid[8..])],
    );
    w.key(&["Return"]);
    w.wait_for(
        "the charge settled, its money to hand back",
        "const s = document.getElementById('wallet-0'); return s && s.dataset.state === 'refund_due' || null",
        SECS,
    );
    let shown = w.text("#wallet-txid-shown-0").unwrap_or_default();
    assert_eq!(shown, format!("txid {txid}"));
    w.wait_focus("wallet-refund-0", "the refund button after settling");
    w.key(&["Return"]);
    w.wait_focus("wallet-by", "who handed the money back");
    w.type_slowly("Marta Gómez", 120);
    w.key(&["Return"]);
    w.wait_for(
        "the refund marked done",
        "const d = document.getElementById('wallet-done-0');\
         return d && d.innerText.includes('Devuelto (confirmó Marta Gómez)') || null",
        SECS,
    );
    w.js(
        "document.getElementById('wallet-charges').scrollIntoView()",
        &[],
    );
    shot(&w, "supervisor-refunded");
    w.key(&["Escape"]);
    w.wait_focus("received", "back on the ticket, which stayed");
    cashier_has_focus(&w, "the cashier keeps the keyboard after F9");

    // The counter moves the customer's screen and makes it smaller: closed (F11) and opened
    // again (F11), it comes back there.
    let id = String::from_utf8_lossy(
        &Command::new("xdotool")
            .args([
                "search",
                "--onlyvisible",
                "--name",
                &format!("^{CUSTOMER_TITLE}$"),
            ])
            .env("DISPLAY", &w.display)
            .output()
            .expect("xdotool")
            .stdout,
    )
    .lines()
    .last()
    .unwrap_or_default()
    .trim()
    .to_string();
    for args in [
        ["windowmove", &id, "820", "40"],
        ["windowsize", &id, "520", "600"],
    ] {
        assert!(Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &w.display)
            .status()
            .is_ok_and(|s| s.success()));
    }
    w.wait_for(
        "the customer's screen's new place remembered",
        "const g = JSON.parse(localStorage.getItem('ventanilla.customer.geometry') || '{}');         return g.x === 820 && g.y === 40 && g.width === 520 && g.height === 600 || null",
        SECS,
    );
    w.key(&["F11"]);
    for _ in 0..50 {
        if !w.has_window_titled(CUSTOMER_TITLE) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        !w.has_window_titled(CUSTOMER_TITLE),
        "F11 closes the customer's screen"
    );
    w.key(&["F11"]);
    assert_eq!(
        w.window_titled(CUSTOMER_TITLE, SECS),
        (820, 40, 520, 600),
        "back where it was put"
    );
    std::thread::sleep(Duration::from_millis(1000));
    cashier_has_focus(&w, "the cashier keeps the keyboard to the end");
    w.wait_focus("received", "the cash field still has the focus");
}
