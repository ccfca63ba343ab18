//! A paid ticket read back from the journal with its items' sales and their outcomes.

use ventanilla_core::payment::SaleState;
use ventanilla_core::ticket::{ItemOutcome, ItemState};
use ventanilla_store::{SaleRow, Store, StoreError, TicketRecord};

/// A paid ticket with its items' sales (in item order) and their outcomes.
pub(crate) struct Loaded {
    pub record: TicketRecord,
    pub sales: Vec<SaleRow>,
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
    let mut sales = Vec::with_capacity(record.items.len());
    let mut outcomes = Vec::with_capacity(record.items.len());
    for item in &record.items {
        let sale = store.sale(item.ref_id)?;
        outcomes.push(ItemOutcome {
            key: item.key.clone(),
            amount: item.amount,
            state: item_state(&sale.state),
        });
        sales.push(sale);
    }
    Ok(Loaded {
        record,
        sales,
        outcomes,
    })
}
