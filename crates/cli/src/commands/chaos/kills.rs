//! When the counter dies: K moments drawn from the seed, spread over the plan. A moment is "once
//! the journal holds `after` planned tickets, wait `delay`, then SIGKILL": a zero delay kills
//! right after a ticket's commit (before its items leave), a longer one lands mid-lookup while
//! the next ticket is being built, mid-POST, mid-refund, or while a sale is being asked about.
//! Moments at the end of the plan kill a counter that is starting up or settling.
//!
//! With split tickets some moments wait for a charge too (`on_charge`): "once the journal holds
//! `after` tickets and the counter then asks a customer for a card or a wallet, wait `delay`":
//! the kill lands while the card waits at the terminal, right after the customer approved, or
//! between the wallet's pay and its answer.

use std::collections::VecDeque;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KillPoint {
    pub after: usize,
    pub delay: Duration,
    /// Counted from the next card or wallet asked of a customer once `after` is reached.
    pub on_charge: bool,
}

/// `kills` moments in order; distinct while there are enough tickets, the rest at the end.
pub fn draw(rng: &mut StdRng, tickets: usize, kills: usize) -> VecDeque<KillPoint> {
    let spread = kills.min(tickets);
    let mut afters: Vec<usize> = rand::seq::index::sample(rng, tickets, spread)
        .into_iter()
        .map(|i| i + 1)
        .collect();
    afters.sort_unstable();
    afters.extend(std::iter::repeat_n(tickets, kills - spread));
    afters
        .into_iter()
        .map(|after| KillPoint {
            after,
            delay: if rng.gen_bool(0.5) {
                Duration::ZERO
            } else {
                Duration::from_millis(rng.gen_range(1..400))
            },
            on_charge: false,
        })
        .collect()
}

/// Aims about `share` (numerator, denominator) of the moments at the next charge, with a delay
/// of up to 1.5 s (a customer's pause, a webhook, a slow pay). Its own generator: the moments
/// stay the seed's.
pub fn aim_at_charges(points: &mut VecDeque<KillPoint>, share: (u32, u32), rng: &mut StdRng) {
    let (n, d) = share;
    for p in points.iter_mut() {
        if d > 0 && rng.gen_ratio(n.min(d), d) {
            p.on_charge = true;
            p.delay = Duration::from_millis(rng.gen_range(0..1500));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn kills_are_ordered_spread_and_all_placed() {
        let k = draw(&mut StdRng::seed_from_u64(5), 200, 10);
        assert_eq!(k.len(), 10);
        assert!(k
            .iter()
            .zip(k.iter().skip(1))
            .all(|(a, b)| a.after < b.after));
        assert!(k.iter().all(|p| (1..=200).contains(&p.after)));
        assert!(k.iter().any(|p| p.delay.is_zero()));

        let k = draw(&mut StdRng::seed_from_u64(5), 3, 5);
        let afters: Vec<usize> = k.iter().map(|p| p.after).collect();
        assert_eq!(afters, [1, 2, 3, 3, 3]);
    }

    #[test]
    fn some_kills_wait_for_a_charge_and_keep_their_moment() {
        let mut k = draw(&mut StdRng::seed_from_u64(5), 200, 40);
        let afters: Vec<usize> = k.iter().map(|p| p.after).collect();
        assert!(k.iter().all(|p| !p.on_charge));
        aim_at_charges(&mut k, (1, 2), &mut StdRng::seed_from_u64(6));
        let aimed = k.iter().filter(|p| p.on_charge).count();
        assert!((5..35).contains(&aimed), "{aimed}");
        assert_eq!(k.iter().map(|p| p.after).collect::<Vec<_>>(), afters);
        assert!(k.iter().all(|p| p.delay < Duration::from_millis(1500)));
    }
}
