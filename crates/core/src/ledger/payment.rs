use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use thiserror::Error;

use crate::currency::Currency;
use crate::ledger::settlement::Settlement;
use crate::ledger::status::{PaymentStatus, StatusChange};
use crate::ledger::transaction::{Refund, Tender, TenderTx, Transaction, TxStatus};
use crate::money::{Money, MoneyError};
use crate::ticket::{ItemKey, ItemOutcome, ItemState};

/// Why the ledger refused a change. A refused change appends nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LedgerError {
    #[error("the payment is {0:?}; it takes no more tenders")]
    Closed(PaymentStatus),
    #[error("the tenders already cover the total")]
    AlreadyCovered,
    #[error("a tender must be more than zero")]
    NotPositive,
    #[error("only cash gives change: {offered} is more than the {owed} still owed")]
    MoreThanOwed { offered: Money, owed: Money },
    #[error("{paid} is already paid: the payment cannot be cancelled")]
    PaidSomething { paid: Money },
    #[error("nothing is to be refunded for this item")]
    NoRefundDue,
    #[error("the items ({items}) do not add up to the payment's total ({total})")]
    ItemsDoNotMatch { items: Money, total: Money },
    #[error("the stored payment breaks the ledger's rules")]
    Corrupt,
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// What a change appended: the rows the store must write with it, nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Appended {
    pub transactions: Vec<Transaction>,
    pub statuses: Vec<StatusChange>,
}

/// A ticket's payment. Fields are private: every change goes through a rule that keeps the
/// history and the transactions consistent with each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerPayment {
    total_amount: Money,
    transactions: Vec<Transaction>,
    history: Vec<StatusChange>,
}

impl LedgerPayment {
    /// A new payment for `total_amount`, `initialized`.
    pub fn open(total_amount: Money, at: DateTime<Utc>) -> Result<LedgerPayment, LedgerError> {
        if total_amount.amount() <= Decimal::ZERO {
            return Err(LedgerError::NotPositive);
        }
        Ok(LedgerPayment {
            total_amount,
            transactions: Vec::new(),
            history: vec![StatusChange {
                status: PaymentStatus::Initialized,
                at,
            }],
        })
    }

    /// A payment as the store kept it, checked against the rules that made it: a history that
    /// starts `initialized`, amounts in the payment's currency, cash whose applied part and change
    /// add up to what was handed over, tenders that never pay more than the total, and at most
    /// one refund per item. A row changed behind Ventanilla's back fails here instead of
    /// becoming a figure on a report.
    pub fn replay(
        total_amount: Money,
        rows: &[Transaction],
        history: &[StatusChange],
    ) -> Result<LedgerPayment, LedgerError> {
        let first = history.first().ok_or(LedgerError::Corrupt)?;
        if first.status != PaymentStatus::Initialized {
            return Err(LedgerError::Corrupt);
        }
        let mut p = LedgerPayment::open(total_amount, first.at)?;
        p.history = history.to_vec();
        for row in rows {
            match row {
                Transaction::Tender(t) => {
                    p.check_currency(t.applied)?;
                    p.check_currency(t.handed_over())?;
                    if t.applied.checked_add(t.change())? != t.handed_over()
                        || t.applied.amount() <= Decimal::ZERO
                        || t.change().is_negative()
                    {
                        return Err(LedgerError::Corrupt);
                    }
                }
                Transaction::Refund(r) => {
                    p.check_currency(r.amount)?;
                    if p.refunded(&r.item) {
                        return Err(LedgerError::Corrupt);
                    }
                }
            }
            p.transactions.push(row.clone());
            if p.owed()?.is_negative() {
                return Err(LedgerError::Corrupt);
            }
        }
        Ok(p)
    }

    pub fn total_amount(&self) -> Money {
        self.total_amount
    }

    pub fn currency(&self) -> Currency {
        self.total_amount.currency()
    }

    pub fn transactions(&self) -> &[Transaction] {
        &self.transactions
    }

    pub fn history(&self) -> &[StatusChange] {
        &self.history
    }

    /// The latest entry of the history.
    pub fn status(&self) -> PaymentStatus {
        self.history
            .last()
            .map(|s| s.status)
            .unwrap_or(PaymentStatus::Initialized)
    }

    /// What the accepted tenders pay of the total (pending and rejected ones count for nothing).
    pub fn total_paid_amount(&self) -> Result<Money, LedgerError> {
        let mut paid = Money::zero(self.currency());
        for t in self.tenders().filter(|t| t.status == TxStatus::Accepted) {
            paid = paid.checked_add(t.applied)?;
        }
        Ok(paid)
    }

    /// What is still owed: the total less what accepted tenders paid. Never negative.
    pub fn owed(&self) -> Result<Money, LedgerError> {
        Ok(self.total_amount.checked_sub(self.total_paid_amount()?)?)
    }

    /// Cash handed over: it pays what is still owed (or part of it), and what is over goes back
    /// as change at once. Cash is in the drawer when this is recorded, so it is accepted.
    pub fn take_cash(
        &mut self,
        received: Money,
        at: DateTime<Utc>,
    ) -> Result<Appended, LedgerError> {
        self.check_open()?;
        self.check_currency(received)?;
        if received.amount() <= Decimal::ZERO {
            return Err(LedgerError::NotPositive);
        }
        let owed = self.owed()?;
        if owed.amount().is_zero() {
            return Err(LedgerError::AlreadyCovered);
        }
        let applied = if received.amount() > owed.amount() {
            owed
        } else {
            received
        };
        let change = received.checked_sub(applied)?;
        let tx = Transaction::Tender(TenderTx {
            tender: Tender::Cash { received, change },
            applied,
            status: TxStatus::Accepted,
            at,
        });
        self.transactions.push(tx.clone());
        let mut appended = Appended {
            transactions: vec![tx],
            statuses: Vec::new(),
        };
        if self.owed()?.amount().is_zero() {
            appended
                .statuses
                .push(self.push_status(PaymentStatus::Completed, at));
        }
        Ok(appended)
    }

    /// A card or wallet charged `amount`, accepted by its gateway. It can never pay more than
    /// is still owed (only cash gives change), so the cashier's screen asks the terminal or
    /// the wallet for at most that, and a larger amount is refused here before anything is
    /// recorded.
    pub fn take_charge(
        &mut self,
        tender: Tender,
        amount: Money,
        at: DateTime<Utc>,
    ) -> Result<Appended, LedgerError> {
        self.check_charge(&tender, amount)?;
        let tx = Transaction::Tender(TenderTx {
            tender,
            applied: amount,
            status: TxStatus::Accepted,
            at,
        });
        self.transactions.push(tx.clone());
        let mut appended = Appended {
            transactions: vec![tx],
            statuses: Vec::new(),
        };
        if self.owed()?.amount().is_zero() {
            appended
                .statuses
                .push(self.push_status(PaymentStatus::Completed, at));
        }
        Ok(appended)
    }

    /// Whether a card or wallet charge of `amount` could be taken now, without taking it: the
    /// check made before the terminal or the wallet is asked for anything.
    pub fn check_charge(&self, tender: &Tender, amount: Money) -> Result<(), LedgerError> {
        self.check_open()?;
        self.check_currency(amount)?;
        if matches!(tender, Tender::Cash { .. }) {
            // Cash goes through `take_cash`, which works out its change.
            return Err(LedgerError::Corrupt);
        }
        if amount.amount() <= Decimal::ZERO {
            return Err(LedgerError::NotPositive);
        }
        let owed = self.owed()?;
        if owed.amount().is_zero() {
            return Err(LedgerError::AlreadyCovered);
        }
        if amount.amount() > owed.amount() {
            return Err(LedgerError::MoreThanOwed {
                offered: amount,
                owed,
            });
        }
        Ok(())
    }

    /// Abandons the payment; allowed only while nothing is paid.
    pub fn cancel(&mut self, at: DateTime<Utc>) -> Result<Appended, LedgerError> {
        self.check_open()?;
        let paid = self.total_paid_amount()?;
        if !paid.amount().is_zero() {
            return Err(LedgerError::PaidSomething { paid });
        }
        Ok(Appended {
            transactions: Vec::new(),
            statuses: vec![self.push_status(PaymentStatus::Cancelled, at)],
        })
    }

    /// Records that the cashier handed back a rejected item's amount. Once per item; and when
    /// every item was rejected, the payment as a whole becomes `rejected`.
    pub fn refund(
        &mut self,
        items: &[ItemOutcome],
        key: &ItemKey,
        at: DateTime<Utc>,
    ) -> Result<Appended, LedgerError> {
        self.check_items(items)?;
        let item = items
            .iter()
            .find(|i| &i.key == key && i.state == ItemState::Rejected)
            .ok_or(LedgerError::NoRefundDue)?;
        if self.refunded(key) || self.status() != PaymentStatus::Completed {
            return Err(LedgerError::NoRefundDue);
        }
        let tx = Transaction::Refund(Refund {
            item: key.clone(),
            amount: item.amount,
            at,
        });
        self.transactions.push(tx.clone());
        let mut appended = Appended {
            transactions: vec![tx],
            statuses: Vec::new(),
        };
        let all_rejected = items.iter().all(|i| i.state == ItemState::Rejected);
        if all_rejected && items.iter().all(|i| self.refunded(&i.key)) {
            appended
                .statuses
                .push(self.push_status(PaymentStatus::Rejected, at));
        }
        Ok(appended)
    }

    /// Where the ticket's money stands given where its items stand.
    pub fn settle(&self, items: &[ItemOutcome]) -> Result<Settlement, LedgerError> {
        self.check_items(items)?;
        let zero = Money::zero(self.currency());
        let mut s = Settlement {
            total: self.total_amount,
            paid: zero,
            received: zero,
            change: zero,
            approved: zero,
            waiting: zero,
            rejected: zero,
            refunded: zero,
            refund_due: zero,
        };
        for t in self.tenders().filter(|t| t.status == TxStatus::Accepted) {
            s.paid = s.paid.checked_add(t.applied)?;
            s.received = s.received.checked_add(t.handed_over())?;
            s.change = s.change.checked_add(t.change())?;
        }
        for r in self.refunds() {
            s.refunded = s.refunded.checked_add(r.amount)?;
        }
        for item in items {
            let bucket = match item.state {
                ItemState::Waiting => &mut s.waiting,
                ItemState::Approved => &mut s.approved,
                ItemState::Rejected => {
                    if !self.refunded(&item.key) && self.status() == PaymentStatus::Completed {
                        s.refund_due = s.refund_due.checked_add(item.amount)?;
                    }
                    &mut s.rejected
                }
            };
            *bucket = bucket.checked_add(item.amount)?;
        }
        Ok(s)
    }

    fn tenders(&self) -> impl Iterator<Item = &TenderTx> {
        self.transactions.iter().filter_map(|t| match t {
            Transaction::Tender(t) => Some(t),
            Transaction::Refund(_) => None,
        })
    }

    fn refunds(&self) -> impl Iterator<Item = &Refund> {
        self.transactions.iter().filter_map(|t| match t {
            Transaction::Refund(r) => Some(r),
            Transaction::Tender(_) => None,
        })
    }

    fn refunded(&self, key: &ItemKey) -> bool {
        self.refunds().any(|r| &r.item == key)
    }

    fn push_status(&mut self, status: PaymentStatus, at: DateTime<Utc>) -> StatusChange {
        let change = StatusChange { status, at };
        self.history.push(change);
        change
    }

    fn check_open(&self) -> Result<(), LedgerError> {
        match self.status() {
            PaymentStatus::Initialized => Ok(()),
            closed => Err(LedgerError::Closed(closed)),
        }
    }

    fn check_currency(&self, m: Money) -> Result<(), LedgerError> {
        if m.currency() != self.currency() {
            return Err(MoneyError::CurrencyMismatch(self.currency(), m.currency()).into());
        }
        Ok(())
    }

    /// The items must be this payment's: together they add up to its total.
    fn check_items(&self, items: &[ItemOutcome]) -> Result<(), LedgerError> {
        let mut sum = Money::zero(self.currency());
        for item in items {
            sum = sum.checked_add(item.amount)?;
        }
        if sum != self.total_amount {
            return Err(LedgerError::ItemsDoNotMatch {
                items: sum,
                total: self.total_amount,
            });
        }
        Ok(())
    }
}
