//! The sender's decisions for deferred remote operations, as pure functions: which queued
//! operations to attempt now, whether to send or first look the operation up, and what to do
//! with each answer. The caller owns the queue (in SQLite) and the network; this owns the rules.

use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::time::Duration;

use crate::link::LinkState;

mod attention;

pub use attention::AttentionReason;

/// How persistently the sender retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryPolicy {
    /// Failed attempts in a row after which the operation waits for a person.
    pub max_attempts: u32,
    /// First retry delay after a failure; doubles on each failure up to `backoff_max`.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// After this, a gateway may have forgotten the idempotency key: look the operation up
    /// instead of resending it blindly.
    pub key_lifetime: Duration,
    /// Operations attempted at once.
    pub concurrency: usize,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        DeliveryPolicy {
            max_attempts: 30,
            backoff_base: Duration::from_secs(1),
            backoff_max: Duration::from_secs(300),
            key_lifetime: Duration::from_secs(24 * 3600),
            concurrency: 8,
        }
    }
}

/// One queued operation as the sender sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub id: i64,
    /// Operations with the same key are delivered in order, one at a time (a bill, an order).
    pub key: String,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: DateTime<Utc>,
    pub attempts: u32,
}

/// Which operations to attempt now: due ones, each the oldest of its key, none whose key is
/// already in flight, oldest first, up to the free capacity. While the link is offline only the
/// oldest operation of the whole queue goes, when due, as the probe that finds out whether the
/// link is back; the rest keep their place (and their never-sent state) until it is. A link
/// not yet known is treated as up, so the first sale is tried at once.
pub fn pick(
    queue: &[Queued],
    in_flight: &HashSet<String>,
    link: LinkState,
    policy: &DeliveryPolicy,
    now: DateTime<Utc>,
) -> Vec<i64> {
    pick_free(queue, in_flight, in_flight.len(), link, policy, now)
}

/// [`pick`] for a sender whose attempts give back their slot when their calls are over, while
/// their last answer is still being recorded: `busy` holds every key with an attempt under way
/// or an answer not yet recorded (nothing more of those keys starts, and while offline nothing
/// probes), `attempting` counts the attempts still calling (what the capacity bounds).
pub fn pick_free(
    queue: &[Queued],
    busy: &HashSet<String>,
    attempting: usize,
    link: LinkState,
    policy: &DeliveryPolicy,
    now: DateTime<Utc>,
) -> Vec<i64> {
    let mut ordered: Vec<&Queued> = queue.iter().collect();
    ordered.sort_by_key(|q| (q.created_at, q.id));
    if link == LinkState::Offline {
        return match ordered.first() {
            Some(q) if busy.is_empty() && q.next_attempt_at <= now => vec![q.id],
            _ => vec![],
        };
    }
    let capacity = policy.concurrency.saturating_sub(attempting);
    let mut seen_keys: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for q in ordered {
        let first_of_key = seen_keys.insert(q.key.as_str());
        if out.len() >= capacity {
            break;
        }
        if first_of_key && !busy.contains(&q.key) && q.next_attempt_at <= now {
            out.push(q.id);
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approach {
    /// Send (or resend) with the original idempotency key.
    Send,
    /// Ask the gateway what became of the operation first.
    LookUp,
}

/// Before an attempt that would send: an operation older than the key lifetime is looked up.
pub fn approach(
    q: &Queued,
    wants_send: bool,
    policy: &DeliveryPolicy,
    now: DateTime<Utc>,
) -> Approach {
    let age = (now - q.created_at).to_std().unwrap_or(Duration::ZERO);
    if wants_send && age >= policy.key_lifetime {
        Approach::LookUp
    } else if wants_send {
        Approach::Send
    } else {
        Approach::LookUp
    }
}

/// What an attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The gateway gave its final answer and nothing more is needed.
    Final,
    /// Final, but a person must act (an offline sale the gateway rejected: refund the customer).
    FinalNeedsAttention(AttentionReason),
    /// The gateway refused the operation itself, in its own words (verbatim).
    Refused(String),
    /// The operation cannot be attempted at all (its record is gone): a person must look.
    CannotAttempt(AttentionReason),
    /// The gateway has it but has not decided: ask again after this long (not a failure).
    Progress(Duration),
    /// No usable answer (timeout, transport error, 5xx, garbage). The text is a diagnostic kept
    /// as the operation's last error for support staff, never a reason shown as such.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Done,
    Retry {
        at: DateTime<Utc>,
        attempts: u32,
    },
    Attention {
        reason: AttentionReason,
        attempts: u32,
    },
}

/// The next step for one operation after an attempt. `jitter_permille` (0..=1000) comes from
/// the caller's randomness so this stays exact; it spreads retries of many counters that lost
/// the link together.
pub fn next(
    q: &Queued,
    outcome: Outcome,
    policy: &DeliveryPolicy,
    now: DateTime<Utc>,
    jitter_permille: u16,
) -> Next {
    match outcome {
        Outcome::Final => Next::Done,
        Outcome::FinalNeedsAttention(reason) | Outcome::CannotAttempt(reason) => Next::Attention {
            reason,
            attempts: q.attempts,
        },
        Outcome::Refused(message) => Next::Attention {
            reason: AttentionReason::Refused { message },
            attempts: q.attempts,
        },
        Outcome::Progress(after) => Next::Retry {
            at: now + chrono_duration(after),
            attempts: 0,
        },
        Outcome::Failed(_) => {
            let attempts = q.attempts + 1;
            if attempts >= policy.max_attempts {
                // The last error itself is kept beside the reason by the caller.
                Next::Attention {
                    reason: AttentionReason::NoAnswer { attempts },
                    attempts,
                }
            } else {
                let delay = backoff(attempts, policy, jitter_permille);
                Next::Retry {
                    at: now + chrono_duration(delay),
                    attempts,
                }
            }
        }
    }
}

/// Exponential backoff with "equal jitter": half the delay is fixed, half is random.
pub fn backoff(attempts: u32, policy: &DeliveryPolicy, jitter_permille: u16) -> Duration {
    let exp = attempts.saturating_sub(1).min(20);
    let full = policy
        .backoff_base
        .saturating_mul(1u32 << exp)
        .min(policy.backoff_max);
    let half = full / 2;
    half + permille_of(half, jitter_permille.min(1000))
}

/// `d * permille / 1000`, in whole milliseconds (no floating point anywhere near the queue).
fn permille_of(d: Duration, permille: u16) -> Duration {
    let ms = d.as_millis().saturating_mul(u128::from(permille)) / 1000;
    Duration::from_millis(u64::try_from(ms).unwrap_or(u64::MAX))
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued(id: i64, key: &str) -> Queued {
        let t = DateTime::<Utc>::from_timestamp(1_800_000_000 + id, 0).unwrap();
        Queued {
            id,
            key: key.into(),
            created_at: t,
            next_attempt_at: t,
            attempts: 0,
        }
    }

    #[test]
    fn an_attempt_recording_its_answer_keeps_its_key_but_not_its_slot() {
        let now = DateTime::<Utc>::from_timestamp(1_900_000_000, 0).unwrap();
        let policy = DeliveryPolicy {
            concurrency: 2,
            ..DeliveryPolicy::default()
        };
        let queue = [
            queued(1, "a"),
            queued(2, "b"),
            queued(3, "c"),
            queued(4, "a"),
        ];
        // "a" is being recorded, nothing is calling: two slots, and "a" waits.
        let busy: HashSet<String> = ["a".to_string()].into();
        assert_eq!(
            pick_free(&queue, &busy, 0, LinkState::Online, &policy, now),
            vec![2, 3]
        );
        // One attempt still calling: one slot.
        assert_eq!(
            pick_free(&queue, &busy, 1, LinkState::Online, &policy, now),
            vec![2]
        );
        // `pick` is the case where every busy key is calling.
        assert_eq!(
            pick(&queue, &busy, LinkState::Online, &policy, now),
            vec![2]
        );
        // Offline, nothing probes while anything is busy.
        assert_eq!(
            pick_free(&queue, &busy, 0, LinkState::Offline, &policy, now),
            Vec::<i64>::new()
        );
        assert_eq!(
            pick_free(&queue, &HashSet::new(), 0, LinkState::Offline, &policy, now),
            vec![1]
        );
    }
}
