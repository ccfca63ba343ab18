//! Sales the last run left unresolved (a crash, a power cut): they are reconciled with the hub
//! at start, and the cashier is shown which were settled meanwhile, approved or rejected.

use std::collections::BTreeSet;
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
struct Backlog {
    unresolved: BTreeSet<i64>,
    settled: Vec<i64>,
}

#[derive(Default)]
pub(crate) struct StartBacklog {
    backlog: Mutex<Backlog>,
}

impl StartBacklog {
    fn backlog(&self) -> MutexGuard<'_, Backlog> {
        self.backlog.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The sales unresolved in the journal at start.
    pub fn found(&self, ids: impl IntoIterator<Item = i64>) {
        self.backlog().unresolved.extend(ids);
    }

    /// A sale reached its final state; counted if the last run had left it unresolved.
    pub fn settled(&self, id: i64) {
        let mut backlog = self.backlog();
        if backlog.unresolved.remove(&id) {
            backlog.settled.push(id);
        }
    }

    /// The sales of the backlog settled since start, in the order they were settled.
    pub fn settled_ids(&self) -> Vec<i64> {
        self.backlog().settled.clone()
    }

    pub fn settled_count(&self) -> u64 {
        self.backlog().settled.len() as u64
    }
}
