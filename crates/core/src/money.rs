use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::currency::Currency;

/// Reading what a cashier types.
mod input;

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

/// The most integer digits an amount may have (a quintillion minus one): far beyond any bill,
/// and with eight decimals still well inside what a `Decimal` holds exactly.
pub const MAX_INTEGER_DIGITS: usize = 18;

/// Why an amount was refused. Positions are 1-based character positions in the text as typed,
/// so the screen can point at the character.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("the amount is empty")]
    Empty,
    #[error("'{found}' at position {position} does not belong in an amount")]
    BadCharacter { position: usize, found: char },
    #[error("the thousands separator '{separator}' at position {position} does not group digits in threes")]
    Grouping { position: usize, separator: char },
    #[error("the decimal mark at position {position} has no digits after it")]
    MissingDecimals { position: usize },
    /// `position` is the first digit (or, for a currency without decimals, the decimal mark)
    /// beyond the currency's scale in typed text; `None` for amounts that were not typed.
    #[error("{currency} amounts have at most {scale} decimals")]
    TooPrecise {
        currency: Currency,
        scale: u32,
        position: Option<usize>,
    },
    #[error("cannot mix {0} and {1}")]
    CurrencyMismatch(Currency, Currency),
    #[error("the amount is too large")]
    Overflow,
    #[error("the amount cannot be negative (sign at position {position})")]
    Negative { position: usize },
}

impl Money {
    /// Builds an amount, refusing more decimals than the currency has (no silent rounding).
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let scale = currency.scale();
        let normalized = amount.normalize();
        if normalized.scale() > scale {
            return Err(MoneyError::TooPrecise {
                currency,
                scale,
                position: None,
            });
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
            amount: String,
            currency: Currency,
        }
        let raw = Raw::deserialize(d)?;
        let amount = parse_plain_decimal(&raw.amount).ok_or_else(|| {
            serde::de::Error::custom(format!("'{}' is not a plain decimal", raw.amount))
        })?;
        Money::new(amount, raw.currency).map_err(serde::de::Error::custom)
    }
}

/// Reads a machine-written decimal, the only text form amounts take between programs: an
/// optional `-`, one or more digits, and optionally `.` with one or more digits. Nothing else
/// (`1_0`, `5.`, ` 5`, `+5`, `1e3`, `,`), and nothing a `Decimal` cannot hold exactly, because
/// `Decimal::from_str` would take the first two and round the last.
pub fn parse_plain_decimal(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || !frac.is_none_or(all_digits) {
        return None;
    }
    // The grammar is checked above, so the only thing left for `from_str_exact` to refuse is
    // more digits than a Decimal holds; it never rounds.
    Decimal::from_str_exact(text).ok()
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
    use crate::number_style::NumberStyle;
    use rust_decimal_macros::dec;

    fn es(s: &str) -> Result<Money, MoneyError> {
        Money::parse_input(s, Currency::Ars, NumberStyle::Es)
    }

    fn en(s: &str) -> Result<Money, MoneyError> {
        Money::parse_input(s, Currency::Ars, NumberStyle::En)
    }

    fn too_precise(position: usize) -> Result<Money, MoneyError> {
        Err(MoneyError::TooPrecise {
            currency: Currency::Ars,
            scale: 2,
            position: Some(position),
        })
    }

    #[test]
    fn parses_what_cashiers_type_on_a_spanish_screen() {
        let cases = [
            ("2748", dec!(2748.00)),
            ("2748,5", dec!(2748.50)),
            ("2.748,50", dec!(2748.50)),
            ("2.748", dec!(2748.00)),
            ("1.000", dec!(1000.00)),
            ("1.000.000", dec!(1000000.00)),
            ("$ 50", dec!(50.00)),
            ("$50", dec!(50.00)),
            ("  $ 2.748,00  ", dec!(2748.00)),
            (" 0,05 ", dec!(0.05)),
            (",5", dec!(0.50)),
            ("0", dec!(0.00)),
            ("007", dec!(7.00)),
        ];
        for (input, want) in cases {
            let got = es(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got.amount(), want, "{input}");
            assert_eq!(got.amount().scale(), 2, "{input} keeps the ARS scale");
        }
    }

    #[test]
    fn parses_what_cashiers_type_on_an_english_screen() {
        let cases = [
            ("2748", dec!(2748.00)),
            ("2748.5", dec!(2748.50)),
            ("2,748.50", dec!(2748.50)),
            ("2,748", dec!(2748.00)),
            ("1,000", dec!(1000.00)),
            ("$2,748.00", dec!(2748.00)),
            (".5", dec!(0.50)),
        ];
        for (input, want) in cases {
            let got = en(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got.amount(), want, "{input}");
        }
    }

    #[test]
    fn the_issues_examples_follow_one_rule() {
        // "1,000" was 1.00 and "1.000" was 1000.00 on the same screen; now the screen decides.
        assert_eq!(es("1,000"), too_precise(5));
        assert_eq!(es("1.000").unwrap().amount(), dec!(1000.00));
        assert_eq!(en("1,000").unwrap().amount(), dec!(1000.00));
        assert_eq!(en("1.000"), too_precise(5));
        assert_eq!(es("2,748"), too_precise(5));
        assert_eq!(en("2,748").unwrap().amount(), dec!(2748.00));
        // Never rounded up to a bill's minimum.
        assert_eq!(es("36,9999999999999999999999999999"), too_precise(6));
        assert_eq!(es("36,999"), too_precise(6));
        assert_eq!(
            es("4 0"),
            Err(MoneyError::BadCharacter {
                position: 2,
                found: ' '
            })
        );
        assert_eq!(
            es("1_0"),
            Err(MoneyError::BadCharacter {
                position: 2,
                found: '_'
            })
        );
        assert_eq!(en("5."), Err(MoneyError::MissingDecimals { position: 2 }));
        assert_eq!(es("5,"), Err(MoneyError::MissingDecimals { position: 2 }));
    }

    #[test]
    fn refusals_point_at_the_first_bad_character() {
        let bad = |position, found| Err(MoneyError::BadCharacter { position, found });
        let grouping = |position| {
            Err(MoneyError::Grouping {
                position,
                separator: '.',
            })
        };
        assert_eq!(es(""), Err(MoneyError::Empty));
        assert_eq!(es("   "), Err(MoneyError::Empty));
        assert_eq!(es("$ "), Err(MoneyError::Empty));
        assert_eq!(es("-5"), Err(MoneyError::Negative { position: 1 }));
        assert_eq!(es("$ -5"), Err(MoneyError::Negative { position: 3 }));
        assert_eq!(es("+5"), bad(1, '+'));
        assert_eq!(es("12a"), bad(3, 'a'));
        assert_eq!(es("1e5"), bad(2, 'e'));
        assert_eq!(es("  12 a"), bad(6, 'a'));
        assert_eq!(es("2.748,50 $"), Ok(es("2748,5").unwrap()));
        assert_eq!(es("$ 5 $"), bad(5, '$'));
        assert_eq!(es("1,2,3"), bad(4, ','));
        assert_eq!(es("1,23.4"), bad(5, '.'));
        assert_eq!(es("5,x"), bad(3, 'x'));
        assert_eq!(
            es("2.7x8,50"),
            bad(4, 'x'),
            "the letter, not the separator it cut short"
        );
        assert_eq!(es("1.2-"), bad(4, '-'));
        assert_eq!(es("1.2 x"), grouping(2));
        assert_eq!(es("٣"), bad(1, '٣'), "only ASCII digits");
        // Thousands separators group threes, or are absent altogether.
        assert_eq!(es("1.00"), grouping(2));
        assert_eq!(es("1.2345"), grouping(2));
        assert_eq!(es("1.23.456"), grouping(2));
        assert_eq!(es("1234.567"), grouping(5));
        assert_eq!(es("12.345678"), grouping(3));
        assert_eq!(es(".500"), grouping(1));
        assert_eq!(es("1..000"), grouping(2));
        assert_eq!(es("5."), grouping(2));
        assert_eq!(es("0.500"), grouping(2), "not five hundred");
        assert_eq!(es("2.748,50."), bad(9, '.'));
        assert_eq!(
            en("1.2.3"),
            Err(MoneyError::BadCharacter {
                position: 4,
                found: '.'
            })
        );
        assert_eq!(es("10,005"), too_precise(6));
        assert_eq!(es("10,0051"), too_precise(6));
        assert_eq!(es(&"9".repeat(19)), Err(MoneyError::Overflow));
        assert_eq!(
            es(&"9".repeat(18)).unwrap().amount().to_string(),
            format!("{}.00", "9".repeat(18))
        );
        assert_eq!(
            es(&format!("000{}", "9".repeat(18))).unwrap(),
            es(&"9".repeat(18)).unwrap(),
            "leading zeros are not digits of the amount"
        );
    }

    #[test]
    fn clp_has_no_decimals_and_bsv_has_eight() {
        let clp = |s: &str| Money::parse_input(s, Currency::Clp, NumberStyle::Es);
        assert_eq!(clp("12.500").unwrap().format_es(), "$ 12.500");
        assert_eq!(
            clp("12,5"),
            Err(MoneyError::TooPrecise {
                currency: Currency::Clp,
                scale: 0,
                position: Some(3)
            })
        );
        assert!(clp("12,0").is_err(), "not even a zero decimal");
        let bsv = |s: &str| Money::parse_input(s, Currency::Bsv, NumberStyle::Es);
        assert_eq!(bsv("0,00012345 BSV").unwrap().amount(), dec!(0.00012345));
        assert_eq!(
            bsv("0,000123456"),
            Err(MoneyError::TooPrecise {
                currency: Currency::Bsv,
                scale: 8,
                position: Some(11)
            })
        );
        let ves = Money::parse_input("Bs. 1.234,56", Currency::Ves, NumberStyle::Es).unwrap();
        assert_eq!(ves.amount(), dec!(1234.56));
        let sat = Money::new(dec!(0.00012345), Currency::Bsv).unwrap();
        assert_eq!(sat.format_es(), "0,00012345 BSV");
        assert!(Money::new(dec!(0.000000001), Currency::Bsv).is_err());
    }

    #[test]
    fn new_takes_exact_values_and_refuses_extra_precision() {
        // Trailing zeros are exact, not rounding.
        let m = Money::new(dec!(1.000), Currency::Ars).unwrap();
        assert_eq!(m.amount().to_string(), "1.00");
        assert_eq!(
            Money::new(dec!(1.001), Currency::Ars),
            Err(MoneyError::TooPrecise {
                currency: Currency::Ars,
                scale: 2,
                position: None
            })
        );
    }

    #[test]
    fn plain_decimals_only_between_programs() {
        for ok in ["0", "5", "-5", "0.10", "2748.00", "007.5"] {
            assert!(parse_plain_decimal(ok).is_some(), "{ok}");
        }
        for refused in [
            "",
            "1_0",
            "5.",
            ".5",
            " 5",
            "5 ",
            "+5",
            "1e3",
            "12,50",
            "-",
            "--5",
            "5.0.0",
            "0.12345678901234567890123456789",
        ] {
            assert_eq!(parse_plain_decimal(refused), None, "{refused:?}");
        }
        assert!(serde_json::from_str::<Money>(r#"{"amount":"1_0","currency":"ARS"}"#).is_err());
        assert!(serde_json::from_str::<Money>(r#"{"amount":"5.","currency":"ARS"}"#).is_err());
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
