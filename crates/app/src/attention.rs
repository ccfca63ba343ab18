//! Operations that wait for a person: the supervisor sees why, and retries or resolves them.
//! Each operation is described by its kind's handler.

use ventanilla_store::{OutboxStatus, Store};

use crate::context::Context;
use crate::error::{ErrorCode, UiError};
use crate::outbox::reasons::read_reason;
use crate::outbox::registry::Handlers;
use crate::views::AttentionView;

pub(crate) fn needs_attention(
    ctx: &Context,
    handlers: &Handlers,
) -> Result<Vec<AttentionView>, UiError> {
    let l = ctx.locale();
    let rows = ctx
        .store()
        .outbox_attention()
        .map_err(|e| UiError::store(&e, l))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(handler) = handlers.get(row.kind) else {
            tracing::error!(outbox = row.id, kind = ?row.kind, "no handler for an operation waiting for a person");
            continue;
        };
        let reason = read_reason(row.attention_reason.as_deref());
        out.push(handler.attention(&row, reason.as_ref())?);
    }
    Ok(out)
}

/// Puts the operation back in the queue, due now.
pub(crate) fn retry(ctx: &Context, outbox_id: i64) -> Result<(), UiError> {
    let l = ctx.locale();
    {
        let mut store = ctx.store();
        ensure_attention(&store, outbox_id, l)?;
        store
            .outbox_requeue(outbox_id, ctx.now())
            .map_err(|e| UiError::store(&e, l))?;
    }
    ctx.wake_sender();
    ctx.status_changed();
    Ok(())
}

/// Settles the operation by hand (e.g. the customer was refunded), with a note.
pub(crate) fn resolve(ctx: &Context, outbox_id: i64, note: &str) -> Result<(), UiError> {
    let l = ctx.locale();
    let note = note.trim();
    if note.is_empty() || note.chars().count() > 500 {
        return Err(UiError::validation(
            l,
            "Escriba qué se hizo (hasta 500 caracteres), por ejemplo «reintegro entregado».",
            "Say what was done (up to 500 characters), e.g. 'refund given'.",
        ));
    }
    {
        let mut store = ctx.store();
        ensure_attention(&store, outbox_id, l)?;
        store
            .outbox_resolve(outbox_id, note, ctx.now())
            .map_err(|e| UiError::store(&e, l))?;
    }
    ctx.status_changed();
    Ok(())
}

fn ensure_attention(store: &Store, outbox_id: i64, l: crate::i18n::Locale) -> Result<(), UiError> {
    let row = store
        .outbox_row(outbox_id)
        .map_err(|e| UiError::store(&e, l))?;
    if row.status == OutboxStatus::Attention {
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
