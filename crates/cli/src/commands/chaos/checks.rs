//! The verdict: the journal compared with the hub's ledger, as a pure function, so that each
//! kind of failure can be shown to be caught (`checks/tests.rs`) without running anything.
//! The sales are compared here; each ticket's make-up and money in `tickets`; tax orders and
//! their tickets, apart, in `tax`; card and wallet tenders in `tenders`.

mod model;
pub mod tax;
#[cfg(test)]
mod tax_tests;
pub mod tenders;
#[cfg(test)]
mod tenders_tests;
#[cfg(test)]
mod tests;
mod tickets;

pub use model::*;

use std::collections::{HashMap, HashSet};

/// Compares the journal (its sales and tickets) with the hub's ledger and the plan.
pub fn compare(
    plan: &[PlannedTicket],
    local: &[LocalSale],
    paid: &[LocalTicket],
    hub: &[HubSale],
) -> Findings {
    let mut f = Findings::default();
    let bills: Vec<PlannedPayment> = plan.iter().flat_map(|t| t.bills.clone()).collect();
    let hub_by_ctid = group(hub, |h| h.client_transaction_id.as_str());
    let local_by_ctid = group(local, |l| l.client_transaction_id.as_str());

    check_duplicates(&bills, local, hub, &hub_by_ctid, &local_by_ctid, &mut f);
    check_local_against_hub(&bills, local, &hub_by_ctid, &mut f);

    // A hub sale the journal does not know is money taken that the counter forgot.
    for h in hub {
        if !local_by_ctid.contains_key(h.client_transaction_id.as_str()) {
            f.lost.push(format!(
                "hub sale {} ({:?}, {} for bill {}) is not in the journal",
                h.client_transaction_id, h.state, h.amount, h.barcode
            ));
        }
        if h.state == HubState::Pending {
            f.unresolved.push(format!(
                "hub sale {} is still pending",
                h.client_transaction_id
            ));
        }
    }

    // A planned ticket may be missing from the journal only if the counter died before the
    // commit; then the hub must not have a sale for its bills either (reported above if it
    // does). One with only some of its bills journaled is a torn commit (see `tickets`).
    let journaled: HashSet<&str> = local.iter().filter_map(|l| l.barcode.as_deref()).collect();
    let hub_barcodes: HashSet<&str> = hub.iter().map(|h| h.barcode.as_str()).collect();
    f.never_taken = plan
        .iter()
        .filter(|t| {
            t.bills.iter().all(|p| {
                !journaled.contains(p.barcode.as_str())
                    && !hub_barcodes.contains(p.barcode.as_str())
            })
        })
        .count();
    tickets::check(plan, local, paid, hub, &mut f);

    f.cash_local = local
        .iter()
        .filter(|l| l.phase == LocalPhase::Approved)
        .map(|l| l.amount)
        .sum();
    // Money of a sale parked for a person is in limbo by design: left out of both sides.
    let parked: HashSet<&str> = local
        .iter()
        .filter(|l| l.phase == LocalPhase::NeedsAttention)
        .map(|l| l.client_transaction_id.as_str())
        .collect();
    f.cash_hub = hub
        .iter()
        .filter(|h| h.state == HubState::Approved)
        .filter(|h| !parked.contains(h.client_transaction_id.as_str()))
        .map(|h| h.amount)
        .sum();
    f
}

fn group<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, Vec<&'a T>> {
    let mut map: HashMap<&str, Vec<&T>> = HashMap::new();
    for item in items {
        map.entry(key(item)).or_default().push(item);
    }
    map
}

fn check_duplicates(
    plan: &[PlannedPayment],
    local: &[LocalSale],
    hub: &[HubSale],
    hub_by_ctid: &HashMap<&str, Vec<&HubSale>>,
    local_by_ctid: &HashMap<&str, Vec<&LocalSale>>,
    f: &mut Findings,
) {
    let approved_by_bill = group(hub, |h| h.bill.as_str());
    let mut bills: Vec<_> = approved_by_bill.iter().collect();
    bills.sort_by_key(|(bill, _)| *bill);
    for (_, sales) in bills {
        let approved: Vec<&str> = sales
            .iter()
            .filter(|h| h.state == HubState::Approved)
            .map(|h| h.client_transaction_id.as_str())
            .collect();
        if approved.len() > 1 {
            f.duplicates.push(format!(
                "bill {} approved {} times at the hub: {}",
                sales[0].barcode,
                approved.len(),
                approved.join(", ")
            ));
        }
    }
    for (ctid, sales) in sorted(hub_by_ctid) {
        if sales.len() > 1 {
            f.duplicates.push(format!(
                "clientTransactionId {ctid} recorded {} times at the hub",
                sales.len()
            ));
        }
    }
    for (ctid, sales) in sorted(local_by_ctid) {
        if sales.len() > 1 {
            f.duplicates.push(format!(
                "clientTransactionId {ctid} used by {} journal sales",
                sales.len()
            ));
        }
    }
    let local_by_barcode = group(local, |l| l.barcode.as_deref().unwrap_or(""));
    for p in plan {
        let taken = local_by_barcode.get(p.barcode.as_str()).map_or(0, Vec::len);
        if taken > 1 {
            f.duplicates.push(format!(
                "planned payment of bill {} is in the journal {taken} times",
                p.barcode
            ));
        }
    }
}

fn sorted<'a, T>(map: &'a HashMap<&'a str, Vec<&'a T>>) -> Vec<(&'a str, &'a Vec<&'a T>)> {
    let mut v: Vec<_> = map.iter().map(|(k, v)| (*k, v)).collect();
    v.sort_by_key(|(k, _)| *k);
    v
}

fn check_local_against_hub(
    plan: &[PlannedPayment],
    local: &[LocalSale],
    hub_by_ctid: &HashMap<&str, Vec<&HubSale>>,
    f: &mut Findings,
) {
    let planned: HashMap<&str, &PlannedPayment> =
        plan.iter().map(|p| (p.barcode.as_str(), p)).collect();
    for l in local {
        let at_hub = hub_by_ctid
            .get(l.client_transaction_id.as_str())
            .and_then(|v| v.first());
        let name = format!("journal sale {} ({})", l.id, l.client_transaction_id);
        match l.barcode.as_deref().and_then(|b| planned.get(b)) {
            None => f
                .mismatched
                .push(format!("{name} is for a bill not in the plan")),
            Some(p) if p.amount != l.amount => f.mismatched.push(format!(
                "{name} charged {} where the plan said {}",
                l.amount, p.amount
            )),
            Some(_) => {}
        }
        if let Some(h) = at_hub {
            if h.bill != l.bill {
                f.mismatched
                    .push(format!("{name} is for another bill than its hub sale"));
            }
        }
        match (&l.phase, at_hub) {
            (LocalPhase::Approved, None) => f
                .lost
                .push(format!("{name} approved but the hub has no such sale")),
            (LocalPhase::Approved, Some(h)) => {
                if h.state != HubState::Approved {
                    f.mismatched.push(format!(
                        "{name} approved in the journal but {:?} at the hub",
                        h.state
                    ));
                } else if h.amount != l.amount {
                    f.mismatched.push(format!(
                        "{name} approved for {} but the hub recorded {}",
                        l.amount, h.amount
                    ));
                }
            }
            // Rejected with no hub sale: the hub refused the request itself; fine.
            (LocalPhase::Rejected, None) => {}
            (LocalPhase::Rejected, Some(h)) => {
                if h.state != HubState::Rejected {
                    f.mismatched.push(format!(
                        "{name} rejected in the journal but {:?} at the hub",
                        h.state
                    ));
                }
            }
            (LocalPhase::NeedsAttention, _) => f.needs_attention += 1,
            (LocalPhase::Unresolved(phase), _) => f
                .unresolved
                .push(format!("{name} is still {phase} in the journal")),
        }
    }
}
