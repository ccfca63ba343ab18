//! The ticket the cashier is building, one per counter, with the card and wallet charges taken
//! for it so far. The items are held in memory only: nothing about them is sent or written
//! until the ticket is covered. Charges are journaled by their gateways as they are taken, so
//! money taken for a ticket that is then dropped (or lost with the app) is kept for a refund.

use std::sync::{Mutex, MutexGuard};

use ventanilla_core::ticket::Draft;

use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;
use crate::ticket::charges::Charges;
use crate::ticket::item::ItemDetail;

#[derive(Default)]
pub(crate) struct TicketDesk {
    draft: Mutex<Draft<ItemDetail>>,
    charges: Mutex<Charges>,
    /// The last ticket paid from this desk (by the cashier, or by the charge that covered it).
    last_paid: Mutex<Option<i64>>,
}

impl TicketDesk {
    /// The draft. Taken before the journal and before the charges when both are needed, never
    /// the other way round.
    pub fn draft(&self) -> MutexGuard<'_, Draft<ItemDetail>> {
        self.draft.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The charges taken for the draft. Taken after the draft when both are needed.
    pub fn charges(&self) -> MutexGuard<'_, Charges> {
        self.charges.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn paid(&self, id: i64) {
        *self.last_paid.lock().unwrap_or_else(|e| e.into_inner()) = Some(id);
    }

    pub fn last_paid(&self) -> Option<i64> {
        *self.last_paid.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The draft, to change its items: refused once a card or wallet charge was taken or is
    /// waiting, since the amount charged was worked out from these items.
    pub fn editable(&self, l: Locale) -> Result<MutexGuard<'_, Draft<ItemDetail>>, UiError> {
        let draft = self.draft();
        if !self.charges().is_empty() {
            return Err(UiError::new(
                ErrorCode::Validation,
                l.pick(
                    "Ya hay un pago con tarjeta o billetera en este ticket: cobre el resto tal como está, o anule el ticket para devolver lo cobrado.",
                    "This ticket already has a card or wallet payment: charge the rest as it is, or drop the ticket to refund what was taken.",
                ),
            ));
        }
        Ok(draft)
    }
}
