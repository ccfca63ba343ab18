use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::Money;

/// A company the hub collects for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub id: String,
    pub code: String,
    /// The name to show the customer (`externalName` at the hub).
    pub name: String,
    pub enabled: bool,
    pub search_by_customer_data: bool,
    pub search_by_barcode: bool,
    pub bill_modes: Vec<BillMode>,
}

/// One agreement under which a company's bills can be looked up by customer data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillMode {
    pub id: String,
    pub name: String,
    /// Sorted by `order`.
    pub parameters: Vec<BillParameter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillParameter {
    pub id: String,
    pub name: String,
    pub input_type: InputType,
    pub order: i64,
    pub max_length: usize,
    pub read_only: bool,
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputType {
    /// `T`: alphanumeric.
    Text,
    /// `N`: whole number.
    Integer,
    /// `I`: decimal number.
    Decimal,
    /// `D`: date.
    Date,
}

impl InputType {
    pub fn from_code(code: &str) -> Option<InputType> {
        match code.trim() {
            "T" => Some(InputType::Text),
            "N" => Some(InputType::Integer),
            "I" => Some(InputType::Decimal),
            "D" => Some(InputType::Date),
            _ => None,
        }
    }
}

/// Opaque token that makes a bill payable; passed back to the hub byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ExternalData(pub String);

/// What may be paid for a bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AmountRule {
    /// Exactly this amount.
    Fixed { total: Money },
    /// Any amount in `[min, max]`; `total` is what the bill suggests.
    Open {
        total: Money,
        min: Money,
        max: Money,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AmountError {
    #[error("this bill must be paid in full: {expected}")]
    MustBeExact { expected: Money },
    #[error("the amount is below the minimum of {min}")]
    BelowMin { min: Money },
    #[error("the amount is above the maximum of {max}")]
    AboveMax { max: Money },
    #[error("the amount is in {got}, the bill in {expected}")]
    WrongCurrency {
        got: crate::currency::Currency,
        expected: crate::currency::Currency,
    },
    #[error("the amount must be greater than zero")]
    NotPositive,
}

impl AmountRule {
    pub fn total(&self) -> Money {
        match *self {
            AmountRule::Fixed { total } | AmountRule::Open { total, .. } => total,
        }
    }

    /// Checks the amount the cashier wants to charge against the bill's rule.
    pub fn check(&self, amount: Money) -> Result<Money, AmountError> {
        let total = self.total();
        if amount.currency() != total.currency() {
            return Err(AmountError::WrongCurrency {
                got: amount.currency(),
                expected: total.currency(),
            });
        }
        if amount.amount() <= rust_decimal::Decimal::ZERO {
            return Err(AmountError::NotPositive);
        }
        match *self {
            AmountRule::Fixed { total } if amount != total => {
                Err(AmountError::MustBeExact { expected: total })
            }
            AmountRule::Open { min, .. } if amount.amount() < min.amount() => {
                Err(AmountError::BelowMin { min })
            }
            AmountRule::Open { max, .. } if amount.amount() > max.amount() => {
                Err(AmountError::AboveMax { max })
            }
            _ => Ok(amount),
        }
    }
}

/// A payable bill as found at the hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub external_data: ExternalData,
    pub company: Company,
    pub customer_identifier: String,
    pub barcode: Option<String>,
    pub description: String,
    pub amount: AmountRule,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;
    use rust_decimal_macros::dec;

    fn ars(v: rust_decimal::Decimal) -> Money {
        Money::new(v, Currency::Ars).unwrap()
    }

    #[test]
    fn amount_rules() {
        let fixed = AmountRule::Fixed {
            total: ars(dec!(2748)),
        };
        let open = AmountRule::Open {
            total: ars(dec!(50)),
            min: ars(dec!(37)),
            max: ars(dec!(999999)),
        };
        let eur = Money::new(dec!(50), Currency::Eur).unwrap();
        let table: Vec<(&AmountRule, Money, Result<Money, AmountError>)> = vec![
            (&fixed, ars(dec!(2748)), Ok(ars(dec!(2748)))),
            (
                &fixed,
                ars(dec!(2747.99)),
                Err(AmountError::MustBeExact {
                    expected: ars(dec!(2748)),
                }),
            ),
            (&open, ars(dec!(37)), Ok(ars(dec!(37)))),
            (&open, ars(dec!(999999)), Ok(ars(dec!(999999)))),
            (
                &open,
                ars(dec!(36.99)),
                Err(AmountError::BelowMin { min: ars(dec!(37)) }),
            ),
            (
                &open,
                ars(dec!(1000000)),
                Err(AmountError::AboveMax {
                    max: ars(dec!(999999)),
                }),
            ),
            (&open, ars(dec!(0)), Err(AmountError::NotPositive)),
            (
                &open,
                eur,
                Err(AmountError::WrongCurrency {
                    got: Currency::Eur,
                    expected: Currency::Ars,
                }),
            ),
        ];
        for (rule, amount, want) in table {
            assert_eq!(rule.check(amount), want, "{rule:?} {amount}");
        }
    }
}
