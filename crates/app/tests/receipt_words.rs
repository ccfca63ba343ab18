//! The receipt's own words (its marks and the PDF's title) are in the cashier's language: the
//! receipts crate has none of its own, so each counter prints what its locale says.

mod common;

use std::sync::Arc;

use common::*;
use ventanilla_app::{Locale, NoEvents, Ventanilla};
use ventanilla_sandbox::fixtures;

/// What a counter in `locale` prints for one sale, as `pdftotext` reads it back with spaces
/// squashed (a long mark wraps on paper): the original, then a reprint, and the PDF's title.
struct Printed {
    original: String,
    copy: String,
    title: String,
}

async fn printed(locale: Locale) -> Printed {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path());
    cfg.locale = locale;
    let app = Ventanilla::start(cfg, Arc::new(NoEvents))
        .await
        .expect("the counter starts");
    let bill = one_bill(&app, fixtures::DTV_EXAMPLE_BARCODE).await;
    let sale = app.pay_cash(bill.key, "", "").unwrap();
    let sale = settle(&app, sale.id).await;
    let original = app.receipt_pdf(sale.id, false).unwrap();
    let copy = app.receipt_pdf(sale.id, true).unwrap();
    let squashed = |file: &str| {
        pdftotext(file)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let printed = Printed {
        original: squashed(&original.file),
        copy: squashed(&copy.file),
        title: pdf_title(&copy.file),
    };
    app.shutdown().await;
    printed
}

/// The PDF's document title, as `pdfinfo` (poppler-utils) shows it.
fn pdf_title(path: &str) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    assert!(out.status.success(), "pdfinfo failed on {path}");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .unwrap_or_else(|| panic!("no title in:\n{info}"))
        .trim()
        .to_string()
}

#[tokio::test]
async fn an_english_counter_prints_english_marks() {
    let p = printed(Locale::En).await;
    // The embedded simulator is training mode: every receipt says it is worth nothing.
    let training = "TRAINING MODE - NOT A FISCAL RECEIPT";
    assert_eq!(p.original.matches(training).count(), 2, "{}", p.original);
    assert!(!p.original.contains("DUPLICATE"), "{}", p.original);
    assert_eq!(p.copy.matches(training).count(), 2, "{}", p.copy);
    assert_eq!(p.copy.matches("DUPLICATE - COPY").count(), 2, "{}", p.copy);
    for text in [&p.original, &p.copy] {
        for spanish in ["MODO PRUEBA", "SIN VALOR FISCAL", "DUPLICADO", "COPIA"] {
            assert!(
                !text.contains(spanish),
                "{spanish} on an English receipt: {text}"
            );
        }
    }
    assert_eq!(p.title, "Receipt - Ventanilla - Bill payments");
}

#[tokio::test]
async fn a_spanish_counter_prints_spanish_marks() {
    let p = printed(Locale::Es).await;
    let training = "MODO PRUEBA - SIN VALOR FISCAL";
    assert_eq!(p.original.matches(training).count(), 2, "{}", p.original);
    assert!(!p.original.contains("DUPLICADO"), "{}", p.original);
    assert_eq!(p.copy.matches(training).count(), 2, "{}", p.copy);
    assert_eq!(p.copy.matches("DUPLICADO - COPIA").count(), 2, "{}", p.copy);
    for text in [&p.original, &p.copy] {
        for english in ["TRAINING MODE", "NOT A FISCAL", "DUPLICATE"] {
            assert!(
                !text.contains(english),
                "{english} on a Spanish receipt: {text}"
            );
        }
    }
    assert_eq!(p.title, "Comprobante - Ventanilla - Cobro de servicios");
}
