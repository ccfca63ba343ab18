//! The hub calls of one sale's attempt, and the journal write of each answer: the sale's state
//! machine (`ventanilla_core::payment`) decides, this carries it out.

use std::time::Duration;

use ventanilla_core::payment::{step, Effect, HubVerdict, SaleEvent};
use ventanilla_core::ExternalData;
use ventanilla_gateways::traxion::SaleRequest;
use ventanilla_gateways::GatewayError;

use crate::traxion::gateway::Traxion;

/// What one network call came to, for the outbox's decision.
pub(crate) enum CallResult {
    Event(SaleEvent),
    /// No usable answer; the text is the diagnostic kept as the operation's last error.
    Failed(SaleEvent, String),
}

impl CallResult {
    pub fn event(&self) -> SaleEvent {
        match self {
            CallResult::Event(e) | CallResult::Failed(e, _) => e.clone(),
        }
    }
}

impl Traxion {
    /// Steps the sale's state machine and commits the result; returns the effect to carry out.
    /// If the journal cannot be written, nothing is sent: the attempt ends and is retried.
    pub fn apply(&self, sale_id: i64, event: SaleEvent) -> Option<Effect> {
        let ctx = &self.ctx;
        let now = ctx.now();
        let name = event_name(&event);
        let (row, effect) = {
            let mut store = ctx.store();
            let current = match store.sale(sale_id) {
                Ok(row) => row,
                Err(e) => {
                    tracing::error!(sale_id, error = %e, "journal unreadable; sale paused");
                    return None;
                }
            };
            let (next, effects) = step(&current.state, event, &ctx.cfg.poll);
            if next == current.state && effects.is_empty() {
                return None;
            }
            let next_check = effects.iter().find_map(|e| match e {
                Effect::QueryAfter(d) => chrono::Duration::from_std(*d).ok().map(|d| now + d),
                _ => None,
            });
            if let Err(e) = store.update_sale_state(sale_id, &next, name, next_check, now) {
                // Released before `journal_refused` reads the status through the store.
                drop(store);
                if !ctx.journal_refused(&e) {
                    tracing::error!(sale_id, error = %e, "journal write failed; sale paused");
                }
                return None;
            }
            (store.sale(sale_id).ok(), effects.into_iter().next())
        };
        if let Some(row) = row {
            if row.state.is_final() {
                self.earlier.settled(&row);
                self.restart.settled(row.id);
            }
            ctx.announce(&row);
        }
        effect
    }

    pub async fn post(&self, sale_id: i64) -> CallResult {
        let Ok(row) = self.ctx.store().sale(sale_id) else {
            return CallResult::Failed(SaleEvent::Lost, "journal unreadable".into());
        };
        let request = SaleRequest {
            client_transaction_id: row.client_transaction_id.clone(),
            amount: row.amount,
            product_id: row.company_id.clone(),
            external_data: ExternalData(row.external_data.clone()),
        };
        match self.call(self.client.pay(&request)).await {
            Ok(answer) => CallResult::Event(SaleEvent::Answered(answer)),
            Err(GatewayError::Refused { message, .. }) => {
                CallResult::Event(SaleEvent::Refused { message })
            }
            Err(e @ GatewayError::NotDelivered(_)) => {
                CallResult::Failed(SaleEvent::NotSent, e.to_string())
            }
            Err(e) => {
                tracing::warn!(sale_id, error = %e, "no usable answer to the sale; will ask the hub");
                CallResult::Failed(SaleEvent::Lost, e.to_string())
            }
        }
    }

    pub async fn query(&self, sale_id: i64) -> CallResult {
        let Ok(row) = self.ctx.store().sale(sale_id) else {
            return CallResult::Failed(SaleEvent::QueryFailed, "journal unreadable".into());
        };
        match self
            .call(self.client.sale_by_client_id(&row.client_transaction_id))
            .await
        {
            Ok(Some(answer)) => CallResult::Event(SaleEvent::Found(answer)),
            Ok(None) => CallResult::Event(SaleEvent::NotFound),
            Err(e) => {
                tracing::warn!(sale_id, error = %e, "status query failed");
                CallResult::Failed(SaleEvent::QueryFailed, e.to_string())
            }
        }
    }
}

/// True when the effect is to call the hub again at once, within the same attempt.
pub(crate) fn call_again_now(effect: &Option<Effect>) -> bool {
    matches!(effect, Some(Effect::PostSale)) || *effect == Some(Effect::QueryAfter(Duration::ZERO))
}

fn event_name(e: &SaleEvent) -> &'static str {
    match e {
        SaleEvent::Submit => "submit",
        SaleEvent::Resume => "resume",
        SaleEvent::Answered(a) if a.verdict == HubVerdict::Pending => "answered_pending",
        SaleEvent::Answered(_) => "answered",
        SaleEvent::Refused { .. } => "refused",
        SaleEvent::Lost => "lost",
        SaleEvent::NotSent => "not_sent",
        SaleEvent::Found(_) => "found",
        SaleEvent::NotFound => "not_found",
        SaleEvent::QueryFailed => "query_failed",
    }
}
