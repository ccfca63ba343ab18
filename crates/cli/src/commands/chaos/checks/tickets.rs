//! The checks of every ticket in the journal: its payment replays, its items are the bills of
//! one planned ticket (a ticket commits whole or not at all), every item is final, its money
//! balances to the cent (`received = approved + change + refunded`, nothing left to hand back),
//! and what it calls approved is what the hub approved for its bills.

use std::collections::{BTreeSet, HashMap, HashSet};

use rust_decimal::Decimal;

use super::model::{
    Findings, HubSale, HubState, LocalPhase, LocalSale, LocalTicket, PlannedTicket, TicketPayment,
};

pub(super) fn check(
    plan: &[PlannedTicket],
    local: &[LocalSale],
    tickets: &[LocalTicket],
    hub: &[HubSale],
    f: &mut Findings,
) {
    f.tickets = tickets.len();
    check_every_sale_in_one_ticket(local, tickets, f);
    let sales: HashMap<i64, &LocalSale> = local.iter().map(|s| (s.id, s)).collect();
    let planned: HashMap<&str, &PlannedTicket> = plan
        .iter()
        .flat_map(|t| t.bills.iter().map(move |b| (b.barcode.as_str(), t)))
        .collect();
    // Money of a sale parked for a person is in limbo by design, as in the cash check.
    let parked: HashSet<&str> = local
        .iter()
        .filter(|l| l.phase == LocalPhase::NeedsAttention)
        .map(|l| l.client_transaction_id.as_str())
        .collect();
    for t in tickets {
        let name = format!("ticket {}", t.id);
        let mut items = Vec::with_capacity(t.sales.len());
        for id in &t.sales {
            match sales.get(id) {
                Some(s) => items.push(*s),
                None => f.ledger.push(format!(
                    "{name} names sale {id}, which is not in the journal"
                )),
            }
        }
        check_make_up(&name, t, &items, &planned, f);
        let payment = match &t.payment {
            Ok(p) => p,
            Err(e) => {
                f.ledger
                    .push(format!("{name}: its payment does not replay: {e}"));
                continue;
            }
        };
        f.refunds += payment.refunds.len();
        let items_total: Decimal = items.iter().map(|s| s.amount).sum();
        if items_total != payment.total {
            f.ledger.push(format!(
                "{name}: its items add up to {items_total}, its payment is for {}",
                payment.total
            ));
        }
        check_money(&name, payment, &items, f);
        check_hub(&name, &items, hub, &parked, f);
    }
}

/// Every journal sale is an item of exactly one ticket: a sale outside any ticket is money no
/// ledger accounts for, one in two tickets is counted twice.
fn check_every_sale_in_one_ticket(local: &[LocalSale], tickets: &[LocalTicket], f: &mut Findings) {
    let mut owners: HashMap<i64, Vec<i64>> = HashMap::new();
    for t in tickets {
        for s in &t.sales {
            owners.entry(*s).or_default().push(t.id);
        }
    }
    for s in local {
        let name = format!("journal sale {} ({})", s.id, s.client_transaction_id);
        match owners.get(&s.id).map(Vec::as_slice) {
            None | Some([]) => f.ledger.push(format!("{name} belongs to no ticket")),
            Some([_]) => {}
            Some(many) => f.ledger.push(format!(
                "{name} is an item of {} tickets: {many:?}",
                many.len()
            )),
        }
    }
}

/// The ticket holds exactly the bills of one planned ticket, and the cash the plan handed over.
fn check_make_up(
    name: &str,
    t: &LocalTicket,
    items: &[&LocalSale],
    planned: &HashMap<&str, &PlannedTicket>,
    f: &mut Findings,
) {
    let held: BTreeSet<&str> = items.iter().filter_map(|s| s.barcode.as_deref()).collect();
    // A bill not in the plan is reported with its sale; the ticket is held against the planned
    // ticket of its first planned bill, so any other mix of bills differs from it.
    let Some(plan) = held.iter().find_map(|b| planned.get(b)) else {
        return;
    };
    let wanted: BTreeSet<&str> = plan.bills.iter().map(|b| b.barcode.as_str()).collect();
    if held != wanted || items.len() != wanted.len() {
        f.ledger.push(format!(
            "{name} holds bills {} but was planned with {}",
            join(&held),
            join(&wanted)
        ));
    }
    if let (Ok(p), Some(received)) = (&t.payment, plan.received) {
        if p.received != received {
            f.ledger.push(format!(
                "{name} received {} where the plan handed over {received}",
                p.received
            ));
        }
    }
}

/// Every item final, every refund for a rejected item of the ticket and confirmed, and the
/// money in equal to what stayed, what went back as change and what was handed back.
fn check_money(name: &str, p: &TicketPayment, items: &[&LocalSale], f: &mut Findings) {
    let refunded_bills: HashMap<&str, Decimal> =
        p.refunds.iter().map(|(b, a)| (b.as_str(), *a)).collect();
    let (mut approved, mut parked, mut due) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut final_ = true;
    for (n, s) in items.iter().enumerate() {
        match &s.phase {
            LocalPhase::Approved => approved += s.amount,
            LocalPhase::Rejected if !refunded_bills.contains_key(s.bill.as_str()) => {
                due += s.amount
            }
            LocalPhase::Rejected => {}
            LocalPhase::NeedsAttention => parked += s.amount,
            LocalPhase::Unresolved(phase) => {
                final_ = false;
                f.ledger.push(format!(
                    "{name} is not final: item {} (sale {}) is still {phase}",
                    n + 1,
                    s.id
                ));
            }
        }
    }
    for (bill, amount) in &p.refunds {
        let item = items.iter().find(|s| &s.bill == bill);
        match item {
            Some(s) if s.phase == LocalPhase::Rejected && s.amount == *amount => {}
            Some(s) => f.ledger.push(format!(
                "{name} handed back {amount} for sale {} ({:?}, {})",
                s.id, s.phase, s.amount
            )),
            None => f
                .ledger
                .push(format!("{name} handed back {amount} for a bill not in it")),
        }
    }
    if !due.is_zero() {
        f.ledger.push(format!(
            "{name}: {due} of rejected items was never handed back (refund not confirmed)"
        ));
    }
    let refunded: Decimal = p.refunds.iter().map(|(_, a)| *a).sum();
    // An item still on its way has no place in the sum yet; it is reported above.
    if final_ && p.received != approved + p.change + refunded + due + parked {
        f.ledger.push(format!(
            "{name}: received {} but approved {approved} + change {} + refunded {refunded}{} \
             = {}",
            p.received,
            p.change,
            if parked.is_zero() && due.is_zero() {
                String::new()
            } else {
                format!(" + due {due} + parked {parked}")
            },
            approved + p.change + refunded + due + parked
        ));
    }
}

/// What the ticket calls approved is what the hub approved for its bills.
fn check_hub(
    name: &str,
    items: &[&LocalSale],
    hub: &[HubSale],
    parked: &HashSet<&str>,
    f: &mut Findings,
) {
    let bills: HashSet<&str> = items.iter().map(|s| s.bill.as_str()).collect();
    let at_hub: Decimal = hub
        .iter()
        .filter(|h| h.state == HubState::Approved && bills.contains(h.bill.as_str()))
        .filter(|h| !parked.contains(h.client_transaction_id.as_str()))
        .map(|h| h.amount)
        .sum();
    let local: Decimal = items
        .iter()
        .filter(|s| s.phase == LocalPhase::Approved)
        .map(|s| s.amount)
        .sum();
    if at_hub != local {
        f.ledger.push(format!(
            "{name}: {local} approved in the journal, the hub approved {at_hub} for its bills"
        ));
    }
}

fn join(set: &BTreeSet<&str>) -> String {
    set.iter().copied().collect::<Vec<_>>().join(", ")
}
