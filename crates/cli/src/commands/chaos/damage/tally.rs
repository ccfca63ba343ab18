//! The damage events of a run, judged against the journal at the end.

use std::collections::HashSet;

use super::event::{Event, Outcome};

/// The damage events of a run, counted and judged against the journal at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub events: usize,
    pub refused: usize,
    pub absorbed: usize,
    pub silent_losses: usize,
    /// Refusals that still changed a file of the journal.
    pub changed: usize,
    /// Started where only a refusal is right, or refused for another reason than the damage.
    pub wrong_answers: usize,
    pub no_answer: usize,
    /// One line per event, and one per problem.
    pub lines: Vec<String>,
    pub problems: Vec<String>,
}

/// Judges every event: `journal` holds the `clientTransactionId`s of the journal at the end,
/// `approved` those the hub approved.
pub fn tally(events: &[Event], journal: &HashSet<&str>, approved: &HashSet<&str>) -> Tally {
    let mut t = Tally {
        events: events.len(),
        ..Tally::default()
    };
    for e in events {
        let name = format!("damage #{} ({}: {})", e.number, e.kind.name(), e.what);
        let verdict = match &e.outcome {
            Outcome::Refused {
                reason, changed, ..
            } => {
                t.refused += 1;
                if !changed.is_empty() {
                    t.changed += 1;
                    t.problems.push(format!(
                        "{name}: refused, but the refusal changed {}",
                        changed.join(", ")
                    ));
                }
                if reason.is_empty() {
                    t.wrong_answers += 1;
                    t.problems.push(format!(
                        "{name}: the counter exited without an error in its log"
                    ));
                } else if let Some(file) = e.kind.must_refuse_naming() {
                    if !reason.contains(file) {
                        t.wrong_answers += 1;
                        t.problems.push(format!(
                            "{name}: refused, but not for the missing {file}: {reason}"
                        ));
                    }
                }
                "refused"
            }
            Outcome::NoAnswer(how) => {
                t.no_answer += 1;
                t.problems.push(format!("{name}: {how}"));
                "no answer"
            }
            Outcome::Started => {
                // Any sale gone counts, approved at the hub or not: the cash was taken either way.
                let gone: Vec<&str> = e
                    .before
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !journal.contains(c))
                    .collect();
                if !gone.is_empty() {
                    t.silent_losses += 1;
                    let at_hub = gone.iter().filter(|c| approved.contains(*c)).count();
                    t.problems.push(format!(
                        "{name}: SILENT LOSS: the counter started and {} of the {} sale(s) \
                         journaled before the damage are gone ({at_hub} of them approved at \
                         the hub): {}",
                        gone.len(),
                        e.before.len(),
                        gone.join(", ")
                    ));
                    "SILENT LOSS"
                } else if let Some(file) = e.kind.must_refuse_naming() {
                    t.wrong_answers += 1;
                    t.problems.push(format!(
                        "{name}: the counter started without {file}; it must refuse"
                    ));
                    "started, must refuse"
                } else {
                    t.absorbed += 1;
                    "absorbed, nothing lost"
                }
            }
        };
        t.lines
            .push(format!("{name} after SIGKILL #{}: {verdict}", e.kill));
    }
    t
}

impl Tally {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "damage: {} events, {} refused, {} absorbed, {} silent losses, {} refusals that \
             changed files",
            self.events, self.refused, self.absorbed, self.silent_losses, self.changed
        );
        if self.wrong_answers > 0 {
            s.push_str(&format!(", {} wrong answers", self.wrong_answers));
        }
        if self.no_answer > 0 {
            s.push_str(&format!(", {} without an answer", self.no_answer));
        }
        s
    }
}
