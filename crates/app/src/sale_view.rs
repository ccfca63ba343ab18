//! A journaled sale as the screen shows it.

use chrono::{DateTime, Utc};
use ventanilla_core::payment::SaleState;
use ventanilla_store::{SaleRow, Tender};

use crate::config::AppConfig;
use crate::views::{MoneyView, ReceiptState, SaleView};

pub(crate) fn sale_view(row: &SaleRow, cfg: &AppConfig, now: DateTime<Utc>) -> SaleView {
    let l = cfg.locale;
    let Tender::Cash { received, change } = row.tender;
    let secs_until = |t: DateTime<Utc>| u64::try_from((t - now).num_seconds()).unwrap_or(0);
    let hub_reason = match &row.state {
        // An empty reason: the hub gave none (the cashier's words below say it was rejected).
        SaleState::Rejected { reason, .. } if !reason.is_empty() => Some(reason.clone()),
        _ => None,
    };
    let reason = matches!(row.state, SaleState::Rejected { .. })
        .then(|| l.explain_rejection(hub_reason.as_deref().unwrap_or("")));
    let hub = row.state.hub();
    SaleView {
        id: row.id,
        client_transaction_id: row.client_transaction_id.to_string(),
        company_name: row.company_name.clone(),
        customer_id: row.customer_id.clone(),
        barcode: row.barcode.clone(),
        amount: MoneyView::new(&row.amount, l),
        tender: "cash".into(),
        received: MoneyView::new(&received, l),
        change: MoneyView::new(&change, l),
        state: row.state.phase_name().into(),
        state_label: l.phase_label(row.state.phase_name()),
        is_final: row.state.is_final(),
        reason,
        hub_reason,
        hub_number: hub.and_then(|h| h.number),
        created_at: row.created_at.to_rfc3339(),
        waited_secs: u64::try_from((now - row.created_at).num_seconds()).unwrap_or(0),
        next_check_in_secs: if row.state.is_final() {
            None
        } else {
            row.next_check_at.map(secs_until)
        },
        answer_timeout_secs: cfg.pay_timeout.as_secs(),
        receipt_ready: row.has_receipt,
        receipt: receipt_state(row),
        provisional: row.provisional,
    }
}

fn receipt_state(row: &SaleRow) -> ReceiptState {
    match (&row.state, row.has_receipt) {
        (_, true) => ReceiptState::Ready,
        (SaleState::Approved { .. }, false) => ReceiptState::Coming,
        (SaleState::Rejected { .. }, false) => ReceiptState::NoReceipt,
        (_, false) if row.provisional => ReceiptState::Provisional,
        (_, false) => ReceiptState::AwaitingAnswer,
    }
}
