//! What a customer is likely to hand over for an amount: the exact amount, then the next round
//! sums the currency's common notes make above it. The cashier's screen offers them as one-key
//! shortcuts for the cash received, so the usual handful is never typed digit by digit.

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::money::Money;

/// At most this many hints, the exact amount first.
pub const MAX_HINTS: usize = 4;

/// Notes a counter commonly receives, smallest first, in whole units (none for a currency paid
/// only by transfer). Rounding up to each gives the sums a customer tends to hand over.
pub fn common_notes(currency: Currency) -> &'static [u32] {
    match currency {
        Currency::Ars => &[100, 500, 1_000, 2_000, 10_000, 20_000],
        Currency::Ves => &[5, 10, 20, 50, 100, 200, 500],
        Currency::Eur => &[5, 10, 20, 50, 100],
        Currency::Clp => &[1_000, 2_000, 5_000, 10_000, 20_000],
        Currency::Bsv => &[],
    }
}

/// The exact amount, then up to [`MAX_HINTS`] - 1 round sums above it, ascending, all distinct.
/// An amount of zero or less gets no hints (nothing is owed).
pub fn cash_hints(due: Money) -> Vec<Money> {
    if due.amount() <= Decimal::ZERO {
        return Vec::new();
    }
    let mut hints = vec![due];
    for &note in common_notes(due.currency()) {
        let note = Decimal::from(note);
        // Rounded up to a whole number of notes: checked, so a huge amount gets fewer hints
        // rather than a wrong one.
        let Some(round) = (due.amount() / note)
            .ceil()
            .checked_mul(note)
            .and_then(|d| Money::new(d, due.currency()).ok())
        else {
            continue;
        };
        let last = hints.last().map_or(Decimal::ZERO, Money::amount);
        if round.amount() > last {
            hints.push(round);
        }
        if hints.len() == MAX_HINTS {
            break;
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn ars(v: Decimal) -> Money {
        Money::new(v, Currency::Ars).unwrap()
    }

    #[test]
    fn the_exact_amount_then_the_next_round_sums() {
        let hints: Vec<String> = cash_hints(ars(dec!(7985.81)))
            .iter()
            .map(Money::format_es)
            .collect();
        assert_eq!(
            hints,
            ["$ 7.985,81", "$ 8.000,00", "$ 10.000,00", "$ 20.000,00"]
        );
        // A round amount is its own first round sum: no hint twice.
        let hints: Vec<String> = cash_hints(ars(dec!(1000)))
            .iter()
            .map(Money::format_es)
            .collect();
        assert_eq!(
            hints,
            ["$ 1.000,00", "$ 2.000,00", "$ 10.000,00", "$ 20.000,00"]
        );
        assert!(cash_hints(ars(dec!(0))).is_empty());
        let bsv = Money::new(dec!(0.001), Currency::Bsv).unwrap();
        assert_eq!(cash_hints(bsv), [bsv], "no notes: exact only");
    }
}
