//! Speed and memory of the real window, as issue 7 sets them: scan Enter to bill painted (the
//! UI's own `scan-to-bill` performance measure), PSS of every process of the app after start
//! and after N cash sales, and cold start to a focused scan field. Run by `bench/window.sh`,
//! which builds the release binary this drives; prints the figures, asserts nothing.
//!
//! Usage: window-bench [--sales N] [--starts N] [--hub URL]
//!
//! With `--hub`, the app talks to a hub at URL (a `ventanilla sandbox` in its own process, as a
//! remote hub would be) instead of embedding the sandbox, whose ledger of every sale then grows
//! inside the app's process.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use ventanilla_e2e::memory::{app_memory, app_pid, started_at_epoch_ms, ProcessMemory};
use ventanilla_e2e::{Launch, Window};
use ventanilla_sandbox::fixtures::generated_bills;

const SCAN_FIELD_FOCUSED: &str = "return document.hasFocus() && document.activeElement \
    && document.activeElement.id === 'barcode' ? Date.now() : null";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let sales = flag("--sales", 500);
    let starts = flag("--starts", 5);
    let hub = args
        .iter()
        .position(|a| a == "--hub")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let hub_env: Vec<(&str, &str)> = match &hub {
        Some(url) => vec![
            ("VENTANILLA_HUB_URL", url.as_str()),
            ("VENTANILLA_HUB_USER", "sandbox"),
            ("VENTANILLA_HUB_PASSWORD", "sandbox"),
            ("VENTANILLA_HUB_APPLICATION_ID", "ventanilla-bench"),
            ("VENTANILLA_HUB_DEVICE_ID", "caja-bench"),
        ],
        None => Vec::new(),
    };

    cold_starts(starts, &hub_env);
    let w = launch(&hub_env);
    let pid = app_pid(w.data_dir.path()).expect("the app's process");
    std::thread::sleep(Duration::from_secs(5));
    let at_start = app_memory(pid);
    print_memory("after start", &at_start);

    let began = Instant::now();
    for (n, bill) in payable_bills().take(sales).enumerate() {
        sell(&w, bill.0, &bill.1);
        if (n + 1) % 100 == 0 {
            // The trend tells a leak (steady growth) from caches filling up (a plateau).
            println!(
                "  {} sales in {} s: PSS {} MiB",
                n + 1,
                began.elapsed().as_secs(),
                total(&app_memory(pid)) / 1024
            );
        }
    }
    std::thread::sleep(Duration::from_secs(5));
    let after = app_memory(pid);
    print_memory(&format!("after {sales} sales"), &after);
    let (before, now) = (total(&at_start), total(&after));
    // Tenths of a percent, in integers.
    let growth = (i128::from(now) - i128::from(before)) * 1000 / i128::from(before.max(1));
    println!(
        "memory growth over {sales} sales: {}{}.{}% ({} -> {} MiB)",
        if growth < 0 { "-" } else { "+" },
        growth.abs() / 10,
        growth.abs() % 10,
        before / 1024,
        now / 1024
    );
    scan_to_bill(&w);
}

/// Starts the app `n` times on a fresh data dir; prints how long from the process existing to
/// the scan field having the keyboard focus.
fn cold_starts(n: usize, env: &[(&str, &str)]) {
    let mut took_ms = Vec::new();
    for _ in 0..n {
        let w = launch(env);
        let focused_ms = w.js(SCAN_FIELD_FOCUSED, &[]).as_u64().unwrap_or(0);
        let pid = app_pid(w.data_dir.path()).expect("the app's process");
        let started_ms = started_at_epoch_ms(pid).expect("process start time");
        // The page records when the field first took the focus; else the poll's moment.
        let mark = w.js(
            "const m = performance.getEntriesByName('scan-ready')[0];\
             return m ? Math.round(performance.timeOrigin + m.startTime) : null",
            &[],
        );
        let ready_ms = mark.as_u64().unwrap_or(focused_ms);
        took_ms.push(ready_ms.saturating_sub(started_ms));
    }
    took_ms.sort_unstable();
    println!(
        "cold start to focused scan field ({n} starts): median {} ms, worst {} ms",
        took_ms[took_ms.len() / 2],
        took_ms[took_ms.len() - 1]
    );
}

fn launch(env: &[(&str, &str)]) -> Window {
    Window::launch_with(&Launch {
        env,
        ready: SCAN_FIELD_FOCUSED,
        ..Launch::default()
    })
}

/// Generated bills with a fixed amount and a barcode of one company only (no chooser), with
/// the cash to hand over: the amount rounded up to whole pesos, plus 100.
fn payable_bills() -> impl Iterator<Item = (&'static str, String)> {
    let all: Vec<_> = generated_bills().collect();
    let unique = |code: &str| all.iter().filter(|b| b.barcode == code).count() == 1;
    all.iter()
        .filter(|b| !b.open && unique(b.barcode))
        .map(|b| {
            (
                b.barcode,
                (b.amount.ceil() + rust_decimal::Decimal::ONE_HUNDRED).to_string(),
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// One cash sale the way a cashier makes it: scan, type the cash, Enter, Enter for the next.
fn sell(w: &Window, barcode: &str, cash: &str) {
    let secs = Duration::from_secs(60);
    w.wait_for("the empty ticket", SCAN_FIELD_FOCUSED, secs);
    w.scan(barcode);
    w.wait_for(
        "the cash field",
        "return document.activeElement && document.activeElement.id === 'received' || null",
        secs,
    );
    w.type_slowly(cash, 60);
    w.key(&["Return"]);
    w.wait_for(
        "the sale's final state",
        "const s = document.getElementById('sale-state');\
         return s && ['approved', 'rejected'].includes(s.dataset.state) ? s.dataset.state : null",
        Duration::from_secs(120),
    );
    w.key(&["Return"]);
}

fn scan_to_bill(w: &Window) {
    for (measure, what) in [
        ("scan-to-bill", "scan Enter to bill painted"),
        (
            "scan-to-answer",
            "  of which scan Enter to the app's answer",
        ),
    ] {
        print_measure(w, measure, what);
    }
}

fn print_measure(w: &Window, measure: &str, what: &str) {
    // Whole microseconds: the figures need no fractions, and the sums stay exact.
    let v = w.js(
        "return performance.getEntriesByName(arguments[0]).map(m => Math.round(m.duration * 1000))",
        &[Value::from(measure)],
    );
    let mut us: Vec<u64> = v
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    if us.is_empty() {
        println!("{what}: no `{measure}` measures in the page");
        return;
    }
    us.sort_unstable();
    let pct = |p: usize| us[(us.len() - 1) * p / 100] / 1000;
    println!(
        "{what} ({} scans): p50 {} ms, p95 {} ms, max {} ms",
        us.len(),
        pct(50),
        pct(95),
        pct(100)
    );
}

fn total(ps: &[ProcessMemory]) -> u64 {
    ps.iter().map(|p| p.pss_kib).sum()
}

fn print_memory(when: &str, ps: &[ProcessMemory]) {
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    println!("PSS {when} (t={at}): {} MiB in all", total(ps) / 1024);
    for p in ps {
        println!(
            "  {:>7} KiB  {} ({}), of which {} KiB heap and anonymous",
            p.pss_kib, p.name, p.pid, p.anon_kib
        );
    }
}
