//! What the checks compare: the plan, the journal's sales and tickets, the hub's ledger, and the
//! findings. Plain data, shared by the sale checks (`checks`) and the ticket checks
//! (`checks/tickets`).

use rust_decimal::Decimal;

/// Where a journal sale stands, reduced to what the checks care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalPhase {
    Approved,
    Rejected,
    /// Not final, but parked for a person (the outbox's `attention`): allowed, counted apart.
    NeedsAttention,
    /// Not final and still being worked on: after the final reconcile this is a failure.
    Unresolved(String),
}

/// One sale of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalSale {
    pub id: i64,
    pub client_transaction_id: String,
    /// `externalData`: what identifies the bill at the hub.
    pub bill: String,
    pub barcode: Option<String>,
    pub amount: Decimal,
    pub phase: LocalPhase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HubState {
    Pending,
    Approved,
    Rejected,
}

/// One sale of the hub's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubSale {
    pub client_transaction_id: String,
    pub bill: String,
    pub barcode: String,
    pub amount: Decimal,
    pub state: HubState,
}

/// A bill the counter was asked to charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPayment {
    pub barcode: String,
    pub amount: Decimal,
}

/// A ticket the counter was asked to take: its bills, paid with one handful of cash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTicket {
    pub bills: Vec<PlannedPayment>,
    /// The cash handed over; `None` for a split ticket, whose card and wallet decide what the
    /// cash is for (its tenders are checked in `tenders`).
    pub received: Option<Decimal>,
}

/// One paid ticket of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTicket {
    pub id: i64,
    /// Its items' sales (journal ids), in item order.
    pub sales: Vec<i64>,
    /// Its ledger payment as the store replayed it through the ledger's rules, or why it did
    /// not replay.
    pub payment: Result<TicketPayment, String>,
}

/// What a ticket's ledger payment holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketPayment {
    pub total: Decimal,
    /// Cash handed over in accepted tenders (before change), and the change given back.
    pub received: Decimal,
    pub change: Decimal,
    /// Refunds the cashier confirmed: the refunded item's bill (`externalData`), and amount.
    pub refunds: Vec<(String, Decimal)>,
}

/// What the comparison found. Each list holds one line per problem, for humans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub duplicates: Vec<String>,
    pub lost: Vec<String>,
    /// The journal and the hub disagree about a sale both know (state, amount, bill).
    pub mismatched: Vec<String>,
    pub unresolved: Vec<String>,
    /// Tickets whose make-up or money is wrong, and sales outside exactly one ticket.
    pub ledger: Vec<String>,
    pub needs_attention: usize,
    /// Planned tickets none of whose bills was journaled (killed before the commit) or is
    /// known to the hub.
    pub never_taken: usize,
    /// Tickets in the journal, and the refunds confirmed in them.
    pub tickets: usize,
    pub refunds: usize,
    pub cash_local: Decimal,
    pub cash_hub: Decimal,
}

impl Findings {
    pub fn cash_ok(&self) -> bool {
        self.cash_local == self.cash_hub
    }

    /// Every problem, in the order the summary reports them.
    pub fn problems(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .duplicates
            .iter()
            .chain(&self.lost)
            .chain(&self.mismatched)
            .chain(&self.unresolved)
            .chain(&self.ledger)
            .cloned()
            .collect();
        if !self.cash_ok() {
            out.push(format!(
                "cash differs: {} approved in the journal, {} at the hub",
                self.cash_local, self.cash_hub
            ));
        }
        out
    }
}
