//! When the counter dies: K moments drawn from the seed, spread over the plan. A moment is "once
//! the journal holds `after` planned tickets, wait `delay`, then SIGKILL": a zero delay kills
//! right after a ticket's commit (before its items leave), a longer one lands mid-lookup while
//! the next ticket is being built, mid-POST, mid-refund, or while a sale is being asked about.
//! Moments at the end of the plan kill a counter that is starting up or settling.

use std::collections::VecDeque;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KillPoint {
    pub after: usize,
    pub delay: Duration,
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
        })
        .collect()
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
}
