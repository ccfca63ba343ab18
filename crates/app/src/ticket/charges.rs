//! The card and wallet charges of the ticket being built: those their gateway accepted, and the
//! one waiting for the customer (at the terminal, or scanning the wallet's QR code). Generic:
//! each gateway's folder starts and settles its own charges and hands them here as the ledger's
//! tenders. Each charge is also in the journal, in its gateway's own table, from before the
//! gateway is asked for it: this list is what the ticket being built counts, not the record.

use chrono::{DateTime, Utc};
use ventanilla_core::ledger::{LedgerError, LedgerPayment, Tender};
use ventanilla_core::Money;

/// Which gateway a charge is taken through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChargeGateway {
    Card,
    Wallet,
}

/// A charge its gateway accepted: money the ticket has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AcceptedCharge {
    pub tender: Tender,
    pub amount: Money,
    pub at: DateTime<Utc>,
}

/// The charge waiting for the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingCharge {
    pub gateway: ChargeGateway,
    /// Our reference for it at its gateway (a card's `reference_id`, a wallet's tender).
    pub reference: String,
    pub amount: Money,
    pub deadline: DateTime<Utc>,
    /// What the customer scans, when the gateway needs it (a wallet's connect URL).
    pub qr_url: Option<String>,
}

/// The last charge that did not go through, until the next one starts: what the cashier reads
/// on the tender panel ("declined", "no answer in time").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChargeNotice {
    pub gateway: ChargeGateway,
    pub amount: Money,
    pub message: String,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Charges {
    accepted: Vec<AcceptedCharge>,
    pending: Option<PendingCharge>,
    notice: Option<ChargeNotice>,
}

impl Charges {
    /// No charge accepted and none waiting: the ticket's items may still change.
    pub fn is_empty(&self) -> bool {
        self.accepted.is_empty() && self.pending.is_none()
    }

    pub fn accepted(&self) -> &[AcceptedCharge] {
        &self.accepted
    }

    pub fn pending(&self) -> Option<&PendingCharge> {
        self.pending.as_ref()
    }

    pub fn notice(&self) -> Option<&ChargeNotice> {
        self.notice.as_ref()
    }

    /// The ledger payment of a ticket of `total` with the accepted charges taken: what it still
    /// owes, and the rules a new charge must pass.
    pub fn payment(&self, total: Money, now: DateTime<Utc>) -> Result<LedgerPayment, LedgerError> {
        let mut p = LedgerPayment::open(total, now)?;
        for c in &self.accepted {
            p.take_charge(c.tender.clone(), c.amount, c.at)?;
        }
        Ok(p)
    }

    /// A new charge waits for the customer. One at a time: a counter has one terminal and one
    /// screen for the customer.
    pub fn begin(&mut self, pending: PendingCharge) -> Result<(), PendingCharge> {
        if let Some(waiting) = &self.pending {
            return Err(waiting.clone());
        }
        self.pending = Some(pending);
        self.notice = None;
        Ok(())
    }

    /// The waiting charge `reference` was accepted as `tender`; false when it is not the one
    /// waiting (the ticket moved on: the caller keeps the money for a refund).
    pub fn accept(&mut self, reference: &str, tender: Tender, at: DateTime<Utc>) -> bool {
        match self.pending.take() {
            Some(p) if p.reference == reference => {
                self.accepted.push(AcceptedCharge {
                    tender,
                    amount: p.amount,
                    at,
                });
                true
            }
            other => {
                self.pending = other;
                false
            }
        }
    }

    /// The waiting charge `reference` did not go through; the rest stays as it was.
    pub fn fail(&mut self, reference: &str, message: String) -> bool {
        match self.pending.take() {
            Some(p) if p.reference == reference => {
                self.notice = Some(ChargeNotice {
                    gateway: p.gateway,
                    amount: p.amount,
                    message,
                });
                true
            }
            other => {
                self.pending = other;
                false
            }
        }
    }

    /// Everything, for a ticket that is dropped or was paid: the caller settles what the
    /// gateways still hold (a waiting charge is given up, accepted money is kept for a refund
    /// unless a ticket took it).
    pub fn take(&mut self) -> Charges {
        std::mem::take(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rust_decimal_macros::dec;
    use ventanilla_core::ledger::CardRef;
    use ventanilla_core::Currency;

    fn ars(v: rust_decimal::Decimal) -> Money {
        Money::new(v, Currency::Ars).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap()
    }

    fn pending(reference: &str, amount: Money) -> PendingCharge {
        PendingCharge {
            gateway: ChargeGateway::Card,
            reference: reference.into(),
            amount,
            deadline: now(),
            qr_url: None,
        }
    }

    fn card(reference: &str) -> Tender {
        Tender::Card(CardRef {
            reference: reference.into(),
            capture_number: "INCA-1".into(),
            last4: "1111".into(),
        })
    }

    #[test]
    fn one_charge_waits_at_a_time_and_only_its_own_verdict_settles_it() {
        let mut c = Charges::default();
        assert!(c.is_empty());
        c.begin(pending("a", ars(dec!(400)))).unwrap();
        assert!(c.begin(pending("b", ars(dec!(1)))).is_err());
        assert!(!c.accept("b", card("b"), now()), "not the one waiting");
        assert!(!c.fail("b", "no".into()));
        assert!(c.accept("a", card("a"), now()));
        assert_eq!(c.accepted().len(), 1);
        let p = c.payment(ars(dec!(1000)), now()).unwrap();
        assert_eq!(p.owed().unwrap(), ars(dec!(600)));
        c.begin(pending("c", ars(dec!(600)))).unwrap();
        assert!(c.fail("c", "rechazada".into()));
        assert_eq!(c.notice().map(|n| n.message.as_str()), Some("rechazada"));
        assert_eq!(c.accepted().len(), 1, "a decline leaves the rest intact");
        assert!(!c.is_empty());
        let all = c.take();
        assert_eq!(all.accepted().len(), 1);
        assert!(c.is_empty());
    }
}
