use rust_decimal::Decimal;
use thiserror::Error;

use crate::money::{Money, MoneyError};

/// Cash handed over by the customer for an amount due, and the change owed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CashTender {
    due: Money,
    received: Money,
    change: Money,
}

/// How much cash a counter takes for an amount due unless told otherwise: a hundred times it.
/// Enough for any real note over a small bill, small enough that a slip of the keyboard
/// (`99999999999999999,99` for `99,99`) is caught before it becomes change on the receipt.
pub const DEFAULT_MAX_CASH_FACTOR: u32 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TenderError {
    #[error("the cash received ({received}) is less than the amount due ({due})")]
    NotEnough { due: Money, received: Money },
    #[error("the cash received ({received}) is more than {max}, the most taken for {due}")]
    TooMuch {
        due: Money,
        received: Money,
        max: Money,
    },
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl CashTender {
    /// `received = None` means exact cash, which is always accepted. Otherwise the cash must
    /// cover `due` and be at most `due * max_factor`.
    pub fn new(
        due: Money,
        received: Option<Money>,
        max_factor: u32,
    ) -> Result<CashTender, TenderError> {
        let Some(received) = received else {
            return Ok(CashTender {
                due,
                received: due,
                change: Money::zero(due.currency()),
            });
        };
        let change = received.checked_sub(due)?;
        if change.is_negative() {
            return Err(TenderError::NotEnough { due, received });
        }
        // A cap too large for a Decimal is no cap at all: no typed amount reaches it.
        if let Some(max) = due.amount().checked_mul(Decimal::from(max_factor)) {
            if received.amount() > max {
                return Err(TenderError::TooMuch {
                    due,
                    received,
                    max: Money::new(max, due.currency())?,
                });
            }
        }
        Ok(CashTender {
            due,
            received,
            change,
        })
    }

    pub fn due(&self) -> Money {
        self.due
    }
    pub fn received(&self) -> Money {
        self.received
    }
    pub fn change(&self) -> Money {
        self.change
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;
    use rust_decimal_macros::dec;

    fn ars(v: Decimal) -> Money {
        Money::new(v, Currency::Ars).unwrap()
    }

    #[test]
    fn change_is_exact() {
        let due = ars(dec!(2748));
        let t = CashTender::new(due, Some(ars(dec!(3000))), DEFAULT_MAX_CASH_FACTOR).unwrap();
        assert_eq!(t.change().format_es(), "$ 252,00");
        let exact = CashTender::new(due, None, DEFAULT_MAX_CASH_FACTOR).unwrap();
        assert_eq!(exact.change().format_es(), "$ 0,00");
        assert_eq!(exact.received(), due);
        let short = ars(dec!(2747.99));
        assert_eq!(
            CashTender::new(due, Some(short), DEFAULT_MAX_CASH_FACTOR),
            Err(TenderError::NotEnough {
                due,
                received: short
            })
        );
    }

    #[test]
    fn absurd_cash_is_refused_before_it_becomes_change() {
        let due = ars(dec!(99.99));
        let typo = ars(dec!(99999999999999999.99));
        assert_eq!(
            CashTender::new(due, Some(typo), DEFAULT_MAX_CASH_FACTOR),
            Err(TenderError::TooMuch {
                due,
                received: typo,
                max: ars(dec!(9999.00)),
            })
        );
        // The cap itself is fine; a cent over is not.
        assert!(CashTender::new(due, Some(ars(dec!(9999))), 100).is_ok());
        assert!(CashTender::new(due, Some(ars(dec!(9999.01))), 100).is_err());
        // Configurable, and exact cash never meets it.
        assert!(CashTender::new(due, Some(ars(dec!(9999.01))), 1000).is_ok());
        assert!(CashTender::new(due, Some(ars(dec!(100))), 1).is_err());
        assert!(CashTender::new(due, None, 1).is_ok());
        let huge = Money::new(dec!(999999999999999999.99999999), Currency::Bsv).unwrap();
        assert!(CashTender::new(huge, Some(huge), u32::MAX).is_ok());
    }
}
