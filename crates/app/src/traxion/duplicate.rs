//! A bill this counter already charged, in the cashier's words: the notice on the bill when it
//! is looked up, and the refusal when it is charged again anyway.

use ventanilla_store::SaleRow;

use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;
use crate::traxion::earlier::state_of;
use crate::views::{EarlierSale, EarlierSaleView, MoneyView};

pub(crate) fn earlier_view(row: &SaleRow, l: Locale) -> EarlierSaleView {
    let state = state_of(row);
    EarlierSaleView {
        sale_id: row.id,
        state,
        taken_at: row.created_at.to_rfc3339(),
        amount: MoneyView::new(&row.amount, l),
        blocks_payment: state.blocks_payment(),
        notice: notice(row, state, l),
    }
}

/// The refusal to charge a bill whose earlier sale blocks it.
pub(crate) fn duplicate_error(row: &SaleRow, l: Locale) -> UiError {
    UiError::new(ErrorCode::Duplicate, notice(row, state_of(row), l))
}

/// The journal's sales by bill are still being read after the start (a large journal).
pub(crate) fn not_checked_yet(l: Locale) -> UiError {
    UiError::new(
        ErrorCode::Offline,
        l.pick(
            "La caja está revisando sus cobros anteriores después de arrancar; en unos segundos se podrá cobrar. Intente de nuevo enseguida.",
            "The counter is reading its earlier payments after starting; payments can be taken in a few seconds. Try again shortly.",
        ),
    )
}

fn notice(row: &SaleRow, state: EarlierSale, l: Locale) -> String {
    let id = row.id;
    let when = row
        .created_at
        .with_timezone(&chrono::Local)
        .format("%d/%m/%Y %H:%M")
        .to_string();
    let amount = l.money(&row.amount);
    match state {
        EarlierSale::Approved => l.pick(
            format!("Esta factura ya se cobró en esta caja: venta {id} del {when}, por {amount}, aprobada. No la cobre de nuevo; si el cliente insiste, avise al supervisor."),
            format!("This bill was already paid at this counter: sale {id} of {when}, {amount}, approved. Do not charge it again; if the customer insists, tell your supervisor."),
        ),
        EarlierSale::InFlight => l.pick(
            format!("Esta factura ya tiene un pago en curso en esta caja: venta {id} del {when}, por {amount}. Espere su resultado en «Pagos en curso» antes de cobrarla de nuevo."),
            format!("This bill already has a payment in progress at this counter: sale {id} of {when}, {amount}. Wait for its result under 'Payments in progress' before charging it again."),
        ),
        EarlierSale::Provisional => l.pick(
            format!("Esta factura ya se cobró sin conexión en esta caja, con comprobante provisorio: venta {id} del {when}, por {amount}. No la cobre de nuevo: se confirmará cuando vuelva la conexión."),
            format!("This bill was already paid offline at this counter, on a provisional receipt: sale {id} of {when}, {amount}. Do not charge it again: it is confirmed when the link is back."),
        ),
        EarlierSale::Rejected => l.pick(
            format!("Un cobro anterior de esta factura en esta caja fue rechazado (venta {id} del {when}): no se cobró nada entonces, así que se puede cobrar."),
            format!("An earlier payment of this bill at this counter was rejected (sale {id} of {when}): nothing was charged then, so it may be charged."),
        ),
    }
}
