//! The hub calls of one sale's attempt, and the change each answer makes: the sale's state
//! machine (`ventanilla_core::payment`) decides, this works it out in memory, from the sale as
//! the attempt read it once; the attempt has it recorded before acting on it.

use std::time::Duration;

use ventanilla_core::payment::{step, Effect, HubVerdict, SaleEvent};
use ventanilla_core::ExternalData;
use ventanilla_gateways::traxion::SaleRequest;
use ventanilla_gateways::GatewayError;
use ventanilla_store::{SaleChange, SaleRow};

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

/// One step of a sale's state machine: the change to record, the sale as it stands once it is
/// recorded, and what to do next.
pub(crate) struct Stepped {
    pub change: SaleChange,
    pub row: SaleRow,
    pub effect: Option<Effect>,
}

impl Traxion {
    /// Steps the state machine of `row` (the sale as the journal has it) with `event`. `None`
    /// when the event changes nothing (out of order, or a final sale): nothing to record.
    pub fn step_sale(&self, row: &SaleRow, event: SaleEvent) -> Option<Stepped> {
        let now = self.ctx.now();
        let name = event_name(&event);
        let (next, effects) = step(&row.state, event, &self.ctx.cfg.poll);
        if next == row.state && effects.is_empty() {
            return None;
        }
        let next_check_at = effects.iter().find_map(|e| match e {
            Effect::QueryAfter(d) => chrono::Duration::from_std(*d).ok().map(|d| now + d),
            _ => None,
        });
        let mut after = row.clone();
        after.state = next.clone();
        after.next_check_at = next_check_at;
        after.updated_at = now;
        Some(Stepped {
            change: SaleChange {
                sale_id: row.id,
                state: next,
                event: name.to_string(),
                next_check_at,
                at: now,
            },
            row: after,
            effect: effects.into_iter().next(),
        })
    }

    /// A final sale settles its bill: from its commit on, charging the bill again looks at
    /// this sale. Run as the commit completes (`JournalWriter::write_then`), so no lookup finds
    /// the bill neither open nor settled in between.
    pub fn settled(&self, row: &SaleRow) {
        if row.state.is_final() {
            self.earlier.settled(row);
            self.restart.settled(row.id);
        }
    }

    pub async fn post(&self, row: &SaleRow) -> CallResult {
        let sale_id = row.id;
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

    pub async fn query(&self, row: &SaleRow) -> CallResult {
        let sale_id = row.id;
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
