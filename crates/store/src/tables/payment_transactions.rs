//! One row per tender taken and per refund handed back, for each ticket's ledger payment
//! (`payment_transactions`), in the order they happened. Columns rather than a blob, so that a
//! shift's report can sum cash, change and refunds in SQL.

use rusqlite::{params, Transaction};
use ventanilla_core::ledger::{Refund, Tender, TenderTx, Transaction as LedgerTx, TxStatus};
use ventanilla_core::ticket::ItemKey;
use ventanilla_core::{Currency, Money};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;
use crate::tables::money_text::decode;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "payment_transactions",
    migrations: &[
        // 1: `amount` is what a tender paid of the total (cash: received less change) or what
        // a refund handed back; `received` and `change` are cash's; the item is a refund's.
        r#"
    CREATE TABLE payment_transactions (
        id           INTEGER PRIMARY KEY,
        ticket_id    INTEGER NOT NULL REFERENCES tickets(id),
        kind         TEXT NOT NULL CHECK (kind IN ('cash', 'refund')),
        status       TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
        amount       TEXT NOT NULL,
        received     TEXT,
        change       TEXT,
        item_gateway TEXT,
        item_id      TEXT,
        at           TEXT NOT NULL,
        CHECK ((kind = 'cash') = (received IS NOT NULL AND change IS NOT NULL)),
        CHECK ((kind = 'refund') = (item_gateway IS NOT NULL AND item_id IS NOT NULL))
    );
    CREATE INDEX payment_transactions_by_ticket ON payment_transactions(ticket_id);
    -- A rejected item is handed back once, whatever a caller believes.
    CREATE UNIQUE INDEX payment_transactions_one_refund
        ON payment_transactions(ticket_id, item_gateway, item_id) WHERE kind = 'refund';
    "#,
    ],
};

pub(crate) fn append(
    tx: &Transaction<'_>,
    ticket_id: i64,
    row: &LedgerTx,
) -> Result<(), StoreError> {
    let text = |m: Money| m.amount().to_string();
    let (kind, status, amount, received, change, item, at) = match row {
        LedgerTx::Tender(t) => {
            let Tender::Cash { received, change } = t.tender;
            (
                "cash",
                t.status,
                t.applied,
                Some(text(received)),
                Some(text(change)),
                None,
                t.at,
            )
        }
        LedgerTx::Refund(r) => (
            "refund",
            TxStatus::Accepted,
            r.amount,
            None,
            None,
            Some(&r.item),
            r.at,
        ),
    };
    tx.prepare_cached(
        "INSERT INTO payment_transactions
            (ticket_id, kind, status, amount, received, change, item_gateway, item_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        ticket_id,
        kind,
        status.as_str(),
        text(amount),
        received,
        change,
        item.map(|k| k.gateway.as_str()),
        item.map(|k| k.id.as_str()),
        at.to_rfc3339(),
    ])?;
    Ok(())
}

type RawRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

impl Store {
    /// A ticket's transactions in the order they happened; amounts in the ticket's `currency`.
    pub fn payment_transactions(
        &self,
        ticket_id: i64,
        currency: Currency,
    ) -> Result<Vec<LedgerTx>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, status, amount, received, change, item_gateway, item_id, at
             FROM payment_transactions WHERE ticket_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([ticket_id], |r| -> rusqlite::Result<RawRow> {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.push(read(row?, currency)?);
        }
        Ok(out)
    }
}

fn read(row: RawRow, currency: Currency) -> Result<LedgerTx, StoreError> {
    let (kind, status, amount, received, change, gateway, item_id, at) = row;
    let bad = |what: &str| StoreError::Decode(format!("payment transaction: {what}"));
    let at = decode_time(&at)?;
    let amount = decode(&amount, currency)?;
    match kind.as_str() {
        "cash" => Ok(LedgerTx::Tender(TenderTx {
            tender: Tender::Cash {
                received: decode(
                    &received.ok_or_else(|| bad("cash without received"))?,
                    currency,
                )?,
                change: decode(&change.ok_or_else(|| bad("cash without change"))?, currency)?,
            },
            applied: amount,
            status: TxStatus::parse(&status).ok_or_else(|| bad(&status))?,
            at,
        })),
        "refund" => Ok(LedgerTx::Refund(Refund {
            item: ItemKey::new(
                gateway.ok_or_else(|| bad("refund without item"))?,
                item_id.ok_or_else(|| bad("refund without item"))?,
            ),
            amount,
            at,
        })),
        other => Err(bad(other)),
    }
}
