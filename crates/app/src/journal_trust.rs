//! Money waits for the journal's full check: run behind the window for a large journal, and
//! asked by every use case that takes money.

use std::path::PathBuf;
use std::sync::Arc;

use ventanilla_store::Store;

use crate::context::Context;
use crate::error::{ErrorCode, UiError};
use crate::journal_check::JournalCheck;

/// Checks a large journal on a read-only connection of its own, beside the counter.
pub(crate) fn check_behind(ctx: Arc<Context>, path: PathBuf) {
    let runtime = ctx.runtime.clone();
    runtime.spawn_blocking(move || {
        let l = ctx.locale();
        let started = std::time::Instant::now();
        let result = Store::open_read_only(&path).and_then(|s| s.integrity_check());
        let state = match result {
            Ok(()) => JournalCheck::Passed,
            Err(e) => JournalCheck::Failed(UiError::journal_open(&e, l).message),
        };
        tracing::info!(
            ?state,
            secs = started.elapsed().as_secs_f32(),
            "journal check done"
        );
        ctx.journal_trust.set(state);
        ctx.status_changed();
    });
}

impl Context {
    /// Refuses money while the journal's full check is running or after it failed.
    pub fn ensure_journal_trusted(&self) -> Result<(), UiError> {
        let l = self.locale();
        match self.journal_trust.get() {
            JournalCheck::Passed => Ok(()),
            JournalCheck::Running => Err(UiError::new(
                ErrorCode::Offline,
                l.pick(
                    "La caja está comprobando su diario después de arrancar; en unos segundos se podrá cobrar. Intente de nuevo enseguida.",
                    "The counter is checking its journal after starting; payments can be taken in a few seconds. Try again shortly.",
                ),
            )),
            JournalCheck::Failed(message) => Err(UiError::new(ErrorCode::Internal, message)),
        }
    }
}
