//! One fault rule: the target it is keyed to and its effects. Absent effects do nothing.

use rust_decimal::Decimal;

use super::action::{Action, ErrorBody};
use super::target::{GatewayEndpoint, Target};

/// One fault. Written as JSON by `json.rs` and as a spec string by `spec.rs`.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultRule {
    /// The gateway's endpoint, or all of the gateway's endpoints, the rule applies to.
    pub target: Target,
    /// Wait this long (before the handler, or after it with `after_commit`).
    pub latency_ms: Option<u64>,
    /// Never answer; keep the connection open.
    pub no_answer: bool,
    /// Close the TCP connection with a reset, no answer.
    pub reset: bool,
    /// Answer this status (e.g. 500, 502, 503) with `http_body`.
    pub http_status: Option<u16>,
    pub http_body: Option<ErrorBody>,
    /// Answer 200 with a body that is not JSON (truncated JSON).
    pub garbage: bool,
    /// Payments only: the sale shows `pending` for this many seconds, then its final state.
    pub pending_secs: Option<u64>,
    /// Payments only: fraction 0..=1 of payments rejected with a plausible reason
    /// (deterministic in the seed and the clientTransactionId).
    pub reject_rate: Option<Decimal>,
    /// Payments only: the sale is recorded, but the answer names another `clientTransactionId`
    /// (a crossed wire: the answer to somebody else's request).
    pub echo_other_id: bool,
    /// Payments only: the sale is recorded, but the answer states another amount.
    pub echo_other_amount: bool,
    /// Apply to the next N matching requests only; absent = always.
    pub count: Option<u64>,
    /// Run the handler first (a pay is recorded), then apply the transport fault to its answer.
    pub after_commit: bool,
    /// Outbound callbacks only: deliver every callback twice.
    pub duplicate: bool,
    /// Outbound callbacks only: deliver a report's callbacks in reverse order (the last item,
    /// with the order's final status, first).
    pub reorder: bool,
    /// Outbound callbacks only: this many of a report's items fail (status `Error`).
    pub fail_items: Option<u64>,
}

impl FaultRule {
    /// A rule that does nothing yet, for `endpoint` of its gateway.
    pub fn on(endpoint: impl GatewayEndpoint) -> Self {
        FaultRule::at(Target::of(endpoint))
    }

    /// A rule that does nothing yet, for `target`.
    pub fn at(target: Target) -> Self {
        FaultRule {
            target,
            latency_ms: None,
            no_answer: false,
            reset: false,
            http_status: None,
            http_body: None,
            garbage: false,
            pending_secs: None,
            reject_rate: None,
            echo_other_id: false,
            echo_other_amount: false,
            count: None,
            after_commit: false,
            duplicate: false,
            reorder: false,
            fail_items: None,
        }
    }

    /// Checks values (status range, rate range, at least one effect).
    pub fn validate(&self) -> Result<(), String> {
        if let Some(s) = self.http_status {
            if !(100..=599).contains(&s) {
                return Err(format!("http_status {s} is not an HTTP status"));
            }
        }
        if let Some(r) = self.reject_rate {
            if r < Decimal::ZERO || r > Decimal::ONE {
                return Err(format!("reject_rate {r} is not within 0..1"));
            }
        }
        if !self.has_transport_effect() && !self.has_pay_effect() && !self.has_callback_effect() {
            return Err(format!("fault rule for {} has no effect", self.target));
        }
        Ok(())
    }

    fn has_transport_effect(&self) -> bool {
        self.latency_ms.is_some_and(|l| l > 0)
            || self.no_answer
            || self.reset
            || self.http_status.is_some()
            || self.garbage
    }

    fn has_pay_effect(&self) -> bool {
        self.pending_secs.is_some()
            || self.reject_rate.is_some()
            || self.echo_other_id
            || self.echo_other_amount
    }

    fn has_callback_effect(&self) -> bool {
        self.duplicate || self.reorder || self.fail_items.is_some()
    }

    /// True when the rule acts on a request to `hit`: its target covers it, it has uses left,
    /// and it has an effect there (payment-bending effects act only where payments are taken;
    /// on an outbound delivery only its delay and the callback effects mean anything).
    pub fn applies_to(&self, hit: Target) -> bool {
        let acts = if hit.delivers() {
            self.latency_ms.is_some_and(|l| l > 0) || self.has_callback_effect()
        } else {
            self.has_transport_effect() || (hit.bends() && self.has_pay_effect())
        };
        self.target.covers(hit) && self.count != Some(0) && acts
    }

    /// The one action of this rule: `reset` > `no_answer` > `http_status` > `garbage`.
    pub fn action(&self) -> Option<Action> {
        if self.reset {
            Some(Action::Reset)
        } else if self.no_answer {
            Some(Action::NoAnswer)
        } else if let Some(s) = self.http_status {
            Some(Action::Status(s, self.http_body.unwrap_or_default()))
        } else if self.garbage {
            Some(Action::Garbage)
        } else {
            None
        }
    }
}
