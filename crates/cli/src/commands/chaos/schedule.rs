//! The weather at the hub: a seeded sequence of fault plans, each held for a short while.
//! Durations are compressed (an "outage" lasts seconds, not minutes) so a run stays short; what
//! matters is that every kind of failure hits sales at every stage, not how long it lasts.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;
use ventanilla_sandbox::FaultPlan;

/// One period of the schedule: these fault specs (none = a calm hub) for this long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub specs: Vec<String>,
    pub length: Duration,
}

impl Period {
    /// The period's faults, then `extra` (the `--fault` rules, in force all through the run).
    pub fn plan(&self, extra: &FaultPlan) -> FaultPlan {
        // Specs come from the menu below, which only writes valid ones; the tests parse them all.
        let mut plan = FaultPlan::parse_specs(&self.specs).unwrap_or_default();
        plan.rules.extend(extra.rules.iter().cloned());
        plan
    }

    pub fn describe(&self) -> String {
        if self.specs.is_empty() {
            "calm".into()
        } else {
            self.specs.join(" + ")
        }
    }
}

/// The next period. Calm spells are frequent enough that payments get through between storms.
pub fn next(rng: &mut StdRng) -> Period {
    let roll = rng.gen_range(0..100);
    let (specs, millis) = if roll < 30 {
        (vec![], rng.gen_range(400..1500))
    } else if roll < 85 {
        let rules = rng.gen_range(1..=2);
        let specs = (0..rules).map(|_| one_fault(rng)).collect();
        (specs, rng.gen_range(300..1500))
    } else {
        (vec![outage(rng)], rng.gen_range(1000..3000))
    };
    Period {
        specs,
        length: Duration::from_millis(millis),
    }
}

/// The whole hub gone: connections reset, 503s from a proxy, or silence.
fn outage(rng: &mut StdRng) -> String {
    match rng.gen_range(0..10) {
        0..=4 => "all:reset".into(),
        5..=7 => format!("all:http_status=503,http_body={}", body(rng)),
        _ => "all:no_answer".into(),
    }
}

/// One fault on one endpoint, sometimes only for the next few requests.
fn one_fault(rng: &mut StdRng) -> String {
    let commit = |rng: &mut StdRng| {
        if rng.gen_bool(0.5) {
            ",after_commit"
        } else {
            ""
        }
    };
    let spec = match rng.gen_range(0..17) {
        // The sale's answer never comes: recorded at the hub or not.
        0 | 1 => format!("pay:no_answer{}", commit(rng)),
        2 => format!("pay:reset{}", commit(rng)),
        3 | 4 => format!(
            "pay:http_status={},http_body={}{}",
            [500, 502, 503].choose(rng).copied().unwrap_or(500),
            body(rng),
            commit(rng)
        ),
        5 => format!("pay:garbage{}", commit(rng)),
        // Slower than the counter's pay timeout. (The sandbox drops a request whose client hung
        // up, so this is a POST that never arrived, found out slowly.)
        6 => "pay:latency_ms=1500".into(),
        7 => format!("all:latency_ms={}", rng.gen_range(50..400)),
        8 => format!("pay:pending_secs={}", rng.gen_range(1..=3)),
        9 => format!("pay:reject_rate=0.{}", rng.gen_range(1..=5)),
        10 => [
            "sales_query:garbage",
            "sales_query:http_status=503",
            "sales_query:reset",
        ]
        .choose(rng)
        .map(|s| s.to_string())
        .unwrap_or_default(),
        // Rare and counted: each one holds a status query for the app's whole call timeout.
        11 => "sales_query:no_answer,count=1".into(),
        12 => [
            "find_barcode:http_status=502,http_body=empty",
            "find_barcode:reset",
        ]
        .choose(rng)
        .map(|s| s.to_string())
        .unwrap_or_default(),
        13 => "receipt:http_status=500".into(),
        // The platform's own error body, before or after the sale is recorded: only a query
        // tells which, so the counter must never take it as a rejection.
        14 => format!("pay:http_status=400,http_body=json{}", commit(rng)),
        // An answer about another sale (crossed wires): the sale is recorded, the answer names
        // another id or another amount. It must be read as no answer at all.
        15 => "pay:echo_other_id".into(),
        _ => "pay:echo_other_amount".into(),
    };
    if rng.gen_bool(0.25) && !spec.contains("count=") {
        format!("{spec},count={}", rng.gen_range(1..=3))
    } else {
        spec
    }
}

fn body(rng: &mut StdRng) -> &'static str {
    ["html", "empty", "json"]
        .choose(rng)
        .copied()
        .unwrap_or("html")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn every_period_is_a_valid_plan_and_the_schedule_repeats_with_the_seed() {
        let mut a = StdRng::seed_from_u64(3);
        let mut b = StdRng::seed_from_u64(3);
        let mut drawn = std::collections::HashSet::new();
        for _ in 0..2000 {
            let p = next(&mut a);
            assert_eq!(p, next(&mut b));
            FaultPlan::parse_specs(&p.specs).unwrap_or_else(|e| panic!("{p:?}: {e}"));
            drawn.extend(p.specs);
        }
        for expected in [
            "pay:no_answer",
            "all:reset",
            "pay:pending_secs",
            "pay:reject_rate",
            "pay:http_status=400,http_body=json,after_commit",
            "pay:echo_other_id",
            "pay:echo_other_amount",
        ] {
            assert!(
                drawn.iter().any(|s| s.starts_with(expected)),
                "{expected} never drawn: {drawn:?}"
            );
        }
    }
}
