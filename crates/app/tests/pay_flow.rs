//! The counter's main path against the sandbox hub over real HTTP: scan, charge, approval,
//! receipt; and the hub's refusals.

mod common;

use common::*;
use ventanilla_app::views::BarcodeLookup;
use ventanilla_app::ErrorCode;
use ventanilla_sandbox::fixtures;

#[tokio::test]
async fn a_cash_sale_is_approved_and_its_receipt_printed() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::DTV_EXAMPLE_BARCODE).await;
    assert_eq!(bill.company_name, "DIRECT TV");
    assert_eq!(bill.total.display, "$ 2.748,00");
    assert!(!bill.open_amount);

    let quote = app.quote_cash(bill.key, "", "3000").unwrap();
    assert_eq!(quote.change.display, "$ 252,00");

    let sale = app.pay_cash(bill.key, "", "3.000").unwrap();
    assert!(!sale.is_final);
    let sale = settle(&app, sale.id).await;
    assert_eq!(sale.state, "approved");
    assert_eq!(sale.state_label, "Aprobado");
    assert_eq!(sale.change.display, "$ 252,00");
    assert!(sale.receipt_ready);
    assert!(sale.hub_number.is_some());
    assert!(sale.client_transaction_id.len() <= 22);

    let pdf = app.receipt_pdf(sale.id, false).unwrap();
    let text = pdftotext(&pdf.file);
    assert!(text.contains("DIRECT TV"), "{text}");
    assert!(text.contains("2.748,00"), "{text}");
    assert!(text.contains("252,00"), "the change is printed: {text}");
    assert!(!text.contains("COPIA"), "{text}");

    let copy = app.receipt_pdf(sale.id, true).unwrap();
    assert_ne!(copy.file, pdf.file);
    assert!(pdftotext(&copy.file).contains("COPIA"));

    let ledger = ledger(&app).await;
    assert_eq!(ledger.len(), 1, "exactly one sale at the hub");
    let history = app.history(10).unwrap();
    assert_eq!(history[0].id, sale.id);
    assert!(app.sales_in_flight().unwrap().is_empty());
}

#[tokio::test]
async fn paying_a_paid_bill_shows_the_hub_s_reason() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let bill = one_bill(&app, fixtures::GAM_BARCODE).await;
    assert!(bill.open_amount);
    assert_eq!(bill.min.display, "$ 37,00");
    // Paid at another counter: this counter's journal does not know, only the hub does.
    pay_at_another_counter(&app, fixtures::GAM_BARCODE, "50").await;

    let again = one_bill(&app, fixtures::GAM_BARCODE).await;
    assert!(again.earlier_sale.is_none(), "{again:?}");
    let second = app.pay_cash(again.key, "50", "").unwrap();
    let second = settle(&app, second.id).await;
    assert_eq!(second.state, "rejected");
    assert_eq!(second.state_label, "Rechazado");
    let reason = second.reason.unwrap();
    assert!(reason.contains("ya estaba pagada"), "{reason}");
    let hub_reason = second.hub_reason.unwrap();
    assert!(
        hub_reason.starts_with("409_BILL_ALREADY_PAID"),
        "{hub_reason}"
    );
    assert!(!second.receipt_ready);
    let err = app.receipt_pdf(second.id, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn amounts_and_cash_are_checked_before_anything_is_journaled() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let open = one_bill(&app, fixtures::GAM_BARCODE).await;
    let fixed = one_bill(&app, fixtures::DTV_EXAMPLE_BARCODE).await;
    let cases = [
        (open.key, "36,99", "", "mínimo"),
        (open.key, "1.000.000", "", "máximo"),
        (open.key, "abc", "", "no es válido en un importe"),
        (open.key, "50,001", "", "decimales"),
        (open.key, "-5", "", "negativo"),
        (open.key, "0", "", "mayor que cero"),
        (open.key, "50", "40", "no alcanza"),
        (fixed.key, "2000", "", "se paga completa"),
        (fixed.key, &"9".repeat(200), "", "demasiado largo"),
    ];
    for (key, amount, received, want) in cases {
        let err = app.pay_cash(key, amount, received).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{amount:?}");
        assert!(err.message.contains(want), "{amount:?}: {}", err.message);
    }
    let err = app.pay_cash(999_999, "", "").unwrap_err();
    assert_eq!(err.code, ErrorCode::Expired);
    assert!(app.history(50).unwrap().is_empty(), "nothing was journaled");
    assert!(ledger(&app).await.is_empty(), "nothing reached the hub");
}

#[tokio::test]
async fn bad_barcodes_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let cases = [
        ("", ErrorCode::Validation, "No se leyó"),
        ("12345", ErrorCode::Validation, "demasiado corto"),
        (&"1".repeat(80), ErrorCode::Validation, "demasiado largo"),
        (
            "0052256O37008554",
            ErrorCode::Validation,
            "carácter no válido",
        ),
        (
            "99999999999999999999",
            ErrorCode::NotFound,
            "No se encontró",
        ),
    ];
    for (raw, code, want) in cases {
        let err = app.find_by_barcode(raw).await.unwrap_err();
        assert_eq!(err.code, code, "{raw:?}");
        assert!(err.message.contains(want), "{raw:?}: {}", err.message);
    }
    // Scanner noise around a good code is stripped.
    let noisy = format!("\u{1d}{}\r", fixtures::DTV_EXAMPLE_BARCODE);
    assert!(matches!(
        app.find_by_barcode(&noisy).await,
        Ok(BarcodeLookup::Bills { .. })
    ));
}

#[tokio::test]
async fn a_barcode_of_several_companies_asks_which_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let BarcodeLookup::ChooseCompany { barcode, companies } = app
        .find_by_barcode(fixtures::MULTI_COMPANY_BARCODE)
        .await
        .unwrap()
    else {
        panic!("expected a company choice")
    };
    assert!(companies.len() >= 2);
    assert!(companies
        .iter()
        .any(|c| c.code == fixtures::MULTI_COMPANY_CODE));
    let bills = app
        .find_by_barcode_for_company(&barcode, fixtures::MULTI_COMPANY_CODE)
        .await
        .unwrap();
    assert_eq!(bills.len(), 1);
    assert_eq!(bills[0].company_code, fixtures::MULTI_COMPANY_CODE);
    let sale = app.pay_cash(bills[0].key, "", "").unwrap();
    assert_eq!(settle(&app, sale.id).await.state, "approved");
}

#[tokio::test]
async fn bills_found_by_customer_data() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path()).await;
    let companies = app.companies("direct").await.unwrap();
    let dtv = companies
        .iter()
        .find(|c| c.code == "57")
        .expect("DIRECT TV listed");
    let mode = dtv
        .bill_modes
        .iter()
        .find(|m| m.id == "61953167179400013610")
        .unwrap();
    assert_eq!(mode.parameters[0].id, "CBF");
    assert_eq!(mode.parameters[0].max_length, 10);

    let value = |v: &str| {
        vec![ventanilla_app::views::ParamValue {
            id: "CBF".into(),
            value: v.into(),
        }]
    };
    let bills = app
        .find_by_customer_data("57", &mode.id, &value("11111114"))
        .await
        .unwrap();
    assert_eq!(bills.len(), 1);
    assert_eq!(bills[0].company_code, "57");

    let err = app
        .find_by_customer_data("57", &mode.id, &value(""))
        .await
        .unwrap_err();
    assert!(err.message.contains("Complete"), "{}", err.message);
    let err = app
        .find_by_customer_data("57", &mode.id, &value("12345678901"))
        .await
        .unwrap_err();
    assert!(err.message.contains("hasta 10"), "{}", err.message);
    let err = app
        .find_by_customer_data("57", &mode.id, &value("00000000"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn a_sale_taken_from_a_thread_outside_the_runtime_still_completes() {
    // Desktop commands that are not async run on the UI thread, outside Tokio.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = rt.block_on(start(dir.path()));
    let bill = rt.block_on(one_bill(&app, fixtures::DTV_BARCODES[1]));
    let sale = std::thread::spawn({
        let app = app.clone();
        move || app.pay_cash(bill.key, "", "").unwrap()
    })
    .join()
    .unwrap();
    assert_eq!(rt.block_on(settle(&app, sale.id)).state, "approved");
}
