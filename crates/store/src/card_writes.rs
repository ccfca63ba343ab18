//! What spans the card tables and the inbox: a capture's delivery applied with its inbox
//! settlement in one transaction, an attempt given up with the money it left behind, and the
//! strays' refunds. A ticket takes its approved captures in `ticket_writes`.

use chrono::{DateTime, Utc};
use ventanilla_core::quickpay::{CardAttempt, CardCapture, CardPhase};
use ventanilla_core::Money;

use crate::error::StoreError;
use crate::store::Store;
use crate::tables::card_attempts::{self, CardRecord};
use crate::tables::card_strays::{self, CardStray, StrayCause};
use crate::tables::inbox::{self, Settlement};

/// An accepted capture no sale can use, to be kept for a refund.
#[derive(Debug, Clone)]
pub struct NewStray<'a> {
    pub capture: &'a CardCapture,
    pub amount: Money,
    pub cause: StrayCause,
}

impl Store {
    /// Writes a new card attempt, waiting, before the terminal is asked for it.
    pub fn card_start(
        &mut self,
        attempt: &CardAttempt,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        card_attempts::insert(&tx, attempt, at)?;
        tx.commit()?;
        Ok(())
    }

    /// The attempt with `reference`.
    pub fn card_attempt(&self, reference: &str) -> Result<Option<CardRecord>, StoreError> {
        card_attempts::find(&self.conn, reference)
    }

    /// Every reference this counter asked the terminal for.
    pub fn card_references(&self) -> Result<Vec<String>, StoreError> {
        card_attempts::references(&self.conn)
    }

    /// Attempts in `phase` that no ticket took, oldest first.
    pub fn card_untaken(&self, phase: CardPhase) -> Result<Vec<CardRecord>, StoreError> {
        let mut out = Vec::new();
        for reference in card_attempts::untaken(&self.conn, phase)? {
            out.extend(card_attempts::find(&self.conn, &reference)?);
        }
        Ok(out)
    }

    /// An attempt's new state (a timeout, the cashier giving up, a verdict) with the strays it
    /// leaves, and, for a delivery, the inbox entry's settlement: one transaction. Returns
    /// whether the entry was settled by this call (false: settled before).
    pub fn card_write(
        &mut self,
        state: Option<&CardAttempt>,
        strays: &[NewStray<'_>],
        entry: Option<(i64, &Settlement)>,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        if let Some(state) = state {
            card_attempts::update(&tx, state, at)?;
        }
        for s in strays {
            card_strays::insert(&tx, s.capture, s.amount, s.cause, at)?;
        }
        let settled = match entry {
            Some((id, settlement)) => inbox::write_settlement(&tx, id, settlement, at)?,
            None => true,
        };
        tx.commit()?;
        Ok(settled)
    }

    /// Card money without a sale: the ones still owed first.
    pub fn card_strays(&self) -> Result<Vec<CardStray>, StoreError> {
        card_strays::all(&self.conn)
    }

    /// A supervisor confirmed the refund of `capture_id`; false when none was owed.
    pub fn card_stray_refunded(
        &mut self,
        capture_id: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let done = card_strays::refunded(&tx, capture_id, by, at)?;
        tx.commit()?;
        Ok(done)
    }
}
