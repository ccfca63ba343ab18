//! What a cashier types is read by one rule, the one amounts are shown by: whatever the screen
//! shows reads back as the same amount, and nothing is ever rounded to fit a currency.

use proptest::prelude::*;
use rust_decimal::Decimal;
use ventanilla_core::{Currency, Money, MoneyError, NumberStyle};

const CURRENCIES: [Currency; 5] = [
    Currency::Ars,
    Currency::Ves,
    Currency::Eur,
    Currency::Clp,
    Currency::Bsv,
];

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(CURRENCIES.to_vec())
}

/// Any amount a counter can hold: up to 18 integer digits at the currency's scale. Integer part
/// and fraction are drawn apart so small, round and huge amounts all turn up.
fn amount() -> impl Strategy<Value = Money> {
    (
        currency(),
        prop_oneof![
            0u64..1_000,
            0u64..1_000_000,
            0u64..=999_999_999_999_999_999,
            Just(999_999_999_999_999_999u64),
        ],
        0u64..100_000_000,
    )
        .prop_map(|(currency, int, frac)| {
            let scale = currency.scale();
            let frac = frac % 10u64.pow(scale);
            let units = i128::from(int) * 10i128.pow(scale) + i128::from(frac);
            let value = Decimal::from_i128_with_scale(units, scale);
            Money::new(value, currency).expect("at the currency's scale")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn what_is_shown_reads_back(m in amount()) {
        prop_assert_eq!(Money::parse_input(&m.format_es(), m.currency(), NumberStyle::Es), Ok(m));
        prop_assert_eq!(Money::parse_input(&m.format_en(), m.currency(), NumberStyle::En), Ok(m));
    }

    #[test]
    fn more_decimals_than_the_scale_never_parse(
        currency in currency(),
        int in "[0-9]{1,18}",
        extra in "[0-9]{1,30}",
        grouped in any::<bool>(),
        style in prop::sample::select(vec![NumberStyle::Es, NumberStyle::En]),
    ) {
        let scale = currency.scale() as usize;
        // Exactly `scale` decimals (zeros or not) and then at least one more.
        let decimals = format!("{}{}", "0".repeat(scale), extra);
        let int = if grouped { group(&int, style.thousands_separator()) } else { int };
        let text = format!("{int}{}{decimals}", style.decimal_mark());
        let got = Money::parse_input(&text, currency, style);
        let is_too_precise = matches!(got, Err(MoneyError::TooPrecise { .. }));
        prop_assert!(is_too_precise, "{} in {:?}: {:?}", text, currency, got);
    }

    #[test]
    fn nothing_typed_makes_it_panic(
        text in "[0-9.,$€ \\-+_eBsV]{0,40}|\\PC{0,40}",
        currency in currency(),
        style in prop::sample::select(vec![NumberStyle::Es, NumberStyle::En]),
    ) {
        if let Ok(m) = Money::parse_input(&text, currency, style) {
            prop_assert!(!m.is_negative());
            prop_assert_eq!(m.amount().scale(), currency.scale());
        }
    }

    #[test]
    fn a_refusal_points_inside_the_text(
        text in "[0-9.,$ a_]{1,30}",
        style in prop::sample::select(vec![NumberStyle::Es, NumberStyle::En]),
    ) {
        let len = text.chars().count();
        let position = match Money::parse_input(&text, Currency::Ars, style) {
            Err(MoneyError::BadCharacter { position, found }) => {
                prop_assert_eq!(text.chars().nth(position - 1), Some(found));
                Some(position)
            }
            Err(MoneyError::Grouping { position, separator }) => {
                prop_assert_eq!(text.chars().nth(position - 1), Some(separator));
                Some(position)
            }
            Err(MoneyError::MissingDecimals { position }) => {
                prop_assert_eq!(text.chars().nth(position - 1), Some(style.decimal_mark()));
                Some(position)
            }
            Err(MoneyError::TooPrecise { position, .. }) => position,
            _ => None,
        };
        if let Some(p) = position {
            prop_assert!((1..=len).contains(&p), "{} at {}", text, p);
        }
    }
}

fn group(digits: &str, sep: char) -> String {
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The issue's examples, each with what the cashier now sees happen.
#[test]
fn the_issues_examples() {
    let ars = |text: &str, style| Money::parse_input(text, Currency::Ars, style);
    let amount = |text: &str, style| ars(text, style).map(|m| m.amount().to_string());
    let too_precise = |position| {
        Err(MoneyError::TooPrecise {
            currency: Currency::Ars,
            scale: 2,
            position: Some(position),
        })
    };
    use NumberStyle::{En, Es};

    // "1,000" was 1.00 while "1.000" was 1000.00: now the screen's style decides, and a comma
    // on a Spanish screen is always the decimal mark.
    assert_eq!(ars("1,000", Es), too_precise(5));
    assert_eq!(amount("1.000", Es), Ok("1000.00".into()));
    assert_eq!(amount("1,000", En), Ok("1000.00".into()));
    assert_eq!(ars("1.000", En), too_precise(5));
    // "2,748" was refused while "1,000" was not.
    assert_eq!(ars("2,748", Es), too_precise(5));
    assert_eq!(amount("2.748", Es), Ok("2748.00".into()));
    assert_eq!(amount("2,748", En), Ok("2748.00".into()));
    // Never rounded up to 37,00 and sent for a bill whose minimum is 37.
    assert_eq!(ars("36,9999999999999999999999999999", Es), too_precise(6));
    assert_eq!(ars("36,999", Es), too_precise(6));
    assert_eq!(amount("36,99", Es), Ok("36.99".into()));
    // "4 0" was 40.
    assert_eq!(
        ars("4 0", Es),
        Err(MoneyError::BadCharacter {
            position: 2,
            found: ' '
        })
    );
    // Typed text never takes Rust's literal syntax or a dangling mark either.
    assert_eq!(
        ars("1_0", Es),
        Err(MoneyError::BadCharacter {
            position: 2,
            found: '_'
        })
    );
    assert_eq!(
        ars("5.", En),
        Err(MoneyError::MissingDecimals { position: 2 })
    );
    // The cash received of "99999999999999999,99" still reads (it is an amount), and is then
    // refused by the tender's cap: see `tender.rs`.
    assert_eq!(
        amount("99999999999999999,99", Es),
        Ok("99999999999999999.99".into())
    );
    assert_eq!(
        ars("9999999999999999999", Es),
        Err(MoneyError::Overflow),
        "19 integer digits"
    );
}

proptest! {
    /// Cash hints: the exact amount first, then sums strictly above it, ascending, never more
    /// than four, each at the currency's scale and a whole number of one of its notes.
    #[test]
    fn cash_hints_start_exact_and_only_go_up(due in amount()) {
        let hints = ventanilla_core::cash_hints::cash_hints(due);
        if due.amount().is_zero() {
            prop_assert!(hints.is_empty());
        } else {
            prop_assert_eq!(hints[0], due);
            prop_assert!(hints.len() <= ventanilla_core::cash_hints::MAX_HINTS);
            for pair in hints.windows(2) {
                prop_assert!(pair[1].amount() > pair[0].amount());
            }
            let notes = ventanilla_core::cash_hints::common_notes(due.currency());
            for h in &hints[1..] {
                prop_assert_eq!(h.amount().scale(), due.currency().scale());
                prop_assert!(notes.iter().any(|n| (h.amount() % Decimal::from(*n)).is_zero()));
            }
        }
    }
}
