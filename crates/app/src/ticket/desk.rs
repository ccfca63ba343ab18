//! The ticket the cashier is building, one per counter. Held in memory only: nothing about it
//! is sent or written until it is paid, so abandoning it (or the app closing) loses no money.

use std::sync::{Mutex, MutexGuard};

use ventanilla_core::ticket::Draft;

use crate::ticket::item::ItemDetail;

#[derive(Default)]
pub(crate) struct TicketDesk {
    draft: Mutex<Draft<ItemDetail>>,
}

impl TicketDesk {
    /// The draft. Taken before the journal when both are needed, never the other way round.
    pub fn draft(&self) -> MutexGuard<'_, Draft<ItemDetail>> {
        self.draft.lock().unwrap_or_else(|e| e.into_inner())
    }
}
