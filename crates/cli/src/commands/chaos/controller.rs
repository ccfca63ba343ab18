//! The counter's life under the harness: started, killed at the drawn moments, restarted, until
//! the plan is done and every kill spent; then one last calm run to settle what is in flight.

use std::collections::VecDeque;
use std::process::ExitStatus;
use std::time::Duration;

use tokio::time::Instant;

use super::child::{killed_by_signal, log_tail, Counter, Launch, Report};
use super::clock::Clock;
use super::damage::{self, Damager, End};
use super::kills::KillPoint;
use super::weather::Calm;

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
            Ended::Killed | Ended::OutOfTime | Ended::Judged => Err(format!(
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
        // The damage this start must answer: refuse at once, or start (judged at the end).
        let mut struck = self.damage.as_mut().and_then(Damager::take_pending);
        let log_from = std::fs::metadata(&self.launch.log).map_or(0, |m| m.len());
        let mut counter = Counter::start(&self.launch).map_err(|e| format!("counter: {e}"))?;
        let started = Instant::now();
        self.starts += 1;
        let mut progress = 0;
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
                Report::Settled | Report::Other(_) => {}
            }
            let Some(point) = point else {
                if progress >= self.tickets {
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
                "SIGKILL #{} at ticket {}+{} ms",
                self.kills,
                progress,
                point.delay.as_millis()
            ));
            return Ok(Ended::Killed);
        }
    }
}
