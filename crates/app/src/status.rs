//! What the status bar shows: each gateway's link, the queue, money held offline, warnings.

use crate::clock_check::{clock_message, CLOCK_TOLERANCE_SECS};
use crate::context::Context;
use crate::contingency;
use crate::error::UiError;
use crate::i18n::Locale;
use crate::journal_check::JournalCheck;
use crate::journal_health::Refusal;
use crate::views::{LinkView, StatusView};
use crate::words::link_state_id;

/// The status bar as it stands. `settled_at_start` is how many sales left unresolved by the
/// last run have been settled since this start.
pub(crate) fn status(ctx: &Context, settled_at_start: u64) -> Result<StatusView, UiError> {
    let l = ctx.locale();
    let now = ctx.now();
    // Through the reading connection: the status bar is asked for after every burst of the
    // sender's commits, and must not wait for them.
    let (stats, latest) = ctx
        .read(|store| {
            Ok::<_, ventanilla_store::StoreError>((store.outbox_stats()?, store.latest_write()?))
        })
        .map_err(|e| UiError::store(&e, l))?;
    let sandbox = ctx.cfg.is_sandbox();
    let links = ctx
        .links
        .all()
        .into_iter()
        .map(|(gateway, link)| LinkView {
            gateway: gateway.as_str().into(),
            name: l.gateway_name(gateway, sandbox),
            sandbox,
            state: link_state_id(link.state).into(),
            label: l.link_label(link.state),
            last_success_at: link.last_success.map(|t| t.to_rfc3339()),
        })
        .collect();
    let held = contingency::offline_held(ctx)?;
    let contingency = contingency::view(ctx, &held)?;
    let refusal = ctx.journal_refusing();
    let check = ctx.journal_trust.get();
    // A journal that cannot be trusted, or takes no writes, comes first: nothing at all can be
    // recorded.
    let warning = if let JournalCheck::Failed(_) = check {
        Some(l.pick(
            "El diario de la caja está dañado: no se puede cobrar. Avise al supervisor.",
            "The counter's journal is damaged: no payment can be taken. Tell your supervisor.",
        ))
    } else if let Some(refusal) = refusal {
        Some(journal_message(refusal, l))
    } else if latest.is_some_and(|t| (t - now).num_seconds() > CLOCK_TOLERANCE_SECS) {
        Some(clock_message(l))
    } else if check == JournalCheck::Running {
        Some(l.pick(
            "Comprobando el diario de la caja: en unos segundos se podrá cobrar.",
            "Checking the counter's journal: payments can be taken in a few seconds.",
        ))
    } else {
        held.oldest_hours
            .filter(|oldest| *oldest >= u64::from(contingency::WARN_HOURS))
            .map(|oldest| l.pick(
                format!("Hay cobros sin conexión de hace {oldest} horas que todavía no llegaron al sistema de cobro. Avise al supervisor."),
                format!("Offline payments from {oldest} hours ago have not reached the hub yet. Tell your supervisor."),
            ))
    };
    Ok(StatusView {
        links,
        queue_depth: stats.pending,
        oldest_queued_secs: stats
            .oldest_pending
            .map(|t| u64::try_from((now - t).num_seconds()).unwrap_or(0)),
        last_sync_at: stats.last_done.map(|t| t.to_rfc3339()),
        attention: stats.attention,
        provisional_pending: held.count,
        settled_at_start,
        contingency,
        journal_refusing: refusal.is_some(),
        warning,
    })
}

fn journal_message(refusal: Refusal, l: Locale) -> String {
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
