//! Wallet tenders (`wallet_charges`): each wallet-connect session this counter showed as a QR
//! code, from the moment the gateway gave it, through the charge (marked `charging` before
//! `pay` is called, so a lost answer is never charged again) to its txid and confirmation, and
//! the ticket that took it. The customer's user token is never here: it lives in memory only,
//! for the one charge it is given for.
//!
//! Every change of phase is a compare-and-set (`advance`): the consent, the cashier and the
//! clock may race for the same charge, and exactly one of them moves it.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use ventanilla_core::pennymatic::{SessionId, TxId, WalletPayment, WalletPhase};
use ventanilla_core::{Currency, Money};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::tables::money_text;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "wallet_charges",
    migrations: &[
        // 1: the session, the charge and its outcome; a ticket takes only a charged one.
        r#"
    CREATE TABLE wallet_charges (
        reference      TEXT PRIMARY KEY,
        session_id     TEXT NOT NULL UNIQUE,
        consent_digest TEXT NOT NULL,
        phase          TEXT NOT NULL CHECK (phase IN ('awaiting_consent', 'charging', 'charged',
                           'failed', 'unknown', 'expired', 'abandoned')),
        currency       TEXT NOT NULL,
        amount         TEXT NOT NULL,
        expires_at     TEXT NOT NULL,
        txid           TEXT UNIQUE,
        satoshis       INTEGER,
        fee_satoshis   INTEGER,
        rate           TEXT,
        paid_at        TEXT,
        confirmed      INTEGER NOT NULL DEFAULT 0,
        failure        TEXT,
        ticket_id      INTEGER UNIQUE REFERENCES tickets(id),
        stray_at       TEXT,
        refunded_at    TEXT,
        refunded_by    TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        CHECK ((phase = 'charged') = (txid IS NOT NULL)),
        CHECK (ticket_id IS NULL OR phase = 'charged'),
        CHECK (stray_at IS NULL OR (phase = 'charged' AND ticket_id IS NULL)),
        CHECK ((refunded_at IS NULL) = (refunded_by IS NULL))
    );
    CREATE INDEX wallet_charges_by_phase ON wallet_charges(phase);
    "#,
    ],
};

pub(crate) fn phase_name(phase: WalletPhase) -> &'static str {
    match phase {
        WalletPhase::AwaitingConsent | WalletPhase::Consented => "awaiting_consent",
        WalletPhase::Charging => "charging",
        WalletPhase::Charged => "charged",
        WalletPhase::Failed => "failed",
        WalletPhase::Unknown => "unknown",
        WalletPhase::Expired => "expired",
        WalletPhase::Abandoned => "abandoned",
    }
}

fn parse_phase(text: &str) -> Option<WalletPhase> {
    [
        WalletPhase::AwaitingConsent,
        WalletPhase::Charging,
        WalletPhase::Charged,
        WalletPhase::Failed,
        WalletPhase::Unknown,
        WalletPhase::Expired,
        WalletPhase::Abandoned,
    ]
    .into_iter()
    .find(|p| phase_name(*p) == text)
}

/// A wallet charge as the journal holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletRecord {
    pub reference: String,
    pub session_id: SessionId,
    /// SHA-256 (hex) of the secret in the consent URL given to the gateway.
    pub consent_digest: String,
    pub phase: WalletPhase,
    pub amount: Money,
    pub expires_at: DateTime<Utc>,
    /// Once charged: the payment (or only its txid, when the answer was lost and the
    /// customer's txid settled it: then no satoshi figures are known).
    pub txid: Option<TxId>,
    pub payment: Option<WalletPayment>,
    pub confirmed: bool,
    pub failure: Option<String>,
    pub ticket_id: Option<i64>,
    /// Charged with no ticket to take it: money to hand back.
    pub stray_at: Option<DateTime<Utc>>,
    pub refunded: Option<(DateTime<Utc>, String)>,
    pub created_at: DateTime<Utc>,
}

/// A new session shown to the customer, awaiting consent.
pub struct NewWalletCharge<'a> {
    pub reference: &'a str,
    pub session_id: &'a SessionId,
    pub consent_digest: &'a str,
    pub amount: Money,
    pub expires_at: DateTime<Utc>,
}

pub(crate) fn insert(
    conn: &Connection,
    c: &NewWalletCharge<'_>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO wallet_charges (reference, session_id, consent_digest, phase, currency,
             amount, expires_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'awaiting_consent', ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        c.reference,
        c.session_id.as_str(),
        c.consent_digest,
        c.amount.currency().iso(),
        c.amount.amount().to_string(),
        c.expires_at.to_rfc3339(),
        at.to_rfc3339(),
    ])?;
    Ok(())
}

/// Moves `reference` from `from` to `to` (with a failure's words); false when it was not in
/// `from` any more (someone else moved it first).
pub(crate) fn advance(
    conn: &Connection,
    reference: &str,
    from: WalletPhase,
    to: WalletPhase,
    failure: Option<&str>,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE wallet_charges SET phase = ?3, failure = COALESCE(?4, failure),
                 updated_at = ?5
             WHERE reference = ?1 AND phase = ?2",
        )?
        .execute(params![
            reference,
            phase_name(from),
            phase_name(to),
            failure,
            at.to_rfc3339()
        ])?;
    Ok(n == 1)
}

/// `charging` (or `unknown`, settled by the customer's txid) becomes `charged`.
pub(crate) fn charged(
    conn: &Connection,
    reference: &str,
    txid: &TxId,
    payment: Option<&WalletPayment>,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE wallet_charges SET phase = 'charged', txid = ?2, satoshis = ?3,
                 fee_satoshis = ?4, rate = ?5, paid_at = ?6, updated_at = ?7
             WHERE reference = ?1 AND phase IN ('charging', 'unknown')",
        )?
        .execute(params![
            reference,
            txid.as_str(),
            payment.map(|p| p.satoshis as i64),
            payment.map(|p| p.fee_satoshis as i64),
            payment.map(|p| p.rate.to_string()),
            payment.map(|p| p.at.to_rfc3339()),
            at.to_rfc3339(),
        ])?;
    Ok(n == 1)
}

pub(crate) fn set_confirmed(conn: &Connection, reference: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE wallet_charges SET confirmed = 1 WHERE reference = ?1")?
        .execute([reference])?;
    Ok(())
}

/// A charged wallet payment no ticket will take: money to hand back.
pub(crate) fn mark_stray(
    conn: &Connection,
    reference: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE wallet_charges SET stray_at = ?2
             WHERE reference = ?1 AND phase = 'charged' AND ticket_id IS NULL
                 AND stray_at IS NULL",
        )?
        .execute(params![reference, at.to_rfc3339()])?;
    Ok(n == 1)
}

pub(crate) fn refunded(
    conn: &Connection,
    reference: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE wallet_charges SET refunded_at = ?2, refunded_by = ?3
             WHERE reference = ?1 AND stray_at IS NOT NULL AND refunded_at IS NULL",
        )?
        .execute(params![reference, at.to_rfc3339(), by])?;
    Ok(n == 1)
}

/// Ticket `ticket_id` takes the charged wallet payment `reference`; refused when it is not
/// charged, was kept for a refund, or another ticket took it.
pub(crate) fn take(conn: &Connection, reference: &str, ticket_id: i64) -> Result<(), StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE wallet_charges SET ticket_id = ?2
             WHERE reference = ?1 AND phase = 'charged' AND ticket_id IS NULL
                 AND stray_at IS NULL",
        )?
        .execute(params![reference, ticket_id])?;
    if n != 1 {
        return Err(StoreError::Invalid(format!(
            "wallet tender {reference} is not a charged payment free for this ticket"
        )));
    }
    Ok(())
}

const COLUMNS: &str = "reference, session_id, consent_digest, phase, currency, amount,
    expires_at, txid, satoshis, fee_satoshis, rate, paid_at, confirmed, failure, ticket_id,
    stray_at, refunded_at, refunded_by, created_at";

/// The digests of every consent URL handed out.
pub(crate) fn digests(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT consent_digest FROM wallet_charges")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The id of every session this counter showed.
pub(crate) fn sessions(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT session_id FROM wallet_charges")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn find(conn: &Connection, reference: &str) -> Result<Option<WalletRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM wallet_charges WHERE reference = ?1");
    conn.prepare_cached(&sql)?
        .query_row([reference], read_row)
        .optional()?
        .transpose()
}

pub(crate) fn by_session(
    conn: &Connection,
    session_id: &str,
) -> Result<Option<WalletRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM wallet_charges WHERE session_id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([session_id], read_row)
        .optional()?
        .transpose()
}

/// Charges in `phase`, oldest first.
pub(crate) fn in_phase(
    conn: &Connection,
    phase: WalletPhase,
) -> Result<Vec<WalletRecord>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM wallet_charges WHERE phase = ?1 ORDER BY created_at, reference"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([phase_name(phase)], read_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// Charges a person must look at: outcome unknown, or money to hand back (refunded ones too,
/// for the record), oldest first.
pub(crate) fn needing_attention(conn: &Connection) -> Result<Vec<WalletRecord>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM wallet_charges
         WHERE phase = 'unknown' OR stray_at IS NOT NULL
         ORDER BY refunded_at IS NOT NULL, created_at, reference"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], read_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<WalletRecord, StoreError>> {
    let reference: String = r.get(0)?;
    let session: String = r.get(1)?;
    let digest: String = r.get(2)?;
    let phase: String = r.get(3)?;
    let currency: String = r.get(4)?;
    let amount: String = r.get(5)?;
    let expires: String = r.get(6)?;
    let txid: Option<String> = r.get(7)?;
    let satoshis: Option<i64> = r.get(8)?;
    let fees: Option<i64> = r.get(9)?;
    let rate: Option<String> = r.get(10)?;
    let paid_at: Option<String> = r.get(11)?;
    let confirmed: bool = r.get(12)?;
    let failure: Option<String> = r.get(13)?;
    let ticket_id: Option<i64> = r.get(14)?;
    let stray_at: Option<String> = r.get(15)?;
    let refunded_at: Option<String> = r.get(16)?;
    let refunded_by: Option<String> = r.get(17)?;
    let created: String = r.get(18)?;
    Ok((|| {
        let bad = |what: &str| StoreError::Decode(format!("wallet charge {reference}: {what}"));
        let currency = Currency::from_iso(&currency).ok_or_else(|| bad("currency"))?;
        let amount = money_text::decode(&amount, currency)?;
        let txid = txid
            .map(|t| TxId::new(&t).map_err(|_| bad("txid")))
            .transpose()?;
        let payment = match (&txid, satoshis, fees, rate, paid_at) {
            (Some(txid), Some(s), Some(f), Some(rate), Some(at)) => Some(WalletPayment {
                txid: txid.clone(),
                fiat: amount,
                satoshis: u64::try_from(s).map_err(|_| bad("satoshis"))?,
                fee_satoshis: u64::try_from(f).map_err(|_| bad("fees"))?,
                rate: rate.parse().map_err(|_| bad("rate"))?,
                at: decode_time(&at)?,
            }),
            _ => None,
        };
        Ok(WalletRecord {
            session_id: SessionId::new(&session).map_err(|_| bad("session"))?,
            consent_digest: digest,
            phase: parse_phase(&phase).ok_or_else(|| bad("phase"))?,
            amount,
            expires_at: decode_time(&expires)?,
            txid,
            payment,
            confirmed,
            failure,
            ticket_id,
            stray_at: stray_at.as_deref().map(decode_time).transpose()?,
            refunded: match (refunded_at, refunded_by) {
                (Some(at), Some(by)) => Some((decode_time(&at)?, by)),
                _ => None,
            },
            created_at: decode_time(&created)?,
            reference,
        })
    })())
}
