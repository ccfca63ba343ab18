//! The counter's journal and the hub's ledger, read from outside the app and reduced to what the
//! checks compare. The journal is the only truth about what the counter took, so the counter
//! process also reads it here to know which planned payments it already took.

use std::collections::HashSet;
use std::path::Path;

use ventanilla_sandbox::{LedgerEntry, SaleState};
use ventanilla_store::{SaleRow, Store};

use super::checks::{HubSale, HubState, LocalPhase, LocalSale};

/// Every sale in the journal, oldest first.
pub fn sales(path: &Path) -> Result<Vec<SaleRow>, String> {
    let store = Store::open_read_only(path).map_err(|e| format!("{}: {e}", path.display()))?;
    store
        .all_sales()
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Barcodes the journal holds a sale for, read beside the app that owns it (which holds the
/// journal's lock, so a second owner would be refused).
pub fn barcodes(path: &Path) -> Result<HashSet<String>, String> {
    let store = Store::open_read_only(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(store
        .all_sales()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .into_iter()
        .filter_map(|s| s.barcode)
        .collect())
}

/// Sales whose delivery waits for a person; a journal that cannot be read has none.
pub fn attention_ids(path: &Path) -> HashSet<i64> {
    Store::open_read_only(path)
        .and_then(|store| store.outbox_attention())
        .map(|rows| {
            rows.into_iter()
                .filter(|r| r.kind == ventanilla_store::OutboxKind::BillSale)
                .map(|r| r.ref_id)
                .collect()
        })
        .unwrap_or_default()
}

/// SQLite's full `PRAGMA integrity_check`, read-only, through the store.
pub fn integrity(path: &Path) -> Result<(), String> {
    Store::open_read_only(path)
        .and_then(|store| store.integrity_check())
        .map_err(|e| format!("integrity check: {e}"))
}

/// The journal's sales as the checks see them.
pub fn local_sales(path: &Path) -> Result<Vec<LocalSale>, String> {
    let attention = attention_ids(path);
    Ok(sales(path)?
        .into_iter()
        .map(|s| local_sale(s, &attention))
        .collect())
}

fn local_sale(s: SaleRow, attention: &HashSet<i64>) -> LocalSale {
    let phase = match s.state.phase_name() {
        "approved" => LocalPhase::Approved,
        "rejected" => LocalPhase::Rejected,
        _ if attention.contains(&s.id) => LocalPhase::NeedsAttention,
        other => LocalPhase::Unresolved(other.to_string()),
    };
    LocalSale {
        id: s.id,
        client_transaction_id: s.client_transaction_id.as_str().to_string(),
        bill: s.external_data,
        barcode: s.barcode,
        amount: s.amount.amount(),
        phase,
    }
}

/// The ISO code of the journal's money (the hub of the sandbox works in one currency).
pub fn currency(path: &Path) -> String {
    sales(path)
        .ok()
        .and_then(|s| s.first().map(|s| s.amount.currency().iso().to_string()))
        .unwrap_or_else(|| "ARS".into())
}

pub fn hub_sales(ledger: &[LedgerEntry]) -> Vec<HubSale> {
    ledger
        .iter()
        .map(|e| HubSale {
            client_transaction_id: e.client_transaction_id.clone(),
            bill: e.external_data.clone(),
            barcode: e.bill_barcode.clone(),
            amount: e.amount,
            state: match e.state {
                SaleState::Pending => HubState::Pending,
                SaleState::Approved => HubState::Approved,
                SaleState::Rejected => HubState::Rejected,
            },
        })
        .collect()
}
