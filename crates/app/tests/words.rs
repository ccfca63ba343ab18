//! Words the cashier reads: the simulator named in their language, and the hub's own text
//! passed on whole.

mod common;

use common::*;
use ventanilla_app::views::{AppInfo, StatusView};
use ventanilla_app::{Locale, NoEvents, Ventanilla};
use ventanilla_sandbox::fixtures;

fn shown(info: &AppInfo, status: &StatusView) -> Vec<String> {
    let mut texts: Vec<String> = info.mode_label.iter().cloned().collect();
    for link in &status.links {
        texts.push(link.name.clone());
        texts.push(link.label.clone());
    }
    texts.extend(status.warning.clone());
    texts
}

#[tokio::test]
async fn the_simulator_is_named_in_the_cashier_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let (info, status) = (app.info(), app.status().unwrap());
    assert!(info.sandbox);
    assert!(
        info.mode_label
            .as_deref()
            .unwrap_or("")
            .contains("simulador"),
        "{info:?}"
    );
    let hub = &status.links[0];
    assert_eq!(hub.gateway, "traxion");
    assert!(hub.sandbox);
    assert_eq!(hub.name, "Sistema de cobro (simulador)");
    for text in shown(&info, &status) {
        assert!(
            !text.to_lowercase().contains("sandbox"),
            "English on a Spanish screen: {text}"
        );
    }
    app.shutdown().await;

    let english = tempfile::tempdir().unwrap();
    let mut cfg = config(english.path());
    cfg.locale = Locale::En;
    let app = Ventanilla::start(cfg, std::sync::Arc::new(NoEvents))
        .await
        .unwrap();
    assert_eq!(
        app.status().unwrap().links[0].name,
        "Bill-payment hub (sandbox)"
    );
    assert!(app.info().mode_label.unwrap().contains("sandbox"));
}

#[tokio::test]
async fn the_hub_s_refusal_reaches_the_screen_whole() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    pay_at_another_counter(&app, fixtures::DTV_EXAMPLE_BARCODE, "").await;
    let bill = one_bill(&app, fixtures::DTV_EXAMPLE_BARCODE).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let sale = settle(&app, sale.id).await;
    let entry = ledger_entry(&app, &sale.client_transaction_id).await;
    let hub_text = entry["message"].as_str().unwrap();
    assert!(hub_text.len() > 80, "a long refusal: {hub_text}");
    assert_eq!(
        sale.hub_reason.as_deref(),
        Some(hub_text),
        "verbatim, not cut"
    );
    let past = app.history(1).unwrap();
    assert_eq!(past[0].hub_reason.as_deref(), Some(hub_text));
}
