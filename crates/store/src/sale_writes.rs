//! Writing a sale: the changes that span tables, each in one durable transaction. The sale's
//! row (`sales`), its audit event (`sale_events`), its outbox row (`outbox`) and its chain record
//! (`chain`) commit together or not at all; this module uses those four, and none of them knows
//! about the others.

use chrono::{DateTime, Utc};
use ventanilla_core::payment::SaleState;

use crate::error::StoreError;
use crate::head::ChainHead;
use crate::store::Store;
use crate::tables::outbox::{self, OutboxKind};
use crate::tables::sales::{self, NewSale, SaleRow};
use crate::tables::{chain, sale_events};

/// Writes one sale as `journaled` with its event, outbox row and chain record, inside the
/// caller's transaction; returns its id and the chain's new head (to publish after the commit).
/// `BillBusy` if the bill already has an unresolved sale.
pub(crate) fn journal_sale(
    tx: &rusqlite::Transaction<'_>,
    sale: &NewSale<'_>,
) -> Result<(i64, ChainHead), StoreError> {
    let state = SaleState::Journaled;
    // The partial unique index would refuse it too; asking first gives the sale's id.
    if let Some(id) = sales::open_for_bill(tx, &sale.bill.external_data.0)? {
        return Err(StoreError::BillBusy(id));
    }
    let id = sales::insert(tx, sale, &state)?;
    sale_events::log(tx, id, sale.at, "journaled", state.phase_name())?;
    outbox::enqueue(
        tx,
        OutboxKind::BillSale,
        id,
        &sale.bill.external_data.0,
        sale.client_transaction_id.as_str(),
        sale.at,
    )?;
    let head = chain::append(tx, id, "journaled")?;
    Ok((id, head))
}

impl Store {
    /// Writes the sale to the journal, durably, as `journaled`, together with its outbox row
    /// (one transaction: a sale is never journaled without being queued for the hub). Fails
    /// with `BillBusy` if the bill already has an unresolved sale: the database refuses it,
    /// whatever the caller thinks.
    pub fn insert_sale(&mut self, sale: &NewSale<'_>) -> Result<SaleRow, StoreError> {
        let tx = self.conn.transaction()?;
        let (id, head) = journal_sale(&tx, sale)?;
        tx.commit()?;
        self.publish(&head);
        self.sale(id)
    }

    /// Records a state change (and when to ask the hub next) in one durable commit.
    pub fn update_sale_state(
        &mut self,
        id: i64,
        state: &SaleState,
        event: &str,
        next_check_at: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        sales::set_state(&tx, id, state, next_check_at, at)?;
        sale_events::log(&tx, id, at, event, state.phase_name())?;
        let head = chain::append(&tx, id, event)?;
        tx.commit()?;
        self.publish(&head);
        Ok(())
    }
}
