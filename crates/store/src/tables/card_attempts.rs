//! Card tenders (`card_attempts`): each capture this counter asked the terminal for, written
//! before the terminal is asked (so a capture that arrives after a crash still finds its
//! tender), with where it stands and, once a ticket took it, that ticket.
//!
//! The attempt itself is core's `CardAttempt`, kept whole as JSON: it holds only what
//! `CardCapture` allows (last four digits, token, capture number), never a card number. The
//! phase, amount and ticket are columns too, for the queries and the constraints.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use ventanilla_core::quickpay::{CardAttempt, CardPhase, TenderRef};
use ventanilla_core::{Currency, Money};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::tables::money_text;

pub(crate) const SCHEMA: Schema = Schema {
    name: "card_attempts",
    migrations: &[
        // 1: the attempt and where it stands; a ticket takes only an approved one, once.
        r#"
    CREATE TABLE card_attempts (
        reference  TEXT PRIMARY KEY,
        phase      TEXT NOT NULL CHECK (phase IN ('waiting', 'approved', 'declined',
                       'timed_out', 'abandoned')),
        currency   TEXT NOT NULL,
        amount     TEXT NOT NULL,
        state      TEXT NOT NULL,
        ticket_id  INTEGER UNIQUE REFERENCES tickets(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (ticket_id IS NULL OR phase = 'approved')
    );
    CREATE INDEX card_attempts_by_phase ON card_attempts(phase, ticket_id);
    "#,
    ],
};

pub(crate) fn phase_name(phase: CardPhase) -> &'static str {
    match phase {
        CardPhase::Waiting => "waiting",
        CardPhase::Approved => "approved",
        CardPhase::Declined => "declined",
        CardPhase::TimedOut => "timed_out",
        CardPhase::Abandoned => "abandoned",
    }
}

/// Writes a new attempt (`insert`) or its new state (`update`: the amount asked stays).
pub(crate) fn insert(
    conn: &Connection,
    a: &CardAttempt,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let CardAttempt::Waiting { amount, .. } = a else {
        return Err(StoreError::Invalid(
            "a card tender is written when the terminal is asked, waiting".into(),
        ));
    };
    let json = serde_json::to_string(a).map_err(|e| StoreError::Invalid(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO card_attempts (reference, phase, currency, amount, state, created_at,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![
        a.reference().as_str(),
        phase_name(a.phase()),
        amount.currency().iso(),
        amount.amount().to_string(),
        json,
        at.to_rfc3339(),
    ])
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Invalid(format!(
                "card tender {} exists already",
                a.reference().as_str()
            ))
        }
        other => other.into(),
    })?;
    Ok(())
}

pub(crate) fn update(
    conn: &Connection,
    a: &CardAttempt,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(a).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let changed = conn
        .prepare_cached(
            "UPDATE card_attempts SET phase = ?2, state = ?3, updated_at = ?4
             WHERE reference = ?1",
        )?
        .execute(params![
            a.reference().as_str(),
            phase_name(a.phase()),
            json,
            at.to_rfc3339()
        ])?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A card attempt as the journal holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRecord {
    pub attempt: CardAttempt,
    /// What the terminal was asked to capture (a verdict's capture may not say).
    pub asked: Money,
    /// The ticket that took it, once one did.
    pub ticket_id: Option<i64>,
}

/// The attempt with `reference`.
pub(crate) fn find(conn: &Connection, reference: &str) -> Result<Option<CardRecord>, StoreError> {
    let row: Option<(String, String, String, Option<i64>)> = conn
        .prepare_cached(
            "SELECT state, currency, amount, ticket_id FROM card_attempts WHERE reference = ?1",
        )?
        .query_row([reference], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((json, currency, amount, ticket_id)) = row else {
        return Ok(None);
    };
    let currency = Currency::from_iso(&currency)
        .ok_or_else(|| StoreError::Decode(format!("card attempt currency {currency}")))?;
    Ok(Some(CardRecord {
        attempt: decode(&json)?,
        asked: money_text::decode(&amount, currency)?,
        ticket_id,
    }))
}

/// References of attempts in `phase` that no ticket took, oldest first.
pub(crate) fn untaken(conn: &Connection, phase: CardPhase) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT reference FROM card_attempts WHERE phase = ?1 AND ticket_id IS NULL
         ORDER BY created_at, reference",
    )?;
    let rows = stmt.query_map([phase_name(phase)], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every reference this counter ever asked a capture for: the webhook takes only these.
pub(crate) fn references(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT reference FROM card_attempts")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Ticket `ticket_id` takes the approved attempt `reference`; refused (nothing written) when it
/// is not approved or another ticket took it.
pub(crate) fn take(
    conn: &Connection,
    reference: &TenderRef,
    ticket_id: i64,
) -> Result<(), StoreError> {
    let changed = conn
        .prepare_cached(
            "UPDATE card_attempts SET ticket_id = ?2
             WHERE reference = ?1 AND phase = 'approved' AND ticket_id IS NULL",
        )?
        .execute(params![reference.as_str(), ticket_id])?;
    if changed != 1 {
        return Err(StoreError::Invalid(format!(
            "card tender {} is not an approved capture free for this ticket",
            reference.as_str()
        )));
    }
    Ok(())
}

fn decode(json: &str) -> Result<CardAttempt, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Decode(format!("card attempt: {e}")))
}
