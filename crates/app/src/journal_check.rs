//! The journal's full integrity check (`PRAGMA integrity_check`): indexes against their tables,
//! which the quick check at open skips. A small journal (`AppConfig::inline_check_max_bytes`,
//! 16 MiB: about 7,000 sales, checked in about 0.1 s) is checked before the counter starts; a
//! large one behind the open window, with money refused until the check passes, so a broken
//! index never decides whether a bill is already being paid. On 100,000 sales (230 MiB) the
//! check takes 1.2-1.5 s here (`cargo bench -p ventanilla-store --bench startup`).

use std::sync::Mutex;

use ventanilla_store::Store;

use crate::config::AppConfig;
use crate::error::UiError;
use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JournalCheck {
    Running,
    Passed,
    Failed(String),
}

/// The check's state, shared by the start-up task and every sale.
#[derive(Debug)]
pub(crate) struct JournalTrust(Mutex<JournalCheck>);

impl JournalTrust {
    pub fn new(state: JournalCheck) -> JournalTrust {
        JournalTrust(Mutex::new(state))
    }

    pub fn get(&self) -> JournalCheck {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set(&self, state: JournalCheck) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = state;
    }
}

/// Runs the full check now, on the store the counter will use; for small journals.
pub(crate) fn check_inline(store: &Store, l: Locale) -> Result<(), UiError> {
    store
        .integrity_check()
        .map_err(|e| UiError::journal_open(&e, l))
}

/// Checks the journal in `cfg`'s data folder without owning or changing it (beside a running
/// counter, or on a copy): present, whole, sound. Returns how many records its chain holds; a
/// failure is explained as the counter would explain it at start-up.
pub fn check_journal(cfg: &AppConfig) -> Result<u64, UiError> {
    Store::check_read_only(&cfg.journal_path()).map_err(|e| UiError::journal_open(&e, cfg.locale))
}
