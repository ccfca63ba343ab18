//! The journal's card attempts, card strays, wallet charges and every ticket's tenders, and the
//! sandbox's card captures and wallet payments, reduced to what the tender checks compare. The
//! journal is read through the store's own read methods only, beside the app that owns it.

use std::collections::HashMap;
use std::path::Path;

use ventanilla_core::ledger::{Tender, Transaction, TxStatus};
use ventanilla_core::pennymatic::WalletPhase;
use ventanilla_core::quickpay::CardPhase;
use ventanilla_sandbox::quickpay::CaptureState;
use ventanilla_sandbox::SandboxHandle;
use ventanilla_store::{Store, StoreError, BILL_GATEWAY};

use super::checks::tenders::{
    LocalCard, LocalCardStray, LocalTender, LocalWallet, TenderKind, TenderRecords, TenderedTicket,
    TerminalCapture, TerminalState, WalletPaid,
};

/// Every phase a wallet charge is kept in (`Consented` is kept as awaiting consent).
const WALLET_PHASES: [WalletPhase; 7] = [
    WalletPhase::AwaitingConsent,
    WalletPhase::Charging,
    WalletPhase::Charged,
    WalletPhase::Failed,
    WalletPhase::Unknown,
    WalletPhase::Expired,
    WalletPhase::Abandoned,
];

fn open(path: &Path) -> Result<Store, String> {
    Store::open_read_only(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn at(path: &Path) -> impl Fn(StoreError) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

/// Deliveries the counter's listener stored that no applier has applied yet; a journal that
/// cannot be read counts as one (not settled).
pub fn inbox_waiting(path: &Path) -> u64 {
    Store::open_read_only(path)
        .and_then(|store| store.inbox_counts())
        .map_or(1, |c| c.waiting)
}

/// The sandbox's records and the journal's, for the tender checks.
pub fn records(path: &Path, hub: &SandboxHandle) -> Result<TenderRecords, String> {
    let store = open(path)?;
    let at = at(path);
    let mut cards = Vec::new();
    for reference in store.card_references().map_err(&at)? {
        if let Some(record) = store.card_attempt(&reference).map_err(&at)? {
            cards.push(LocalCard {
                reference,
                phase: card_phase(record.attempt.phase()).into(),
                ticket_id: record.ticket_id,
            });
        }
    }
    let strays = store
        .card_strays()
        .map_err(&at)?
        .into_iter()
        .map(|s| LocalCardStray {
            capture_id: s.capture_id,
            reference: s.reference,
            amount: s.amount.amount(),
        })
        .collect();
    let mut wallets = Vec::new();
    for phase in WALLET_PHASES {
        for w in store.wallet_in_phase(phase).map_err(&at)? {
            wallets.push(LocalWallet {
                phase: wallet_phase(w.phase).into(),
                session_id: w.session_id.as_str().to_string(),
                amount: w.amount.amount(),
                txid: w.txid.as_ref().map(|t| t.as_str().to_string()),
                ticket_id: w.ticket_id,
                stray: w.stray_at.is_some(),
                reference: w.reference,
            });
        }
    }
    Ok(TenderRecords {
        captures: captures(hub),
        payments: payments(hub),
        cards,
        strays,
        wallets,
        tickets: tickets(&store).map_err(&at)?,
    })
}

/// Every paid ticket with its bills' barcodes and its payment's tenders.
fn tickets(store: &Store) -> Result<Vec<TenderedTicket>, StoreError> {
    let barcodes: HashMap<i64, String> = store
        .all_sales()?
        .into_iter()
        .filter_map(|s| Some((s.id, s.barcode?)))
        .collect();
    let mut rows = store.recent_tickets(u32::MAX)?;
    rows.reverse();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let t = store.ticket(row.id)?;
        out.push(TenderedTicket {
            id: row.id,
            barcodes: t
                .items
                .iter()
                .filter(|i| i.key.gateway == BILL_GATEWAY)
                .filter_map(|i| barcodes.get(&i.ref_id).cloned())
                .collect(),
            total: t.payment.total_amount().amount(),
            tenders: t
                .payment
                .transactions()
                .iter()
                .filter_map(|row| match row {
                    Transaction::Tender(x) => Some(LocalTender {
                        kind: match &x.tender {
                            Tender::Cash { .. } => TenderKind::Cash,
                            Tender::Card(c) => TenderKind::Card {
                                reference: c.reference.clone(),
                                capture_number: c.capture_number.clone(),
                            },
                            Tender::Wallet(w) => TenderKind::Wallet {
                                reference: w.reference.clone(),
                                txid: w.txid.clone(),
                            },
                        },
                        applied: x.applied.amount(),
                        handed_over: x.handed_over().amount(),
                        change: x.change().amount(),
                        accepted: x.status == TxStatus::Accepted,
                    }),
                    Transaction::Refund(_) => None,
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The card terminal's captures (what `GET /_sandbox/quickpay/captures` answers).
fn captures(hub: &SandboxHandle) -> Vec<TerminalCapture> {
    hub.card_captures()
        .into_iter()
        .map(|c| TerminalCapture {
            state: match c.state {
                CaptureState::Waiting => TerminalState::Waiting,
                CaptureState::Approved => TerminalState::Approved,
                CaptureState::Declined | CaptureState::Cancelled => TerminalState::Declined,
            },
            reference: c.reference_id,
            id: c.id,
            capture_number: c.capture_number,
            amount: c.amount,
        })
        .collect()
}

/// The wallet gateway's payments (what `GET /_sandbox/pennymatic/payments` answers).
fn payments(hub: &SandboxHandle) -> Vec<WalletPaid> {
    hub.wallet_payments()
        .into_iter()
        .map(|p| WalletPaid {
            txid: p.transaction_id,
            amount: p.amount,
            description: p.description,
            session_id: p.session_id,
        })
        .collect()
}

fn card_phase(p: CardPhase) -> &'static str {
    match p {
        CardPhase::Waiting => "waiting",
        CardPhase::Approved => "approved",
        CardPhase::Declined => "declined",
        CardPhase::TimedOut => "timed_out",
        CardPhase::Abandoned => "abandoned",
    }
}

fn wallet_phase(p: WalletPhase) -> &'static str {
    match p {
        WalletPhase::AwaitingConsent | WalletPhase::Consented => "awaiting_consent",
        WalletPhase::Charging => "charging",
        WalletPhase::Charged => "charged",
        WalletPhase::Failed => "failed",
        WalletPhase::Unknown => "unknown",
        WalletPhase::Expired => "expired",
        WalletPhase::Abandoned => "abandoned",
    }
}
