//! The weather at the tax platform: for each period of the hub's schedule, its own seeded draw
//! of faults on the platform's endpoints and callbacks, from its own generator, so a seed's
//! bill schedule stays what it was.
//!
//! Left out on purpose: faults after the platform created an order (its answer lost, the order
//! holds its debts until it expires: a kill mid-create shows that often enough). Server errors
//! may carry the platform's own envelope (`res: 0`): a 5xx is never a refusal, so they are in.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

/// The tax platform's faults for the next period (none = calm there).
pub fn next(rng: &mut StdRng) -> Vec<String> {
    let roll = rng.gen_range(0..100);
    if roll < 40 {
        vec![]
    } else if roll < 90 {
        let rules = rng.gen_range(1..=2);
        (0..rules).map(|_| one_fault(rng)).collect()
    } else {
        vec![outage(rng)]
    }
}

/// The whole platform gone (its callbacks still go out).
fn outage(rng: &mut StdRng) -> String {
    match rng.gen_range(0..10) {
        0..=4 => "arkadu.all:reset".into(),
        5..=7 => format!("arkadu.all:http_status=503,http_body={}", body(rng)),
        _ => "arkadu.all:no_answer".into(),
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
    let spec = match rng.gen_range(0..13) {
        // The report's answer never comes, or is cut, or is a proxy's error: recorded at the
        // platform or not, the outbox sends the same reference again.
        0 => format!("arkadu.report:no_answer{}", commit(rng)),
        1 | 2 => format!("arkadu.report:reset{}", commit(rng)),
        3 => format!(
            "arkadu.report:http_status={},http_body={}{}",
            [500, 502, 503].choose(rng).copied().unwrap_or(503),
            body(rng),
            commit(rng)
        ),
        4 => format!("arkadu.report:garbage{}", commit(rng)),
        // Refused before the platform does anything: the cashier asks again.
        5 => [
            "arkadu.create:reset",
            "arkadu.create:http_status=502,http_body=empty",
        ]
        .choose(rng)
        .map(|s| s.to_string())
        .unwrap_or_default(),
        6 => "arkadu.token:http_status=503,http_body=html".into(),
        7 => "arkadu.cancel:reset".into(),
        8 => format!("arkadu.all:latency_ms={}", rng.gen_range(50..400)),
        // The callbacks: twice each, the last first, slow, or some debts failed (a refund).
        9 => "arkadu.callback:duplicate".into(),
        10 => "arkadu.callback:reorder".into(),
        11 => format!("arkadu.callback:latency_ms={}", rng.gen_range(100..1500)),
        _ => "arkadu.callback:fail_items=1,count=1".into(),
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
    use ventanilla_sandbox::FaultPlan;

    #[test]
    fn every_draw_is_a_valid_plan_for_the_platform_and_repeats_with_the_seed() {
        let mut a = StdRng::seed_from_u64(3);
        let mut b = StdRng::seed_from_u64(3);
        let mut drawn = std::collections::HashSet::new();
        for _ in 0..2000 {
            let specs = next(&mut a);
            assert_eq!(specs, next(&mut b));
            FaultPlan::parse_specs(&specs).unwrap_or_else(|e| panic!("{specs:?}: {e}"));
            assert!(specs.iter().all(|s| s.starts_with("arkadu.")), "{specs:?}");
            assert!(
                !specs
                    .iter()
                    .any(|s| s.contains("create") && s.contains("after_commit")),
                "{specs:?}"
            );
            drawn.extend(specs);
        }
        for expected in [
            "arkadu.report:no_answer,after_commit",
            "arkadu.report:reset",
            "arkadu.all:reset",
            "arkadu.callback:duplicate",
            "arkadu.callback:reorder",
            "arkadu.callback:fail_items=1",
        ] {
            assert!(
                drawn.iter().any(|s| s.starts_with(expected)),
                "{expected} never drawn"
            );
        }
    }
}
