//! Card money without a sale (`card_strays`): an accepted capture that no ticket can use (it
//! arrived after its tender timed out or was given up, it is a second charge, or the ticket
//! it was taken for was dropped), kept until a supervisor confirms the refund. One row per
//! capture id, so a capture sent again is kept once.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use ventanilla_core::quickpay::CardCapture;
use ventanilla_core::{Currency, Money};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::tables::money_text::decode;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "card_strays",
    migrations: &[
        // 1: the capture, what it took, why no sale stands behind it, and the refund.
        r#"
    CREATE TABLE card_strays (
        capture_id     TEXT PRIMARY KEY,
        reference      TEXT NOT NULL,
        currency       TEXT NOT NULL,
        amount         TEXT NOT NULL,
        last4          TEXT NOT NULL,
        capture_number TEXT NOT NULL,
        why            TEXT NOT NULL CHECK (why IN ('late', 'second_charge', 'ticket_dropped')),
        found_at       TEXT NOT NULL,
        refunded_at    TEXT,
        refunded_by    TEXT,
        CHECK ((refunded_at IS NULL) = (refunded_by IS NULL))
    );
    "#,
    ],
};

/// Why an accepted capture has no sale behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrayCause {
    /// It arrived after its tender timed out or the cashier took another.
    Late,
    /// Its tender was already paid by another capture.
    SecondCharge,
    /// Its ticket was dropped (or the app stopped) before the ticket was covered.
    TicketDropped,
}

impl StrayCause {
    fn name(self) -> &'static str {
        match self {
            StrayCause::Late => "late",
            StrayCause::SecondCharge => "second_charge",
            StrayCause::TicketDropped => "ticket_dropped",
        }
    }

    fn parse(text: &str) -> Option<StrayCause> {
        [
            StrayCause::Late,
            StrayCause::SecondCharge,
            StrayCause::TicketDropped,
        ]
        .into_iter()
        .find(|c| c.name() == text)
    }
}

/// A card charge waiting for (or given) its refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardStray {
    pub capture_id: String,
    pub reference: String,
    pub amount: Money,
    pub last4: String,
    pub capture_number: String,
    pub cause: StrayCause,
    pub found_at: DateTime<Utc>,
    pub refunded: Option<(DateTime<Utc>, String)>,
}

/// Keeps `capture` (which took `amount`) as money without a sale; a capture kept already stays
/// as it was. Returns whether it is new.
pub(crate) fn insert(
    conn: &Connection,
    capture: &CardCapture,
    amount: Money,
    cause: StrayCause,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "INSERT INTO card_strays (capture_id, reference, currency, amount, last4,
                 capture_number, why, found_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (capture_id) DO NOTHING",
        )?
        .execute(params![
            capture.id().as_str(),
            capture.reference().as_str(),
            amount.currency().iso(),
            amount.amount().to_string(),
            capture.last4().as_str(),
            capture.capture_number(),
            cause.name(),
            at.to_rfc3339(),
        ])?;
    Ok(n == 1)
}

/// Every stray, the ones still owed first, each group oldest first.
pub(crate) fn all(conn: &Connection) -> Result<Vec<CardStray>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT capture_id, reference, currency, amount, last4, capture_number, why, found_at,
                refunded_at, refunded_by
         FROM card_strays ORDER BY refunded_at IS NOT NULL, found_at, capture_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            [
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ],
            r.get::<_, Option<String>>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ([capture_id, reference, currency, amount, last4, number, why, found], at, by) = row?;
        let bad = |what: &str| StoreError::Decode(format!("card stray {capture_id}: {what}"));
        let currency = Currency::from_iso(&currency).ok_or_else(|| bad("currency"))?;
        let refunded = match (at, by) {
            (Some(at), Some(by)) => Some((decode_time(&at)?, by)),
            _ => None,
        };
        out.push(CardStray {
            amount: decode(&amount, currency)?,
            cause: StrayCause::parse(&why).ok_or_else(|| bad("cause"))?,
            found_at: decode_time(&found)?,
            capture_id,
            reference,
            last4,
            capture_number: number,
            refunded,
        });
    }
    Ok(out)
}

/// A supervisor confirmed handing `capture_id`'s money back; false when it was not owed.
pub(crate) fn refunded(
    conn: &Connection,
    capture_id: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE card_strays SET refunded_at = ?2, refunded_by = ?3
             WHERE capture_id = ?1 AND refunded_at IS NULL",
        )?
        .execute(params![capture_id, at.to_rfc3339(), by])?;
    Ok(n == 1)
}
