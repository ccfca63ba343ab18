//! This counter's own earlier sale of a bill, so a bill it already charged is never charged
//! again by mistake. An open sale (in flight, or taken offline) is found through the journal's
//! index of open sales; settled ones through an index of the journal's sales by bill, built at
//! start and kept up as sales settle.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, MutexGuard};

use ventanilla_core::payment::SaleState;
use ventanilla_store::{SaleRow, Store, StoreError};

use crate::views::EarlierSale;

/// A bill's settled sales at this counter, by sale id.
#[derive(Debug, Clone, Copy, Default)]
struct Settled {
    /// The latest approved one: the bill is paid.
    approved: Option<i64>,
    /// The latest of all.
    latest: i64,
}

#[derive(Default)]
struct Index {
    ready: bool,
    /// Keyed by a hash of the bill's identity (its external data, which may be long): the
    /// sale found is always read back and compared, so a collision is never taken for a match.
    bills: HashMap<u64, Settled>,
}

#[derive(Default)]
pub(crate) struct EarlierSales {
    index: Mutex<Index>,
}

/// What the journal says about a bill.
#[derive(Debug)]
pub(crate) enum Found {
    /// The index is still being built from a large journal: nothing can be said yet.
    NotChecked,
    Nothing,
    Sale(Box<SaleRow>),
}

impl EarlierSales {
    fn index(&self) -> MutexGuard<'_, Index> {
        self.index.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes in every sale of the journal; from now on lookups can tell.
    pub fn load(&self, rows: &[SaleRow]) {
        let mut index = self.index();
        for row in rows {
            note(&mut index, row);
        }
        index.ready = true;
    }

    /// A sale reached its final state. Noted even while the index is being built, so a sale
    /// settled meanwhile is not missed by a load that read the journal before it.
    pub fn settled(&self, row: &SaleRow) {
        note(&mut self.index(), row);
    }

    /// This counter's sale of the bill that decides whether it may be charged: an open one,
    /// else the latest approved one, else the latest rejected one.
    pub fn find(&self, store: &Store, external_data: &str) -> Result<Found, StoreError> {
        if let Some(id) = store.open_sale_for_bill(external_data)? {
            return Ok(Found::Sale(Box::new(store.sale(id)?)));
        }
        let settled = {
            let index = self.index();
            if !index.ready {
                return Ok(Found::NotChecked);
            }
            index.bills.get(&key(external_data)).copied()
        };
        let Some(settled) = settled else {
            return Ok(Found::Nothing);
        };
        let row = store.sale(settled.approved.unwrap_or(settled.latest))?;
        if row.external_data != external_data {
            return Ok(Found::Nothing);
        }
        Ok(Found::Sale(Box::new(row)))
    }
}

fn note(index: &mut Index, row: &SaleRow) {
    let approved = match row.state {
        SaleState::Approved { .. } => true,
        SaleState::Rejected { .. } => false,
        _ => return,
    };
    let entry = index.bills.entry(key(&row.external_data)).or_default();
    entry.latest = entry.latest.max(row.id);
    if approved {
        entry.approved = Some(entry.approved.map_or(row.id, |a| a.max(row.id)));
    }
}

fn key(external_data: &str) -> u64 {
    let mut h = DefaultHasher::new();
    external_data.hash(&mut h);
    h.finish()
}

/// Where a sale stands, as far as charging its bill again goes.
pub(crate) fn state_of(row: &SaleRow) -> EarlierSale {
    match &row.state {
        SaleState::Approved { .. } => EarlierSale::Approved,
        SaleState::Rejected { .. } => EarlierSale::Rejected,
        _ if row.provisional => EarlierSale::Provisional,
        _ => EarlierSale::InFlight,
    }
}
