//! The events the screen hears. To add one: a line here, the app's code that raises it, and the
//! screen that listens; the desktop shell forwards any [`Event`] by its name.

use super::typescript::{name_of, Types};
use crate::views::{SaleView, StatusView, TicketView};

declare_events! {
    /// A sale changed state (sent, answered, settled, receipt ready).
    SaleChanged(SaleView) = "sale-changed";
    /// The links, the queue, the contingency or the journal check changed.
    StatusChanged(StatusView) = "status-changed";
    /// A paid ticket changed: an item's answer came in, or a refund was confirmed.
    TicketChanged(TicketView) = "ticket-changed";
    /// The ticket being built changed: by the cashier (also the command's answer, told to every
    /// window so the customer's screen follows), or by itself (a card or wallet charge accepted,
    /// declined or timed out).
    DraftChanged(TicketView) = "draft-changed";
}
