//! Tax payment reports in the outbox: each attempt sends the order's one report (the same
//! reference every time) until the platform acknowledges or refuses it. The report only queues
//! the payment there; each debt's outcome arrives by callback (`callback`).

use std::sync::Arc;

use ventanilla_core::arkadu::{step, Delivery, OrderEvent, OrderState, PlatformRefusal};
use ventanilla_core::outbox::{AttentionReason, Outcome};
use ventanilla_gateways::GatewayError;
use ventanilla_store::{OutboxKind, OutboxRow};

use crate::arkadu::gateway::{Arkadu, GATEWAY};
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::i18n::Locale;
use crate::outbox::handler::{Attempt, Attempted, OutboxHandler};
use crate::outbox::writer::JournalWriter;
use crate::views::{AttentionView, MoneyView};

pub(crate) struct TaxReports(pub Arc<Arkadu>);

impl OutboxHandler for TaxReports {
    fn kind(&self) -> OutboxKind {
        OutboxKind::TaxReport
    }

    fn gateway(&self) -> GatewayId {
        GATEWAY
    }

    fn attempt<'a>(&'a self, row: OutboxRow, _journal: &'a JournalWriter) -> Attempt<'a> {
        Box::pin(async move { Attempted::just(self.send(&row).await) })
    }

    fn attention(
        &self,
        row: &OutboxRow,
        reason: Option<&AttentionReason>,
    ) -> Result<AttentionView, UiError> {
        let t = &self.0;
        let l = t.locale();
        let record = t.order(row.ref_id)?;
        let order = record
            .state
            .order()
            .ok_or_else(|| UiError::internal(l, "a reported tax order without its order"))?;
        let (mut reason, platform) = words(reason, row.queued.attempts, l);
        if let OrderState::ReportRefused { refusal, .. } = &record.state {
            // The likeliest refusal has a cause the supervisor should hear in plain words.
            if refusal
                .code
                .as_deref()
                .is_some_and(|c| c.split(':').next() == Some("ORDER_EXPIRED"))
            {
                reason = crate::arkadu::words::report_after_expiry(l);
            }
        }
        Ok(AttentionView {
            outbox_id: row.id,
            title: l.pick(
                format!("Orden de impuestos {}", order.id()),
                format!("Tax order {}", order.id()),
            ),
            customer_id: record.doc_id.clone(),
            amount: MoneyView::new(&order.total(), l),
            sale: None,
            reason,
            hub_reason: platform,
            since: row.updated_at.to_rfc3339(),
            attempts: row.queued.attempts,
            last_error: row.last_error.clone(),
        })
    }
}

impl TaxReports {
    async fn send(&self, row: &OutboxRow) -> Outcome {
        let t = &self.0;
        let Ok(record) = t.ctx.read(|s| s.tax_order(row.ref_id)) else {
            return Outcome::CannotAttempt(AttentionReason::MissingRecord);
        };
        let (Some(order), Some(settlement)) = (record.state.order(), record.state.settlement())
        else {
            return Outcome::CannotAttempt(AttentionReason::MissingRecord);
        };
        // Acknowledged, or overtaken by its callbacks: the platform has it.
        if !matches!(record.state, OrderState::Reported { .. })
            || settlement.delivery == Delivery::Sent
        {
            return Outcome::Final;
        }
        let answer = t
            .call(t.client.report_payment(order.id(), &settlement.report))
            .await;
        let event = match answer {
            Ok(()) => OrderEvent::ReportAccepted,
            Err(GatewayError::Refused { code, message }) => {
                OrderEvent::ReportRefused(PlatformRefusal {
                    code: (!code.is_empty()).then_some(code),
                    message,
                })
            }
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let refused = matches!(event, OrderEvent::ReportRefused(_));
        let message = match &event {
            OrderEvent::ReportRefused(r) => r.message.clone(),
            _ => String::new(),
        };
        let _one = t.changing.lock().await;
        // Read again: a callback may have moved the order on while the report was on its way.
        let Ok(record) = t.ctx.read(|s| s.tax_order(row.ref_id)) else {
            return Outcome::Failed("the tax order could not be read again".into());
        };
        let (state, _) = step(&record.state, event);
        if state != record.state {
            if let Err(e) = t.save(&record.doc_id, &state) {
                return Outcome::Failed(e.message);
            }
            t.ticket_changed(row.ref_id);
        }
        if refused {
            Outcome::Refused(message)
        } else {
            Outcome::Final
        }
    }
}

fn words(reason: Option<&AttentionReason>, attempts: u32, l: Locale) -> (String, Option<String>) {
    match reason {
        Some(AttentionReason::Refused { message }) => (
            l.pick(
                "La plataforma de impuestos rechazó el pago informado: devuelva el dinero de la orden al cliente y márquelo como resuelto.",
                "The tax platform refused the reported payment: give the order's money back to the customer and mark it resolved.",
            ),
            Some(message.clone()),
        ),
        Some(AttentionReason::MissingRecord) => (
            l.pick(
                "Este informe de pago no encuentra su orden en el diario de la caja. Avise al supervisor antes de resolverlo.",
                "This payment report's order is missing from the counter's journal. Tell your supervisor before resolving it.",
            ),
            None,
        ),
        _ => (
            l.pick(
                format!("Sin respuesta de la plataforma de impuestos tras {attempts} intentos de informar el pago. Reintente cuando vuelva la conexión."),
                format!("No answer from the tax platform after {attempts} attempts to report the payment. Retry when the link is back."),
            ),
            None,
        ),
    }
}
