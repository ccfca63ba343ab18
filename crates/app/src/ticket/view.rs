//! The ticket as the screen shows it, built from the draft or from the journal. Every figure
//! comes from the ledger; nothing is added up here.

use chrono::{DateTime, Utc};
use ventanilla_core::ledger::{PaymentStatus, Settlement};
use ventanilla_core::ticket::Draft;

use crate::arkadu::view::tax_line;
use crate::config::AppConfig;
use crate::i18n::Locale;
use crate::sale_view::sale_view;
use crate::ticket::item::ItemDetail;
use crate::ticket::loaded::{Line, Loaded};
use crate::traxion::bill_view::bill_view;
use crate::views::{MoneyView, RefundState, TicketItemView, TicketMoneyView, TicketView};
use ventanilla_core::arkadu::ItemStatus;

/// The ticket being built.
pub(crate) fn draft_view(draft: &Draft<ItemDetail>, l: Locale) -> TicketView {
    let items = draft
        .items()
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let (title, customer_id, bill, tax) = match &item.detail {
                ItemDetail::Bill { lookup_id, bill } => (
                    bill.company.name.clone(),
                    bill.customer_identifier.clone(),
                    Some(bill_view(bill, *lookup_id, None, l)),
                    None,
                ),
                ItemDetail::TaxDebt {
                    order,
                    order_id,
                    doc_id,
                    debt,
                } => (
                    debt.description.clone(),
                    doc_id.clone(),
                    None,
                    Some(tax_line(
                        *order,
                        order_id.as_str(),
                        debt,
                        ItemStatus::Pending,
                        false,
                        l,
                    )),
                ),
            };
            TicketItemView {
                position: n as u32 + 1,
                gateway: item.key.gateway.clone(),
                title,
                customer_id,
                amount: MoneyView::new(&item.amount, l),
                bill,
                sale: None,
                tax,
                refund: RefundState::None,
            }
        })
        .collect();
    TicketView {
        id: None,
        items,
        total: draft.total().ok().map(|t| MoneyView::new(&t, l)),
        cash_hints: draft
            .total()
            .map(|t| {
                ventanilla_core::cash_hints::cash_hints(t)
                    .iter()
                    .map(|h| MoneyView::new(h, l))
                    .collect()
            })
            .unwrap_or_default(),
        status: "draft".into(),
        status_label: l.pick("En preparación", "Being built"),
        phase: "draft".into(),
        money: None,
        tenders: Vec::new(),
        owed: draft.total().ok().map(|t| MoneyView::new(&t, l)),
        charge_notice: None,
        settled: false,
        created_at: None,
    }
}

/// A paid ticket with its items' sales and where its money stands.
pub(crate) fn paid_view(
    t: &Loaded,
    s: &Settlement,
    cfg: &AppConfig,
    now: DateTime<Utc>,
) -> TicketView {
    let l = cfg.locale;
    let refunded = |key| {
        t.record.payment.transactions().iter().any(
            |tx| matches!(tx, ventanilla_core::ledger::Transaction::Refund(r) if &r.item == key),
        )
    };
    let items = t
        .record
        .items
        .iter()
        .zip(&t.lines)
        .zip(&t.outcomes)
        .map(|((item, line), outcome)| TicketItemView {
            position: item.position,
            gateway: item.key.gateway.clone(),
            title: line.title().to_string(),
            customer_id: line.customer().to_string(),
            amount: MoneyView::new(&item.amount, l),
            bill: None,
            sale: match line {
                Line::Sale(sale) => Some(sale_view(sale, cfg, now)),
                Line::Tax(_) => None,
            },
            tax: match line {
                Line::Sale(_) => None,
                Line::Tax(tax) => Some(tax_line(
                    tax.order,
                    tax.state
                        .order()
                        .map(|o| o.id().as_str())
                        .unwrap_or_default(),
                    &tax.debt,
                    tax.status,
                    outcome.state != ventanilla_core::ticket::ItemState::Waiting,
                    l,
                )),
            },
            refund: match outcome.state {
                ventanilla_core::ticket::ItemState::Rejected if refunded(&item.key) => {
                    RefundState::Done
                }
                ventanilla_core::ticket::ItemState::Rejected => RefundState::Due,
                _ => RefundState::None,
            },
        })
        .collect();
    let m = |x| MoneyView::new(&x, l);
    let status = t.record.payment.status();
    TicketView {
        id: Some(t.record.ticket.id),
        items,
        total: Some(m(s.total)),
        cash_hints: Vec::new(),
        status: status.as_str().into(),
        status_label: status_label(status, s, l),
        phase: phase(status, s).into(),
        money: Some(TicketMoneyView {
            received: m(s.received),
            change: m(s.change),
            approved: m(s.approved),
            waiting: m(s.waiting),
            rejected: m(s.rejected),
            refunded: m(s.refunded),
            refund_due: m(s.refund_due),
        }),
        tenders: crate::ticket::tender_lines::paid(&t.record.payment, l),
        owed: None,
        charge_notice: None,
        settled: s.is_settled(),
        created_at: Some(t.record.ticket.created_at.to_rfc3339()),
    }
}

fn phase(status: PaymentStatus, s: &Settlement) -> &'static str {
    match status {
        PaymentStatus::Cancelled => "cancelled",
        _ if !s.refund_due.amount().is_zero() => "refund",
        _ if !s.waiting.amount().is_zero() => "waiting",
        _ => "settled",
    }
}

fn status_label(status: PaymentStatus, s: &Settlement, l: Locale) -> String {
    match status {
        PaymentStatus::Initialized => l.pick("Sin pagar", "Not paid"),
        PaymentStatus::Cancelled => l.pick("Anulado", "Cancelled"),
        PaymentStatus::Rejected => l.pick(
            "Rechazado: se devolvió todo",
            "Rejected: everything handed back",
        ),
        PaymentStatus::Completed if !s.refund_due.amount().is_zero() => l.pick(
            "Pagado: hay dinero para devolver",
            "Paid: money to hand back",
        ),
        PaymentStatus::Completed if !s.waiting.amount().is_zero() => {
            l.pick("Pagado: esperando respuesta", "Paid: waiting for answers")
        }
        PaymentStatus::Completed => l.pick("Pagado y cerrado", "Paid and settled"),
    }
}
