//! One link state per gateway, kept from every real call's outcome and a light periodic probe.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ventanilla_core::link::{Link, LinkPolicy, LinkState, Observation};

use crate::gateway_id::GatewayId;

struct Entry {
    gateway: GatewayId,
    link: Mutex<Link>,
    /// When the gateway was last called, to probe only when nothing else tells the link's state.
    last_call: Mutex<Option<Instant>>,
}

/// The links of every gateway this counter talks to, in the order they were registered.
pub(crate) struct Links {
    entries: Vec<Entry>,
}

impl Links {
    pub fn new(gateways: &[GatewayId]) -> Links {
        Links {
            entries: gateways
                .iter()
                .map(|g| Entry {
                    gateway: *g,
                    link: Mutex::new(Link::default()),
                    last_call: Mutex::new(None),
                })
                .collect(),
        }
    }

    fn entry(&self, gateway: GatewayId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.gateway == gateway)
    }

    /// Every registered gateway with its link as it stands.
    pub fn all(&self) -> Vec<(GatewayId, Link)> {
        self.entries
            .iter()
            .map(|e| (e.gateway, lock(&e.link).clone()))
            .collect()
    }

    /// A gateway that was never registered has never been called: its state is unknown.
    pub fn state(&self, gateway: GatewayId) -> LinkState {
        self.entry(gateway)
            .map_or(LinkState::Unknown, |e| lock(&e.link).state)
    }

    /// Records a call's outcome; true when the link's state changed.
    pub fn observe(
        &self,
        gateway: GatewayId,
        observation: Observation,
        policy: &LinkPolicy,
        now: DateTime<Utc>,
    ) -> bool {
        let Some(entry) = self.entry(gateway) else {
            tracing::error!(
                gateway = gateway.as_str(),
                "a call to a gateway with no link"
            );
            return false;
        };
        let mut link = lock(&entry.link);
        *lock(&entry.last_call) = Some(Instant::now());
        link.observe(observation, policy, now)
    }

    /// True when no call has told anything about the gateway's link for `every`.
    pub fn quiet(&self, gateway: GatewayId, every: Duration) -> bool {
        self.entry(gateway)
            .is_some_and(|e| lock(&e.last_call).is_none_or(|t| t.elapsed() >= every))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
