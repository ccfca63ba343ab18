//! Writing tax orders: an order with its debts, its payment report queued in the outbox (with
//! the ticket that paid it, in `ticket_writes`), and a callback applied together with the inbox
//! entry that brought it. Each is one durable transaction.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use ventanilla_core::arkadu::{OrderPhase, OrderState};

use crate::error::StoreError;
use crate::store::Store;
use crate::tables::inbox::{self, Settlement};
use crate::tables::outbox::{self, OutboxKind};
use crate::tables::{tax_order_items, tax_orders};

/// Tax orders are settled by the platform's outbox and callbacks; their items' gateway name.
pub const TAX_GATEWAY: &str = "arkadu";

/// A tax order as the journal holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxOrderRecord {
    /// The journal's row id (what ticket items and the outbox refer to).
    pub id: i64,
    /// Whose debts these are, as the cashier looked them up (`V-12345678`).
    pub doc_id: String,
    pub state: OrderState,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Writes `state` for the order (new or known by its platform id) with its debts: replaced
/// while it is open (nothing refers to them yet), their progress afterwards.
pub(crate) fn write_tax_state(
    conn: &Connection,
    doc_id: &str,
    state: &OrderState,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let id = tax_orders::write(conn, doc_id, state, at)?;
    let order = state
        .order()
        .ok_or_else(|| StoreError::Invalid("a tax order not created yet".into()))?;
    match state.settlement() {
        None if state.phase() == OrderPhase::Open => {
            tax_order_items::replace(conn, id, order.items())?
        }
        None => {}
        Some(s) => tax_order_items::set_progress(conn, id, &s.items)?,
    }
    Ok(id)
}

/// Queues the report of a reported order inside the caller's transaction.
pub(crate) fn queue_report(
    conn: &rusqlite::Transaction<'_>,
    id: i64,
    state: &OrderState,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (Some(order), Some(s)) = (state.order(), state.settlement()) else {
        return Err(StoreError::Invalid(
            "only a reported tax order is queued".into(),
        ));
    };
    outbox::enqueue(
        conn,
        OutboxKind::TaxReport,
        id,
        order.id().as_str(),
        s.report.reference.as_str(),
        at,
    )?;
    Ok(())
}

/// The row ids of an order's debts, by debt id.
pub(crate) fn item_rows(conn: &Connection, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    let row = tax_orders::find(conn, Some(id), None)?.ok_or(StoreError::NotFound)?;
    Ok(tax_order_items::read(conn, id, row.currency)?
        .into_iter()
        .map(|r| (r.item.id.to_string(), r.id))
        .collect())
}

fn record(conn: &Connection, row: tax_orders::OrderRow) -> Result<TaxOrderRecord, StoreError> {
    let items = tax_order_items::read(conn, row.id, row.currency)?;
    Ok(TaxOrderRecord {
        id: row.id,
        state: tax_orders::state_of(&row, items)?,
        doc_id: row.doc_id,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

impl Store {
    /// Records an order as it now stands (created, changed, expired, canceled, its report
    /// acknowledged or refused), durably. Returns its row id.
    pub fn save_tax_order(
        &mut self,
        doc_id: &str,
        state: &OrderState,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let tx = self.conn.transaction()?;
        let id = write_tax_state(&tx, doc_id, state, at)?;
        tx.commit()?;
        Ok(id)
    }

    /// Applies what a callback did to an order and settles the inbox entry that brought it, in
    /// one transaction: a callback is never applied twice, nor recorded as applied without its
    /// effect. With no state, only the entry is settled (kept for review, refused).
    pub fn apply_tax_delivery(
        &mut self,
        entry: i64,
        state: Option<(&str, &OrderState)>,
        settlement: &Settlement,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        if let Some((doc_id, state)) = state {
            write_tax_state(&tx, doc_id, state, at)?;
        }
        let settled = inbox::write_settlement(&tx, entry, settlement, at)?;
        tx.commit()?;
        Ok(settled)
    }

    /// The order with journal row `id`.
    pub fn tax_order(&self, id: i64) -> Result<TaxOrderRecord, StoreError> {
        let row = tax_orders::find(&self.conn, Some(id), None)?.ok_or(StoreError::NotFound)?;
        record(&self.conn, row)
    }

    /// The order the platform calls `order_id`, if this counter has it.
    pub fn tax_order_by_platform_id(
        &self,
        order_id: &str,
    ) -> Result<Option<TaxOrderRecord>, StoreError> {
        match tax_orders::find(&self.conn, None, Some(order_id))? {
            Some(row) => record(&self.conn, row).map(Some),
            None => Ok(None),
        }
    }

    /// Orders in any of `phases`, oldest first: the open ones left by a crash, the reported
    /// ones still waiting for callbacks.
    pub fn tax_orders_in(&self, phases: &[OrderPhase]) -> Result<Vec<TaxOrderRecord>, StoreError> {
        let names = phases
            .iter()
            .map(|p| tax_orders::phase_name(*p))
            .collect::<Result<Vec<_>, _>>()?;
        tax_orders::ids_in(&self.conn, &names)?
            .into_iter()
            .map(|id| self.tax_order(id))
            .collect()
    }

    /// The debt row behind a ticket item of a tax order: its order's row id and its debt id.
    pub fn tax_item(&self, item_row: i64) -> Result<(i64, String), StoreError> {
        self.conn
            .prepare_cached("SELECT tax_order, debt_id FROM tax_order_items WHERE id = ?1")?
            .query_row([item_row], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
                e => e.into(),
            })
    }
}

impl Store {
    /// The paid ticket that holds the order with journal row `id`, if any.
    pub fn ticket_of_tax_order(&self, id: i64) -> Result<Option<i64>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT t.ticket_id FROM ticket_items t
                 JOIN tax_order_items i ON t.gateway = ?2 AND t.ref_id = i.id
                 WHERE i.tax_order = ?1 LIMIT 1",
            )?
            .query_row(rusqlite::params![id, TAX_GATEWAY], |r| r.get(0))
            .optional()?)
    }
}
