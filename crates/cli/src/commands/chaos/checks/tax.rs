//! The tax orders' verdict, as a pure function: the journal's tax orders and tickets compared
//! with the tax platform's orders (`GET /_sandbox/arkadu/orders`) and the plan.
//!
//! - every order the journal holds as paid (its report fixed with the ticket) was reported to
//!   the platform with that reference, exactly once; the platform holds no report the journal
//!   does not know, and no debt was paid in two orders (a ticket taken twice);
//! - after the final reconcile no debt is pending, and each debt's status in the journal is the
//!   platform's result for it (its callbacks applied, once, whatever their order);
//! - every paid order is in exactly one ticket, holding the debts of one planned ticket, and
//!   the ticket's money balances: `received = succeeded + change + refunded`, a failed debt's
//!   money handed back.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;

use super::model::TicketPayment;

/// A debt's status, as either side tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebtStatus {
    /// No callback applied yet (the journal only).
    Pending,
    Success,
    Error,
}

/// One debt of a journal order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalDebt {
    pub id: String,
    pub amount: Decimal,
    pub status: DebtStatus,
}

/// One tax order of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTaxOrder {
    /// The journal's row id (what ticket items refer to).
    pub id: i64,
    /// The platform's id.
    pub order_id: String,
    pub doc_id: String,
    /// The journal's phase name (`open`, `reported`, `processing`, `complete`, `canceled`,
    /// `expired`, `report_refused`).
    pub phase: String,
    pub total: Decimal,
    /// The payment's reference: there once the ticket's cash was taken for it.
    pub reference: Option<String>,
    pub debts: Vec<LocalDebt>,
    /// Its report waits for a person (the outbox's `attention`): allowed, counted apart.
    pub parked: bool,
}

impl LocalTaxOrder {
    /// Paid at the counter: its report was fixed with the ticket.
    pub fn paid(&self) -> bool {
        self.reference.is_some()
    }
}

/// One ticket of the journal holding tax debts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTaxTicket {
    pub id: i64,
    /// Its items: the journal row of the debt's order, the debt's id, the item's amount.
    pub items: Vec<(i64, String, Decimal)>,
    pub payment: Result<TicketPayment, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlatformState {
    Open,
    Complete,
    Canceled,
}

/// One order of the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformOrder {
    pub id: String,
    pub doc_id: String,
    pub debts: Vec<String>,
    pub total: Decimal,
    pub state: PlatformState,
    /// The payment reported for it (reference, amount), if any.
    pub report: Option<(String, Decimal)>,
    /// Each debt's result once reported, with the debt's amount at the platform.
    pub results: Vec<(String, DebtStatus, Decimal)>,
}

/// A tax ticket the counter was asked to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTaxTicket {
    pub doc_id: String,
    pub debts: Vec<(String, Decimal)>,
    pub received: Decimal,
}

/// What the comparison found; each list holds one line per problem, for humans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaxFindings {
    pub planned: usize,
    /// Tickets of the journal holding tax debts.
    pub tickets: usize,
    /// Orders the journal holds as paid, and orders the platform holds a report for.
    pub paid: usize,
    pub reported: usize,
    /// An order reported twice, a debt paid in two orders, a debt in two paid journal orders.
    pub duplicates: Vec<String>,
    /// A report one side has and the other does not.
    pub missing: Vec<String>,
    /// Both know it and disagree (reference, amount, a debt's status, the order's end).
    pub mismatched: Vec<String>,
    /// Still waiting after the final reconcile.
    pub unresolved: Vec<String>,
    /// Tickets whose make-up or money is wrong, and paid orders outside exactly one ticket.
    pub ledger: Vec<String>,
    pub needs_attention: usize,
    /// Planned tickets none of whose debts was paid at the counter (nor reported).
    pub never_taken: usize,
    /// Platform orders never paid (canceled, or left to expire: a kill before the cash).
    pub unpaid: usize,
    pub refunds: usize,
    /// What succeeded, in the journal and at the platform.
    pub cash_local: Decimal,
    pub cash_platform: Decimal,
}

impl TaxFindings {
    pub fn cash_ok(&self) -> bool {
        self.cash_local == self.cash_platform
    }

    /// Every problem, in the order the summary reports them.
    pub fn problems(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .duplicates
            .iter()
            .chain(&self.missing)
            .chain(&self.mismatched)
            .chain(&self.unresolved)
            .chain(&self.ledger)
            .cloned()
            .collect();
        if !self.cash_ok() {
            out.push(format!(
                "tax cash differs: {} succeeded in the journal, {} at the platform",
                self.cash_local, self.cash_platform
            ));
        }
        out
    }

    /// The summary's clause: `tax: 6 tickets, 6 orders reported, 0 duplicates, ...`.
    pub fn summary(&self, currency: &str) -> String {
        format!(
            "tax: {} tickets, {} orders reported, {} duplicates, {} missing, {} mismatched, \
             {} unresolved, {} needing attention, {} refunds, cash {} ({currency} {} local {} {} \
             platform)",
            self.tickets,
            self.reported,
            self.duplicates.len(),
            self.missing.len(),
            self.mismatched.len(),
            self.unresolved.len(),
            self.needs_attention,
            self.refunds,
            if self.cash_ok() { "ok" } else { "MISMATCH" },
            cents(self.cash_local),
            if self.cash_ok() { "=" } else { "!=" },
            cents(self.cash_platform),
        )
    }
}

fn cents(d: Decimal) -> String {
    let mut d = d;
    d.rescale(2);
    d.to_string()
}

pub fn compare(
    plan: &[PlannedTaxTicket],
    local: &[LocalTaxOrder],
    tickets: &[LocalTaxTicket],
    platform: &[PlatformOrder],
) -> TaxFindings {
    let mut f = TaxFindings {
        planned: plan.len(),
        tickets: tickets.len(),
        paid: local.iter().filter(|o| o.paid()).count(),
        reported: platform.iter().filter(|p| p.report.is_some()).count(),
        unpaid: platform.iter().filter(|p| p.report.is_none()).count(),
        ..TaxFindings::default()
    };
    check_duplicates(local, platform, &mut f);
    check_reports(local, platform, &mut f);
    check_tickets(plan, local, tickets, &mut f);
    let paid_debts: HashSet<&str> = local
        .iter()
        .filter(|o| o.paid())
        .flat_map(|o| o.debts.iter().map(|d| d.id.as_str()))
        .collect();
    f.never_taken = plan
        .iter()
        .filter(|t| {
            t.debts
                .iter()
                .all(|(id, _)| !paid_debts.contains(id.as_str()))
        })
        .count();
    // A parked order's money waits for a person: left out of both sides, as for bills.
    let parked: HashSet<&str> = local
        .iter()
        .filter(|o| o.parked)
        .map(|o| o.order_id.as_str())
        .collect();
    f.cash_local = local
        .iter()
        .filter(|o| o.paid() && !o.parked)
        .flat_map(|o| &o.debts)
        .filter(|d| d.status == DebtStatus::Success)
        .map(|d| d.amount)
        .sum();
    f.cash_platform = platform
        .iter()
        .filter(|p| p.report.is_some() && !parked.contains(p.id.as_str()))
        .flat_map(|p| &p.results)
        .filter(|(_, s, _)| *s == DebtStatus::Success)
        .map(|(_, _, a)| *a)
        .sum();
    f
}

fn check_duplicates(local: &[LocalTaxOrder], platform: &[PlatformOrder], f: &mut TaxFindings) {
    let mut reports: BTreeMap<&str, usize> = BTreeMap::new();
    for p in platform.iter().filter(|p| p.report.is_some()) {
        *reports.entry(p.id.as_str()).or_default() += 1;
    }
    for (id, n) in reports.iter().filter(|(_, n)| **n > 1) {
        f.duplicates
            .push(format!("tax order {id} reported {n} times at the platform"));
    }
    // The platform pays a debt once; two orders paying it mean the counter took it twice.
    let mut paid_in: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in platform.iter().filter(|p| p.report.is_some()) {
        for (debt, status, _) in &p.results {
            if *status == DebtStatus::Success {
                paid_in
                    .entry(debt.as_str())
                    .or_default()
                    .push(p.id.as_str());
            }
        }
    }
    for (debt, orders) in paid_in.iter().filter(|(_, o)| o.len() > 1) {
        f.duplicates.push(format!(
            "debt {debt} paid {} times at the platform: orders {}",
            orders.len(),
            orders.join(", ")
        ));
    }
    // Each planned debt is in one ticket: in two paid journal orders it was charged twice.
    let mut charged_in: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for o in local.iter().filter(|o| o.paid()) {
        for d in &o.debts {
            charged_in
                .entry(d.id.as_str())
                .or_default()
                .push(o.order_id.as_str());
        }
    }
    for (debt, orders) in charged_in.iter().filter(|(_, o)| o.len() > 1) {
        f.duplicates.push(format!(
            "debt {debt} charged in {} paid journal orders: {}",
            orders.len(),
            orders.join(", ")
        ));
    }
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for o in local {
        *ids.entry(o.order_id.as_str()).or_default() += 1;
    }
    for (id, n) in ids.iter().filter(|(_, n)| **n > 1) {
        f.duplicates
            .push(format!("tax order {id} is in the journal {n} times"));
    }
}

/// Each side's reports against the other's, then each paid order's debts and end.
fn check_reports(local: &[LocalTaxOrder], platform: &[PlatformOrder], f: &mut TaxFindings) {
    let at_platform: HashMap<&str, &PlatformOrder> =
        platform.iter().map(|p| (p.id.as_str(), p)).collect();
    let in_journal: HashMap<&str, &LocalTaxOrder> =
        local.iter().map(|o| (o.order_id.as_str(), o)).collect();

    for p in platform {
        let Some((reference, _)) = &p.report else {
            continue;
        };
        match in_journal.get(p.id.as_str()) {
            Some(o) if o.paid() => {}
            Some(o) => f.missing.push(format!(
                "the platform holds a report ({reference}) for tax order {}, which the journal \
                 holds {} and unpaid",
                p.id, o.phase
            )),
            None => f.missing.push(format!(
                "the platform holds a report ({reference}) for tax order {} of {}, which is not \
                 in the journal",
                p.id, p.doc_id
            )),
        }
    }

    for o in local.iter().filter(|o| o.paid()) {
        let name = format!("tax order {} (journal {})", o.order_id, o.id);
        let reference = o.reference.as_deref().unwrap_or_default();
        let p = at_platform.get(o.order_id.as_str()).copied();
        if o.phase == "report_refused" {
            // The platform said no: it must hold no report, and a person hands the money back.
            f.needs_attention += 1;
            if let Some((r, _)) = p.and_then(|p| p.report.as_ref()) {
                f.mismatched.push(format!(
                    "{name}: its report was refused in the journal, but the platform holds it \
                     ({r})"
                ));
            }
            continue;
        }
        let Some((r, amount)) = p.and_then(|p| p.report.as_ref()) else {
            if o.parked {
                f.needs_attention += 1;
            } else {
                f.missing.push(format!(
                    "{name} was paid at the counter ({reference}) but the platform holds no \
                     report of it"
                ));
            }
            continue;
        };
        let Some(p) = p else { continue };
        if o.parked {
            f.needs_attention += 1;
        }
        if r != reference {
            f.mismatched.push(format!(
                "{name}: reported as {reference} but the platform holds {r}"
            ));
        }
        if *amount != o.total {
            f.mismatched.push(format!(
                "{name}: a total of {} but the platform holds a report of {amount}",
                o.total
            ));
        }
        check_debts(&name, o, p, f);
    }
}

/// The journal's status of each debt is the platform's result for it, and the order ended as
/// the platform's did.
fn check_debts(name: &str, o: &LocalTaxOrder, p: &PlatformOrder, f: &mut TaxFindings) {
    let results: HashMap<&str, DebtStatus> = p
        .results
        .iter()
        .map(|(id, s, _)| (id.as_str(), *s))
        .collect();
    let mut pending = false;
    for d in &o.debts {
        let theirs = results.get(d.id.as_str()).copied();
        match (d.status, theirs) {
            (_, None) => f.mismatched.push(format!(
                "{name}: debt {} has no result at the platform",
                d.id
            )),
            // Parked for a person: counted apart, with its order.
            (DebtStatus::Pending, Some(_)) if o.parked => pending = true,
            (DebtStatus::Pending, Some(s)) => {
                pending = true;
                f.unresolved.push(format!(
                    "{name}: debt {} still pending in the journal (the platform said {s:?})",
                    d.id
                ));
            }
            (mine, Some(s)) if mine != s => f.mismatched.push(format!(
                "{name}: debt {} is {mine:?} in the journal but {s:?} at the platform",
                d.id
            )),
            _ => {}
        }
    }
    let ours: HashSet<&str> = o.debts.iter().map(|d| d.id.as_str()).collect();
    for (id, _, _) in &p.results {
        if !ours.contains(id.as_str()) {
            f.mismatched.push(format!(
                "{name}: the platform has a result for debt {id}, which the journal order lacks"
            ));
        }
    }
    let ended = match (o.phase.as_str(), p.state) {
        ("complete", PlatformState::Complete) | ("canceled", PlatformState::Canceled) => true,
        ("reported" | "processing", _) => {
            if !pending && !o.parked {
                f.unresolved
                    .push(format!("{name} is still {} in the journal", o.phase));
            }
            true
        }
        _ => false,
    };
    if !ended {
        f.mismatched.push(format!(
            "{name} is {} in the journal but {:?} at the platform",
            o.phase, p.state
        ));
    }
}

fn check_tickets(
    plan: &[PlannedTaxTicket],
    local: &[LocalTaxOrder],
    tickets: &[LocalTaxTicket],
    f: &mut TaxFindings,
) {
    let orders: HashMap<i64, &LocalTaxOrder> = local.iter().map(|o| (o.id, o)).collect();
    let mut owners: HashMap<i64, Vec<i64>> = HashMap::new();
    for t in tickets {
        let mut held: Vec<i64> = t.items.iter().map(|(o, _, _)| *o).collect();
        held.dedup();
        for o in held {
            owners.entry(o).or_default().push(t.id);
        }
    }
    for o in local.iter().filter(|o| o.paid()) {
        match owners.get(&o.id).map(Vec::as_slice) {
            None | Some([]) => f
                .ledger
                .push(format!("tax order {} was paid in no ticket", o.order_id)),
            Some([_]) => {}
            Some(many) => f.ledger.push(format!(
                "tax order {} is in {} tickets: {many:?}",
                o.order_id,
                many.len()
            )),
        }
    }
    let planned: HashMap<&str, &PlannedTaxTicket> = plan
        .iter()
        .flat_map(|t| t.debts.iter().map(move |(id, _)| (id.as_str(), t)))
        .collect();
    for t in tickets {
        check_ticket(t, &orders, &planned, f);
    }
}

fn check_ticket(
    t: &LocalTaxTicket,
    orders: &HashMap<i64, &LocalTaxOrder>,
    planned: &HashMap<&str, &PlannedTaxTicket>,
    f: &mut TaxFindings,
) {
    let name = format!("tax ticket {}", t.id);
    let mut held: Vec<&str> = t.items.iter().map(|(_, d, _)| d.as_str()).collect();
    held.sort_unstable();
    match held.iter().find_map(|d| planned.get(d)) {
        None => f
            .ledger
            .push(format!("{name} holds debts {held:?}, none of them planned")),
        Some(plan) => {
            let mut wanted: Vec<&str> = plan.debts.iter().map(|(d, _)| d.as_str()).collect();
            wanted.sort_unstable();
            if held != wanted {
                f.ledger.push(format!(
                    "{name} holds debts {held:?} but was planned with {wanted:?}"
                ));
            }
            if let Ok(p) = &t.payment {
                if p.received != plan.received {
                    f.ledger.push(format!(
                        "{name} received {} where the plan handed over {}",
                        p.received, plan.received
                    ));
                }
            }
        }
    }
    let payment = match &t.payment {
        Ok(p) => p,
        Err(e) => {
            f.ledger
                .push(format!("{name}: its payment does not replay: {e}"));
            return;
        }
    };
    f.refunds += payment.refunds.len();
    let items_total: Decimal = t.items.iter().map(|(_, _, a)| *a).sum();
    if items_total != payment.total {
        f.ledger.push(format!(
            "{name}: its items add up to {items_total}, its payment is for {}",
            payment.total
        ));
    }
    let refunded: HashMap<&str, Decimal> = payment
        .refunds
        .iter()
        .map(|(d, a)| (d.as_str(), *a))
        .collect();
    let (mut approved, mut parked, mut due) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut final_ = true;
    for (order, debt, amount) in &t.items {
        let Some(o) = orders.get(order) else {
            f.ledger.push(format!(
                "{name} names tax order {order}, which is not in the journal"
            ));
            final_ = false;
            continue;
        };
        // A refused or canceled report sends every debt's money back, as the ticket's ledger
        // does; a report parked for a person holds its money in limbo.
        let all_back = matches!(o.phase.as_str(), "report_refused" | "canceled");
        match o.debts.iter().find(|d| &d.id == debt).map(|d| d.status) {
            None => f.ledger.push(format!(
                "{name} holds debt {debt}, which its order {} lacks",
                o.order_id
            )),
            Some(_) if o.parked && !all_back => parked += *amount,
            Some(s) if all_back || s == DebtStatus::Error => {
                if !refunded.contains_key(debt.as_str()) {
                    due += *amount;
                }
            }
            Some(DebtStatus::Success) => approved += *amount,
            Some(_) => final_ = false,
        }
    }
    for (debt, amount) in &payment.refunds {
        let ok = t.items.iter().any(|(order, d, a)| {
            d == debt
                && a == amount
                && orders.get(order).is_some_and(|o| {
                    matches!(o.phase.as_str(), "canceled" | "report_refused")
                        || o.debts
                            .iter()
                            .any(|x| &x.id == debt && x.status == DebtStatus::Error)
                })
        });
        if !ok {
            f.ledger.push(format!(
                "{name} handed back {amount} for debt {debt}, which did not fail"
            ));
        }
    }
    if !due.is_zero() {
        f.ledger.push(format!(
            "{name}: {due} of failed debts was never handed back (refund not confirmed)"
        ));
    }
    let back: Decimal = payment.refunds.iter().map(|(_, a)| *a).sum();
    // A debt still pending has no place in the sum yet; it is reported with its order.
    if final_ && payment.received != approved + payment.change + back + due + parked {
        f.ledger.push(format!(
            "{name}: received {} but succeeded {approved} + change {} + refunded {back} + due \
             {due} + parked {parked} = {}",
            payment.received,
            payment.change,
            approved + payment.change + back + due + parked
        ));
    }
}
