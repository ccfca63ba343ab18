//! A journaled sale as the screen shows it.

use chrono::{DateTime, Utc};
use ventanilla_core::payment::SaleState;
use ventanilla_store::{SaleRow, Tender};

use crate::config::AppConfig;
use crate::views::{MoneyView, ReceiptState, SaleView};

/// Whether a view is for the sale the cashier is handling, or one looked back on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Moment {
    /// The sale on screen now (just taken, its answer just in): what to do now applies.
    Live,
    /// The history, the supervisor's list, sales settled after a restart: what happened only.
    Past,
}

/// A sale taken this recently, shown live, still has its customer at the counter.
const CUSTOMER_WAITS_SECS: i64 = 15 * 60;

pub(crate) fn sale_view(
    row: &SaleRow,
    cfg: &AppConfig,
    now: DateTime<Utc>,
    moment: Moment,
) -> SaleView {
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
    // Counted from when the cash was taken, not from the answer: a sale settled long after
    // (after a restart, say) has no customer waiting for it any more.
    let customer_waits = (now - row.created_at).num_seconds() <= CUSTOMER_WAITS_SECS;
    // The change went back when the cash was taken; what the bill kept goes back now. A sale
    // taken offline was rejected after its customer left: that refund is the supervisor's (see
    // the attention list), never an instruction on the cashier's screen.
    let money_back =
        (hub_reason.is_some() && moment == Moment::Live && !row.provisional && customer_waits)
            .then(|| MoneyView::new(&row.amount, l));
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
        money_back,
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
