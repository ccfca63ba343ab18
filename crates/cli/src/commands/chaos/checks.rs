//! The verdict: the journal compared with the hub's ledger, as a pure function, so that each
//! kind of failure can be shown to be caught (see the tests below) without running anything.

use std::collections::{HashMap, HashSet};

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

/// A payment the counter was asked to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPayment {
    pub barcode: String,
    pub amount: Decimal,
}

/// What the comparison found. Each list holds one line per problem, for humans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub duplicates: Vec<String>,
    pub lost: Vec<String>,
    /// The journal and the hub disagree about a sale both know (state, amount, bill).
    pub mismatched: Vec<String>,
    pub unresolved: Vec<String>,
    pub needs_attention: usize,
    /// Planned payments never journaled (killed before the commit) and unknown to the hub.
    pub never_taken: usize,
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

/// Compares the journal with the hub's ledger and the plan.
pub fn compare(plan: &[PlannedPayment], local: &[LocalSale], hub: &[HubSale]) -> Findings {
    let mut f = Findings::default();
    let hub_by_ctid = group(hub, |h| h.client_transaction_id.as_str());
    let local_by_ctid = group(local, |l| l.client_transaction_id.as_str());

    check_duplicates(plan, local, hub, &hub_by_ctid, &local_by_ctid, &mut f);
    check_local_against_hub(plan, local, &hub_by_ctid, &mut f);

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

    // A planned payment may be missing from the journal only if the counter died before the
    // commit; then the hub must not have a sale for that bill either (reported above if it does).
    let journaled: HashSet<&str> = local.iter().filter_map(|l| l.barcode.as_deref()).collect();
    let hub_barcodes: HashSet<&str> = hub.iter().map(|h| h.barcode.as_str()).collect();
    f.never_taken = plan
        .iter()
        .filter(|p| !journaled.contains(p.barcode.as_str()))
        .filter(|p| !hub_barcodes.contains(p.barcode.as_str()))
        .count();

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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn plan(barcodes: &[(&str, &str)]) -> Vec<PlannedPayment> {
        barcodes
            .iter()
            .map(|(b, a)| PlannedPayment {
                barcode: b.to_string(),
                amount: d(a),
            })
            .collect()
    }

    fn local(id: i64, ctid: &str, barcode: &str, amount: &str, phase: LocalPhase) -> LocalSale {
        LocalSale {
            id,
            client_transaction_id: ctid.into(),
            bill: format!("ext-{barcode}"),
            barcode: Some(barcode.into()),
            amount: d(amount),
            phase,
        }
    }

    fn hub(ctid: &str, barcode: &str, amount: &str, state: HubState) -> HubSale {
        HubSale {
            client_transaction_id: ctid.into(),
            bill: format!("ext-{barcode}"),
            barcode: barcode.into(),
            amount: d(amount),
            state,
        }
    }

    /// Three planned payments: one approved, one rejected by the hub, one refused outright.
    fn healthy() -> (Vec<PlannedPayment>, Vec<LocalSale>, Vec<HubSale>) {
        (
            plan(&[("111", "10.00"), ("222", "20.50"), ("333", "7.00")]),
            vec![
                local(1, "c1", "111", "10.00", LocalPhase::Approved),
                local(2, "c2", "222", "20.50", LocalPhase::Rejected),
                local(3, "c3", "333", "7.00", LocalPhase::Rejected),
            ],
            vec![
                hub("c1", "111", "10.00", HubState::Approved),
                hub("c2", "222", "20.50", HubState::Rejected),
            ],
        )
    }

    #[test]
    fn a_consistent_run_has_no_problems() {
        let (p, l, h) = healthy();
        let f = compare(&p, &l, &h);
        assert_eq!(f.problems(), Vec::<String>::new());
        assert_eq!((f.cash_local, f.cash_hub), (d("10.00"), d("10.00")));
    }

    #[test]
    fn a_payment_killed_before_its_commit_is_fine_if_the_hub_never_saw_it() {
        let (mut p, l, h) = healthy();
        p.extend(plan(&[("444", "1.00")]));
        let f = compare(&p, &l, &h);
        assert!(f.problems().is_empty(), "{:?}", f.problems());
        assert_eq!(f.never_taken, 1);
    }

    #[test]
    fn a_bill_paid_twice_is_a_duplicate() {
        let (p, mut l, mut h) = healthy();
        l.push(local(4, "c4", "111", "10.00", LocalPhase::Approved));
        h.push(hub("c4", "111", "10.00", HubState::Approved));
        let f = compare(&p, &l, &h);
        assert!(f.duplicates.iter().any(|d| d.contains("approved 2 times")));
        assert!(f
            .duplicates
            .iter()
            .any(|d| d.contains("in the journal 2 times")));
    }

    #[test]
    fn a_client_transaction_id_recorded_twice_at_the_hub_is_a_duplicate() {
        let (p, l, mut h) = healthy();
        h.push(hub("c2", "222", "20.50", HubState::Rejected));
        let f = compare(&p, &l, &h);
        assert_eq!(f.duplicates.len(), 1, "{:?}", f.duplicates);
        assert!(f.duplicates[0].contains("c2 recorded 2 times"));
    }

    #[test]
    fn a_hub_sale_the_journal_forgot_is_lost_and_breaks_the_cash() {
        let (p, l, mut h) = healthy();
        h.push(hub("c9", "333", "7.00", HubState::Approved));
        let f = compare(&p, &l, &h);
        assert_eq!(f.lost.len(), 1, "{:?}", f.lost);
        assert!(f.lost[0].contains("c9"));
        assert!(!f.cash_ok());
        assert_eq!(f.problems().len(), 2);
    }

    #[test]
    fn a_journal_approval_the_hub_never_recorded_is_lost() {
        let (p, l, mut h) = healthy();
        h.remove(0);
        let f = compare(&p, &l, &h);
        assert_eq!(f.lost.len(), 1, "{:?}", f.lost);
        assert!(f.lost[0].contains("journal sale 1"));
        assert!(!f.cash_ok());
    }

    #[test]
    fn a_sale_left_unresolved_is_reported_but_attention_is_allowed() {
        let (p, mut l, h) = healthy();
        l[2].phase = LocalPhase::Unresolved("querying".into());
        let f = compare(&p, &l, &h);
        assert_eq!(f.unresolved.len(), 1);
        assert!(f.unresolved[0].contains("still querying"));

        // Parked with its hub sale approved: the money waits for a person, not a mismatch.
        let (p, mut l, h) = healthy();
        l[0].phase = LocalPhase::NeedsAttention;
        let f = compare(&p, &l, &h);
        assert!(f.problems().is_empty(), "{:?}", f.problems());
        assert_eq!(f.needs_attention, 1);
        assert_eq!(f.cash_hub, Decimal::ZERO);
    }

    #[test]
    fn a_hub_sale_still_pending_is_unresolved() {
        let (p, l, mut h) = healthy();
        h[1].state = HubState::Pending;
        let f = compare(&p, &l, &h);
        assert!(f
            .unresolved
            .iter()
            .any(|u| u.contains("c2 is still pending")));
        assert!(f
            .mismatched
            .iter()
            .any(|m| m.contains("Pending at the hub")));
    }

    #[test]
    fn states_and_amounts_that_disagree_are_mismatches() {
        let (p, l, mut h) = healthy();
        h[1].state = HubState::Approved; // the hub took money the journal calls rejected
        let f = compare(&p, &l, &h);
        assert!(f.mismatched[0].contains("rejected in the journal but Approved"));
        assert!(!f.cash_ok());

        let (p, l, mut h) = healthy();
        h[0].amount = d("10.01");
        let f = compare(&p, &l, &h);
        assert!(f.mismatched[0].contains("hub recorded 10.01"));
        assert_eq!(f.cash_hub - f.cash_local, d("0.01"));
    }

    #[test]
    fn a_cash_mismatch_alone_is_caught() {
        let (p, mut l, h) = healthy();
        // The journal's amount drifts from both the plan and the hub: every check notices.
        l[0].amount = d("10.10");
        let f = compare(&p, &l, &h);
        assert!(!f.cash_ok());
        assert!(f
            .problems()
            .iter()
            .any(|p| p.starts_with("cash differs: 10.10 approved in the journal, 10.00")));
    }
}
