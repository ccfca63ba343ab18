//! The live fault plan: which rules act on a request, merged, with their counts spent.

use std::sync::{Mutex, MutexGuard};

use rust_decimal::Decimal;

use super::action::Action;
use super::plan::FaultPlan;
use super::rule::FaultRule;
use super::target::Target;

/// Effects at one stage (before or after the handler).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stage {
    pub latency_ms: u64,
    pub action: Option<Action>,
}

/// The merged effect of the rules that matched one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    pub before: Stage,
    pub after: Stage,
    pub pay: PayFaults,
    pub callbacks: CallbackFaults,
}

/// The callback-bending part of a fault, read where a gateway sends its callbacks; the delay
/// between deliveries is the rules' `latency_ms`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallbackFaults {
    pub duplicate: bool,
    pub reorder: bool,
    pub fail_items: Option<u64>,
}

/// The payment-bending part of a fault, handed to the handler of an endpoint that takes
/// payments in the request's extensions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PayFaults {
    pub pending_secs: Option<u64>,
    pub reject_rate: Option<Decimal>,
    pub echo_other_id: bool,
    pub echo_other_amount: bool,
}

/// The live fault plan (counts are spent here).
#[derive(Debug, Default)]
pub struct FaultCtl {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultCtl {
    pub fn new(plan: FaultPlan) -> Self {
        FaultCtl {
            rules: Mutex::new(plan.rules),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<FaultRule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The rules in force, with their remaining counts.
    pub fn plan(&self) -> FaultPlan {
        FaultPlan {
            rules: self.lock().clone(),
        }
    }

    pub fn set(&self, plan: FaultPlan) {
        *self.lock() = plan.rules;
    }

    pub fn add(&self, plan: FaultPlan) {
        self.lock().extend(plan.rules);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Picks the rules for one request to `hit`, spending their counts.
    pub fn take(&self, hit: Target) -> Applied {
        let mut rules = self.lock();
        let mut applied = Applied::default();
        for rule in rules.iter_mut().filter(|r| r.applies_to(hit)) {
            let stage = if rule.after_commit {
                &mut applied.after
            } else {
                &mut applied.before
            };
            stage.latency_ms += rule.latency_ms.unwrap_or(0);
            if stage.action.is_none() {
                stage.action = rule.action();
            }
            if hit.bends() {
                applied.pay.pending_secs = applied.pay.pending_secs.or(rule.pending_secs);
                applied.pay.reject_rate = applied.pay.reject_rate.or(rule.reject_rate);
                applied.pay.echo_other_id |= rule.echo_other_id;
                applied.pay.echo_other_amount |= rule.echo_other_amount;
            }
            if hit.delivers() {
                applied.callbacks.duplicate |= rule.duplicate;
                applied.callbacks.reorder |= rule.reorder;
                applied.callbacks.fail_items = applied.callbacks.fail_items.or(rule.fail_items);
            }
            if let Some(c) = rule.count.as_mut() {
                *c = c.saturating_sub(1);
            }
        }
        rules.retain(|r| r.count != Some(0));
        applied
    }
}
