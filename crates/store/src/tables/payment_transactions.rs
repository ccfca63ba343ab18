//! One row per tender taken and per refund handed back, for each ticket's ledger payment
//! (`payment_transactions`), in the order they happened. Columns rather than a blob, so that a
//! shift's report can sum cash, change and refunds in SQL.

use rusqlite::{params, Transaction};
use ventanilla_core::ledger::{
    CardRef, Refund, Tender, TenderTx, Transaction as LedgerTx, TxStatus, WalletRef,
};
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
        // 2: card and wallet tenders, each with its gateway's reference. SQLite cannot change
        // a CHECK in place, so the table is rebuilt with every row kept (ids too).
        r#"
    CREATE TABLE payment_transactions_v2 (
        id             INTEGER PRIMARY KEY,
        ticket_id      INTEGER NOT NULL REFERENCES tickets(id),
        kind           TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'wallet', 'refund')),
        status         TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
        amount         TEXT NOT NULL,
        received       TEXT,
        change         TEXT,
        item_gateway   TEXT,
        item_id        TEXT,
        at             TEXT NOT NULL,
        reference      TEXT,
        capture_number TEXT,
        last4          TEXT,
        txid           TEXT,
        CHECK ((kind = 'cash') = (received IS NOT NULL AND change IS NOT NULL)),
        CHECK ((kind = 'refund') = (item_gateway IS NOT NULL AND item_id IS NOT NULL)),
        CHECK ((kind IN ('card', 'wallet')) = (reference IS NOT NULL)),
        CHECK ((kind = 'card') = (capture_number IS NOT NULL AND last4 IS NOT NULL)),
        CHECK ((kind = 'wallet') = (txid IS NOT NULL))
    );
    INSERT INTO payment_transactions_v2
        (id, ticket_id, kind, status, amount, received, change, item_gateway, item_id, at)
        SELECT id, ticket_id, kind, status, amount, received, change, item_gateway, item_id, at
        FROM payment_transactions;
    DROP TABLE payment_transactions;
    ALTER TABLE payment_transactions_v2 RENAME TO payment_transactions;
    CREATE INDEX payment_transactions_by_ticket ON payment_transactions(ticket_id);
    CREATE UNIQUE INDEX payment_transactions_one_refund
        ON payment_transactions(ticket_id, item_gateway, item_id) WHERE kind = 'refund';
    -- A card capture or a wallet charge pays one ticket, once.
    CREATE UNIQUE INDEX payment_transactions_one_charge
        ON payment_transactions(kind, reference) WHERE reference IS NOT NULL;
    "#,
    ],
};

pub(crate) fn append(
    tx: &Transaction<'_>,
    ticket_id: i64,
    row: &LedgerTx,
) -> Result<(), StoreError> {
    let text = |m: Money| m.amount().to_string();
    let mut cols = Columns::default();
    let (kind, status, amount, at) = match row {
        LedgerTx::Tender(t) => {
            let kind = match &t.tender {
                Tender::Cash { received, change } => {
                    cols.received = Some(text(*received));
                    cols.change = Some(text(*change));
                    "cash"
                }
                Tender::Card(card) => {
                    cols.reference = Some(card.reference.as_str());
                    cols.capture_number = Some(card.capture_number.as_str());
                    cols.last4 = Some(card.last4.as_str());
                    "card"
                }
                Tender::Wallet(wallet) => {
                    cols.reference = Some(wallet.reference.as_str());
                    cols.txid = Some(wallet.txid.as_str());
                    "wallet"
                }
            };
            (kind, t.status, t.applied, t.at)
        }
        LedgerTx::Refund(r) => {
            cols.item = Some(&r.item);
            ("refund", TxStatus::Accepted, r.amount, r.at)
        }
    };
    tx.prepare_cached(
        "INSERT INTO payment_transactions
            (ticket_id, kind, status, amount, received, change, item_gateway, item_id, at,
             reference, capture_number, last4, txid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        ticket_id,
        kind,
        status.as_str(),
        text(amount),
        cols.received,
        cols.change,
        cols.item.map(|k| k.gateway.as_str()),
        cols.item.map(|k| k.id.as_str()),
        at.to_rfc3339(),
        cols.reference,
        cols.capture_number,
        cols.last4,
        cols.txid,
    ])?;
    Ok(())
}

/// The columns only some kinds fill.
#[derive(Default)]
struct Columns<'a> {
    received: Option<String>,
    change: Option<String>,
    item: Option<&'a ItemKey>,
    reference: Option<&'a str>,
    capture_number: Option<&'a str>,
    last4: Option<&'a str>,
    txid: Option<&'a str>,
}

/// A row as SQLite gives it, before its kind says which columns must be there.
struct RawRow {
    kind: String,
    status: String,
    amount: String,
    received: Option<String>,
    change: Option<String>,
    item_gateway: Option<String>,
    item_id: Option<String>,
    at: String,
    reference: Option<String>,
    capture_number: Option<String>,
    last4: Option<String>,
    txid: Option<String>,
}

impl Store {
    /// A ticket's transactions in the order they happened; amounts in the ticket's `currency`.
    pub fn payment_transactions(
        &self,
        ticket_id: i64,
        currency: Currency,
    ) -> Result<Vec<LedgerTx>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, status, amount, received, change, item_gateway, item_id, at,
                    reference, capture_number, last4, txid
             FROM payment_transactions WHERE ticket_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([ticket_id], |r| {
            Ok(RawRow {
                kind: r.get(0)?,
                status: r.get(1)?,
                amount: r.get(2)?,
                received: r.get(3)?,
                change: r.get(4)?,
                item_gateway: r.get(5)?,
                item_id: r.get(6)?,
                at: r.get(7)?,
                reference: r.get(8)?,
                capture_number: r.get(9)?,
                last4: r.get(10)?,
                txid: r.get(11)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.push(read(row?, currency)?);
        }
        Ok(out)
    }
}

fn read(row: RawRow, currency: Currency) -> Result<LedgerTx, StoreError> {
    let bad = |what: &str| StoreError::Decode(format!("payment transaction: {what}"));
    let need = |v: Option<String>, what: &str| v.ok_or_else(|| bad(what));
    let at = decode_time(&row.at)?;
    let amount = decode(&row.amount, currency)?;
    let status = TxStatus::parse(&row.status).ok_or_else(|| bad(&row.status))?;
    let tender = |tender: Tender| {
        Ok(LedgerTx::Tender(TenderTx {
            tender,
            applied: amount,
            status,
            at,
        }))
    };
    match row.kind.as_str() {
        "cash" => tender(Tender::Cash {
            received: decode(&need(row.received, "cash without received")?, currency)?,
            change: decode(&need(row.change, "cash without change")?, currency)?,
        }),
        "card" => tender(Tender::Card(CardRef {
            reference: need(row.reference, "card without reference")?,
            capture_number: need(row.capture_number, "card without capture number")?,
            last4: need(row.last4, "card without last four")?,
        })),
        "wallet" => tender(Tender::Wallet(WalletRef {
            reference: need(row.reference, "wallet without reference")?,
            txid: need(row.txid, "wallet without txid")?,
        })),
        "refund" => Ok(LedgerTx::Refund(Refund {
            item: ItemKey::new(
                need(row.item_gateway, "refund without item")?,
                need(row.item_id, "refund without item")?,
            ),
            amount,
            at,
        })),
        other => Err(bad(other)),
    }
}
