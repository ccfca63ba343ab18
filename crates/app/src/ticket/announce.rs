//! Telling every window what a gateway's charge did to the ticket being built: the card or
//! wallet folders call these when a verdict arrives by itself (not as a command's answer).

use crate::context::Context;
use crate::ipc::events::Event;
use crate::ticket::desk::TicketDesk;
use crate::views::TicketView;

/// The ticket being built, with its charges.
pub(crate) fn current(ctx: &Context, desk: &TicketDesk) -> TicketView {
    crate::ticket::build::current(ctx, desk)
}

/// The ticket being built changed by itself.
pub(crate) fn draft(ctx: &Context, desk: &TicketDesk) {
    ctx.events.emit(Event::DraftChanged(current(ctx, desk)));
}

/// A ticket its charges covered was paid.
pub(crate) fn paid(ctx: &Context, id: i64) {
    match crate::ticket::settle::view(ctx, id) {
        Ok(v) => ctx.events.emit(Event::TicketChanged(v)),
        Err(e) => tracing::warn!(ticket = id, error = %e.message, "paid ticket not shown"),
    }
}
