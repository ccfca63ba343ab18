//! The counter's life under the harness: started, killed at the drawn moments, restarted, until
//! the plan is done and every kill spent; then one last calm run to settle what is in flight.

use std::collections::VecDeque;
use std::process::ExitStatus;
use std::time::Duration;

use tokio::time::Instant;

use super::child::{killed_by_signal, log_tail, Counter, Launch, Report};
use super::kills::KillPoint;
use super::weather::Calm;
use super::Clock;

/// How a counter process ended.
enum Ended {
    /// By our SIGKILL.
    Killed,
    /// On its own.
    Exited(ExitStatus),
    /// Still running at the deadline (then killed).
    OutOfTime,
}

pub struct Controller {
    pub launch: Launch,
    pub deadline: Instant,
    pub clock: Clock,
    /// Planned payments: once all are journaled and no kill is left, the hub is calmed.
    pub payments: usize,
    pub calm: Calm,
    pub starts: usize,
    pub kills: usize,
}

impl Controller {
    /// Runs counters until the plan is done and every kill point is spent. `Err` says why it
    /// could not finish.
    pub async fn chaos(&mut self, mut points: VecDeque<KillPoint>) -> Result<(), String> {
        loop {
            match self.run_once(points.front().copied()).await? {
                Ended::Killed => {
                    points.pop_front();
                }
                Ended::Exited(status) if !status.success() => return Err(self.failed(status)),
                Ended::Exited(_) => match points.front_mut() {
                    None => return Ok(()),
                    // It finished before the kill landed: kill the next one as soon as it speaks.
                    Some(next) => next.delay = Duration::ZERO,
                },
                Ended::OutOfTime => {
                    return Err(format!(
                        "out of time (--max-secs) with {} kill(s) to go; see {}",
                        points.len(),
                        self.launch.log.display()
                    ))
                }
            }
        }
    }

    /// The last run, on a calm hub: the counter settles every sale in flight and exits.
    pub async fn settle(&mut self) -> Result<(), String> {
        match self.run_once(None).await? {
            Ended::Exited(status) if status.success() => Ok(()),
            Ended::Exited(status) => Err(self.failed(status)),
            Ended::Killed | Ended::OutOfTime => Err(format!(
                "the final reconcile did not settle within --max-secs; see {}",
                self.launch.log.display()
            )),
        }
    }

    fn failed(&self, status: ExitStatus) -> String {
        format!(
            "a counter process failed ({status}); its log ends:\n{}",
            log_tail(&self.launch.log, 15)
        )
    }

    /// One counter process, from start to its end; killed once `point` is reached.
    async fn run_once(&mut self, point: Option<KillPoint>) -> Result<Ended, String> {
        let mut counter = Counter::start(&self.launch).map_err(|e| format!("counter: {e}"))?;
        self.starts += 1;
        let mut progress = 0;
        loop {
            let report = match tokio::time::timeout_at(self.deadline, counter.next()).await {
                Err(_) => {
                    let _ = counter.kill().await;
                    return Ok(Ended::OutOfTime);
                }
                Ok(None) => {
                    let status = counter.wait().await.map_err(|e| e.to_string())?;
                    return Ok(Ended::Exited(status));
                }
                Ok(Some(report)) => report,
            };
            match report {
                Report::Resumed(n) => {
                    progress = n;
                    if self.starts > 1 {
                        self.clock.say(format!(
                            "counter started: {n} planned payment(s) already in the journal"
                        ));
                    }
                }
                Report::Journaled => progress += 1,
                Report::Settled | Report::Other(_) => {}
            }
            let Some(point) = point else {
                if progress >= self.payments {
                    // Nothing left to kill or take: let the sales in flight settle in peace.
                    self.calm.now();
                }
                continue;
            };
            if progress < point.after {
                continue;
            }
            tokio::time::sleep(point.delay).await;
            let status = counter.kill().await.map_err(|e| e.to_string())?;
            if !killed_by_signal(&status) {
                return Ok(Ended::Exited(status));
            }
            self.kills += 1;
            self.clock.say(format!(
                "SIGKILL #{} at payment {}+{} ms",
                self.kills,
                progress,
                point.delay.as_millis()
            ));
            return Ok(Ended::Killed);
        }
    }
}
