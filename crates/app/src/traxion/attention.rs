//! A bill sale waiting for a person, explained for the supervisor: what happened, what to do,
//! and the hub's own words apart.

use ventanilla_core::outbox::AttentionReason;
use ventanilla_core::payment::SaleState;
use ventanilla_store::{OutboxRow, SaleRow};

use crate::error::UiError;
use crate::i18n::Locale;
use crate::sale_view::sale_view;
use crate::traxion::gateway::Traxion;
use crate::views::AttentionView;

pub(crate) fn explain(
    hub: &Traxion,
    row: &OutboxRow,
    reason: Option<&AttentionReason>,
) -> Result<AttentionView, UiError> {
    let l = hub.locale();
    let sale = hub
        .ctx
        .store()
        .sale(row.ref_id)
        .map_err(|e| UiError::store(&e, l))?;
    let (reason, hub_reason) = words(&sale, reason, row.queued.attempts, l);
    Ok(AttentionView {
        outbox_id: row.id,
        title: sale.company_name.clone(),
        customer_id: sale.customer_id.clone(),
        amount: crate::views::MoneyView::new(&sale.amount, l),
        sale: Some(sale_view(&sale, &hub.ctx.cfg, hub.ctx.now())),
        reason,
        hub_reason,
        since: row.updated_at.to_rfc3339(),
        attempts: row.queued.attempts,
        last_error: row.last_error.clone(),
    })
}

/// Why the sale waits for a person, in the cashier's language; the hub's words apart.
fn words(
    sale: &SaleRow,
    reason: Option<&AttentionReason>,
    attempts: u32,
    l: Locale,
) -> (String, Option<String>) {
    let hub_rejection = match &sale.state {
        SaleState::Rejected { reason, .. } => Some(reason.clone()),
        _ => None,
    };
    // A reason the journal cannot tell is read from the sale itself.
    let reason = reason.cloned().unwrap_or(match hub_rejection {
        Some(_) => AttentionReason::RefundDue,
        None => AttentionReason::NoAnswer { attempts },
    });
    let amount = l.money(&sale.amount);
    let (customer, company) = (&sale.customer_id, &sale.company_name);
    match reason {
        AttentionReason::RefundDue => (
            l.pick(
                format!("El sistema de cobro rechazó un cobro hecho sin conexión: devuelva {amount} al cliente {customer} ({company}) y márquelo como resuelto."),
                format!("The hub rejected a payment taken offline: give {amount} back to customer {customer} ({company}) and mark it resolved."),
            ),
            hub_rejection,
        ),
        AttentionReason::NoAnswer { attempts } => (
            l.pick(
                format!("Sin respuesta del sistema de cobro tras {attempts} intentos. Reintente cuando vuelva la conexión, o resuélvalo tras confirmarlo con la empresa."),
                format!("No answer from the hub after {attempts} attempts. Retry when the link is back, or resolve it after checking with the company."),
            ),
            None,
        ),
        AttentionReason::Refused { message } => (
            l.pick(
                format!("El sistema de cobro rechazó el cobro de {amount} del cliente {customer} ({company}). Revise el motivo con la empresa antes de reintentarlo o resolverlo."),
                format!("The hub refused the payment of {amount} by customer {customer} ({company}). Check the reason with the company before retrying or resolving it."),
            ),
            Some(message),
        ),
        AttentionReason::MissingRecord => (
            l.pick(
                "Esta operación no encuentra su cobro en el diario de la caja. Avise al supervisor antes de resolverla.",
                "This operation's payment is missing from the counter's journal. Tell your supervisor before resolving it.",
            ),
            None,
        ),
    }
}
