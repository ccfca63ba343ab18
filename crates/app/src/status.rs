//! What the status bar shows: the link, the queue, money held offline, warnings.

use ventanilla_core::link::LinkState;

use crate::error::UiError;
use crate::journal_check::JournalCheck;
use crate::journal_health::Refusal;
use crate::service::Ventanilla;
use crate::views::{LinkView, StatusView};

/// A clock this far behind the journal's latest write has been set back.
pub(crate) const CLOCK_TOLERANCE_SECS: i64 = 120;

impl Ventanilla {
    pub fn status(&self) -> Result<StatusView, UiError> {
        let l = self.inner.cfg.locale;
        let now = self.inner.clock.now();
        let (stats, latest) = {
            let store = self.inner.store();
            let stats = store.outbox_stats().map_err(|e| UiError::store(&e, l))?;
            let latest = store.latest_write().map_err(|e| UiError::store(&e, l))?;
            (stats, latest)
        };
        let link = self
            .inner
            .link
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let state = match link.state {
            LinkState::Unknown => "unknown",
            LinkState::Online => "online",
            LinkState::Degraded => "degraded",
            LinkState::Offline => "offline",
        };
        let label = match link.state {
            LinkState::Unknown => l.pick("comprobando conexión", "checking the link"),
            LinkState::Online => l.pick("conectado", "online"),
            LinkState::Degraded => l.pick("lento o con fallas", "slow or failing"),
            LinkState::Offline => l.pick("sin conexión", "offline"),
        };
        let held = self.offline_held()?;
        let contingency = self.contingency_view_with(&held)?;
        let refusal = self.journal_refusing();
        let mut warning = None;
        let check = self.inner.journal_trust.get();
        // A journal that cannot be trusted, or takes no writes, comes first: nothing at all
        // can be recorded.
        if let JournalCheck::Failed(_) = check {
            warning = Some(l.pick(
                "El diario de la caja está dañado: no se puede cobrar. Avise al supervisor.",
                "The counter's journal is damaged: no payment can be taken. Tell your supervisor.",
            ));
        } else if let Some(refusal) = refusal {
            warning = Some(journal_message(refusal, l));
        } else if latest.is_some_and(|t| (t - now).num_seconds() > CLOCK_TOLERANCE_SECS) {
            warning = Some(clock_message(l));
        } else if check == JournalCheck::Running {
            warning = Some(l.pick(
                "Comprobando el diario de la caja: en unos segundos se podrá cobrar.",
                "Checking the counter's journal: payments can be taken in a few seconds.",
            ));
        } else if let Some(oldest) = held.oldest_hours {
            if oldest >= u64::from(self.contingency_warn_hours()) {
                warning = Some(l.pick(
                    format!("Hay cobros sin conexión de hace {oldest} horas que todavía no llegaron al sistema de cobro. Avise al supervisor."),
                    format!("Offline payments from {oldest} hours ago have not reached the hub yet. Tell your supervisor."),
                ));
            }
        }
        Ok(StatusView {
            links: vec![LinkView {
                gateway: "traxion".into(),
                name: l.pick("Sistema de cobro", "Bill-payment hub"),
                state: state.into(),
                label,
                last_success_at: link.last_success.map(|t| t.to_rfc3339()),
            }],
            queue_depth: stats.pending,
            oldest_queued_secs: stats
                .oldest_pending
                .map(|t| u64::try_from((now - t).num_seconds()).unwrap_or(0)),
            last_sync_at: stats.last_done.map(|t| t.to_rfc3339()),
            attention: stats.attention,
            provisional_pending: held.count,
            contingency,
            journal_refusing: refusal.is_some(),
            warning,
        })
    }

    /// Refuses to take money when the clock is behind what the journal already holds: times
    /// would go backwards, and the order of sales could no longer be trusted.
    pub(crate) fn check_clock(&self) -> Result<(), UiError> {
        let l = self.inner.cfg.locale;
        let latest = self
            .inner
            .store()
            .latest_write()
            .map_err(|e| UiError::store(&e, l))?;
        let now = self.inner.clock.now();
        match latest {
            Some(t) if (t - now).num_seconds() > CLOCK_TOLERANCE_SECS => {
                Err(UiError::new(crate::ErrorCode::Internal, clock_message(l)))
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn announce_status(&self) {
        match self.status() {
            Ok(status) => self.inner.events.status_changed(&status),
            Err(e) => tracing::warn!(error = %e.message, "status unavailable"),
        }
    }
}

fn journal_message(refusal: Refusal, l: crate::Locale) -> String {
    match refusal {
        Refusal::Full => l.pick(
            "No hay espacio para guardar en el diario: los cobros pendientes esperan. Avise al supervisor para liberar espacio.",
            "There is no space left to save to the journal: pending payments are waiting. Tell your supervisor to free some space.",
        ),
        Refusal::Unwritable => l.pick(
            "No se puede escribir en el diario: los cobros pendientes esperan. Avise al supervisor.",
            "The journal cannot be written: pending payments are waiting. Tell your supervisor.",
        ),
    }
}

fn clock_message(l: crate::Locale) -> String {
    l.pick(
        "El reloj de esta PC está atrasado respecto de los últimos cobros registrados. No se puede cobrar hasta corregir la fecha y la hora: avise al supervisor.",
        "This PC's clock is behind the latest recorded payments. No payment can be taken until the date and time are fixed: tell your supervisor.",
    )
}
