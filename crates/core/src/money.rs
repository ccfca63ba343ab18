use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use thiserror::Error;

use crate::currency::Currency;

/// An amount of one currency, always held at exactly that currency's scale.
///
/// The invariant (`amount.scale() == currency.scale()`) is established by the constructors, so
/// two equal amounts always compare and print the same, and nothing ever rounds silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Money {
    #[serde(with = "rust_decimal::serde::str")]
    amount: Decimal,
    currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("the amount is empty")]
    Empty,
    #[error("'{0}' is not an amount")]
    NotANumber(String),
    #[error("{currency} amounts have at most {scale} decimals")]
    TooPrecise { currency: Currency, scale: u32 },
    #[error("cannot mix {0} and {1}")]
    CurrencyMismatch(Currency, Currency),
    #[error("the amount is too large")]
    Overflow,
    #[error("the amount cannot be negative")]
    Negative,
}

impl Money {
    /// Builds an amount, refusing more decimals than the currency has (no silent rounding).
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let scale = currency.scale();
        let normalized = amount.normalize();
        if normalized.scale() > scale {
            return Err(MoneyError::TooPrecise { currency, scale });
        }
        let mut amount = normalized;
        amount.rescale(scale);
        Ok(Money { amount, currency })
    }

    pub fn zero(currency: Currency) -> Money {
        let mut amount = Decimal::ZERO;
        amount.rescale(currency.scale());
        Money { amount, currency }
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let sum = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Money::new(sum, self.currency)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let diff = self
            .amount
            .checked_sub(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Money::new(diff, self.currency)
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }

    /// Parses what a cashier types, accepting both `2.748,50` (es-AR) and `2748.50`.
    ///
    /// The last `,` or `.` followed by at most the currency's decimals is the decimal mark when it
    /// can be one; every other separator must group thousands in threes. Anything else is refused
    /// rather than guessed, because a misread amount is money lost.
    pub fn parse_input(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        let cleaned: String = text
            .trim()
            .trim_start_matches(currency.symbol())
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if cleaned.is_empty() {
            return Err(MoneyError::Empty);
        }
        if cleaned.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let not_a_number = || MoneyError::NotANumber(text.trim().chars().take(40).collect());
        if !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(not_a_number());
        }
        let (int_part, frac_part) = split_decimal_mark(&cleaned).ok_or_else(not_a_number)?;
        let int_digits = ungroup_thousands(int_part).ok_or_else(not_a_number)?;
        if int_digits.is_empty() && frac_part.is_empty() {
            return Err(not_a_number());
        }
        if int_digits.len() > 18 {
            return Err(MoneyError::Overflow);
        }
        let literal = if frac_part.is_empty() {
            int_digits
        } else {
            format!(
                "{}.{}",
                if int_digits.is_empty() {
                    "0"
                } else {
                    &int_digits
                },
                frac_part
            )
        };
        let value = Decimal::from_str(&literal).map_err(|_| not_a_number())?;
        Money::new(value, currency)
    }

    /// The amount as shown to a cashier in Spanish (Argentina): `$ 2.748,00`.
    pub fn format_es(&self) -> String {
        let (int, frac) = self.digits();
        let grouped = group_thousands(&int, '.');
        let sign = if self.is_negative() { "-" } else { "" };
        let number = if frac.is_empty() {
            grouped
        } else {
            format!("{grouped},{frac}")
        };
        match self.currency {
            Currency::Bsv => format!("{sign}{number} BSV"),
            c => format!("{sign}{} {number}", c.symbol()),
        }
    }

    /// The amount as shown in English: `$2,748.00`.
    pub fn format_en(&self) -> String {
        let (int, frac) = self.digits();
        let grouped = group_thousands(&int, ',');
        let sign = if self.is_negative() { "-" } else { "" };
        let number = if frac.is_empty() {
            grouped
        } else {
            format!("{grouped}.{frac}")
        };
        match self.currency {
            Currency::Bsv => format!("{sign}{number} BSV"),
            c => format!("{sign}{}{number}", c.symbol()),
        }
    }

    /// Integer and fraction digits without sign, at the currency's scale.
    fn digits(&self) -> (String, String) {
        let plain = self
            .amount
            .abs()
            .round_dp_with_strategy(self.currency.scale(), RoundingStrategy::ToZero)
            .to_string();
        match plain.split_once('.') {
            Some((i, f)) => (i.to_string(), f.to_string()),
            None => (plain, String::new()),
        }
    }
}

impl std::fmt::Display for Money {
    /// Plain machine form, `2748.00 ARS`, for logs and files; screens use `format_es`/`format_en`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(with = "rust_decimal::serde::str")]
            amount: Decimal,
            currency: Currency,
        }
        let raw = Raw::deserialize(d)?;
        Money::new(raw.amount, raw.currency).map_err(serde::de::Error::custom)
    }
}

fn split_decimal_mark(s: &str) -> Option<(&str, &str)> {
    let last = s.rfind([',', '.']);
    let Some(pos) = last else {
        return Some((s, ""));
    };
    let (int, frac) = (&s[..pos], &s[pos + 1..]);
    let mark = s.as_bytes()[pos];
    let marks_of_kind = s.bytes().filter(|b| *b == mark).count();
    // A single `.` followed by exactly three digits reads as thousands (`2.748`), which is how
    // es-AR writes integers. A `,` is the es-AR decimal mark, so `10,005` is refused as too
    // precise rather than read as ten thousand and five.
    let looks_grouped = mark == b'.' && frac.len() == 3 && !int.is_empty();
    let other_mark_present = s.bytes().any(|b| (b == b',' || b == b'.') && b != mark);
    if marks_of_kind > 1 || (looks_grouped && !other_mark_present) {
        return Some((s, ""));
    }
    if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((int, frac))
}

fn ungroup_thousands(int: &str) -> Option<String> {
    if !int.contains([',', '.']) {
        return Some(int.to_string());
    }
    let sep = if int.contains('.') { '.' } else { ',' };
    if int.contains(',') && int.contains('.') {
        return None;
    }
    let groups: Vec<&str> = int.split(sep).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| groups.concat())
}

fn group_thousands(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn ars(s: &str) -> Result<Money, MoneyError> {
        Money::parse_input(s, Currency::Ars)
    }

    #[test]
    fn parses_what_cashiers_type() {
        let cases = [
            ("2748", dec!(2748.00)),
            ("2748,5", dec!(2748.50)),
            ("2748.50", dec!(2748.50)),
            ("2.748,00", dec!(2748.00)),
            ("2,748.00", dec!(2748.00)),
            ("2.748", dec!(2748.00)),
            ("1.000.000", dec!(1000000.00)),
            ("$ 50", dec!(50.00)),
            (" 0,05 ", dec!(0.05)),
            (",5", dec!(0.50)),
        ];
        for (input, want) in cases {
            let got = ars(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got.amount(), want, "{input}");
            assert_eq!(got.amount().scale(), 2, "{input} keeps the ARS scale");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read_exactly() {
        assert_eq!(ars(""), Err(MoneyError::Empty));
        assert_eq!(ars("   "), Err(MoneyError::Empty));
        assert_eq!(ars("-5"), Err(MoneyError::Negative));
        assert!(matches!(ars("12a"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(ars("1.2.3,4"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(ars("12,34,5"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(ars("."), Err(MoneyError::NotANumber(_))));
        assert!(matches!(ars("1e5"), Err(MoneyError::NotANumber(_))));
        assert_eq!(
            ars("10,005"),
            Err(MoneyError::TooPrecise {
                currency: Currency::Ars,
                scale: 2
            }),
            "a comma is a decimal mark in es-AR, never a guess at thousands"
        );
        assert_eq!(
            ars("10,0051"),
            Err(MoneyError::TooPrecise {
                currency: Currency::Ars,
                scale: 2
            })
        );
        assert_eq!(ars(&"9".repeat(30)), Err(MoneyError::Overflow));
    }

    #[test]
    fn clp_has_no_decimals_and_bsv_has_eight() {
        assert_eq!(
            Money::parse_input("12.500", Currency::Clp)
                .unwrap()
                .format_es(),
            "$ 12.500"
        );
        assert!(Money::parse_input("12,5", Currency::Clp).is_err());
        let sat = Money::new(dec!(0.00012345), Currency::Bsv).unwrap();
        assert_eq!(sat.format_es(), "0,00012345 BSV");
        assert!(Money::new(dec!(0.000000001), Currency::Bsv).is_err());
    }

    #[test]
    fn formats_for_the_counter() {
        let m = Money::new(dec!(2748), Currency::Ars).unwrap();
        assert_eq!(m.format_es(), "$ 2.748,00");
        assert_eq!(m.format_en(), "$2,748.00");
        assert_eq!(
            Money::new(dec!(0.5), Currency::Ars).unwrap().format_es(),
            "$ 0,50"
        );
        assert_eq!(
            Money::new(dec!(1234567.89), Currency::Ars)
                .unwrap()
                .format_es(),
            "$ 1.234.567,89"
        );
        assert_eq!(
            Money::new(dec!(999), Currency::Ars).unwrap().format_es(),
            "$ 999,00"
        );
        assert_eq!(m.to_string(), "2748.00 ARS");
    }

    #[test]
    fn arithmetic_keeps_currency_and_scale() {
        let a = Money::new(dec!(10.10), Currency::Ars).unwrap();
        let b = Money::new(dec!(0.9), Currency::Ars).unwrap();
        assert_eq!(a.checked_add(b).unwrap().amount().to_string(), "11.00");
        assert!(b.checked_sub(a).unwrap().is_negative());
        let e = Money::new(dec!(1), Currency::Eur).unwrap();
        assert_eq!(
            a.checked_add(e),
            Err(MoneyError::CurrencyMismatch(Currency::Ars, Currency::Eur))
        );
    }

    #[test]
    fn serde_round_trip_never_uses_floats() {
        let m = Money::new(dec!(0.1), Currency::Ars).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"0.10","currency":"ARS"}"#);
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        assert!(serde_json::from_str::<Money>(r#"{"amount":"0.001","currency":"ARS"}"#).is_err());
    }
}
