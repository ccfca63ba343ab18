//! The weather at the card terminal and the wallet gateway: for each period of the hub's
//! schedule, with split tickets, its own seeded draw of faults, from its own generator, so a
//! seed's bill and tax schedules stay what they were.
//!
//! The wallet's `pay` is hit most: its answer lost after the charge was made (`after_commit`:
//! the customer was charged, the counter cannot know; the charge is `unknown`, never sent
//! again), or before (nothing charged, the same `unknown`), or slow enough for a kill to land
//! between the charge and its answer. Also: a session not created, `connected` failing (the
//! consent is tried again), consents and captures delivered twice or late (a card captured
//! after the counter stopped waiting is money without a sale), a terminal that does not start
//! the capture (or starts it and loses the answer: the start is sent again, the same capture).
//! The customer's side (presenting, approving) is left alone: a customer taps again.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

/// The terminal's and the wallet's faults for the next period (none = calm there).
pub fn next(rng: &mut StdRng) -> Vec<String> {
    let roll = rng.gen_range(0..100);
    if roll < 40 {
        vec![]
    } else if roll < 93 {
        let rules = rng.gen_range(1..=2);
        (0..rules).map(|_| one_fault(rng)).collect()
    } else {
        vec![["pennymatic.all:reset", "quickpay.captures:reset"]
            .choose(rng)
            .map(|s| s.to_string())
            .unwrap_or_default()]
    }
}

fn one_fault(rng: &mut StdRng) -> String {
    let commit = |rng: &mut StdRng| {
        if rng.gen_bool(0.5) {
            ",after_commit"
        } else {
            ""
        }
    };
    match rng.gen_range(0..16) {
        // Charged, and the answer lost: the seeded wallet pay faults.
        0..=2 => "pennymatic.pay:reset,after_commit,count=1".into(),
        3 => "pennymatic.pay:no_answer,after_commit,count=1".into(),
        4 => format!(
            "pennymatic.pay:http_status={},http_body={}{},count=1",
            [500, 502, 503].choose(rng).copied().unwrap_or(503),
            ["json", "html", "empty"]
                .choose(rng)
                .copied()
                .unwrap_or("json"),
            commit(rng)
        ),
        5 => "pennymatic.pay:reset,count=1".into(),
        // Slow, before or after the charge: room for a kill between pay and its answer.
        6 => format!(
            "pennymatic.pay:latency_ms={}{}",
            rng.gen_range(300..1500),
            commit(rng)
        ),
        7 => [
            "pennymatic.connect:reset",
            "pennymatic.connect:http_status=502,http_body=empty",
        ]
        .choose(rng)
        .map(|s| s.to_string())
        .unwrap_or_default(),
        8 => "pennymatic.connected:http_status=503,http_body=json,count=1".into(),
        9 => "pennymatic.consent:duplicate".into(),
        10 => format!("pennymatic.consent:latency_ms={}", rng.gen_range(100..1500)),
        11 => "pennymatic.isconfirmed:http_status=503,http_body=json".into(),
        12 => format!("pennymatic.all:latency_ms={}", rng.gen_range(50..400)),
        13 => "quickpay.webhook:duplicate".into(),
        // Sometimes later than the counter waits for the card.
        14 => format!("quickpay.webhook:latency_ms={}", rng.gen_range(200..4000)),
        _ => format!("quickpay.captures:reset{},count=1", commit(rng)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use ventanilla_sandbox::FaultPlan;

    #[test]
    fn every_draw_is_a_valid_plan_for_the_terminal_and_the_wallet_and_repeats_with_the_seed() {
        let mut a = StdRng::seed_from_u64(3);
        let mut b = StdRng::seed_from_u64(3);
        let mut drawn = std::collections::HashSet::new();
        for _ in 0..2000 {
            let specs = next(&mut a);
            assert_eq!(specs, next(&mut b));
            FaultPlan::parse_specs(&specs).unwrap_or_else(|e| panic!("{specs:?}: {e}"));
            assert!(
                specs
                    .iter()
                    .all(|s| s.starts_with("pennymatic.") || s.starts_with("quickpay.")),
                "{specs:?}"
            );
            assert!(
                !specs.iter().any(|s| s.contains("present")),
                "the customer's side is left alone: {specs:?}"
            );
            drawn.extend(specs);
        }
        for expected in [
            "pennymatic.pay:reset,after_commit,count=1",
            "pennymatic.pay:no_answer,after_commit",
            "pennymatic.pay:reset,count=1",
            "pennymatic.consent:duplicate",
            "quickpay.webhook:duplicate",
            "quickpay.webhook:latency_ms",
            "quickpay.captures:reset,after_commit",
            "pennymatic.all:reset",
        ] {
            assert!(
                drawn.iter().any(|s| s.starts_with(expected)),
                "{expected} never drawn"
            );
        }
    }
}
