//! The task that keeps changing the hub's faults while the counter works, until told to stop.

use std::sync::Arc;

use rand::rngs::StdRng;
use rand::SeedableRng;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use ventanilla_sandbox::{FaultPlan, SandboxHandle};

use super::clock::Clock;
use super::schedule;
use super::tax_weather;
use super::tender_weather;

pub struct Weather {
    stop: Calm,
    task: JoinHandle<usize>,
}

/// Ends the faults (the task clears them and stops) from wherever the run decides it is time.
#[derive(Clone)]
pub struct Calm(Arc<watch::Sender<bool>>);

impl Calm {
    pub fn now(&self) {
        self.0.send_replace(true);
    }
}

impl Weather {
    /// `extra` rules are added to every period (their counts start afresh in each). With
    /// `tax`, each period also brings the tax platform's own faults (`tax_weather`); with
    /// `tenders`, the card terminal's and the wallet's (`tender_weather`).
    pub fn start(
        hub: Arc<SandboxHandle>,
        seed: u64,
        extra: FaultPlan,
        clock: Clock,
        tax: bool,
        tenders: bool,
    ) -> Weather {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(seed);
            let mut tax_rng = StdRng::seed_from_u64(seed.wrapping_add(100));
            let mut tender_rng = StdRng::seed_from_u64(seed.wrapping_add(200));
            let mut periods = 0;
            loop {
                let mut period = schedule::next(&mut rng);
                if tax {
                    period.specs.extend(tax_weather::next(&mut tax_rng));
                }
                if tenders {
                    period.specs.extend(tender_weather::next(&mut tender_rng));
                }
                hub.set_faults(period.plan(&extra));
                periods += 1;
                clock.say(format!(
                    "hub: {} for {} ms",
                    period.describe(),
                    period.length.as_millis()
                ));
                if *stopped.borrow() {
                    break;
                }
                tokio::select! {
                    _ = tokio::time::sleep(period.length) => {}
                    _ = stopped.changed() => break,
                }
            }
            hub.clear_faults();
            clock.say("hub: faults cleared for good");
            periods
        });
        Weather {
            stop: Calm(Arc::new(stop)),
            task,
        }
    }

    pub fn calm(&self) -> Calm {
        self.stop.clone()
    }

    /// Clears the faults; returns how many fault periods there were.
    pub async fn stop(self) -> usize {
        self.stop.now();
        self.task.await.unwrap_or(0)
    }
}
