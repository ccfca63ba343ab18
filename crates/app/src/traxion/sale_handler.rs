//! Bill sales in the outbox: each attempt drives one sale towards the hub's final answer; at
//! start, sales the last run left behind are reconciled first.
//!
//! An attempt reads its sale once and keeps it in memory from then on: it is the only one that
//! changes the sale's state (one attempt at a time per bill). Each change it acts on (the sale
//! marked as being sent, a refusal to confirm, a resend) is on disk before the call that
//! follows it; the last answer goes back to the sender unwritten, to be committed with the
//! outbox's decision about it.

use std::sync::Arc;

use ventanilla_core::outbox::{approach, Approach, AttentionReason, Outcome};
use ventanilla_core::payment::{Effect, SaleEvent, SaleState};
use ventanilla_store::{OutboxKind, OutboxRow, SaleRow, SenderWrites};

use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::outbox::handler::{Attempt, Attempted, OutboxHandler};
use crate::outbox::writer::JournalWriter;
use crate::traxion::attention::explain;
use crate::traxion::gateway::{Traxion, GATEWAY};
use crate::traxion::sale_calls::{call_again_now, CallResult, Stepped};
use crate::views::AttentionView;

/// Hub calls in one attempt at most: a query that finds nothing may lead straight to the
/// (re)send, and a refused POST straight to the query that confirms it.
const CALLS_PER_ATTEMPT: usize = 3;

pub(crate) struct BillSales(pub Arc<Traxion>);

impl OutboxHandler for BillSales {
    fn kind(&self) -> OutboxKind {
        OutboxKind::BillSale
    }

    fn gateway(&self) -> GatewayId {
        GATEWAY
    }

    fn attempt<'a>(&'a self, row: OutboxRow, journal: &'a JournalWriter) -> Attempt<'a> {
        Box::pin(self.attempt_sale(row, journal))
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
    async fn attempt_sale(&self, row: OutboxRow, journal: &JournalWriter) -> Attempted {
        let hub = &self.0;
        let Ok(mut sale) = journal.read(|store| store.sale(row.ref_id)) else {
            return Attempted::just(Outcome::CannotAttempt(AttentionReason::MissingRecord));
        };
        if sale.state.is_final() {
            return self.finished(sale, SenderWrites::default());
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
            Some(event) => match hub.step_sale(&sale, event) {
                Some(stepped) => match self.record(stepped, journal).await {
                    Some((row, effect)) => {
                        sale = row;
                        effect
                    }
                    None => None,
                },
                None => None,
            },
            None => Some(Effect::QueryAfter(std::time::Duration::ZERO)),
        };
        let mut result = CallResult::Event(SaleEvent::QueryFailed);
        let mut last: Option<Stepped> = None;
        for call in 1..=CALLS_PER_ATTEMPT {
            if hub.ctx.journal_refusing().is_some() {
                // Whatever the hub answered could not be recorded: ask again later.
                break;
            }
            result = match effect {
                Some(Effect::PostSale) => hub.post(&sale).await,
                Some(Effect::QueryAfter(_)) => hub.query(&sale).await,
                Some(Effect::FetchReceipt) | None => break,
            };
            let Some(stepped) = hub.step_sale(&sale, result.event()) else {
                effect = None;
                break;
            };
            if !call_again_now(&stepped.effect) || call == CALLS_PER_ATTEMPT {
                // The attempt ends on this answer: the sender records it with its decision.
                effect = stepped.effect.clone();
                last = Some(stepped);
                break;
            }
            // The next call acts on this answer: it is on disk first.
            match self.record(stepped, journal).await {
                Some((row, next)) => {
                    sale = row;
                    effect = next;
                }
                None => {
                    effect = None;
                    break;
                }
            }
        }
        let mut unwritten = SenderWrites::default();
        if let Some(stepped) = last {
            unwritten.sales.push(stepped.change);
            sale = stepped.row;
        }
        if sale.state.is_final() {
            return self.finished(sale, unwritten);
        }
        let outcome = match (result, effect) {
            (CallResult::Failed(_, error), _) => Outcome::Failed(error),
            (_, Some(Effect::QueryAfter(d))) => Outcome::Progress(d),
            (_, _) => Outcome::Progress(hub.ctx.cfg.poll.first),
        };
        let hub = Arc::clone(&self.0);
        let changed = !unwritten.is_empty();
        Attempted {
            outcome,
            unwritten,
            on_commit: None,
            then: changed
                .then(|| Box::new(move || hub.ctx.announce(&sale)) as Box<dyn FnOnce() + Send>),
        }
    }

    /// Records one change durably and tells of it; the sale as it now stands and what to do
    /// next. `None` when the journal could not take it: nothing is sent on an unrecorded change.
    async fn record(
        &self,
        stepped: Stepped,
        journal: &JournalWriter,
    ) -> Option<(SaleRow, Option<Effect>)> {
        let hub = &self.0;
        let sale_id = stepped.row.id;
        let writes = SenderWrites {
            sales: vec![stepped.change],
            outbox: vec![],
        };
        if let Err(e) = journal.write(writes).await {
            if !hub.ctx.journal_refused(&e) {
                tracing::error!(sale_id, error = %e, "journal write failed; sale paused");
            }
            return None;
        }
        // Never final: a final change ends the attempt, and goes back to the sender. While a
        // backlog drains, its sales' passing states are not told: each lasts a moment, and every
        // listener would look it up; the state each one ends in always is.
        if !hub.ctx.outbox_backlog() {
            hub.ctx.announce(&stepped.row);
        }
        Some((stepped.row, stepped.effect))
    }

    /// A final sale: done, unless it was taken offline and rejected (the customer left with a
    /// provisional receipt and must get the money back). Once its last change is on disk, the
    /// screen hears of it and an approved sale's receipt is fetched.
    fn finished(&self, sale: SaleRow, unwritten: SenderWrites) -> Attempted {
        let outcome = match (&sale.state, sale.provisional) {
            (SaleState::Rejected { .. }, true) => {
                Outcome::FinalNeedsAttention(AttentionReason::RefundDue)
            }
            _ => Outcome::Final,
        };
        let fetch = matches!(sale.state, SaleState::Approved { .. }) && !sale.has_receipt;
        let changed = !unwritten.is_empty();
        if !changed && !fetch {
            return Attempted::just(outcome);
        }
        let hub = Arc::clone(&self.0);
        let settling = changed.then(|| {
            let (hub, sale) = (Arc::clone(&hub), sale.clone());
            Box::new(move || hub.settled(&sale)) as Box<dyn FnOnce() + Send>
        });
        Attempted {
            outcome,
            unwritten,
            on_commit: settling,
            then: Some(Box::new(move || {
                if changed {
                    hub.ctx.announce(&sale);
                }
                if fetch {
                    hub.spawn_fetch_receipt(sale.id);
                }
            })),
        }
    }
}
