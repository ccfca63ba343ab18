//! What a new cashier tripped over, each tried again in the real window on a 1366x768 screen,
//! with the keyboard and a scanner typed by xdotool only. Every state is saved as
//! `target/e2e/tripping-*.png` for a person to look at.

use std::time::Duration;

use serde_json::{json, Value};
use ventanilla_e2e::{workspace_root, Launch, Window, FAST_LINK};
use ventanilla_sandbox::fixtures::generated_bills;

const DIRECTV: &str = "05700861082790003832152882102060000027480005";
const SEVERAL_COMPANIES: &str = "579201910127747008036409003400000101000004270050";
const SECS: Duration = Duration::from_secs(30);

const FAST: &[(&str, &str)] = FAST_LINK;

fn fast() -> Window {
    Window::launch_with(&Launch {
        env: FAST,
        ..Launch::default()
    })
}

fn shot(w: &Window, name: &str) {
    w.screenshot(&workspace_root().join(format!("target/e2e/tripping-{name}.png")));
}

fn faults(w: &Window, rules: Value) {
    w.sandbox_send("PUT", "/_sandbox/faults", Some(rules));
}

/// Sales the hub has recorded, as its ledger lists them.
fn hub_sales(w: &Window) -> usize {
    w.sandbox_get("/_sandbox/ledger")
        .as_array()
        .map_or(0, Vec::len)
}

/// Bills of one company each (no chooser), with a fixed amount.
fn fixed_bills() -> Vec<&'static str> {
    let all: Vec<_> = generated_bills().collect();
    all.iter()
        .filter(|b| !b.open && all.iter().filter(|o| o.barcode == b.barcode).count() == 1)
        .map(|b| b.barcode)
        .collect()
}

/// Scan, then Enter on the cash field: the exact amount, as a cashier does it.
fn charge_exact(w: &Window, barcode: &str) {
    w.scan_to_cash(barcode);
    w.key(&["Return"]);
}

fn wait_sale_state(w: &Window, states: &[&str], within: Duration) -> String {
    w.wait_for(
        &format!("the sale to be {states:?}"),
        &format!(
            "const s = document.getElementById('sale-state');\
             return s && {} .includes(s.dataset.state) ? s.dataset.state : null",
            json!(states)
        ),
        within,
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[test]
fn the_arrow_keys_choose_the_company() {
    let w = Window::launch();
    w.scan(SEVERAL_COMPANIES);
    let codes = w.chooser_codes();
    // The last one: Enter on the first would pass even if the arrows did nothing.
    let meant = codes.len() - 1;
    shot(&w, "chooser");
    w.key(&vec!["Down"; meant]);
    w.wait_for(
        "the arrows to move the selection",
        &format!(
            "const s = document.querySelector('#chooser [aria-selected=true]');\
             return s && s.dataset.code === '{}' || null",
            codes[meant]
        ),
        SECS,
    );
    w.key(&["Up", "Down"]);
    shot(&w, "chooser-moved");
    w.key(&["Return"]);
    w.wait_for(
        "the bill of the company the cashier meant",
        &format!(
            "const c = document.getElementById('line-1');\
             return c && c.dataset.company === '{}' || null",
            codes[meant]
        ),
        SECS,
    );
    shot(&w, "chooser-picked");
}

#[test]
fn a_bill_this_counter_charged_or_is_charging_is_flagged_at_lookup() {
    let w = fast();
    charge_exact(&w, DIRECTV);
    wait_sale_state(&w, &["approved"], Duration::from_secs(60));
    w.key(&["Return"]);
    w.wait_focus("barcode", "the empty ticket");
    w.scan(DIRECTV);
    let notice = w.wait_for(
        "the notice that this counter already charged it",
        "const n = document.getElementById('busy');\
         return n && n.dataset.blocks === 'true' ? n.innerText : null",
        SECS,
    );
    assert!(
        notice.as_str().is_some_and(|n| n.contains("ya se cobró")),
        "{notice}"
    );
    shot(&w, "paid-here");
    // Enter charges nothing: the bill stays flagged and the hub has the one sale.
    let pay_disabled = w.js(
        "const p = document.getElementById('pay'); return !p || p.disabled",
        &[],
    );
    assert_eq!(pay_disabled, json!(true), "the pay button is live");
    w.key(&["Return"]);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(hub_sales(&w), 1, "a second sale reached the hub");
    assert!(w.text("#sale-state").is_none(), "a second sale was taken");

    // A sale still waiting for the hub's answer blocks its bill too.
    let other = fixed_bills()[0];
    faults(&w, json!([{"endpoint": "pay", "no_answer": true}]));
    w.key(&["Escape"]);
    charge_exact(&w, other);
    wait_sale_state(&w, &["sending", "journaled", "querying"], SECS);
    w.key(&["Return"]);
    w.wait_focus("barcode", "the next customer");
    w.scan(other);
    w.wait_for(
        "the notice that a payment of this bill is under way",
        "const n = document.getElementById('busy');\
         return n && n.dataset.state === 'inFlight' && n.dataset.blocks === 'true' || null",
        SECS,
    );
    shot(&w, "in-flight-here");
}

#[test]
fn offline_without_contingency_says_one_true_thing() {
    let w = fast();
    w.scan_to_cash(DIRECTV);
    faults(&w, json!([{"endpoint": "all", "reset": true}]));
    w.wait_for(
        "the status bar to say 'sin conexión'",
        "const l = document.getElementById('link-traxion');\
         return l && l.dataset.state === 'offline' || null",
        SECS,
    );
    let notice = w.wait_for(
        "the box saying it cannot charge now",
        "const n = document.querySelector('#offline-off[data-mode=offline-disabled]');\
         return n ? n.innerText : null",
        SECS,
    );
    let notice = notice.as_str().unwrap_or_default();
    assert!(notice.contains("No se puede cobrar"), "{notice}");
    let screen = w.text("main").unwrap_or_default();
    for promise in ["se enviará", "quedará en cola", "Cobrar sin conexión"] {
        assert!(
            !screen.contains(promise),
            "the screen also says '{promise}':\n{screen}"
        );
    }
    assert_eq!(
        w.js("return document.getElementById('pay').disabled", &[]),
        json!(true)
    );
    let banner = w.text("#sandbox-banner").unwrap_or_default();
    assert!(
        !banner.contains("conectado") && !banner.contains("sandbox"),
        "the banner claims a link: {banner}"
    );
    shot(&w, "offline-off");

    // A scan while the hub is away says so, and the message goes when the link is back.
    w.key(&["Escape"]);
    w.scan(DIRECTV);
    w.wait_for(
        "the no-connection error",
        "return document.querySelector('#error[data-code=Offline]') || null",
        SECS,
    );
    shot(&w, "offline-error");
    w.sandbox_send("DELETE", "/_sandbox/faults", None);
    w.wait_for(
        "the error to clear when the link is back",
        "const l = document.getElementById('link-traxion');\
         return l && l.dataset.state === 'online' && !document.querySelector('#error[data-code=Offline]') || null",
        SECS,
    );
    shot(&w, "online-again");
}

#[test]
fn a_sale_settled_while_the_app_was_down_is_shown_after_the_crash() {
    let w = fast();
    // The hub records the sale, but its answer never arrives; then the power goes.
    faults(
        &w,
        json!([{"endpoint": "pay", "no_answer": true, "after_commit": true}]),
    );
    charge_exact(&w, DIRECTV);
    let deadline = std::time::Instant::now() + SECS;
    while hub_sales(&w) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the hub never got the sale"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let w = w.crash_and_restart(&Launch {
        env: FAST,
        ..Launch::default()
    });
    let shown = w.wait_for(
        "the sales settled while the app was down",
        "const s = document.querySelector('#settled-at-start');\
         const li = s && s.querySelector('[data-state=approved]');\
         return li ? s.innerText : null",
        Duration::from_secs(60),
    );
    assert!(
        shown.as_str().is_some_and(|s| s.contains("DIRECT TV")),
        "{shown}"
    );
    shot(&w, "settled-at-start");
    assert_eq!(hub_sales(&w), 1, "the restart sent the sale again");
}

#[test]
fn a_refused_code_leaves_the_scan_field_empty() {
    let w = Window::launch();
    w.scan("12345678901");
    w.wait_for(
        "the refused code shown in the message",
        "return document.querySelector('#error-code[data-code=\"12345678901\"]') || null",
        SECS,
    );
    assert_eq!(
        w.js("return document.getElementById('barcode').value", &[]),
        json!("")
    );
    shot(&w, "refused-code");
    w.scan(DIRECTV);
    w.wait_for(
        "the next scan to find its bill",
        "const c = document.querySelector('#line-1 .company-name');\
         return c && c.innerText.trim() === 'DIRECT TV' || null",
        SECS,
    );
}

#[test]
fn an_open_amount_is_written_as_everything_else() {
    let all: Vec<_> = generated_bills().collect();
    let bill = all
        .iter()
        .find(|b| {
            b.open && b.min < b.max && all.iter().filter(|o| o.barcode == b.barcode).count() == 1
        })
        .expect("an open-amount bill in the sandbox");
    let w = Window::launch();
    w.scan(bill.barcode);
    let shown = w.wait_for(
        "the open-amount editor",
        "const a = document.getElementById('amount-1'); return a ? a.value : null",
        SECS,
    );
    let shown = shown.as_str().unwrap_or_default().to_string();
    assert!(
        shown.len() > 3 && shown.as_bytes()[shown.len() - 3] == b',',
        "the editor shows {shown}, not the es-AR form"
    );
    let before = w.text("#quote-amount").unwrap_or_default();
    // The cashier types the minimum, the es-AR way.
    let min = bill.min.round_dp(2).to_string().replace('.', ",");
    w.js("document.getElementById('amount-1').focus()", &[]);
    w.wait_focus("amount-1", "the amount editor");
    w.key(&["ctrl+a", "BackSpace"]);
    w.type_slowly(&min, 80);
    let charged = w.wait_for(
        "the quote to follow the new amount",
        &format!(
            "const q = document.getElementById('quote-amount');\
             return q && q.innerText.trim() !== {} && q.innerText.trim() !== '—' ? q.innerText.trim() : null",
            json!(before)
        ),
        SECS,
    );
    let placeholder = w.js(
        "return document.getElementById('received').placeholder",
        &[],
    );
    assert_eq!(
        placeholder, charged,
        "the cash field's placeholder kept the old total"
    );
    shot(&w, "open-amount");
}

#[test]
fn a_rejection_says_what_happened_and_the_history_does_not_repeat_it() {
    let w = Window::launch();
    faults(&w, json!([{"endpoint": "pay", "reject_rate": 1}]));
    w.scan_to_cash(DIRECTV);
    w.type_slowly("3000", 120);
    w.key(&["Return"]);
    wait_sale_state(&w, &["rejected"], Duration::from_secs(60));
    let reason = w.text("#reason").unwrap_or_default();
    assert!(reason.contains("rechaz"), "{reason}");
    // The hub's own words wrap between words, never inside one.
    let wrap = w.js(
        "const d = document.querySelector('.reason-detail');\
         if (!d) return null; const s = getComputedStyle(d); return s.wordBreak",
        &[],
    );
    assert_ne!(wrap, json!("break-all"), "the hub's text breaks mid-word");
    let back = w.text("#money-back").unwrap_or_default();
    assert!(back.contains("2.748,00"), "money to give back: {back}");
    shot(&w, "rejected");
    // The refund is confirmed on its own button, which has the focus; a reflex Enter elsewhere
    // would not do it.
    w.wait_focus("confirm-refund", "the refund to confirm");
    w.key(&["Return"]);
    w.wait_for(
        "the refund recorded",
        "return document.getElementById('refund-done') && !document.getElementById('confirm-refund') || null",
        SECS,
    );
    shot(&w, "refunded");

    w.key(&["Escape"]);
    w.wait_focus("barcode", "the next customer");
    w.key(&["F8"]);
    let past = w.wait_for(
        "the rejected sale in the history",
        "const r = document.querySelector('#history-reason[data-past=true]'); return r ? r.innerText : null",
        SECS,
    );
    let past = past.as_str().unwrap_or_default();
    assert!(
        !past.contains("Devuelva"),
        "a past sale tells to return money: {past}"
    );
    w.key(&["Return"]);
    let note = w.wait_for(
        "why there is no receipt",
        "const n = document.querySelector('#history-no-receipt[data-has-receipt=false]'); return n ? n.innerText : null",
        SECS,
    );
    let note = note.as_str().unwrap_or_default();
    assert!(note.contains("no tienen comprobante"), "{note}");
    let dialog = w.text("#history").unwrap_or_default();
    assert!(!dialog.contains("segundos"), "{dialog}");
    shot(&w, "history-rejected");
}

#[test]
fn everything_fits_a_1366x768_screen() {
    let w = fast();
    let (x, y, width, height) = w.geometry();
    assert!(
        x >= 0 && y >= 0 && x + width as i32 <= 1366 && y + height as i32 <= 768,
        "the window ({x},{y} {width}x{height}) is off the 1366x768 screen"
    );
    let inside = "const inside = (sel) => { const n = document.querySelector(sel); if (!n) return sel + ' missing';\
         const r = n.getBoundingClientRect(); if (r.top < 0 || r.bottom > innerHeight + 0.5) return sel + ' cut: ' + r.top + '..' + r.bottom + ' of ' + innerHeight;\
         const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);\
         return e && (n === e || n.contains(e)) ? null : sel + ' covered by ' + (e ? e.outerHTML.slice(0, 80) : 'nothing'); };";
    let check = |sels: &[&str]| {
        let v = w.js(
            &format!("{inside} return arguments[0].map(inside).filter(x => x);"),
            &[json!(sels)],
        );
        assert_eq!(v, json!([]), "cut or covered");
    };
    check(&[
        ".topbar",
        ".statusbar",
        "#barcode",
        "#lookup",
        "#open-search",
    ]);

    // Three payments waiting for the hub (it takes 15 s over each): the strip grows, the scan
    // buttons stay in view.
    faults(&w, json!([{"endpoint": "pay", "latency_ms": 15000}]));
    for barcode in fixed_bills().into_iter().take(3) {
        charge_exact(&w, barcode);
        wait_sale_state(&w, &["sending", "journaled", "querying"], SECS);
        w.key(&["Return"]);
    }
    w.wait_for(
        "three payments in progress",
        "return document.querySelectorAll('.inflight [data-sale]').length === 3 || null",
        SECS,
    );
    w.wait_focus("barcode", "the scan field");
    check(&[
        ".topbar",
        ".statusbar",
        "#barcode",
        "#lookup",
        "#open-search",
    ]);
    shot(&w, "three-in-flight");

    // They are answered: the toasts say so without covering a button, each word once.
    w.wait_for(
        "a toast",
        "return document.querySelector('#toasts [data-sale]') || null",
        Duration::from_secs(60),
    );
    let overlaps = w.js(
        "const ts = Array.from(document.querySelectorAll('#toasts [data-sale]')).map(t => t.getBoundingClientRect());\
         return Array.from(document.querySelectorAll('button')).filter(b => b.offsetParent && !b.closest('#toasts')).filter(b => {\
           const r = b.getBoundingClientRect();\
           return ts.some(t => r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom); })\
         .map(b => b.id || b.innerText)",
        &[],
    );
    assert_eq!(overlaps, json!([]), "toasts cover buttons");
    let toasts = w.js(
        "return Array.from(document.querySelectorAll('#toasts [data-sale]')).map(t => t.innerText)",
        &[],
    );
    for t in toasts.as_array().into_iter().flatten() {
        let t = t.as_str().unwrap_or_default();
        assert!(
            t.matches("Aprobado").count() <= 1,
            "the toast repeats itself: {t}"
        );
    }
    let body = w.text("body").unwrap_or_default();
    assert!(
        !body.contains("sandbox"),
        "English on the Spanish screen:\n{body}"
    );
    shot(&w, "toasts");
}

#[test]
fn the_pay_key_answers_before_the_hub_does() {
    let w = Window::launch();
    // The hub takes four seconds to even look at a payment.
    faults(&w, json!([{"endpoint": "pay", "latency_ms": 4000}]));
    w.scan_to_cash(DIRECTV);
    w.key(&["Return"]);
    let seen = w.wait_for(
        "the screen to show the payment is under way",
        "const p = document.getElementById('pay'); const s = document.getElementById('sale-state');\
         return p && p.dataset.state === 'sending' ? 'sending' : (s ? s.dataset.state : null)",
        SECS,
    );
    assert_eq!(
        hub_sales(&w),
        0,
        "the hub already had the sale when the screen first answered ({seen})"
    );
    shot(&w, "sending");
    wait_sale_state(&w, &["approved"], Duration::from_secs(60));

    // What happened to the receipt, in words; the file's path is for the shell, not the cashier.
    let saved = w.wait_for(
        "the receipt",
        "const r = document.getElementById('receipt-saved'); return r ? r.innerText : null",
        Duration::from_secs(60),
    );
    let saved = saved.as_str().unwrap_or_default();
    assert!(
        !saved.contains(".pdf") && !saved.contains('/'),
        "the cashier is shown a file path: {saved}"
    );
    let visible = w.text("main").unwrap_or_default();
    assert!(
        !visible.contains("receipts/"),
        "a path on screen:\n{visible}"
    );
    shot(&w, "receipt");
}
