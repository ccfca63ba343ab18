//! The ticket while the cashier builds it. Nothing here is sent or written: abandoning a draft
//! leaves no trace, and paying one turns it into journaled items and a ledger payment.

use thiserror::Error;

use crate::currency::Currency;
use crate::money::{Money, MoneyError};
use crate::ticket::item::ItemKey;

/// The most items one ticket takes: more than any customer brings to a counter, few enough that
/// a scanner stuck on repeat cannot build a ticket nobody can check by eye.
pub const MAX_ITEMS: usize = 30;

/// Why the draft refused a change. Each leaves the draft exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TicketError {
    #[error("the item is already in the ticket, at position {position}")]
    Duplicate { position: usize },
    #[error("the ticket is in {ticket}; an item in {item} needs a ticket of its own")]
    CurrencyMismatch { ticket: Currency, item: Currency },
    #[error("an item's amount must be more than zero")]
    NotPositive,
    #[error("a ticket holds at most {MAX_ITEMS} items")]
    Full,
    #[error("the item is not in the ticket")]
    NotInTicket,
    #[error("the ticket has no items")]
    Empty,
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// An item in a draft: its key, the amount to charge for it, and whatever the caller keeps
/// about it (the bill as looked up, the tax order), which the rules never look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftItem<T> {
    pub key: ItemKey,
    pub amount: Money,
    pub detail: T,
}

/// The items of one customer in the order the cashier added them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft<T> {
    items: Vec<DraftItem<T>>,
}

impl<T> Default for Draft<T> {
    fn default() -> Self {
        Draft { items: Vec::new() }
    }
}

impl<T> Draft<T> {
    pub fn new() -> Draft<T> {
        Draft::default()
    }

    pub fn items(&self) -> &[DraftItem<T>] {
        &self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The ticket's currency: its first item's (none while empty).
    pub fn currency(&self) -> Option<Currency> {
        self.items.first().map(|i| i.amount.currency())
    }

    /// Adds an item at the end. Refuses the same debt twice, a second currency, an amount of
    /// zero or less, and a full ticket.
    pub fn add(&mut self, key: ItemKey, amount: Money, detail: T) -> Result<(), TicketError> {
        if let Some(position) = self.position(&key) {
            return Err(TicketError::Duplicate {
                position: position + 1,
            });
        }
        self.check_amount(amount)?;
        if self.items.len() >= MAX_ITEMS {
            return Err(TicketError::Full);
        }
        self.items.push(DraftItem {
            key,
            amount,
            detail,
        });
        Ok(())
    }

    /// Changes what is charged for an item (an open-amount bill); the caller has checked the
    /// amount against the item's own limits.
    pub fn set_amount(&mut self, key: &ItemKey, amount: Money) -> Result<(), TicketError> {
        let at = self.position(key).ok_or(TicketError::NotInTicket)?;
        // A one-item ticket may change its currency no more than any other: the item's is fixed.
        if amount.currency() != self.items[at].amount.currency() {
            return Err(TicketError::CurrencyMismatch {
                ticket: self.items[at].amount.currency(),
                item: amount.currency(),
            });
        }
        if amount.amount() <= rust_decimal::Decimal::ZERO {
            return Err(TicketError::NotPositive);
        }
        self.items[at].amount = amount;
        Ok(())
    }

    /// Takes an item out of the ticket.
    pub fn remove(&mut self, key: &ItemKey) -> Result<DraftItem<T>, TicketError> {
        let at = self.position(key).ok_or(TicketError::NotInTicket)?;
        Ok(self.items.remove(at))
    }

    /// What the customer owes for the whole ticket. An empty ticket has no total: it cannot be
    /// paid.
    pub fn total(&self) -> Result<Money, TicketError> {
        let currency = self.currency().ok_or(TicketError::Empty)?;
        let mut total = Money::zero(currency);
        for item in &self.items {
            total = total.checked_add(item.amount)?;
        }
        Ok(total)
    }

    fn position(&self, key: &ItemKey) -> Option<usize> {
        self.items.iter().position(|i| &i.key == key)
    }

    fn check_amount(&self, amount: Money) -> Result<(), TicketError> {
        if let Some(ticket) = self.currency() {
            if ticket != amount.currency() {
                return Err(TicketError::CurrencyMismatch {
                    ticket,
                    item: amount.currency(),
                });
            }
        }
        if amount.amount() <= rust_decimal::Decimal::ZERO {
            return Err(TicketError::NotPositive);
        }
        // The sum must stay a sum: an item that would overflow the total is refused here,
        // not when the cashier tries to pay.
        if !self.items.is_empty() {
            self.total()?.checked_add(amount)?;
        }
        Ok(())
    }
}
