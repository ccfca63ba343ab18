//! The debts of each tax order (`tax_order_items`), in the order's sequence, with what the
//! platform's callbacks said about each. A ticket item of a tax order points at its row here.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use ventanilla_core::arkadu::{DebtId, DebtItem, ItemProgress, ItemStatus};
use ventanilla_core::Currency;

use crate::error::StoreError;
use crate::schema::Schema;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "tax_order_items",
    migrations: &[
        // 1: a debt appears once per order; its status only ever leaves `pending` with the
        // callback's time.
        r#"
    CREATE TABLE tax_order_items (
        id          INTEGER PRIMARY KEY,
        tax_order   INTEGER NOT NULL REFERENCES tax_orders(id),
        position    INTEGER NOT NULL,
        debt_id     TEXT NOT NULL,
        description TEXT NOT NULL,
        kind        TEXT,
        amount      TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'success', 'error')),
        decided_at  TEXT,
        UNIQUE (tax_order, debt_id),
        CHECK ((status = 'pending') = (decided_at IS NULL))
    );
    "#,
    ],
};

/// One debt of an order as the journal holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemRow {
    pub id: i64,
    pub item: DebtItem,
    pub progress: ItemProgress,
}

/// Replaces the debts of an order that nothing refers to yet (an open order whose items the
/// cashier changed).
pub(crate) fn replace(conn: &Connection, order: i64, items: &[DebtItem]) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM tax_order_items WHERE tax_order = ?1")?
        .execute([order])?;
    for (n, item) in items.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO tax_order_items (tax_order, position, debt_id, description, kind, amount)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            order,
            n as i64 + 1,
            item.id.as_str(),
            item.description,
            item.kind,
            item.amount.amount().to_string()
        ])?;
    }
    Ok(())
}

/// Records what the callbacks said about each debt.
pub(crate) fn set_progress(
    conn: &Connection,
    order: i64,
    progress: &[ItemProgress],
) -> Result<(), StoreError> {
    for p in progress {
        let status = match p.status {
            ItemStatus::Pending => "pending",
            ItemStatus::Success => "success",
            ItemStatus::Error => "error",
        };
        let n = conn
            .prepare_cached(
                "UPDATE tax_order_items SET status = ?3, decided_at = ?4
                 WHERE tax_order = ?1 AND debt_id = ?2",
            )?
            .execute(params![
                order,
                p.id.as_str(),
                status,
                p.decided_at.map(|t| t.to_rfc3339())
            ])?;
        if n == 0 {
            return Err(StoreError::Invalid(format!(
                "debt {} is not in tax order {order}",
                p.id
            )));
        }
    }
    Ok(())
}

/// The debts of an order in sequence; amounts in `currency`.
pub(crate) fn read(
    conn: &Connection,
    order: i64,
    currency: Currency,
) -> Result<Vec<ItemRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, debt_id, description, kind, amount, status, decided_at
         FROM tax_order_items WHERE tax_order = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([order], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, debt, description, kind, amount, status, decided) = row?;
        let debt =
            DebtId::new(&debt).ok_or_else(|| StoreError::Decode("a blank debt id".into()))?;
        let status = match status.as_str() {
            "pending" => ItemStatus::Pending,
            "success" => ItemStatus::Success,
            "error" => ItemStatus::Error,
            other => return Err(StoreError::Decode(format!("tax item status {other}"))),
        };
        let decided_at: Option<DateTime<Utc>> = decided.as_deref().map(decode_time).transpose()?;
        out.push(ItemRow {
            id,
            item: DebtItem {
                id: debt.clone(),
                description,
                kind,
                amount: crate::tables::money_text::decode(&amount, currency)?,
            },
            progress: ItemProgress {
                id: debt,
                status,
                decided_at,
            },
        });
    }
    Ok(out)
}
