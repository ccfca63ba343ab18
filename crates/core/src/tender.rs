use thiserror::Error;

use crate::money::{Money, MoneyError};

/// Cash handed over by the customer for an amount due, and the change owed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CashTender {
    due: Money,
    received: Money,
    change: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TenderError {
    #[error("the cash received ({received}) is less than the amount due ({due})")]
    NotEnough { due: Money, received: Money },
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl CashTender {
    /// `received = None` means exact cash.
    pub fn new(due: Money, received: Option<Money>) -> Result<CashTender, TenderError> {
        let received = received.unwrap_or(due);
        let change = received.checked_sub(due)?;
        if change.is_negative() {
            return Err(TenderError::NotEnough { due, received });
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

    #[test]
    fn change_is_exact() {
        let due = Money::new(dec!(2748), Currency::Ars).unwrap();
        let t = CashTender::new(due, Some(Money::new(dec!(3000), Currency::Ars).unwrap())).unwrap();
        assert_eq!(t.change().format_es(), "$ 252,00");
        assert_eq!(
            CashTender::new(due, None).unwrap().change().format_es(),
            "$ 0,00"
        );
        let short = Money::new(dec!(2747.99), Currency::Ars).unwrap();
        assert_eq!(
            CashTender::new(due, Some(short)),
            Err(TenderError::NotEnough {
                due,
                received: short
            })
        );
    }
}
