//! What a route takes deliveries for: the references this counter asked the card terminal for,
//! the wallet sessions it showed. A delivery for anything else is refused before the inbox, so
//! a forged or stray call never reaches the journal; loaded from the journal at start, so a
//! delivery that arrives after a restart still finds what it is for.

use std::collections::HashSet;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub(crate) struct KnownRefs(Mutex<HashSet<String>>);

impl KnownRefs {
    pub fn new(refs: impl IntoIterator<Item = String>) -> KnownRefs {
        KnownRefs(Mutex::new(refs.into_iter().collect()))
    }

    pub fn add(&self, reference: &str) {
        self.lock().insert(reference.to_string());
    }

    pub fn contains(&self, reference: &str) -> bool {
        self.lock().contains(reference)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
