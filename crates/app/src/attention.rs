//! Operations that wait for a person: the supervisor sees why, and retries or resolves them.

use crate::error::{ErrorCode, UiError};
use crate::service::Ventanilla;
use crate::views::AttentionView;

impl Ventanilla {
    pub fn needs_attention(&self) -> Result<Vec<AttentionView>, UiError> {
        let l = self.inner.cfg.locale;
        let store = self.inner.store();
        let rows = store
            .outbox_attention()
            .map_err(|e| UiError::store(&e, l))?;
        rows.into_iter()
            .map(|row| {
                let sale = store.sale(row.ref_id).map_err(|e| UiError::store(&e, l))?;
                let (reason, hub_reason) = explain(&sale, row.queued.attempts, l);
                Ok(AttentionView {
                    outbox_id: row.id,
                    sale: self.sale_view(&sale),
                    reason,
                    hub_reason,
                    since: row.updated_at.to_rfc3339(),
                    attempts: row.queued.attempts,
                    last_error: row.last_error,
                })
            })
            .collect()
    }

    /// Puts the operation back in the queue, due now.
    pub fn retry_attention(&self, outbox_id: i64) -> Result<(), UiError> {
        let l = self.inner.cfg.locale;
        let now = self.inner.clock.now();
        {
            let mut store = self.inner.store();
            self.ensure_attention(&store, outbox_id)?;
            store
                .outbox_requeue(outbox_id, now)
                .map_err(|e| UiError::store(&e, l))?;
        }
        self.wake_sender();
        self.announce_status();
        Ok(())
    }

    /// Settles the operation by hand (e.g. the customer was refunded), with a note.
    pub fn resolve_attention(&self, outbox_id: i64, note: &str) -> Result<(), UiError> {
        let l = self.inner.cfg.locale;
        let note = note.trim();
        if note.is_empty() || note.chars().count() > 500 {
            return Err(UiError::validation(
                l,
                "Escriba qué se hizo (hasta 500 caracteres), por ejemplo «reintegro entregado».",
                "Say what was done (up to 500 characters), e.g. 'refund given'.",
            ));
        }
        let now = self.inner.clock.now();
        {
            let mut store = self.inner.store();
            self.ensure_attention(&store, outbox_id)?;
            store
                .outbox_resolve(outbox_id, note, now)
                .map_err(|e| UiError::store(&e, l))?;
        }
        self.announce_status();
        Ok(())
    }

    fn ensure_attention(
        &self,
        store: &ventanilla_store::Store,
        outbox_id: i64,
    ) -> Result<(), UiError> {
        let l = self.inner.cfg.locale;
        let row = store
            .outbox_row(outbox_id)
            .map_err(|e| UiError::store(&e, l))?;
        if row.status == ventanilla_store::OutboxStatus::Attention {
            Ok(())
        } else {
            Err(UiError::new(
                ErrorCode::Validation,
                l.pick(
                    "Esa operación ya no espera atención.",
                    "That operation no longer needs attention.",
                ),
            ))
        }
    }
}

/// Why an operation waits for a person, in the cashier's language; the hub's words apart.
fn explain(
    sale: &ventanilla_store::SaleRow,
    attempts: u32,
    l: crate::Locale,
) -> (String, Option<String>) {
    use ventanilla_core::payment::SaleState;
    match &sale.state {
        SaleState::Rejected { reason, .. } => (
            l.pick(
                format!(
                    "El sistema de cobro rechazó un cobro hecho sin conexión: devuelva {} al cliente {} ({}) y márquelo como resuelto.",
                    l.money(&sale.amount), sale.customer_id, sale.company_name
                ),
                format!(
                    "The hub rejected a payment taken offline: give {} back to customer {} ({}) and mark it resolved.",
                    l.money(&sale.amount), sale.customer_id, sale.company_name
                ),
            ),
            Some(reason.clone()),
        ),
        _ => (
            l.pick(
                format!("Sin respuesta del sistema de cobro tras {attempts} intentos. Reintente cuando vuelva la conexión, o resuélvalo tras confirmarlo con la empresa."),
                format!("No answer from the hub after {attempts} attempts. Retry when the link is back, or resolve it after checking with the company."),
            ),
            None,
        ),
    }
}
