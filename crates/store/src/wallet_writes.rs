//! The wallet charges' writes, each one durable transaction. A ticket takes its charged
//! payments in `ticket_writes`.

use chrono::{DateTime, Utc};
use ventanilla_core::pennymatic::{TxId, WalletPayment, WalletPhase};

use crate::error::StoreError;
use crate::store::Store;
use crate::tables::inbox::{self, Settlement};
use crate::tables::wallet_charges::{self, NewWalletCharge, WalletRecord};

impl Store {
    /// Writes a session shown to the customer, awaiting consent.
    pub fn wallet_start(
        &mut self,
        c: &NewWalletCharge<'_>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        wallet_charges::insert(&tx, c, at)?;
        tx.commit()?;
        Ok(())
    }

    /// The digests of every consent URL this counter handed out.
    pub fn wallet_digests(&self) -> Result<Vec<String>, StoreError> {
        wallet_charges::digests(&self.conn)
    }

    /// The id of every wallet session this counter showed.
    pub fn wallet_sessions(&self) -> Result<Vec<String>, StoreError> {
        wallet_charges::sessions(&self.conn)
    }

    pub fn wallet_charge(&self, reference: &str) -> Result<Option<WalletRecord>, StoreError> {
        wallet_charges::find(&self.conn, reference)
    }

    pub fn wallet_by_session(&self, session_id: &str) -> Result<Option<WalletRecord>, StoreError> {
        wallet_charges::by_session(&self.conn, session_id)
    }

    pub fn wallet_in_phase(&self, phase: WalletPhase) -> Result<Vec<WalletRecord>, StoreError> {
        wallet_charges::in_phase(&self.conn, phase)
    }

    /// Charges whose outcome is unknown, and wallet money to hand back.
    pub fn wallet_attention(&self) -> Result<Vec<WalletRecord>, StoreError> {
        wallet_charges::needing_attention(&self.conn)
    }

    /// Moves a charge from `from` to `to`, with a delivery's inbox settlement when it came from
    /// one; false when it had moved on already (nothing written but the settlement).
    pub fn wallet_advance(
        &mut self,
        reference: &str,
        from: WalletPhase,
        to: WalletPhase,
        failure: Option<&str>,
        entry: Option<(i64, &Settlement)>,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let moved = wallet_charges::advance(&tx, reference, from, to, failure, at)?;
        if let Some((id, settlement)) = entry {
            inbox::write_settlement(&tx, id, settlement, at)?;
        }
        tx.commit()?;
        Ok(moved)
    }

    /// The charge's answer: charged, with the payment when `pay` gave it.
    pub fn wallet_charged(
        &mut self,
        reference: &str,
        txid: &TxId,
        payment: Option<&WalletPayment>,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let done = wallet_charges::charged(&tx, reference, txid, payment, at)?;
        tx.commit()?;
        Ok(done)
    }

    pub fn wallet_confirmed(&mut self, reference: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        wallet_charges::set_confirmed(&tx, reference)?;
        tx.commit()?;
        Ok(())
    }

    /// A charged payment no ticket will take becomes money to hand back; false when a ticket
    /// took it or it was kept already.
    pub fn wallet_stray(&mut self, reference: &str, at: DateTime<Utc>) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let done = wallet_charges::mark_stray(&tx, reference, at)?;
        tx.commit()?;
        Ok(done)
    }

    /// A supervisor handed the money of `reference` back; false when none was owed.
    pub fn wallet_refunded(
        &mut self,
        reference: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let done = wallet_charges::refunded(&tx, reference, by, at)?;
        tx.commit()?;
        Ok(done)
    }
}
