//! The screen's TypeScript types are generated from the Rust views. This test fails when the
//! committed `ui/src/bindings.ts` differs from what the views say; regenerate it with
//! `UPDATE_BINDINGS=1 cargo test -p ventanilla-app --test bindings`.

use std::path::PathBuf;
use ts_rs::TS;
use ventanilla_app::views::*;
use ventanilla_app::{ErrorCode, Locale, UiError};

fn generated() -> String {
    let decls = [
        Locale::decl(),
        ErrorCode::decl(),
        UiError::decl(),
        MoneyView::decl(),
        AppInfo::decl(),
        ParamView::decl(),
        BillModeView::decl(),
        CompanyView::decl(),
        BillView::decl(),
        CompanyChoice::decl(),
        BarcodeLookup::decl(),
        ParamValue::decl(),
        CashQuote::decl(),
        SaleView::decl(),
        ReceiptFile::decl(),
        LinkView::decl(),
        ContingencyView::decl(),
        StatusView::decl(),
        AttentionView::decl(),
        ProvisionalSale::decl(),
    ];
    let mut out = String::from(
        "// Generated from crates/app/src/views.rs by crates/app/tests/bindings.rs. Do not edit.\n",
    );
    for d in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&d);
        out.push('\n');
    }
    out
}

#[test]
fn typescript_bindings_are_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.ts");
    let want = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/bindings.ts is stale; run UPDATE_BINDINGS=1 cargo test -p ventanilla-app --test bindings"
    );
}
