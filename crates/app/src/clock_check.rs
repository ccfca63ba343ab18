//! A clock set back behind the journal: times would go backwards, and the order of sales
//! could no longer be trusted, so no money is taken until it is fixed.

use crate::context::Context;
use crate::error::{ErrorCode, UiError};
use crate::i18n::Locale;

/// A clock this far behind the journal's latest write has been set back.
pub(crate) const CLOCK_TOLERANCE_SECS: i64 = 120;

impl Context {
    /// Refuses to take money when the clock is behind what the journal already holds.
    pub fn check_clock(&self) -> Result<(), UiError> {
        let l = self.locale();
        let latest = self
            .store()
            .latest_write()
            .map_err(|e| UiError::store(&e, l))?;
        match latest {
            Some(t) if (t - self.now()).num_seconds() > CLOCK_TOLERANCE_SECS => {
                Err(UiError::new(ErrorCode::Internal, clock_message(l)))
            }
            _ => Ok(()),
        }
    }
}

pub(crate) fn clock_message(l: Locale) -> String {
    l.pick(
        "El reloj de esta PC está atrasado respecto de los últimos cobros registrados. No se puede cobrar hasta corregir la fecha y la hora: avise al supervisor.",
        "This PC's clock is behind the latest recorded payments. No payment can be taken until the date and time are fixed: tell your supervisor.",
    )
}
