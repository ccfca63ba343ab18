//! The tickets the counter is asked to take, drawn from the seed: distinct bills of the sandbox's
//! generated catalogue (open amounts in whole cents) grouped into tickets of 1 to 4 bills, each
//! paid with one handful of cash at least its total. Written to a file the counter process
//! reads, one ticket a line.

use std::path::Path;

use rand::rngs::StdRng;
use rand::Rng;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use ventanilla_sandbox::fixtures;

use super::checks::{PlannedPayment, PlannedTicket};

/// The most bills in one ticket.
pub const MAX_BILLS: usize = 4;
/// A rejected item's refund is confirmed once up to this many more tickets were taken.
const MAX_REFUND_LAG: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    pub barcode: String,
    /// Passed to the lookup so a barcode shared by several companies never asks to choose.
    pub company_code: String,
    pub amount: Decimal,
    /// The cashier's pause before scanning it (a new customer's first bill, or the next of the
    /// same handful), so the plan spans many changes of the hub's faults instead of racing
    /// through one.
    pub pause_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub bills: Vec<Bill>,
    /// Cash handed over for the whole ticket.
    pub received: Decimal,
    /// How many tickets later the cashier hands back the money of a rejected item of this one:
    /// a refund is confirmed at a seeded moment, often after a kill, sometimes only at the end.
    pub refund_lag: usize,
}

impl Ticket {
    pub fn total(&self) -> Decimal {
        self.bills.iter().map(|b| b.amount).sum()
    }

    pub fn planned(&self) -> PlannedTicket {
        PlannedTicket {
            bills: self
                .bills
                .iter()
                .map(|b| PlannedPayment {
                    barcode: b.barcode.clone(),
                    amount: b.amount,
                })
                .collect(),
            received: Some(self.received),
        }
    }
}

/// `count` distinct bills with a barcode, in a random order, in tickets of 1 to [`MAX_BILLS`]
/// bills: about `pace_ms` before each ticket's first bill, half that between its next ones.
pub fn draw(count: usize, pace_ms: u64, rng: &mut StdRng) -> Result<Vec<Ticket>, String> {
    let bills = draw_bills(count, pace_ms, rng)?;
    let mut tickets = Vec::new();
    let mut rest = bills.as_slice();
    while !rest.is_empty() {
        let size = rng.gen_range(1..=MAX_BILLS).min(rest.len());
        let (handful, after) = rest.split_at(size);
        rest = after;
        let mut bills = handful.to_vec();
        // The customer's handful is scanned in one go: half the pause between its bills.
        for b in bills.iter_mut().skip(1) {
            b.pause_ms /= 2;
        }
        let mut t = Ticket {
            bills,
            received: Decimal::ZERO,
            refund_lag: rng.gen_range(0..=MAX_REFUND_LAG),
        };
        // A third pay exact cash; the rest hand over up to 500.00 more, but never more than ten
        // times the total: the app refuses cash far beyond what is due as a typo.
        let extra = if rng.gen_ratio(1, 3) {
            0
        } else {
            rng.gen_range(1..=50_000)
        };
        t.received = t.total() + Decimal::new(extra, 2).min(t.total() * Decimal::from(9));
        tickets.push(t);
    }
    Ok(tickets)
}

fn draw_bills(count: usize, pace_ms: u64, rng: &mut StdRng) -> Result<Vec<Bill>, String> {
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
            Ok(Bill {
                barcode: b.barcode.to_string(),
                company_code: b.company_code.to_string(),
                amount,
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

/// One ticket a line: `received refund_lag`, then `barcode company amount pause_ms` per bill.
pub fn write(path: &Path, plan: &[Ticket]) -> std::io::Result<()> {
    let text: String = plan
        .iter()
        .map(|t| {
            let bills: String = t
                .bills
                .iter()
                .map(|b| {
                    format!(
                        " {} {} {} {}",
                        b.barcode, b.company_code, b.amount, b.pause_ms
                    )
                })
                .collect();
            format!("{} {}{bills}\n", t.received, t.refund_lag)
        })
        .collect();
    std::fs::write(path, text)
}

pub fn read(path: &Path) -> Result<Vec<Ticket>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            let bad = || format!("{}:{}: not a planned ticket", path.display(), n + 1);
            let fields: Vec<&str> = line.split(' ').collect();
            let [received, lag, bills @ ..] = fields.as_slice() else {
                return Err(bad());
            };
            if bills.is_empty() || bills.len() % 4 != 0 {
                return Err(bad());
            }
            let bills = bills
                .chunks_exact(4)
                .map(|b| {
                    Ok(Bill {
                        barcode: b[0].to_string(),
                        company_code: b[1].to_string(),
                        amount: b[2].parse().map_err(|_| bad())?,
                        pause_ms: b[3].parse().map_err(|_| bad())?,
                    })
                })
                .collect::<Result<_, String>>()?;
            Ok(Ticket {
                bills,
                received: received.parse().map_err(|_| bad())?,
                refund_lag: lag.parse().map_err(|_| bad())?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use std::collections::HashSet;

    #[test]
    fn plans_are_deterministic_distinct_and_survive_the_file() {
        let a = draw(50, 10, &mut StdRng::seed_from_u64(7)).unwrap();
        let b = draw(50, 10, &mut StdRng::seed_from_u64(7)).unwrap();
        assert_eq!(a, b);
        let barcodes: HashSet<_> = a
            .iter()
            .flat_map(|t| &t.bills)
            .map(|b| &b.barcode)
            .collect();
        assert_eq!(barcodes.len(), 50);
        assert_eq!(a.iter().map(|t| t.bills.len()).sum::<usize>(), 50);
        for t in &a {
            assert!((1..=MAX_BILLS).contains(&t.bills.len()), "{t:?}");
            assert!(t.received >= t.total(), "{t:?}");
            assert!(t.received <= t.total() * Decimal::TEN, "{t:?}");
            assert!(t.refund_lag <= MAX_REFUND_LAG, "{t:?}");
            assert!(t.bills[0].pause_ms <= 20, "{t:?}");
            assert!(t.bills[1..].iter().all(|b| b.pause_ms <= 10), "{t:?}");
            for b in &t.bills {
                assert!(b.amount > Decimal::ZERO && b.amount.scale() <= 2, "{b:?}");
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.txt");
        write(&path, &a).unwrap();
        assert_eq!(read(&path).unwrap(), a);
    }

    #[test]
    fn tickets_come_in_every_size_some_with_exact_cash_and_some_with_change() {
        let plan = draw(400, 10, &mut StdRng::seed_from_u64(3)).unwrap();
        let sizes: HashSet<usize> = plan.iter().map(|t| t.bills.len()).collect();
        assert_eq!(sizes, HashSet::from([1, 2, 3, 4]));
        assert!(plan.iter().any(|t| t.received == t.total()));
        assert!(plan.iter().any(|t| t.received > t.total()));
        let lags: HashSet<usize> = plan.iter().map(|t| t.refund_lag).collect();
        assert_eq!(lags.len(), MAX_REFUND_LAG + 1);
    }

    #[test]
    fn a_line_that_is_not_a_ticket_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.txt");
        for line in ["10.00 0", "10.00 0 111 C1 10.00", "10.00 x 111 C1 10.00 5"] {
            std::fs::write(&path, format!("{line}\n")).unwrap();
            assert!(read(&path).is_err(), "{line}");
        }
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
