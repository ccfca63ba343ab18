//! The split tickets among the bill tickets (`--split-tickets`), drawn from the seed: a planned
//! bill ticket paid part by card, part by a crypto wallet, the rest in cash, in one of these
//! shapes: card, wallet and cash; card and cash; wallet and cash; card and wallet covering it
//! all; or one of them alone covering it all.
//!
//! Each charge also says what the customer does (`customer` plays it at the sandbox): a card
//! approved, declined, presented only after the counter stopped waiting for it, or never; a
//! wallet approved on the phone, approved too late, or never. Whatever a charge leaves owed is
//! paid in cash, with `extra` more handed over (the change). Written to a file the counter reads,
//! one ticket a line, beside the plan of bills.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::Rng;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::checks::tenders::{cash_change, PlannedSplit};
use super::plan::Ticket;

/// How long the counter waits for a card at the terminal (`VENTANILLA_CARD_TIMEOUT_SECS`) and
/// for a wallet's consent (`VENTANILLA_WALLET_SESSION_SECS`): compressed, like every other wait
/// of the harness.
pub const CARD_WAIT: Duration = Duration::from_secs(3);
pub const WALLET_WAIT: Duration = Duration::from_secs(3);

/// What the customer does at the card terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardMove {
    Approve,
    Decline,
    /// Presents (approved) after the counter stopped waiting: money without a sale.
    Late,
    /// Never presents the card.
    Away,
}

/// What the customer does with the wallet's QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WalletMove {
    Approve,
    /// Approves after the counter's session expired: nothing may be charged.
    Late,
    /// Never scans it.
    Away,
}

/// One card or wallet charge of a split ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charge<M> {
    pub amount: Decimal,
    pub customer: M,
    /// The customer's pause before acting (after the counter's wait, for a late one).
    pub delay_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitTicket {
    /// The planned bill ticket (its index in the plan) paid this way.
    pub turn: usize,
    pub card: Option<Charge<CardMove>>,
    pub wallet: Option<Charge<WalletMove>>,
    /// Cash handed over beyond what the charges leave owed, when something is (the app's cap on
    /// cash applies: at most nine times what is owed).
    pub extra: Decimal,
    /// The cashier's pause after the charges, counting the notes: a kill there drops a ticket
    /// whose card or wallet was charged (money to hand back).
    pub count_ms: u64,
}

impl SplitTicket {
    /// What the checks hold the journal's ticket to (`plan` is the plan of bills).
    pub fn planned(&self, plan: &[Ticket]) -> PlannedSplit {
        PlannedSplit {
            barcodes: plan
                .get(self.turn)
                .map(|t| t.bills.iter().map(|b| b.barcode.clone()).collect())
                .unwrap_or_default(),
            card: self.card.map(|c| c.amount),
            wallet: self.wallet.map(|w| w.amount),
            extra: self.extra,
        }
    }

    /// The cash for `owed`, what the charges left: owed plus the planned extra, capped.
    pub fn cash_for(&self, owed: Decimal) -> Decimal {
        owed + cash_change(self.extra, owed)
    }
}

/// Up to `count` of the planned bill tickets, at seeded turns, each with its split.
pub fn draw(count: usize, plan: &[Ticket], pace_ms: u64, rng: &mut StdRng) -> Vec<SplitTicket> {
    let n = count.min(plan.len());
    let mut turns = rand::seq::index::sample(rng, plan.len(), n).into_vec();
    turns.sort_unstable();
    turns
        .into_iter()
        .map(|turn| split(turn, plan[turn].total(), pace_ms, rng))
        .collect()
}

fn split(turn: usize, total: Decimal, pace_ms: u64, rng: &mut StdRng) -> SplitTicket {
    let (card, wallet, cash) = match rng.gen_range(0..100) {
        0..=34 => (true, true, true),
        35..=54 => (true, false, true),
        55..=74 => (false, true, true),
        75..=87 => (true, true, false),
        88..=93 => (true, false, false),
        _ => (false, true, false),
    };
    let cents = (total * Decimal::ONE_HUNDRED).to_i64().unwrap_or(0);
    let wanted = [card, wallet, cash].iter().filter(|x| **x).count();
    // A ticket too small for every part is paid by card alone.
    let (card, wallet, parts) = if cents >= wanted as i64 {
        (card, wallet, cut(cents, wanted, rng))
    } else {
        (true, false, vec![cents])
    };
    let mut parts = parts.into_iter().map(|c| Decimal::new(c, 2));
    let delay = |rng: &mut StdRng| rng.gen_range(0..=pace_ms.saturating_mul(3));
    let card = card.then(|| Charge {
        amount: parts.next().unwrap_or_default(),
        customer: match rng.gen_range(0..100) {
            0..=69 => CardMove::Approve,
            70..=84 => CardMove::Decline,
            85..=92 => CardMove::Late,
            _ => CardMove::Away,
        },
        delay_ms: delay(rng),
    });
    let wallet = wallet.then(|| Charge {
        amount: parts.next().unwrap_or_default(),
        customer: match rng.gen_range(0..100) {
            0..=79 => WalletMove::Approve,
            80..=89 => WalletMove::Late,
            _ => WalletMove::Away,
        },
        delay_ms: delay(rng),
    });
    // As for cash tickets: a third exact, the rest up to 500.00 more.
    let extra = if rng.gen_ratio(1, 3) {
        0
    } else {
        rng.gen_range(1..=50_000)
    };
    SplitTicket {
        turn,
        card,
        wallet,
        extra: Decimal::new(extra, 2),
        count_ms: rng.gen_range(0..=pace_ms.saturating_mul(4)),
    }
}

/// `cents` cut into `parts` positive whole parts (`cents >= parts`), in a random place.
fn cut(cents: i64, parts: usize, rng: &mut StdRng) -> Vec<i64> {
    let mut points: Vec<i64> = rand::seq::index::sample(rng, (cents - 1) as usize, parts - 1)
        .into_iter()
        .map(|i| i as i64 + 1)
        .collect();
    points.sort_unstable();
    points.push(cents);
    let mut last = 0;
    points
        .into_iter()
        .map(|p| {
            let part = p - last;
            last = p;
            part
        })
        .collect()
}

/// The split tickets by their turn.
pub fn by_turn(plan: Vec<SplitTicket>) -> HashMap<usize, SplitTicket> {
    plan.into_iter().map(|s| (s.turn, s)).collect()
}

fn card_name(m: CardMove) -> &'static str {
    match m {
        CardMove::Approve => "approve",
        CardMove::Decline => "decline",
        CardMove::Late => "late",
        CardMove::Away => "away",
    }
}

fn wallet_name(m: WalletMove) -> &'static str {
    match m {
        WalletMove::Approve => "approve",
        WalletMove::Late => "late",
        WalletMove::Away => "away",
    }
}

fn charge_text<M: Copy>(c: &Option<Charge<M>>, name: fn(M) -> &'static str) -> String {
    match c {
        Some(c) => format!("{}:{}:{}", c.amount, name(c.customer), c.delay_ms),
        None => "-".into(),
    }
}

/// One ticket a line: `turn extra count_ms card wallet`, each charge `amount:move:delay_ms` or
/// `-`.
pub fn write(path: &Path, plan: &[SplitTicket]) -> std::io::Result<()> {
    let text: String = plan
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {} {}\n",
                s.turn,
                s.extra,
                s.count_ms,
                charge_text(&s.card, card_name),
                charge_text(&s.wallet, wallet_name)
            )
        })
        .collect();
    std::fs::write(path, text)
}

pub fn read(path: &Path) -> Result<Vec<SplitTicket>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            let bad = || format!("{}:{}: not a planned split ticket", path.display(), n + 1);
            let fields: Vec<&str> = line.split(' ').collect();
            let [turn, extra, count, card, wallet] = fields.as_slice() else {
                return Err(bad());
            };
            let card_move = |m: &str| {
                [
                    CardMove::Approve,
                    CardMove::Decline,
                    CardMove::Late,
                    CardMove::Away,
                ]
                .into_iter()
                .find(|c| card_name(*c) == m)
            };
            let wallet_move = |m: &str| {
                [WalletMove::Approve, WalletMove::Late, WalletMove::Away]
                    .into_iter()
                    .find(|w| wallet_name(*w) == m)
            };
            let s = SplitTicket {
                turn: turn.parse().map_err(|_| bad())?,
                extra: extra.parse().map_err(|_| bad())?,
                count_ms: count.parse().map_err(|_| bad())?,
                card: parse_charge(card, card_move).ok_or_else(bad)?,
                wallet: parse_charge(wallet, wallet_move).ok_or_else(bad)?,
            };
            if s.card.is_none() && s.wallet.is_none() {
                return Err(bad());
            }
            Ok(s)
        })
        .collect()
}

/// `-` (no such charge) or `amount:move:delay_ms`; `None` when it is neither.
fn parse_charge<M>(text: &str, name: impl Fn(&str) -> Option<M>) -> Option<Option<Charge<M>>> {
    if text == "-" {
        return Some(None);
    }
    let mut parts = text.split(':');
    let (Some(amount), Some(customer), Some(delay), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let amount: Decimal = amount.parse().ok()?;
    if amount <= Decimal::ZERO {
        return None;
    }
    Some(Some(Charge {
        amount,
        customer: name(customer)?,
        delay_ms: delay.parse().ok()?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use std::collections::HashSet;

    fn bills() -> Vec<Ticket> {
        super::super::plan::draw(120, 10, &mut StdRng::seed_from_u64(2)).unwrap()
    }

    #[test]
    fn every_split_pays_at_most_the_total_by_card_and_wallet_and_survives_the_file() {
        let plan = bills();
        let a = draw(30, &plan, 10, &mut StdRng::seed_from_u64(8));
        assert_eq!(a, draw(30, &plan, 10, &mut StdRng::seed_from_u64(8)));
        assert_eq!(a.len(), 30);
        let turns: HashSet<usize> = a.iter().map(|s| s.turn).collect();
        assert_eq!(turns.len(), 30, "each ticket split once");
        assert!(a.windows(2).all(|w| w[0].turn < w[1].turn));
        for s in &a {
            let total = plan[s.turn].total();
            let charged = s.card.map_or(Decimal::ZERO, |c| c.amount)
                + s.wallet.map_or(Decimal::ZERO, |w| w.amount);
            assert!(s.card.is_some() || s.wallet.is_some(), "{s:?}");
            assert!(charged <= total, "{s:?} of {total}");
            for amount in [s.card.map(|c| c.amount), s.wallet.map(|w| w.amount)]
                .into_iter()
                .flatten()
            {
                assert!(amount > Decimal::ZERO && amount.scale() <= 2, "{s:?}");
            }
            assert!(s.card.iter().all(|c| c.delay_ms <= 30));
            assert!(s.extra >= Decimal::ZERO && s.extra <= Decimal::new(500, 0));
            assert!(s.count_ms <= 40, "{s:?}");
            assert_eq!(s.planned(&plan).barcodes.len(), plan[s.turn].bills.len());
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("split-plan.txt");
        write(&path, &a).unwrap();
        assert_eq!(read(&path).unwrap(), a);
    }

    #[test]
    fn every_shape_and_every_customer_move_is_drawn() {
        let plan = super::super::plan::draw(400, 10, &mut StdRng::seed_from_u64(2)).unwrap();
        let a = draw(150, &plan, 10, &mut StdRng::seed_from_u64(4));
        let shape = |s: &SplitTicket| {
            let charged = s.card.map_or(Decimal::ZERO, |c| c.amount)
                + s.wallet.map_or(Decimal::ZERO, |w| w.amount);
            (
                s.card.is_some(),
                s.wallet.is_some(),
                charged < plan[s.turn].total(),
            )
        };
        let shapes: HashSet<_> = a.iter().map(shape).collect();
        assert_eq!(shapes.len(), 6, "{shapes:?}");
        let cards: HashSet<_> = a
            .iter()
            .filter_map(|s| s.card.map(|c| c.customer))
            .collect();
        assert_eq!(cards.len(), 4);
        let wallets: HashSet<_> = a
            .iter()
            .filter_map(|s| s.wallet.map(|w| w.customer))
            .collect();
        assert_eq!(wallets.len(), 3);
        assert!(a.iter().any(|s| s.extra.is_zero()));
    }

    #[test]
    fn cuts_are_positive_and_add_up() {
        let mut rng = StdRng::seed_from_u64(1);
        for (cents, parts) in [(3, 3), (2, 2), (1, 1), (12345, 3), (10, 2)] {
            for _ in 0..50 {
                let c = cut(cents, parts, &mut rng);
                assert_eq!(c.len(), parts);
                assert!(c.iter().all(|p| *p > 0), "{c:?}");
                assert_eq!(c.iter().sum::<i64>(), cents);
            }
        }
    }

    #[test]
    fn the_cash_for_what_is_owed_gives_the_planned_change_within_the_cap() {
        let s = SplitTicket {
            turn: 0,
            card: None,
            wallet: None,
            extra: Decimal::new(5000, 2),
            count_ms: 0,
        };
        assert_eq!(s.cash_for(Decimal::new(10000, 2)), Decimal::new(15000, 2));
        assert_eq!(s.cash_for(Decimal::new(100, 2)), Decimal::new(1000, 2));
    }

    #[test]
    fn a_line_that_is_not_a_split_ticket_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("split-plan.txt");
        for line in [
            "0 1.00 0 - -",
            "0 1.00 0 10.00:approve:5",
            "x 1.00 0 10.00:approve:5 -",
            "0 1.00 x 10.00:approve:5 -",
            "0 1.00 0 10.00:maybe:5 -",
            "0 1.00 0 - 10.00:decline:5",
            "0 1.00 0 0:approve:5 -",
            "0 1.00 0 10.00:approve -",
        ] {
            std::fs::write(&path, format!("{line}\n")).unwrap();
            assert!(read(&path).is_err(), "{line}");
        }
    }
}
