//! The tax tickets among the counter's customers, drawn from the seed: each an order of 1 to
//! [`MAX_DEBTS`] debts of one of the tax platform's fixture taxpayers, paid with one handful of
//! cash, taken just before a seeded bill ticket (`turn`). A ticket holds one currency, so a tax
//! ticket holds tax debts only (VES), never a bill.
//!
//! A debt is paid at most once across the run: the platform takes a debt in one live order at
//! a time and no longer lists it once paid, and the fixtures are fixed (the chaos hub starts
//! afresh each run), so each debt is planned into one ticket at most. The fixtures hold 15
//! debts; asking for more tickets than they can fill plans as many as they can.
//! Written to a file the counter process reads, one ticket a line.

use std::collections::BTreeMap;
use std::path::Path;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;
use rust_decimal::Decimal;
use ventanilla_core::Currency;
use ventanilla_sandbox::arkadu::fixtures;

use super::checks::tax::PlannedTaxTicket;

/// The most debts in one tax order.
pub const MAX_DEBTS: usize = 3;
/// The currency of the sandbox's tax platform (its default; the chaos hub keeps it).
pub const CURRENCY: Currency = Currency::Ves;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debt {
    /// The platform's id, as the app takes it (`1001`).
    pub id: String,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxTicket {
    /// Taken just before the planned bill ticket with this index (or at the end, past the
    /// last): kills and faults then land around tax tickets as around bills.
    pub turn: usize,
    /// The taxpayer's document id as a cashier types it (`J-40157748-2`).
    pub doc_id: String,
    pub debts: Vec<Debt>,
    /// Cash handed over for the whole ticket.
    pub received: Decimal,
    /// The cashier's pause before creating the order.
    pub pause_ms: u64,
    /// The pause between the order's creation and the cash (counting the notes): a kill there
    /// leaves an open order the next start must cancel before the ticket is taken again.
    pub count_ms: u64,
}

impl TaxTicket {
    pub fn total(&self) -> Decimal {
        self.debts.iter().map(|d| d.amount).sum()
    }

    pub fn planned(&self) -> PlannedTaxTicket {
        PlannedTaxTicket {
            doc_id: self.doc_id.clone(),
            debts: self
                .debts
                .iter()
                .map(|d| (d.id.clone(), d.amount))
                .collect(),
            received: self.received,
        }
    }
}

/// Up to `count` tax tickets, in turn order, spread over `bill_tickets` bill tickets; fewer
/// when the fixtures' debts run out (each debt is planned once).
pub fn draw(count: usize, bill_tickets: usize, pace_ms: u64, rng: &mut StdRng) -> Vec<TaxTicket> {
    // Each taxpayer's debts, in the fixtures' order, then shuffled: which debts go together
    // changes with the seed.
    let mut owed: BTreeMap<String, Vec<Debt>> = BTreeMap::new();
    for d in fixtures::debts(CURRENCY) {
        owed.entry(d.doc.to_string()).or_default().push(Debt {
            id: d.id.to_string(),
            amount: d.amount,
        });
    }
    let mut pools: Vec<(String, Vec<Debt>)> = owed.into_iter().collect();
    for (_, debts) in &mut pools {
        debts.shuffle(rng);
    }
    let mut tickets = Vec::new();
    while tickets.len() < count {
        let open: Vec<usize> = (0..pools.len())
            .filter(|&i| !pools[i].1.is_empty())
            .collect();
        let Some(&pick) = open.choose(rng) else {
            break;
        };
        let (doc_id, left) = &mut pools[pick];
        let size = rng.gen_range(1..=MAX_DEBTS).min(left.len());
        let debts: Vec<Debt> = left.drain(..size).collect();
        let mut t = TaxTicket {
            turn: rng.gen_range(0..=bill_tickets),
            doc_id: doc_id.clone(),
            debts,
            received: Decimal::ZERO,
            pause_ms: rng.gen_range(0..=pace_ms.saturating_mul(2)),
            count_ms: rng.gen_range(0..=pace_ms),
        };
        // As for bills: a third pay exact cash, the rest up to 500.00 more, never beyond ten
        // times the total (the app refuses that as a typo).
        let extra = if rng.gen_ratio(1, 3) {
            0
        } else {
            rng.gen_range(1..=50_000)
        };
        t.received = t.total() + Decimal::new(extra, 2).min(t.total() * Decimal::from(9));
        tickets.push(t);
    }
    tickets.sort_by_key(|t| t.turn);
    tickets
}

/// One ticket a line: `turn received pause_ms count_ms doc_id`, then `id:amount` per debt.
pub fn write(path: &Path, plan: &[TaxTicket]) -> std::io::Result<()> {
    let text: String = plan
        .iter()
        .map(|t| {
            let debts: String = t
                .debts
                .iter()
                .map(|d| format!(" {}:{}", d.id, d.amount))
                .collect();
            format!(
                "{} {} {} {} {}{debts}\n",
                t.turn, t.received, t.pause_ms, t.count_ms, t.doc_id
            )
        })
        .collect();
    std::fs::write(path, text)
}

pub fn read(path: &Path) -> Result<Vec<TaxTicket>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            let bad = || format!("{}:{}: not a planned tax ticket", path.display(), n + 1);
            let fields: Vec<&str> = line.split(' ').collect();
            let [turn, received, pause, count, doc_id, debts @ ..] = fields.as_slice() else {
                return Err(bad());
            };
            if debts.is_empty() || doc_id.is_empty() {
                return Err(bad());
            }
            let debts = debts
                .iter()
                .map(|d| {
                    let (id, amount) = d.split_once(':').ok_or_else(bad)?;
                    if id.is_empty() {
                        return Err(bad());
                    }
                    Ok(Debt {
                        id: id.to_string(),
                        amount: amount.parse().map_err(|_| bad())?,
                    })
                })
                .collect::<Result<_, String>>()?;
            Ok(TaxTicket {
                turn: turn.parse().map_err(|_| bad())?,
                doc_id: doc_id.to_string(),
                debts,
                received: received.parse().map_err(|_| bad())?,
                pause_ms: pause.parse().map_err(|_| bad())?,
                count_ms: count.parse().map_err(|_| bad())?,
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
    fn each_debt_is_planned_once_in_orders_of_one_taxpayer_and_survives_the_file() {
        let a = draw(6, 40, 10, &mut StdRng::seed_from_u64(9));
        assert_eq!(a, draw(6, 40, 10, &mut StdRng::seed_from_u64(9)));
        assert_eq!(a.len(), 6);
        let all = fixtures::debts(CURRENCY);
        let mut seen = HashSet::new();
        for t in &a {
            assert!((1..=MAX_DEBTS).contains(&t.debts.len()), "{t:?}");
            assert!(t.turn <= 40, "{t:?}");
            assert!(t.received >= t.total(), "{t:?}");
            assert!(t.received <= t.total() * Decimal::TEN, "{t:?}");
            for d in &t.debts {
                assert!(seen.insert(d.id.clone()), "debt {} planned twice", d.id);
                let fixture = all.iter().find(|f| f.id.to_string() == d.id).unwrap();
                assert_eq!(fixture.doc.to_string(), t.doc_id, "{t:?}");
                assert_eq!(fixture.amount, d.amount);
            }
        }
        assert!(a.windows(2).all(|w| w[0].turn <= w[1].turn));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tax-plan.txt");
        write(&path, &a).unwrap();
        assert_eq!(read(&path).unwrap(), a);
    }

    #[test]
    fn asking_for_more_than_the_fixtures_hold_plans_every_debt_once() {
        let plan = draw(100, 10, 10, &mut StdRng::seed_from_u64(1));
        let debts: Vec<&str> = plan
            .iter()
            .flat_map(|t| t.debts.iter().map(|d| d.id.as_str()))
            .collect();
        let distinct: HashSet<&str> = debts.iter().copied().collect();
        assert_eq!(debts.len(), fixtures::debts(CURRENCY).len());
        assert_eq!(distinct.len(), debts.len());
        assert!(draw(0, 10, 10, &mut StdRng::seed_from_u64(1)).is_empty());
    }

    #[test]
    fn a_line_that_is_not_a_tax_ticket_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tax-plan.txt");
        for line in [
            "0 10.00 0 0 V-12345678",
            "0 10.00 0 0 V-12345678 1001",
            "x 10.00 0 0 V-12345678 1001:10.00",
            "0 10.00 0 0 V-12345678 :10.00",
        ] {
            std::fs::write(&path, format!("{line}\n")).unwrap();
            assert!(read(&path).is_err(), "{line}");
        }
    }
}
