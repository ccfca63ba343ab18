//! How a gateway's link is doing, from the outcomes of real calls and of a light probe.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkState {
    /// No call has been made yet.
    Unknown,
    Online,
    /// Answers, but slowly or with some failures.
    Degraded,
    Offline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkPolicy {
    /// Failures in a row that make the link offline.
    pub offline_after: u32,
    /// Answers slower than this make the link degraded.
    pub slow: Duration,
}

impl Default for LinkPolicy {
    fn default() -> Self {
        LinkPolicy {
            offline_after: 2,
            slow: Duration::from_secs(3),
        }
    }
}

/// The link's state, updated with every call's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub state: LinkState,
    pub failures_in_a_row: u32,
    pub last_success: Option<DateTime<Utc>>,
    pub last_change: Option<DateTime<Utc>>,
}

impl Default for Link {
    fn default() -> Self {
        Link {
            state: LinkState::Unknown,
            failures_in_a_row: 0,
            last_success: None,
            last_change: None,
        }
    }
}

/// A call's outcome as far as the link is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observation {
    /// The gateway answered (even a business refusal is an answer).
    Answered { took: Duration },
    /// No usable answer: timeout, transport error, 5xx, garbage.
    Failed,
}

impl Link {
    /// Applies an observation; returns true when the state changed.
    pub fn observe(&mut self, o: Observation, policy: &LinkPolicy, now: DateTime<Utc>) -> bool {
        let before = self.state;
        match o {
            Observation::Answered { took } => {
                self.failures_in_a_row = 0;
                self.last_success = Some(now);
                self.state = if took > policy.slow {
                    LinkState::Degraded
                } else {
                    LinkState::Online
                };
            }
            Observation::Failed => {
                self.failures_in_a_row = self.failures_in_a_row.saturating_add(1);
                self.state = if self.failures_in_a_row >= policy.offline_after {
                    LinkState::Offline
                } else {
                    LinkState::Degraded
                };
            }
        }
        if self.state != before {
            self.last_change = Some(now);
        }
        self.state != before
    }
}
