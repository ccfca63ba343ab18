//! The items of each paid ticket (`ticket_items`), in the order the cashier added them. Each
//! names its gateway, that gateway's id for the debt, the amount charged, and the local row the
//! gateway's outbox settles it through (a bill's `sales.id`).

use rusqlite::{params, Transaction};
use ventanilla_core::ticket::ItemKey;
use ventanilla_core::{Currency, Money};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;

pub(crate) const SCHEMA: Schema = Schema {
    name: "ticket_items",
    migrations: &[
        // 1: an item belongs to one ticket; one sale settles at most one item.
        r#"
    CREATE TABLE ticket_items (
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        position  INTEGER NOT NULL,
        gateway   TEXT NOT NULL,
        item_id   TEXT NOT NULL,
        amount    TEXT NOT NULL,
        ref_id    INTEGER NOT NULL,
        PRIMARY KEY (ticket_id, position),
        UNIQUE (ticket_id, gateway, item_id),
        UNIQUE (gateway, ref_id)
    );
    "#,
    ],
};

/// One item of a paid ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketItemRow {
    /// 1-based, in the order the cashier added it.
    pub position: u32,
    pub key: ItemKey,
    pub amount: Money,
    /// The gateway's local row for it (for bills, the sale's id).
    pub ref_id: i64,
}

pub(crate) fn insert(
    tx: &Transaction<'_>,
    ticket_id: i64,
    item: &TicketItemRow,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO ticket_items (ticket_id, position, gateway, item_id, amount, ref_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        ticket_id,
        item.position,
        item.key.gateway,
        item.key.id,
        item.amount.amount().to_string(),
        item.ref_id
    ])?;
    Ok(())
}

impl Store {
    /// A ticket's items in order; amounts in the ticket's `currency`.
    pub fn ticket_items(
        &self,
        ticket_id: i64,
        currency: Currency,
    ) -> Result<Vec<TicketItemRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT position, gateway, item_id, amount, ref_id FROM ticket_items
             WHERE ticket_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([ticket_id], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (position, gateway, id, amount, ref_id) = row?;
            out.push(TicketItemRow {
                position,
                key: ItemKey::new(gateway, id),
                amount: crate::tables::money_text::decode(&amount, currency)?,
                ref_id,
            });
        }
        Ok(out)
    }

    /// The ticket an item's local row belongs to, with how many items it has (none for a sale
    /// made before tickets).
    pub fn ticket_and_size_of(
        &self,
        gateway: &str,
        ref_id: i64,
    ) -> Result<Option<(i64, usize)>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT ti.ticket_id,
                        (SELECT COUNT(*) FROM ticket_items n WHERE n.ticket_id = ti.ticket_id)
                 FROM ticket_items ti WHERE ti.gateway = ?1 AND ti.ref_id = ?2",
            )?
            .query_row(params![gateway, ref_id], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)?))
            })
            .optional()?
            .map(|(id, n)| (id, usize::try_from(n).unwrap_or(0))))
    }

    /// The ticket an item's local row belongs to (none for a sale made before tickets).
    pub fn ticket_of(&self, gateway: &str, ref_id: i64) -> Result<Option<i64>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT ticket_id FROM ticket_items WHERE gateway = ?1 AND ref_id = ?2",
            )?
            .query_row(params![gateway, ref_id], |r| r.get(0))
            .optional()?)
    }
}
