//! The hub goes away in the middle of a shift, for real: the embedded sandbox refuses every
//! connection (its admin API), the status bar says so within seconds, a supervisor enables
//! offline payments with the keyboard (F9), the cashier takes the sale on a provisional receipt,
//! and when the hub returns the sale is delivered, approved, and its final receipt printed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use ventanilla_e2e::{workspace_root, Launch, Window, FAST_LINK};
use ventanilla_sandbox::traxion::payments::REJECT_REASONS;

const DIRECTV: &str = "05700861082790003832152882102060000027480005";
const SECS: Duration = Duration::from_secs(30);

const FAST: &[(&str, &str)] = FAST_LINK;

fn pdf_text(path: &str) -> String {
    let out = Command::new("pdftotext")
        .args([path, "-"])
        .output()
        .expect("pdftotext (apt-get install -y poppler-utils)");
    assert!(out.status.success(), "pdftotext {path} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn shot(w: &Window, name: &str) {
    w.screenshot(&workspace_root().join("target/e2e").join(name));
}

#[test]
fn offline_sale_on_a_provisional_receipt_is_approved_when_the_hub_returns() {
    let w = Window::launch_with(&Launch {
        env: FAST,
        ..Launch::default()
    });
    w.wait_for(
        "the status bar to say the hub is connected",
        "const l = document.getElementById('link-traxion');\
         return l && l.dataset.state === 'online' && l.innerText.includes('conectado') || null",
        SECS,
    );

    // Online: the bill is looked up as usual.
    w.scan(DIRECTV);
    w.wait_for(
        "the DirecTV bill card",
        "const c = document.querySelector('#line-1 .company-name');\
         return c && c.innerText.trim() === 'DIRECT TV' || null",
        SECS,
    );
    w.wait_focus("received", "the cash-received field to have the focus");

    // The hub goes away: every connection is reset.
    w.sandbox_send(
        "PUT",
        "/_sandbox/faults",
        Some(json!([{"endpoint": "all", "reset": true}])),
    );
    let down = Instant::now();
    w.wait_for(
        "the status bar to say 'sin conexión'",
        "const l = document.getElementById('link-traxion');\
         return l && l.dataset.state === 'offline' && l.innerText.includes('sin conexión') || null",
        Duration::from_secs(10),
    );
    eprintln!("[e2e] offline shown after {:?}", down.elapsed());
    // Contingency is off by default, and the cash panel says so plainly.
    let off = w.wait_for(
        "the cash panel to say offline payments are disabled",
        "const n = document.getElementById('offline-off'); return n ? n.innerText : null",
        SECS,
    );
    let off = off.as_str().unwrap_or_default();
    assert!(
        off.contains("sin conexión") && off.contains("desactivados") && off.contains("F9"),
        "{off}"
    );
    assert_eq!(
        w.js("return !!document.getElementById('pay-offline')", &[]),
        json!(false)
    );
    shot(&w, "offline-disabled.png");

    // F9: the supervisor enables offline payments and saves, keyboard only.
    w.key(&["F9"]);
    w.wait_focus("cont-enabled", "the contingency switch to have the focus");
    assert_eq!(
        w.js(
            "return document.getElementById('cont-enabled').getAttribute('aria-checked')",
            &[]
        ),
        json!("false")
    );
    w.key(&["Return"]);
    w.wait_for(
        "the switch to turn on",
        "const s = document.getElementById('cont-enabled');\
         return s && s.getAttribute('aria-checked') === 'true' && s.innerText.includes('HABILITADOS') || null",
        SECS,
    );
    w.key(&["Tab"]);
    w.wait_focus("cont-per", "the per-payment cap field");
    w.key(&["Return"]);
    let saved = w.wait_for(
        "the settings to be saved",
        "const n = document.getElementById('cont-saved'); return n ? n.innerText : null",
        SECS,
    );
    assert!(
        saved.as_str().unwrap_or("").contains("habilitados"),
        "{saved}"
    );
    w.wait_for(
        "the panel to say the counter offers provisional receipts now",
        "const n = document.getElementById('cont-now'); return n && n.innerText.includes('SIN CONEXIÓN') || null",
        SECS,
    );
    shot(&w, "supervisor.png");
    w.key(&["Escape"]);
    w.wait_focus("received", "the cash panel again");

    // The cash panel offers the provisional receipt, with its caps.
    let caps = w.wait_for(
        "the offline payment to be offered",
        "const b = document.getElementById('pay-offline'), c = document.getElementById('offline-caps');\
         return b && c ? c.innerText : null",
        SECS,
    );
    // Amounts inside sentences keep to one line (no-break spaces).
    let caps = caps.as_str().unwrap_or_default().replace('\u{a0}', " ");
    assert!(caps.contains("$ 50.000,00"), "{caps}");
    w.type_slowly("3000", 120);
    w.wait_for(
        "the change",
        "const c = document.getElementById('change'); return c && c.innerText.trim() === '$ 252,00' || null",
        SECS,
    );
    shot(&w, "offline-tender.png");
    w.key(&["Return"]);

    w.wait_for(
        "the provisional outcome",
        "const b = document.getElementById('provisional-banner'); return b && b.innerText.includes('PROVISORIO') || null",
        SECS,
    );
    assert_eq!(Value::from(w.text("#sale-change")), json!("$ 252,00"));
    let path = w.js(
        "return document.getElementById('receipt-saved').dataset.file",
        &[],
    );
    let path = path.as_str().unwrap_or_default().to_string();
    assert!(path.ends_with("-provisorio.pdf"), "{path}");
    assert!(
        Path::new(&path).starts_with(w.data_dir.path().join("receipts")),
        "{path}"
    );
    assert!(Path::new(&path).is_file(), "{path} missing");
    assert!(
        Value::from(w.text("#receipt-text"))
            .as_str()
            .unwrap_or("")
            .contains("PROVISORIO"),
        "the preview shows the provisional receipt"
    );
    let pdf = pdf_text(&path);
    assert!(pdf.contains("PROVISORIO"), "provisional PDF:\n{pdf}");
    assert!(pdf.contains("2.748,00"), "provisional PDF:\n{pdf}");
    // At a glance: the payments in progress and the status bar mark it provisional.
    w.wait_for(
        "the provisional badge in the payments in progress",
        "return document.querySelector('.inflight [data-badge=provisional]') || null",
        SECS,
    );
    w.wait_for(
        "the status bar to count the provisional sale",
        "const p = document.getElementById('provisional'); return p && p.innerText.includes('1') || null",
        SECS,
    );
    shot(&w, "provisional.png");
    let sale_id = w.js(
        "return document.querySelector('.inflight [data-sale]').dataset.sale",
        &[],
    );
    let sale_id = sale_id.as_str().unwrap_or_default().to_string();

    // The hub returns: the link turns green, the sale is delivered and approved.
    w.sandbox_send("DELETE", "/_sandbox/faults", None);
    let up = Instant::now();
    w.wait_for(
        "the status bar to say 'conectado'",
        "const l = document.getElementById('link-traxion');\
         return l && l.dataset.state === 'online' && l.innerText.includes('conectado') || null",
        Duration::from_secs(15),
    );
    eprintln!("[e2e] online shown after {:?}", up.elapsed());
    w.wait_for(
        "the provisional sale to be approved",
        "const s = document.getElementById('sale-state');\
         return s && s.dataset.state === 'approved' && s.innerText.includes('Aprobado') || null",
        Duration::from_secs(60),
    );
    w.wait_for(
        "the screen to say the offline payment was confirmed",
        "return document.getElementById('confirmed-note') || null",
        SECS,
    );
    let final_path = w.wait_for(
        "the final receipt",
        "const p = document.getElementById('receipt-saved');\
         return p && !p.dataset.file.includes('provisorio') ? p.dataset.file : null",
        Duration::from_secs(60),
    );
    let final_path = final_path.as_str().unwrap_or_default().to_string();
    assert!(
        final_path.ends_with(&format!("venta-{sale_id}.pdf")),
        "{final_path}"
    );
    assert!(Path::new(&final_path).is_file(), "{final_path} missing");
    let pdf = pdf_text(&final_path);
    assert!(pdf.contains("2.748,00"), "final receipt PDF:\n{pdf}");
    assert!(
        !pdf.contains("PROVISORIO"),
        "the final receipt is the hub's:\n{pdf}"
    );
    let ledger = w.sandbox_get("/_sandbox/ledger");
    assert!(
        ledger.to_string().contains("2748"),
        "sandbox ledger: {ledger}"
    );
    w.wait_for(
        "the status bar to drop the provisional count",
        "return !document.getElementById('provisional') && document.getElementById('queue').innerText.includes(': 0') || null",
        SECS,
    );
    shot(&w, "provisional-approved.png");

    // The history remembers it was taken offline; F1 lists the supervisor's key.
    w.key(&["F8"]);
    w.wait_for(
        "the history to mark the sale taken offline",
        "const b = document.querySelector('#history-list [data-badge=taken-offline]');\
         return b && b.innerText.includes('sin conexión') || null",
        SECS,
    );
    shot(&w, "history-offline.png");
    w.key(&["Escape"]);
    w.key(&["F1"]);
    let help = w.wait_for(
        "the help",
        "const h = document.getElementById('help'); return h ? h.innerText : null",
        SECS,
    );
    assert!(
        help.as_str()
            .is_some_and(|h| h.contains("F9") && h.contains("Supervisor")),
        "{help}"
    );
    w.key(&["Escape"]);
}

/// Takes the hub away and waits for the status bar to say so.
fn hub_down(w: &Window) {
    w.sandbox_send(
        "PUT",
        "/_sandbox/faults",
        Some(json!([{"endpoint": "all", "reset": true}])),
    );
    w.wait_for(
        "the status bar to say 'sin conexión'",
        "const l = document.getElementById('link-traxion');\
         return l && l.dataset.state === 'offline' && l.innerText.includes('sin conexión') || null",
        Duration::from_secs(10),
    );
}

/// F9, turn offline payments on, save, Esc: keyboard only.
fn enable_contingency(w: &Window) {
    w.key(&["F9"]);
    w.wait_focus("cont-enabled", "the contingency switch to have the focus");
    w.key(&["Return"]);
    w.wait_for(
        "the switch to turn on",
        "const s = document.getElementById('cont-enabled'); return s && s.getAttribute('aria-checked') === 'true' || null",
        SECS,
    );
    w.key(&["Tab"]);
    w.wait_focus("cont-per", "the per-payment cap field");
    w.key(&["Return"]);
    w.wait_for(
        "the settings to be saved",
        "const n = document.getElementById('cont-saved'); return n && n.innerText.includes('habilitados') || null",
        SECS,
    );
    w.key(&["Escape"]);
}

#[test]
fn an_offline_sale_the_hub_rejects_waits_for_the_supervisor() {
    let w = Window::launch_with(&Launch {
        env: FAST,
        ..Launch::default()
    });
    w.scan_to_cash(DIRECTV);

    hub_down(&w);
    enable_contingency(&w);
    w.wait_focus("received", "the cash panel again");
    w.wait_for(
        "the offline payment to be offered",
        "return document.getElementById('pay-offline') || null",
        SECS,
    );
    w.key(&["Return"]);
    w.wait_for(
        "the provisional outcome",
        "return document.getElementById('provisional-banner') || null",
        SECS,
    );

    // The hub returns and refuses it: the customer holds a provisional receipt, so the sale
    // waits for the supervisor.
    w.sandbox_send(
        "PUT",
        "/_sandbox/faults",
        Some(json!([{"endpoint": "pay", "reject_rate": 1}])),
    );
    w.wait_for(
        "the provisional sale to be rejected",
        "const s = document.getElementById('sale-state'); return s && s.dataset.state === 'rejected' || null",
        Duration::from_secs(60),
    );
    let reason = Value::from(w.text("#reason"));
    assert!(
        reason
            .as_str()
            .is_some_and(|r| r.contains("rechazó el pago")),
        "{reason}"
    );
    assert!(
        Value::from(w.text("#provisional-rejected"))
            .as_str()
            .is_some_and(|t| t.contains("Necesita atención")),
        "the screen says where the refund is handled"
    );
    w.wait_for(
        "the status bar to count it for the supervisor",
        "const a = document.getElementById('attention'); return a && a.innerText.includes('1') || null",
        SECS,
    );
    shot(&w, "provisional-rejected.png");

    // F9: the operation is listed with what to do; resolving it needs a note.
    w.key(&["F9"]);
    w.wait_focus("cont-enabled", "the supervisor panel");
    let item = w.wait_for(
        "the operation that needs attention",
        "const i = document.getElementById('att-0'); return i ? i.innerText : null",
        SECS,
    );
    let item = item.as_str().unwrap_or_default().replace('\u{a0}', " ");
    assert!(
        item.contains("DIRECT TV")
            && item.contains("$ 2.748,00")
            && item.contains("Cobrado sin conexión"),
        "{item}"
    );
    assert!(item.contains("devuelva $ 2.748,00 al cliente"), "{item}");
    assert!(
        REJECT_REASONS.iter().any(|r| item.contains(r)),
        "the hub's own words are shown too: {item}"
    );
    w.key(&["Down"]);
    w.wait_focus("att-retry-0", "the first operation's retry button");
    w.key(&["Tab"]);
    w.wait_focus("att-resolve-0", "the first operation's resolve button");
    w.key(&["Return"]);
    w.wait_focus("att-note", "the resolution note");
    shot(&w, "supervisor-attention.png");
    w.key(&["Return"]);
    let err = w.wait_for(
        "the note to be asked for",
        "const e = document.getElementById('att-resolve-error'); return e ? e.innerText : null",
        SECS,
    );
    assert!(err.as_str().unwrap_or("").contains("Escriba"), "{err}");
    w.type_slowly("reintegro entregado", 80);
    w.wait_for(
        "the note to be typed",
        "return document.getElementById('att-note').value === 'reintegro entregado' || null",
        SECS,
    );
    w.key(&["Return"]);
    w.wait_for(
        "the list to be empty",
        "return document.getElementById('att-empty') || null",
        SECS,
    );
    w.wait_for(
        "the status bar to drop the count",
        "return !document.getElementById('attention') || null",
        SECS,
    );
    w.key(&["Escape"]);
    w.wait_for(
        "the panel to close",
        "return !document.getElementById('supervisor') || null",
        SECS,
    );
}

#[test]
fn a_damaged_journal_shows_what_to_do() {
    let w = Window::launch_with(&Launch {
        prepare: &|dir| {
            std::fs::write(
                dir.join("journal.sqlite"),
                b"not a journal at all; garbage where the sales were".repeat(100),
            )
            .expect("damage the journal");
        },
        ready: "return document.getElementById('fatal') && document.hasFocus() ? true : null",
        ..Launch::default()
    });
    let msg = Value::from(w.text("#fatal-message"));
    let msg = msg.as_str().unwrap_or_default();
    assert!(
        msg.contains("journal.sqlite") && msg.contains("supervisor"),
        "{msg}"
    );
    let page = Value::from(w.text("#fatal"));
    assert!(
        page.as_str()
            .unwrap_or("")
            .contains("vuelva a abrir Ventanilla"),
        "{page}"
    );
    assert_eq!(
        w.js("return !!document.querySelector('.statusbar')", &[]),
        json!(false)
    );
    shot(&w, "fatal.png");
}
