//! The journal's tax orders and tax tickets, and the tax platform's orders, reduced to what the
//! tax checks compare. The journal is read through the store's own read methods only, beside
//! the app that owns it (as `journal` does for bills); the counter reads here which planned tax
//! tickets it already took.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use ventanilla_core::arkadu::{ItemStatus, OrderPhase};
use ventanilla_sandbox::{ItemStatus as PlatformStatus, Order, OrderState};
use ventanilla_store::{OutboxKind, Store, StoreError, TaxOrderRecord, TAX_GATEWAY};

use super::checks::tax::{
    DebtStatus, LocalDebt, LocalTaxOrder, LocalTaxTicket, PlatformOrder, PlatformState,
};
use super::payment_rows;
use super::tax_tickets;

/// Every phase a journaled order can be in (an order is journaled once the platform made it).
const JOURNALED: [OrderPhase; 7] = [
    OrderPhase::Open,
    OrderPhase::Reported,
    OrderPhase::Processing,
    OrderPhase::Complete,
    OrderPhase::Canceled,
    OrderPhase::Expired,
    OrderPhase::ReportRefused,
];

fn open(path: &Path) -> Result<Store, String> {
    Store::open_read_only(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn at(path: &Path) -> impl Fn(StoreError) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

fn records(store: &Store) -> Result<Vec<TaxOrderRecord>, StoreError> {
    let mut all = store.tax_orders_in(&JOURNALED)?;
    all.sort_by_key(|r| r.id);
    Ok(all)
}

/// Debts of every order the journal holds as paid (its report fixed with the ticket's cash):
/// a planned tax ticket with any of them was taken, whatever the platform said since.
pub fn paid_debts(path: &Path) -> Result<HashSet<String>, String> {
    let store = open(path)?;
    Ok(records(&store)
        .map_err(at(path))?
        .iter()
        .filter(|r| r.state.settlement().is_some())
        .filter_map(|r| r.state.order())
        .flat_map(|o| o.items().iter().map(|d| d.id.to_string()))
        .collect())
}

/// Orders whose report waits for a person; a journal that cannot be read has none.
pub fn attention_ids(path: &Path) -> HashSet<i64> {
    Store::open_read_only(path)
        .and_then(|store| store.outbox_attention())
        .map(|rows| {
            rows.into_iter()
                .filter(|r| r.kind == OutboxKind::TaxReport)
                .map(|r| r.ref_id)
                .collect()
        })
        .unwrap_or_default()
}

/// The journal's tax orders as the checks see them, oldest first.
pub fn local_orders(path: &Path) -> Result<Vec<LocalTaxOrder>, String> {
    let attention = attention_ids(path);
    let store = open(path)?;
    Ok(records(&store)
        .map_err(at(path))?
        .into_iter()
        .filter_map(|r| {
            let order = r.state.order()?;
            let settlement = r.state.settlement();
            let status = |id: &ventanilla_core::arkadu::DebtId| {
                let s = settlement
                    .and_then(|s| s.items.iter().find(|p| &p.id == id))
                    .map_or(ItemStatus::Pending, |p| p.status);
                match s {
                    ItemStatus::Pending => DebtStatus::Pending,
                    ItemStatus::Success => DebtStatus::Success,
                    ItemStatus::Error => DebtStatus::Error,
                }
            };
            Some(LocalTaxOrder {
                id: r.id,
                order_id: order.id().to_string(),
                doc_id: r.doc_id.clone(),
                phase: phase_name(r.state.phase()).to_string(),
                total: order.total().amount(),
                reference: settlement.map(|s| s.report.reference.to_string()),
                debts: order
                    .items()
                    .iter()
                    .map(|d| LocalDebt {
                        id: d.id.to_string(),
                        amount: d.amount.amount(),
                        status: status(&d.id),
                    })
                    .collect(),
                parked: attention.contains(&r.id),
            })
        })
        .collect())
}

/// The phase as the journal's rows name it.
fn phase_name(p: OrderPhase) -> &'static str {
    match p {
        OrderPhase::Draft => "draft",
        OrderPhase::Creating => "creating",
        OrderPhase::Open => "open",
        OrderPhase::Reported => "reported",
        OrderPhase::Processing => "processing",
        OrderPhase::Complete => "complete",
        OrderPhase::Canceled => "canceled",
        OrderPhase::Expired => "expired",
        OrderPhase::ReportRefused => "report_refused",
    }
}

/// Every paid ticket holding tax debts, oldest first, each with its payment as the store
/// replays it through the ledger's rules (bill tickets are `journal::tickets`).
pub fn tickets(path: &Path) -> Result<Vec<LocalTaxTicket>, String> {
    let store = open(path)?;
    let at = at(path);
    let mut rows = store.recent_tickets(u32::MAX).map_err(&at)?;
    rows.reverse();
    let mut out = Vec::new();
    for row in rows {
        let items = store
            .ticket_items(row.id, row.total_amount.currency())
            .map_err(&at)?;
        if !items.iter().any(|i| i.key.gateway == TAX_GATEWAY) {
            continue;
        }
        let mut held = Vec::with_capacity(items.len());
        for i in &items {
            if i.key.gateway != TAX_GATEWAY {
                return Err(format!(
                    "ticket {} mixes a {} item with tax debts",
                    row.id, i.key.gateway
                ));
            }
            let (order, debt) = store.tax_item(i.ref_id).map_err(&at)?;
            held.push((order, debt, i.amount.amount()));
        }
        let payment = store
            .ticket(row.id)
            .map(|t| payment_rows::read(&t.payment))
            .map_err(|e| e.to_string());
        out.push(LocalTaxTicket {
            id: row.id,
            items: held,
            payment,
        });
    }
    Ok(out)
}

/// The platform's orders (what `GET /_sandbox/arkadu/orders` answers, read from the hub this
/// process serves), each debt's result with its amount at the platform.
pub fn platform_orders(orders: &[Order]) -> Vec<PlatformOrder> {
    let amounts: HashMap<String, rust_decimal::Decimal> =
        ventanilla_sandbox::arkadu::fixtures::debts(tax_tickets::CURRENCY)
            .into_iter()
            .map(|d| (d.id.to_string(), d.amount))
            .collect();
    orders
        .iter()
        .map(|o| PlatformOrder {
            id: o.id.clone(),
            doc_id: o.doc_id.clone(),
            debts: o.items.iter().map(u64::to_string).collect(),
            total: o.total,
            state: match o.state {
                OrderState::Open => PlatformState::Open,
                OrderState::Complete => PlatformState::Complete,
                OrderState::Canceled => PlatformState::Canceled,
            },
            report: o.report.as_ref().map(|r| (r.reference.clone(), r.amount)),
            results: o
                .results
                .iter()
                .map(|r| {
                    let id = r.item_id.to_string();
                    let amount = amounts.get(&id).copied().unwrap_or_default();
                    let status = match r.status {
                        PlatformStatus::Success => DebtStatus::Success,
                        PlatformStatus::Error => DebtStatus::Error,
                    };
                    (id, status, amount)
                })
                .collect(),
        })
        .collect()
}
