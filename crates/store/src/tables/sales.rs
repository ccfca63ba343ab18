//! The sales journal (`sales`): one row per sale, its current state, and when to ask the hub
//! next. Writing a sale touches other tables too (its audit event, outbox row and chain record):
//! that transaction is `sale_writes`, which uses this module's `insert` and `set_state`.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use ventanilla_core::payment::SaleState;
use ventanilla_core::{Bill, ClientTransactionId, Currency, Money};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "sales",
    migrations: &[
        // 1: the sales journal. `lookup_id` points at the bill as the cashier saw it.
        r#"
    CREATE TABLE sales (
        id                    INTEGER PRIMARY KEY,
        client_transaction_id TEXT NOT NULL UNIQUE,
        lookup_id             INTEGER NOT NULL REFERENCES bill_lookups(id),
        external_data         TEXT NOT NULL,
        company_id            TEXT NOT NULL,
        company_code          TEXT NOT NULL,
        company_name          TEXT NOT NULL,
        customer_id           TEXT NOT NULL,
        barcode               TEXT,
        currency              TEXT NOT NULL,
        amount                TEXT NOT NULL,
        tender                TEXT NOT NULL CHECK (tender IN ('cash')),
        received              TEXT NOT NULL,
        change                TEXT NOT NULL,
        counter               TEXT NOT NULL,
        cashier               TEXT NOT NULL,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        phase                 TEXT NOT NULL
            CHECK (phase IN ('journaled', 'sending', 'querying', 'approved', 'rejected')),
        state_json            TEXT NOT NULL,
        next_check_at         TEXT,
        hub_sale_id           TEXT,
        hub_number            INTEGER,
        reason                TEXT,
        finished_at           TEXT
    );
    -- One unresolved sale per bill, enforced by the database itself.
    CREATE UNIQUE INDEX sales_one_open_per_bill ON sales(external_data)
        WHERE phase IN ('journaled', 'sending', 'querying');
    CREATE INDEX sales_by_phase ON sales(phase);
    "#,
        // 2: contingency (provisional) sales, taken while the hub was unreachable.
        r#"
    CREATE INDEX sales_by_update ON sales(updated_at);
    ALTER TABLE sales ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX sales_provisional_open ON sales(provisional, phase);
    "#,
    ],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tender {
    Cash { received: Money, change: Money },
}

/// A sale as the cashier confirmed it, before anything is sent.
#[derive(Debug, Clone)]
pub struct NewSale<'a> {
    pub client_transaction_id: &'a ClientTransactionId,
    pub lookup_id: i64,
    pub bill: &'a Bill,
    pub amount: Money,
    pub tender: Tender,
    pub counter: &'a str,
    pub cashier: &'a str,
    pub at: DateTime<Utc>,
    /// Taken while the hub was unreachable, on a provisional receipt.
    pub provisional: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SaleRow {
    pub id: i64,
    pub client_transaction_id: ClientTransactionId,
    pub lookup_id: i64,
    pub external_data: String,
    pub company_id: String,
    pub company_code: String,
    pub company_name: String,
    pub customer_id: String,
    pub barcode: Option<String>,
    pub amount: Money,
    pub tender: Tender,
    pub counter: String,
    pub cashier: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub state: SaleState,
    pub next_check_at: Option<DateTime<Utc>>,
    pub has_receipt: bool,
    pub provisional: bool,
}

const COLUMNS: &str = "s.id, s.client_transaction_id, s.lookup_id, s.external_data, s.company_id,
    s.company_code, s.company_name, s.customer_id, s.barcode, s.currency, s.amount, s.tender,
    s.received, s.change, s.counter, s.cashier, s.created_at, s.updated_at, s.state_json,
    s.next_check_at, EXISTS (SELECT 1 FROM receipts r WHERE r.sale_id = s.id), s.provisional";

/// The unresolved sale of this bill, if any.
pub(crate) fn open_for_bill(
    conn: &Connection,
    external_data: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM sales WHERE external_data = ?1
             AND phase IN ('journaled', 'sending', 'querying')",
        )?
        .query_row([external_data], |r| r.get(0))
        .optional()?)
}

/// Inserts the sale row in `state`; returns its id. Only the sale's own row: see `sale_writes`.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    sale: &NewSale<'_>,
    state: &SaleState,
) -> Result<i64, StoreError> {
    let Tender::Cash { received, change } = sale.tender;
    tx.prepare_cached(
        "INSERT INTO sales (client_transaction_id, lookup_id, external_data, company_id,
            company_code, company_name, customer_id, barcode, currency, amount, tender,
            received, change, counter, cashier, created_at, updated_at, phase, state_json,
            provisional)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'cash', ?11, ?12, ?13, ?14, ?15,
            ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        sale.client_transaction_id.as_str(),
        sale.lookup_id,
        sale.bill.external_data.0,
        sale.bill.company.id,
        sale.bill.company.code,
        sale.bill.company.name,
        sale.bill.customer_identifier,
        sale.bill.barcode,
        sale.amount.currency().iso(),
        sale.amount.amount().to_string(),
        received.amount().to_string(),
        change.amount().to_string(),
        sale.counter,
        sale.cashier,
        sale.at.to_rfc3339(),
        state.phase_name(),
        encode_state(state)?,
        sale.provisional,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Moves sale `id` to `state` (and when to ask the hub next); `NotFound` if there is no such sale.
pub(crate) fn set_state(
    tx: &Transaction<'_>,
    id: i64,
    state: &SaleState,
    next_check_at: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let hub = state.hub();
    let reason = match state {
        SaleState::Rejected { reason, .. } => Some(reason.as_str()),
        _ => None,
    };
    let finished = state.is_final().then(|| at.to_rfc3339());
    let changed = tx
        .prepare_cached(
            "UPDATE sales SET phase = ?2, state_json = ?3, next_check_at = ?4, updated_at = ?5,
            hub_sale_id = COALESCE(?6, hub_sale_id), hub_number = COALESCE(?7, hub_number),
            reason = ?8, finished_at = COALESCE(finished_at, ?9)
         WHERE id = ?1",
        )?
        .execute(params![
            id,
            state.phase_name(),
            encode_state(state)?,
            next_check_at.map(|t| t.to_rfc3339()),
            at.to_rfc3339(),
            hub.map(|h| h.id.as_str()),
            hub.and_then(|h| h.number),
            reason,
            finished,
        ])?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

impl Store {
    pub fn sale(&self, id: i64) -> Result<SaleRow, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM sales s WHERE s.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], read_row)
            .optional()?
            .ok_or(StoreError::NotFound)?
    }

    /// The unresolved sale of this bill, if any.
    pub fn open_sale_for_bill(&self, external_data: &str) -> Result<Option<i64>, StoreError> {
        open_for_bill(&self.conn, external_data)
    }

    pub fn unresolved_sales(&self) -> Result<Vec<SaleRow>, StoreError> {
        self.query_sales(
            "WHERE s.phase IN ('journaled', 'sending', 'querying') ORDER BY s.id",
            params![],
        )
    }

    /// Unresolved sales taken offline (few; indexed).
    pub fn unresolved_provisional_sales(&self) -> Result<Vec<SaleRow>, StoreError> {
        self.query_sales(
            "WHERE s.provisional = 1 AND s.phase IN ('journaled', 'sending', 'querying')
             ORDER BY s.id",
            params![],
        )
    }

    /// Newest first.
    pub fn recent_sales(&self, limit: u32) -> Result<Vec<SaleRow>, StoreError> {
        self.query_sales("ORDER BY s.id DESC LIMIT ?1", params![limit])
    }

    /// Every sale, oldest first: for reconciliation against the hub's ledger.
    pub fn all_sales(&self) -> Result<Vec<SaleRow>, StoreError> {
        self.query_sales("ORDER BY s.id", params![])
    }

    fn query_sales(
        &self,
        tail: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<SaleRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM sales s {tail}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, read_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }
}

fn encode_state(state: &SaleState) -> Result<String, StoreError> {
    serde_json::to_string(state).map_err(|e| StoreError::Decode(e.to_string()))
}

/// Reads a row; a row that does not decode is reported, never skipped.
fn read_row(r: &Row<'_>) -> rusqlite::Result<Result<SaleRow, StoreError>> {
    let currency: String = r.get(9)?;
    let texts: [String; 3] = [r.get(10)?, r.get(12)?, r.get(13)?];
    let tender_kind: String = r.get(11)?;
    let ctid: String = r.get(1)?;
    let state_json: String = r.get(18)?;
    let created: String = r.get(16)?;
    let updated: String = r.get(17)?;
    let next: Option<String> = r.get(19)?;
    let base = (
        r.get::<_, i64>(0)?,
        r.get::<_, i64>(2)?,
        r.get::<_, String>(3)?,
        r.get::<_, String>(4)?,
        r.get::<_, String>(5)?,
        r.get::<_, String>(6)?,
        r.get::<_, String>(7)?,
        r.get::<_, Option<String>>(8)?,
        r.get::<_, String>(14)?,
        r.get::<_, String>(15)?,
        r.get::<_, bool>(20)?,
        r.get::<_, bool>(21)?,
    );
    Ok((|| {
        let currency = Currency::from_iso(&currency)
            .ok_or_else(|| StoreError::Decode(format!("currency {currency}")))?;
        let [amount, received, change] =
            texts.map(|t| crate::tables::money_text::decode(&t, currency));
        let tender = match tender_kind.as_str() {
            "cash" => Tender::Cash {
                received: received?,
                change: change?,
            },
            other => return Err(StoreError::Decode(format!("tender {other}"))),
        };
        let (id, lookup_id, external_data, company_id, company_code, company_name, customer_id) =
            (base.0, base.1, base.2, base.3, base.4, base.5, base.6);
        Ok(SaleRow {
            id,
            client_transaction_id: ClientTransactionId::parse(&ctid)
                .ok_or_else(|| StoreError::Decode(format!("clientTransactionId {ctid}")))?,
            lookup_id,
            external_data,
            company_id,
            company_code,
            company_name,
            customer_id,
            barcode: base.7,
            amount: amount?,
            tender,
            counter: base.8,
            cashier: base.9,
            created_at: decode_time(&created)?,
            updated_at: decode_time(&updated)?,
            state: serde_json::from_str(&state_json)
                .map_err(|e| StoreError::Decode(e.to_string()))?,
            next_check_at: next.as_deref().map(decode_time).transpose()?,
            has_receipt: base.10,
            provisional: base.11,
        })
    })())
}
