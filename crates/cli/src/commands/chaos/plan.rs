//! The payments the counter is asked to take, drawn from the seed: distinct bills of the
//! sandbox's generated catalogue, open amounts in whole cents, cash received at least the amount.
//! Written to a file the counter process reads, one payment a line.

use std::path::Path;

use rand::rngs::StdRng;
use rand::Rng;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use ventanilla_sandbox::fixtures;

use super::checks::PlannedPayment;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub barcode: String,
    /// Passed to the lookup so a barcode shared by several companies never asks to choose.
    pub company_code: String,
    pub amount: Decimal,
    pub received: Decimal,
    /// The cashier's pause before scanning it, so the plan spans many changes of the hub's
    /// faults instead of racing through one.
    pub pause_ms: u64,
}

impl Payment {
    pub fn planned(&self) -> PlannedPayment {
        PlannedPayment {
            barcode: self.barcode.clone(),
            amount: self.amount,
        }
    }
}

/// `count` distinct bills with a barcode, in a random order, about `pace_ms` apart.
pub fn draw(count: usize, pace_ms: u64, rng: &mut StdRng) -> Result<Vec<Payment>, String> {
    let bills: Vec<_> = fixtures::generated_bills()
        .filter(|b| !b.barcode.is_empty())
        .collect();
    if count > bills.len() {
        return Err(format!(
            "the sandbox has {} bills with a barcode; cannot plan {count} payments",
            bills.len()
        ));
    }
    let picks = rand::seq::index::sample(rng, bills.len(), count);
    picks
        .iter()
        .map(|i| {
            let b = &bills[i];
            let amount = if b.open {
                random_cents(rng, b.min, b.max)?
            } else {
                b.amount
            };
            // A third pay exact cash; the rest hand over up to 500.00 more, but never more than
            // ten times the amount: the app refuses cash far beyond what is due as a typo.
            let extra = if rng.gen_ratio(1, 3) {
                0
            } else {
                rng.gen_range(1..=50_000)
            };
            let extra = Decimal::new(extra, 2).min(amount * Decimal::from(9));
            Ok(Payment {
                barcode: b.barcode.to_string(),
                company_code: b.company_code.to_string(),
                amount,
                received: amount + extra,
                pause_ms: rng.gen_range(0..=pace_ms.saturating_mul(2)),
            })
        })
        .collect()
}

/// A whole number of cents within `[min, max]` (money never goes through floats).
fn random_cents(rng: &mut StdRng, min: Decimal, max: Decimal) -> Result<Decimal, String> {
    let cents = |d: Decimal, round_up: bool| {
        let c = d * Decimal::ONE_HUNDRED;
        let c = if round_up { c.ceil() } else { c.floor() };
        c.to_i64().ok_or(format!("amount {d} out of range"))
    };
    let (lo, hi) = (cents(min, true)?, cents(max, false)?);
    if lo > hi {
        return Err(format!("empty amount range [{min}, {max}]"));
    }
    Ok(Decimal::new(rng.gen_range(lo..=hi), 2))
}

pub fn write(path: &Path, plan: &[Payment]) -> std::io::Result<()> {
    let text: String = plan
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {} {}\n",
                p.barcode, p.company_code, p.amount, p.received, p.pause_ms
            )
        })
        .collect();
    std::fs::write(path, text)
}

pub fn read(path: &Path) -> Result<Vec<Payment>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            let bad = || format!("{}:{}: not a planned payment", path.display(), n + 1);
            let mut it = line.split(' ');
            let mut next = || it.next().ok_or_else(bad);
            let (barcode, company, amount) = (next()?, next()?, next()?);
            let (received, pause) = (next()?, next()?);
            Ok(Payment {
                barcode: barcode.to_string(),
                company_code: company.to_string(),
                amount: amount.parse().map_err(|_| bad())?,
                received: received.parse().map_err(|_| bad())?,
                pause_ms: pause.parse().map_err(|_| bad())?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn plans_are_deterministic_distinct_and_survive_the_file() {
        let a = draw(50, 10, &mut StdRng::seed_from_u64(7)).unwrap();
        let b = draw(50, 10, &mut StdRng::seed_from_u64(7)).unwrap();
        assert_eq!(a, b);
        let mut barcodes: Vec<_> = a.iter().map(|p| &p.barcode).collect();
        barcodes.sort();
        barcodes.dedup();
        assert_eq!(barcodes.len(), 50);
        for p in &a {
            assert!(p.received >= p.amount && p.amount > Decimal::ZERO, "{p:?}");
            assert!(p.amount.scale() <= 2, "{p:?}");
            assert!(p.received <= p.amount * Decimal::TEN, "{p:?}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.txt");
        write(&path, &a).unwrap();
        assert_eq!(read(&path).unwrap(), a);
    }

    #[test]
    fn open_amounts_stay_within_their_range() {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..200 {
            let c = random_cents(
                &mut rng,
                "37.005".parse().unwrap(),
                "37.02".parse().unwrap(),
            )
            .unwrap();
            assert!(
                c == "37.01".parse().unwrap() || c == "37.02".parse().unwrap(),
                "{c}"
            );
        }
    }
}
