//! Tax debts and orders as the screen shows them.

use chrono::{DateTime, Utc};
use ventanilla_core::arkadu::{expiry, DebtItem, Expiry, ItemStatus, OrderState};
use ventanilla_store::TaxOrderRecord;

use crate::arkadu::words::{item_status, phase_label, phase_name, status_name};
use crate::i18n::Locale;
use crate::views::{MoneyView, TaxDebtView, TaxLineView, TaxOrderItemView, TaxOrderView};

pub(crate) fn debt_view(d: &DebtItem, l: Locale) -> TaxDebtView {
    TaxDebtView {
        id: d.id.to_string(),
        description: d.description.clone(),
        kind: d.kind.clone(),
        amount: MoneyView::new(&d.amount, l),
    }
}

/// A tax debt's line on the ticket.
pub(crate) fn tax_line(
    order: i64,
    order_id: &str,
    debt: &DebtItem,
    status: ItemStatus,
    is_final: bool,
    l: Locale,
) -> TaxLineView {
    TaxLineView {
        order,
        order_id: order_id.to_string(),
        debt_id: debt.id.to_string(),
        status: status_name(status).into(),
        status_label: item_status(status, l),
        is_final,
    }
}

pub(crate) fn order_view(
    r: &TaxOrderRecord,
    now: DateTime<Utc>,
    l: Locale,
) -> Option<TaxOrderView> {
    let order = r.state.order()?;
    let settlement = r.state.settlement();
    let status_of = |d: &DebtItem| {
        settlement
            .and_then(|s| s.items.iter().find(|p| p.id == d.id))
            .map(|p| p.status)
            .unwrap_or(ItemStatus::Pending)
    };
    let open = matches!(r.state, OrderState::Open { .. });
    let (seconds_left, expiring) = match expiry(order.expire_at(), now) {
        Expiry::Open { remaining } => (remaining.num_seconds(), false),
        Expiry::Closing { remaining } => (remaining.num_seconds(), open),
        Expiry::Expired => (0, false),
    };
    Some(TaxOrderView {
        id: r.id,
        order_id: order.id().to_string(),
        doc_id: r.doc_id.clone(),
        phase: phase_name(r.state.phase()).into(),
        phase_label: phase_label(r.state.phase(), l),
        total: MoneyView::new(&order.total(), l),
        expire_at: order.expire_at().to_rfc3339(),
        seconds_left,
        expiring,
        items: order
            .items()
            .iter()
            .map(|d| TaxOrderItemView {
                id: d.id.to_string(),
                description: d.description.clone(),
                amount: MoneyView::new(&d.amount, l),
                status: status_name(status_of(d)).into(),
                status_label: item_status(status_of(d), l),
            })
            .collect(),
        reference: settlement.map(|s| s.report.reference.to_string()),
    })
}
