//! The counter's life under the harness: started, killed at the drawn moments, restarted, until
//! the plan is done and every kill spent; then one last calm run to settle what is in flight.

use std::collections::VecDeque;
use std::process::ExitStatus;
use std::time::Duration;

use tokio::time::Instant;

use super::child::{killed_by_signal, log_tail, Counter, Launch, Report};
use super::clock::Clock;
use super::customer::Customers;
use super::damage::{self, Damager, End};
use super::kills::KillPoint;
use super::tender_journal;
use super::weather::Calm;

/// Final runs on a calm hub, each started again while the terminal or the wallet still has a
/// capture or consent to deliver (or the journal one to apply): what came after a counter
/// settled needs a counter to take it.
const SETTLE_ROUNDS: usize = 5;
const SETTLE_PAUSE: Duration = Duration::from_secs(1);

/// How a counter process ended.
enum Ended {
    /// By our SIGKILL.
    Killed,
    /// On its own.
    Exited(ExitStatus),
    /// Still running at the deadline (then killed).
    OutOfTime,
    /// It did not start on a damaged journal (or gave no answer); the journal is back as it
    /// was before the damage, for the next start.
    Judged,
}

pub struct Controller {
    pub launch: Launch,
    pub deadline: Instant,
    pub clock: Clock,
    /// Planned tickets: once all are journaled and no kill is left, the hub is calmed.
    pub tickets: usize,
    pub calm: Calm,
    pub starts: usize,
    pub kills: usize,
    /// `--damage`: the journal damaged after some kills.
    pub damage: Option<Damager>,
    /// With split tickets: their customers, at the terminal and with the wallet.
    pub customers: Option<Customers>,
}

impl Controller {
    /// Runs counters until the plan is done and every kill point is spent. `Err` says why it
    /// could not finish.
    pub async fn chaos(&mut self, mut points: VecDeque<KillPoint>) -> Result<(), String> {
        loop {
            match self.run_once(points.front().copied()).await? {
                Ended::Killed => {
                    points.pop_front();
                    if let Some(d) = &mut self.damage {
                        d.after_kill(self.kills, &self.clock)?;
                    }
                }
                Ended::Judged => {}
                Ended::Exited(status) if !status.success() => return Err(self.failed(status)),
                Ended::Exited(_) => match points.front_mut() {
                    None => return Ok(()),
                    // It finished before the kill landed: kill the next one as soon as it speaks
                    // (no charge is left to wait for).
                    Some(next) => {
                        next.delay = Duration::ZERO;
                        next.on_charge = false;
                    }
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

    /// The last run, on a calm hub: the counter settles every sale in flight and exits. With
    /// split tickets, once every customer is done, and again while a capture or a consent
    /// still has to reach the counter.
    pub async fn settle(&mut self) -> Result<(), String> {
        if let Some(c) = &mut self.customers {
            c.idle().await;
            self.clock.say(c.describe());
        }
        for _ in 0..SETTLE_ROUNDS {
            match self.run_once(None).await? {
                Ended::Exited(status) if status.success() => {}
                Ended::Exited(status) => return Err(self.failed(status)),
                Ended::Killed | Ended::OutOfTime | Ended::Judged => {
                    return Err(format!(
                        "the final reconcile did not settle within --max-secs; see {}",
                        self.launch.log.display()
                    ))
                }
            }
            let Some(c) = &self.customers else {
                return Ok(());
            };
            let journal = self.launch.data_dir.join("journal.sqlite");
            let left = c.undelivered().await + tender_journal::inbox_waiting(&journal) as usize;
            if left == 0 {
                return Ok(());
            }
            self.clock.say(format!(
                "{left} capture(s) or consent(s) still to reach the counter: settling again"
            ));
            tokio::time::sleep(SETTLE_PAUSE).await;
        }
        Err(format!(
            "captures or consents still undelivered after {SETTLE_ROUNDS} final runs; see {}",
            self.launch.log.display()
        ))
    }

    fn failed(&self, status: ExitStatus) -> String {
        format!(
            "a counter process failed ({status}); its log ends:\n{}",
            log_tail(&self.launch.log, 15)
        )
    }

    /// One counter process, from start to its end; killed once `point` is reached.
    async fn run_once(&mut self, point: Option<KillPoint>) -> Result<Ended, String> {
        // The damage this start must answer: refuse at once, or start (judged at the end).
        let mut struck = self.damage.as_mut().and_then(Damager::take_pending);
        let log_from = std::fs::metadata(&self.launch.log).map_or(0, |m| m.len());
        let mut counter = Counter::start(&self.launch).map_err(|e| format!("counter: {e}"))?;
        let started = Instant::now();
        self.starts += 1;
        let mut progress = 0;
        // A kill aimed at a charge: whether one was asked for since `after` was reached.
        let mut charge_asked = false;
        loop {
            let until = match struck {
                Some(_) => self.deadline.min(started + damage::ANSWER_WITHIN),
                None => self.deadline,
            };
            let report = match tokio::time::timeout_at(until, counter.next()).await {
                Err(_) => {
                    let _ = counter.kill().await;
                    if let (Some(s), Some(d)) = (struck.take(), self.damage.as_mut()) {
                        let how = format!(
                            "the counter neither started nor refused within {} s",
                            damage::ANSWER_WITHIN.as_secs()
                        );
                        d.ended(s, End::NoAnswer(how), &self.clock)?;
                        return Ok(Ended::Judged);
                    }
                    return Ok(Ended::OutOfTime);
                }
                Ok(None) => {
                    let status = counter.wait().await.map_err(|e| e.to_string())?;
                    if let (Some(s), Some(d)) = (struck.take(), self.damage.as_mut()) {
                        let end = if status.success() {
                            End::NoAnswer(format!("the counter exited ({status}) without starting"))
                        } else {
                            End::Refused {
                                reason: damage::refusal_in_log(&self.launch.log, log_from),
                                after: started.elapsed(),
                            }
                        };
                        d.ended(s, end, &self.clock)?;
                        return Ok(Ended::Judged);
                    }
                    return Ok(Ended::Exited(status));
                }
                Ok(Some(report)) => report,
            };
            match report {
                Report::Resumed { tickets, bills } => {
                    if let (Some(s), Some(d)) = (struck.take(), self.damage.as_mut()) {
                        d.started(s, bills, &self.clock);
                    }
                    progress = tickets;
                    if self.starts > 1 {
                        self.clock.say(format!(
                            "counter started: {tickets} planned ticket(s) ({bills} bills) \
                             already in the journal"
                        ));
                    }
                }
                Report::Journaled => progress += 1,
                Report::Customer(call) => {
                    if let Some(c) = &mut self.customers {
                        c.call(call);
                    }
                    charge_asked |= point.is_some_and(|p| progress >= p.after);
                }
                Report::Settled | Report::Other(_) => {}
            }
            let Some(point) = point else {
                if progress >= self.tickets {
                    // Nothing left to kill or take: let the sales in flight settle in peace.
                    self.calm.now();
                }
                continue;
            };
            if progress < point.after || (point.on_charge && !charge_asked) {
                continue;
            }
            self.hear_until(&mut counter, Instant::now() + point.delay)
                .await;
            let status = counter.kill().await.map_err(|e| e.to_string())?;
            if !killed_by_signal(&status) {
                return Ok(Ended::Exited(status));
            }
            self.kills += 1;
            self.clock.say(format!(
                "SIGKILL #{} at ticket {}+{} ms{}",
                self.kills,
                progress,
                point.delay.as_millis(),
                if point.on_charge {
                    " after a charge was asked"
                } else {
                    ""
                }
            ));
            return Ok(Ended::Killed);
        }
    }

    /// Until `until`, the counter's calls for its customers are still heard (a kill's delay
    /// must not make the customer deaf to a card asked for meanwhile).
    async fn hear_until(&mut self, counter: &mut Counter, until: Instant) {
        while let Ok(Some(report)) = tokio::time::timeout_at(until, counter.next()).await {
            if let (Report::Customer(call), Some(c)) = (report, &mut self.customers) {
                c.call(call);
            }
        }
    }
}
