//! Amounts as a cashier types them, for the chaos counters of bills and of taxes alike.

use ventanilla_app::Ventanilla;

/// An amount as the cashier types it: the app reads amounts in its screen's number style only
/// (`1234,56` on a Spanish screen), never guessing from the digits.
pub(super) fn typed(app: &Ventanilla, amount: rust_decimal::Decimal) -> String {
    let mark = app.info().locale.number_style().decimal_mark();
    amount.to_string().replace('.', &mark.to_string())
}
