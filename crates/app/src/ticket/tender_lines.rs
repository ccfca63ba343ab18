//! A ticket's tenders as the screen lists them: each ledger tender in the cashier's words, and a
//! paid ticket's tenders in the order they were taken.

use ventanilla_core::ledger::{LedgerPayment, Tender, TenderTx, Transaction};

use crate::i18n::Locale;
use crate::views::{MoneyView, TenderView};

/// A paid ticket's tenders, in the order they were taken.
pub(crate) fn paid(payment: &LedgerPayment, l: Locale) -> Vec<TenderView> {
    payment
        .transactions()
        .iter()
        .filter_map(|t| match t {
            Transaction::Tender(TenderTx {
                tender, applied, ..
            }) => Some(tender_view(tender, *applied, "accepted", l)),
            Transaction::Refund(_) => None,
        })
        .collect()
}

pub(crate) fn tender_view(
    tender: &Tender,
    amount: ventanilla_core::Money,
    state: &str,
    l: Locale,
) -> TenderView {
    let (kind, label, txid) = match tender {
        Tender::Cash { received, change } => (
            "cash",
            l.pick(
                format!(
                    "Efectivo: recibido {}, vuelto {}",
                    l.money(received),
                    l.money(change)
                ),
                format!(
                    "Cash: received {}, change {}",
                    l.money(received),
                    l.money(change)
                ),
            ),
            None,
        ),
        Tender::Card(c) => (
            "card",
            l.pick(
                format!("Tarjeta •••• {} ({})", c.last4, c.capture_number),
                format!("Card •••• {} ({})", c.last4, c.capture_number),
            ),
            None,
        ),
        Tender::Wallet(w) => (
            "wallet",
            l.pick(
                format!("Billetera (txid {}…)", w.txid.get(..12).unwrap_or(&w.txid)),
                format!("Wallet (txid {}…)", w.txid.get(..12).unwrap_or(&w.txid)),
            ),
            Some(w.txid.clone()),
        ),
    };
    TenderView {
        kind: kind.into(),
        state: state.into(),
        label,
        amount: MoneyView::new(&amount, l),
        txid,
        deadline: None,
        seconds_left: None,
        qr_url: None,
        qr_svg: None,
    }
}
