//! A paid ticket read back from the journal with what settles each item (a bill's sale, a tax
//! debt's order) and the items' outcomes.

use std::collections::HashMap;

use ventanilla_core::arkadu::{item_outcomes, DebtItem, ItemStatus, OrderState};
use ventanilla_core::payment::SaleState;
use ventanilla_core::ticket::{ItemOutcome, ItemState};
use ventanilla_store::{SaleRow, Store, StoreError, TaxOrderRecord, TicketRecord, TAX_GATEWAY};

/// What settles one item of a paid ticket.
pub(crate) enum Line {
    Sale(Box<SaleRow>),
    Tax(Box<TaxLine>),
}

/// A tax debt of a paid ticket, with its order as the journal holds it.
pub(crate) struct TaxLine {
    /// The order's journal row.
    pub order: i64,
    pub doc_id: String,
    pub debt: DebtItem,
    pub state: OrderState,
    pub status: ItemStatus,
}

/// A paid ticket with each item's line (in item order) and its outcome.
pub(crate) struct Loaded {
    pub record: TicketRecord,
    pub lines: Vec<Line>,
    pub outcomes: Vec<ItemOutcome>,
}

/// What a sale's state means for the ticket's money.
pub(crate) fn item_state(state: &SaleState) -> ItemState {
    match state {
        SaleState::Approved { .. } => ItemState::Approved,
        SaleState::Rejected { .. } => ItemState::Rejected,
        _ => ItemState::Waiting,
    }
}

pub(crate) fn load(store: &Store, id: i64) -> Result<Loaded, StoreError> {
    let record = store.ticket(id)?;
    let mut lines = Vec::with_capacity(record.items.len());
    let mut outcomes = Vec::with_capacity(record.items.len());
    // Each order once, however many of its debts the ticket has.
    let mut orders: HashMap<i64, TaxOrderRecord> = HashMap::new();
    for item in &record.items {
        if item.key.gateway == TAX_GATEWAY {
            let (order, debt_id) = store.tax_item(item.ref_id)?;
            if let std::collections::hash_map::Entry::Vacant(slot) = orders.entry(order) {
                slot.insert(store.tax_order(order)?);
            }
            let o = &orders[&order];
            let debt = o
                .state
                .order()
                .and_then(|x| x.items().iter().find(|d| d.id.as_str() == debt_id))
                .cloned()
                .ok_or(StoreError::NotFound)?;
            let outcome = item_outcomes(&o.state)
                .into_iter()
                .find(|x| x.key == item.key)
                .map(|x| x.state)
                .unwrap_or(ItemState::Waiting);
            let status = o
                .state
                .settlement()
                .and_then(|s| s.items.iter().find(|p| p.id == debt.id))
                .map(|p| p.status)
                .unwrap_or(ItemStatus::Pending);
            outcomes.push(ItemOutcome {
                key: item.key.clone(),
                amount: item.amount,
                state: outcome,
            });
            lines.push(Line::Tax(Box::new(TaxLine {
                order,
                doc_id: o.doc_id.clone(),
                debt,
                state: o.state.clone(),
                status,
            })));
        } else {
            let sale = store.sale(item.ref_id)?;
            outcomes.push(ItemOutcome {
                key: item.key.clone(),
                amount: item.amount,
                state: item_state(&sale.state),
            });
            lines.push(Line::Sale(Box::new(sale)));
        }
    }
    Ok(Loaded {
        record,
        lines,
        outcomes,
    })
}

impl Line {
    /// Who is paid: the bill's company, the tax debt's description.
    pub fn title(&self) -> &str {
        match self {
            Line::Sale(s) => &s.company_name,
            Line::Tax(t) => &t.debt.description,
        }
    }

    /// Whose debt it is: the customer id on a bill, the taxpayer's document id.
    pub fn customer(&self) -> &str {
        match self {
            Line::Sale(s) => &s.customer_id,
            Line::Tax(t) => &t.doc_id,
        }
    }

    /// Where the item stands, in the cashier's words.
    pub fn state_label(&self, l: crate::i18n::Locale) -> String {
        match self {
            Line::Sale(s) => l.phase_label(s.state.phase_name()),
            Line::Tax(t) => crate::arkadu::words::item_status(t.status, l),
        }
    }
}
