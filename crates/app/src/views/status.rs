//! The status bar: each gateway's link, the queue, money held offline, warnings.

use serde::Serialize;
use ts_rs::TS;

use super::money::MoneyView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkView {
    /// The gateway's id: `traxion` for the bill-payment hub.
    pub gateway: String,
    /// The gateway as the cashier calls it, e.g. "Sistema de cobro (simulador)".
    pub name: String,
    /// The built-in simulator stands in for this gateway: nothing is really charged.
    pub sandbox: bool,
    /// `unknown` (before the first call), `online`, `degraded` or `offline`.
    pub state: String,
    pub label: String,
    pub last_success_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContingencyView {
    pub enabled: bool,
    pub per_payment_cap: MoneyView,
    pub total_cap: MoneyView,
    #[ts(type = "number")]
    pub window_hours: u32,
    /// Money taken offline and not yet confirmed by the hub.
    pub held_offline: MoneyView,
    /// True when a provisional sale may be taken right now (enabled and the hub unreachable).
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusView {
    /// One per gateway this counter talks to.
    pub links: Vec<LinkView>,
    /// Operations waiting to be delivered.
    #[ts(type = "number")]
    pub queue_depth: u64,
    /// Age of the oldest of them.
    #[ts(type = "number | null")]
    pub oldest_queued_secs: Option<u64>,
    /// When an operation was last delivered.
    pub last_sync_at: Option<String>,
    /// Operations that wait for a supervisor.
    #[ts(type = "number")]
    pub attention: u64,
    #[ts(type = "number")]
    pub provisional_pending: u64,
    /// Sales left unresolved by the last run (a crash, a power cut) that have been settled
    /// since this start; `settled_at_start` lists them.
    #[ts(type = "number")]
    pub settled_at_start: u64,
    pub contingency: ContingencyView,
    /// The journal refuses writes (full disk, or its size cap): queued sales wait, unsent, until
    /// it takes them again. `warning` says so in words.
    pub journal_refusing: bool,
    /// Something the cashier must know now (journal full, clock behind the journal, old offline
    /// sales), the most urgent first.
    pub warning: Option<String>,
}
