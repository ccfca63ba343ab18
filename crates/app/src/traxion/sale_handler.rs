//! Bill sales in the outbox: each attempt drives one sale towards the hub's final answer; at
//! start, sales the last run left behind are reconciled first.

use std::sync::Arc;

use ventanilla_core::outbox::{approach, Approach, AttentionReason, Outcome};
use ventanilla_core::payment::{Effect, SaleEvent, SaleState};
use ventanilla_store::{OutboxKind, OutboxRow, SaleRow};

use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::outbox::handler::{Attempt, OutboxHandler};
use crate::traxion::attention::explain;
use crate::traxion::gateway::{Traxion, GATEWAY};
use crate::traxion::sale_calls::{call_again_now, CallResult};
use crate::views::AttentionView;

pub(crate) struct BillSales(pub Arc<Traxion>);

impl OutboxHandler for BillSales {
    fn kind(&self) -> OutboxKind {
        OutboxKind::BillSale
    }

    fn gateway(&self) -> GatewayId {
        GATEWAY
    }

    fn attempt(&self, row: OutboxRow) -> Attempt<'_> {
        Box::pin(self.attempt_sale(row))
    }

    /// Notes which sales the last run left unresolved (the outbox resumes each by asking the
    /// hub before anything is sent again), and fetches receipts that never arrived.
    fn reconcile_at_start(&self) -> Result<(), UiError> {
        let hub = &self.0;
        let l = hub.locale();
        let (unresolved, missing) = {
            let store = hub.ctx.store();
            let unresolved = store
                .unresolved_sales()
                .map_err(|e| UiError::store(&e, l))?;
            let missing = store
                .sales_missing_receipt()
                .map_err(|e| UiError::store(&e, l))?;
            (unresolved, missing)
        };
        hub.restart.found(unresolved.iter().map(|r| r.id));
        for id in missing {
            hub.spawn_fetch_receipt(id);
        }
        Ok(())
    }

    fn attention(
        &self,
        row: &OutboxRow,
        reason: Option<&AttentionReason>,
    ) -> Result<AttentionView, UiError> {
        explain(&self.0, row, reason)
    }
}

impl BillSales {
    async fn attempt_sale(&self, row: OutboxRow) -> Outcome {
        let hub = &self.0;
        let sale_id = row.ref_id;
        let Ok(sale) = hub.ctx.store().sale(sale_id) else {
            return Outcome::CannotAttempt(AttentionReason::MissingRecord);
        };
        if sale.state.is_final() {
            return self.final_outcome(&sale);
        }
        let now = hub.ctx.now();
        // What the journal says decides the first call: never sent -> send (or, if the
        // idempotency key may have expired, ask first); possibly sent -> ask.
        let first = match &sale.state {
            SaleState::Journaled => match approach(&row.queued, true, &hub.ctx.cfg.delivery, now) {
                Approach::Send => Some(SaleEvent::Submit),
                Approach::LookUp => Some(SaleEvent::Resume),
            },
            SaleState::Sending | SaleState::Resending => Some(SaleEvent::Resume),
            _ => None,
        };
        let mut effect = match first {
            Some(event) => hub.apply(sale_id, event),
            None => Some(Effect::QueryAfter(std::time::Duration::ZERO)),
        };
        // At most three calls: a query that finds nothing may lead straight to the (re)send, and
        // a refused POST straight to the query that confirms it.
        let mut result = CallResult::Event(SaleEvent::QueryFailed);
        for _ in 0..3 {
            if hub.ctx.journal_refusing().is_some() {
                // Whatever the hub answered could not be recorded: ask again later.
                break;
            }
            result = match effect {
                Some(Effect::PostSale) => hub.post(sale_id).await,
                Some(Effect::QueryAfter(_)) => hub.query(sale_id).await,
                Some(Effect::FetchReceipt) | None => break,
            };
            effect = hub.apply(sale_id, result.event());
            if !call_again_now(&effect) {
                break;
            }
        }
        let Ok(sale) = hub.ctx.store().sale(sale_id) else {
            return Outcome::Failed("journal unreadable".into());
        };
        if sale.state.is_final() {
            return self.final_outcome(&sale);
        }
        match (result, effect) {
            (CallResult::Failed(_, error), _) => Outcome::Failed(error),
            (_, Some(Effect::QueryAfter(d))) => Outcome::Progress(d),
            (_, _) => Outcome::Progress(hub.ctx.cfg.poll.first),
        }
    }

    /// A final sale: done, unless it was taken offline and rejected (the customer left with a
    /// provisional receipt and must get the money back).
    fn final_outcome(&self, sale: &SaleRow) -> Outcome {
        match (&sale.state, sale.provisional) {
            (SaleState::Approved { .. }, _) => {
                if !sale.has_receipt {
                    self.0.spawn_fetch_receipt(sale.id);
                }
                Outcome::Final
            }
            (SaleState::Rejected { .. }, true) => {
                Outcome::FinalNeedsAttention(AttentionReason::RefundDue)
            }
            _ => Outcome::Final,
        }
    }
}
