//! The counter's journal and the hub's ledger, read from outside the app and reduced to what the
//! checks compare. The journal is the only truth about what the counter took, so the counter
//! process also reads it here to know which planned tickets it already took.

use std::collections::HashSet;
use std::path::Path;

use ventanilla_sandbox::{LedgerEntry, SaleState};
use ventanilla_store::{SaleRow, Store, BILL_GATEWAY, TAX_GATEWAY};

use super::checks::{HubSale, HubState, LocalPhase, LocalSale, LocalTicket};
use super::payment_rows;

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

/// Every paid ticket in the journal, oldest first, each with its payment as the store replays
/// it through the ledger's rules. A ticket whose payment does not replay is kept, with why.
pub fn tickets(path: &Path) -> Result<Vec<LocalTicket>, String> {
    let at = |e: ventanilla_store::StoreError| format!("{}: {e}", path.display());
    let store = Store::open_read_only(path).map_err(at)?;
    let mut rows = store.recent_tickets(u32::MAX).map_err(at)?;
    rows.reverse();
    let mut out = Vec::new();
    for row in rows {
        let items = store
            .ticket_items(row.id, row.total_amount.currency())
            .map_err(at)?;
        // Tax tickets are read and checked apart (`tax_journal`); a ticket never mixes them.
        if items.iter().any(|i| i.key.gateway == TAX_GATEWAY) {
            continue;
        }
        // Only bills are taken here; another gateway's item would name no sale.
        if let Some(i) = items.iter().find(|i| i.key.gateway != BILL_GATEWAY) {
            return Err(format!("ticket {} holds a {} item", row.id, i.key.gateway));
        }
        let payment = store
            .ticket(row.id)
            .map(|t| payment_rows::read(&t.payment))
            .map_err(|e| e.to_string());
        out.push(LocalTicket {
            id: row.id,
            sales: items.iter().map(|i| i.ref_id).collect(),
            payment,
        });
    }
    Ok(out)
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
