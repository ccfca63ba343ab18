//! The journal refusing writes: a full disk, its page cap, or a file that cannot be written.
//!
//! While it refuses, the sender calls no gateway (an answer it could not record would be lost)
//! and backs off; it tries the journal again with a small probe write, not with a network call.
//! All of this lives in memory only: the journal cannot take a note about itself. The cashier
//! sees it on the status bar; new sales are refused by the journal itself, with a plain message.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use ventanilla_store::StoreError;

/// Longest wait between probes: space freed by a supervisor is noticed within this.
pub(crate) const PROBE_MAX: Duration = Duration::from_secs(30);

/// Why the journal refuses writes, for the cashier's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No space: the disk, or the journal's size cap.
    Full,
    /// The file cannot be written (an I/O error, a read-only disk).
    Unwritable,
}

/// One spell of refused writes.
#[derive(Debug, Clone, Copy)]
struct Spell {
    refusal: Refusal,
    since: Instant,
    /// The next probe runs no earlier than this.
    until: Instant,
    /// The wait that led to `until`; doubles after each failed probe.
    backoff: Duration,
}

/// What the sender may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// The journal takes writes: attempt what is due.
    Open,
    /// It refused; wait this long before probing it.
    Wait(Duration),
    /// It refused, and it is time to probe it.
    Probe,
}

/// The sender's memory of the journal refusing writes.
#[derive(Debug, Default)]
pub(crate) struct JournalHealth {
    spell: Mutex<Option<Spell>>,
}

impl JournalHealth {
    fn spell(&self) -> std::sync::MutexGuard<'_, Option<Spell>> {
        self.spell.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A write was refused at `now`. Returns true when this starts a spell. Failures while the
    /// current wait runs (other attempts finishing) belong to it and change nothing; a failure
    /// after it (a failed probe) doubles the wait, from `base` up to `max`.
    pub fn refused(&self, refusal: Refusal, now: Instant, base: Duration, max: Duration) -> bool {
        let base = base.max(Duration::from_millis(10)).min(max);
        let mut spell = self.spell();
        match spell.as_mut() {
            None => {
                *spell = Some(Spell {
                    refusal,
                    since: now,
                    until: now + base,
                    backoff: base,
                });
                true
            }
            Some(s) if now < s.until => false,
            Some(s) => {
                s.refusal = refusal;
                s.backoff = s.backoff.saturating_mul(2).min(max);
                s.until = now + s.backoff;
                false
            }
        }
    }

    pub fn gate(&self, now: Instant) -> Gate {
        match *self.spell() {
            None => Gate::Open,
            Some(s) if now < s.until => Gate::Wait(s.until - now),
            Some(_) => Gate::Probe,
        }
    }

    /// A write went through: ends the spell. Returns how long it lasted, if there was one.
    pub fn recovered(&self, now: Instant) -> Option<Duration> {
        self.spell()
            .take()
            .map(|s| now.saturating_duration_since(s.since))
    }

    /// The current refusal, if the journal refuses writes.
    pub fn refusal(&self) -> Option<Refusal> {
        self.spell().map(|s| s.refusal)
    }
}

/// The kind of refusal an error means, or `None` when it is about this write alone.
pub(crate) fn refusal_of(error: &StoreError) -> Option<Refusal> {
    match error {
        StoreError::Full => Some(Refusal::Full),
        e if e.is_write_refused() => Some(Refusal::Unwritable),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Duration = Duration::from_secs(1);
    const MAX: Duration = Duration::from_secs(30);

    #[test]
    fn a_refusal_waits_doubling_up_to_the_cap_and_a_write_ends_it() {
        let h = JournalHealth::default();
        let t0 = Instant::now();
        assert_eq!(h.gate(t0), Gate::Open);
        assert!(h.refused(Refusal::Full, t0, BASE, MAX), "starts a spell");
        assert_eq!(h.gate(t0), Gate::Wait(BASE));
        // Other attempts failing meanwhile belong to the same spell.
        assert!(!h.refused(Refusal::Full, t0 + BASE / 2, BASE, MAX));
        assert_eq!(h.gate(t0 + BASE / 2), Gate::Wait(BASE / 2));
        assert_eq!(h.gate(t0 + BASE), Gate::Probe);
        // Each failed probe doubles the wait, up to the cap.
        let mut t = t0 + BASE;
        let mut waits = Vec::new();
        for _ in 0..7 {
            assert!(!h.refused(Refusal::Full, t, BASE, MAX));
            let Gate::Wait(d) = h.gate(t) else {
                panic!("waits after a failed probe")
            };
            waits.push(d.as_secs());
            t += d;
        }
        assert_eq!(waits, [2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(h.refusal(), Some(Refusal::Full));
        assert!(h.recovered(t).is_some());
        assert_eq!(h.gate(t), Gate::Open);
        assert_eq!(h.refusal(), None);
        assert!(h.recovered(t).is_none(), "nothing to end twice");
        // A new spell starts from the first wait again.
        assert!(h.refused(Refusal::Unwritable, t, BASE, MAX));
        assert_eq!(h.gate(t), Gate::Wait(BASE));
    }

    #[test]
    fn only_errors_about_the_journal_itself_pause_the_sender() {
        assert_eq!(refusal_of(&StoreError::Full), Some(Refusal::Full));
        assert_eq!(refusal_of(&StoreError::NotFound), None);
        assert_eq!(refusal_of(&StoreError::BillBusy(3)), None);
    }
}
