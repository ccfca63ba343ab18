//! The ticket's ledger, attacked with any ticket and any order of events: whatever the items'
//! outcomes and whenever the cashier confirms the refunds, the money that came in is, to the
//! cent, what the gateways took plus the change plus what was handed back.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use ventanilla_core::ledger::{LedgerError, LedgerPayment, PaymentStatus, Settlement};
use ventanilla_core::ticket::{ItemKey, ItemOutcome, ItemState};
use ventanilla_core::{Currency, Money};

fn at(n: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_790_000_000 + n, 0).unwrap()
}

fn money(units: u64, currency: Currency) -> Money {
    Money::new(
        Decimal::from_i128_with_scale(i128::from(units), currency.scale()),
        currency,
    )
    .unwrap()
}

/// A ticket: its currency, its items' amounts in the currency's smallest units, how the cash
/// came (handfuls, the last of which may be more than what is left), each item's outcome, and
/// the order in which outcomes and refund confirmations happen.
#[derive(Debug, Clone)]
struct Case {
    currency: Currency,
    items: Vec<(u64, bool)>,
    handfuls: Vec<u64>,
    extra: u64,
    order: Vec<usize>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(vec![Currency::Ars, Currency::Clp, Currency::Bsv]),
        prop::collection::vec((1u64..10_000_000, any::<bool>()), 1..6),
        prop::collection::vec(1u64..5_000_000, 0..3),
        prop_oneof![Just(0u64), 0u64..1_000_000],
        any::<prop::sample::Index>(),
    )
        .prop_map(|(currency, items, handfuls, extra, shuffle)| {
            // Each item has two events (outcome, then maybe a refund): any interleaving of
            // items that keeps each item's own two in order.
            let mut order: Vec<usize> = (0..items.len()).flat_map(|i| [i, i]).collect();
            let n = order.len();
            let mut seed = shuffle.index(usize::MAX);
            for i in (1..n).rev() {
                order.swap(i, seed % (i + 1));
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            }
            Case {
                currency,
                items,
                handfuls,
                extra,
                order,
            }
        })
}

fn check_invariants(s: &Settlement) {
    assert_eq!(s.paid.checked_add(s.change).unwrap(), s.received);
    assert_eq!(
        s.rejected,
        s.refunded.checked_add(s.refund_due).unwrap(),
        "{s:?}"
    );
    let items = s
        .approved
        .checked_add(s.waiting)
        .unwrap()
        .checked_add(s.rejected)
        .unwrap();
    assert_eq!(items, s.total);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn money_in_is_approved_plus_change_plus_refunds(c in case()) {
        let cur = c.currency;
        let mut items: Vec<ItemOutcome> = c.items.iter().enumerate().map(|(n, (units, _))| ItemOutcome {
            key: ItemKey::new("traxion", n.to_string()),
            amount: money(*units, cur),
            state: ItemState::Waiting,
        }).collect();
        let total = items.iter().fold(Money::zero(cur), |t, i| t.checked_add(i.amount).unwrap());
        let mut p = LedgerPayment::open(total, at(0)).unwrap();
        let mut t = 1;

        // Handfuls of cash that do not cover the total yet, then one that does (with change).
        for h in &c.handfuls {
            let owed = p.owed().unwrap();
            if money(*h, cur).amount() >= owed.amount() { break; }
            let a = p.take_cash(money(*h, cur), at(t)).unwrap();
            t += 1;
            prop_assert!(a.statuses.is_empty());
            prop_assert_eq!(p.status(), PaymentStatus::Initialized);
        }
        let owed = p.owed().unwrap();
        let last = owed.checked_add(money(c.extra, cur)).unwrap();
        let a = p.take_cash(last, at(t)).unwrap();
        t += 1;
        prop_assert_eq!(a.statuses.len(), 1);
        prop_assert_eq!(p.status(), PaymentStatus::Completed);
        prop_assert_eq!(p.total_paid_amount().unwrap(), total);
        prop_assert_eq!(p.take_cash(money(1, cur), at(t)), Err(LedgerError::Closed(PaymentStatus::Completed)));
        prop_assert!(matches!(p.cancel(at(t)), Err(LedgerError::Closed(_))));

        // Outcomes and refund confirmations in any order; each item's outcome comes first.
        let mut seen = vec![0usize; items.len()];
        for &i in &c.order {
            seen[i] += 1;
            let approved = c.items[i].0 > 0 && c.items[i].1;
            if seen[i] == 1 {
                items[i].state = if approved { ItemState::Approved } else { ItemState::Rejected };
            } else if items[i].state == ItemState::Rejected {
                let key = items[i].key.clone();
                p.refund(&items, &key, at(t)).unwrap();
                // Confirming twice hands nothing back twice.
                prop_assert_eq!(p.refund(&items, &key, at(t)), Err(LedgerError::NoRefundDue));
            } else {
                let key = items[i].key.clone();
                prop_assert_eq!(p.refund(&items, &key, at(t)), Err(LedgerError::NoRefundDue));
            }
            t += 1;
            check_invariants(&p.settle(&items).unwrap());
        }

        let s = p.settle(&items).unwrap();
        prop_assert!(s.is_settled());
        let out = s.approved.checked_add(s.change).unwrap().checked_add(s.refunded).unwrap();
        prop_assert_eq!(s.received, out);
        let all_rejected = items.iter().all(|i| i.state == ItemState::Rejected);
        let statuses: Vec<_> = p.history().iter().map(|h| h.status).collect();
        if all_rejected {
            prop_assert_eq!(statuses, vec![PaymentStatus::Initialized, PaymentStatus::Completed, PaymentStatus::Rejected]);
        } else {
            prop_assert_eq!(statuses, vec![PaymentStatus::Initialized, PaymentStatus::Completed]);
        }
        // What the store keeps replays into the same payment.
        let again = LedgerPayment::replay(total, p.transactions(), p.history()).unwrap();
        prop_assert_eq!(again, p);
    }

    #[test]
    fn a_payment_with_nothing_paid_cancels_and_takes_nothing_more(units in 1u64..1_000_000_000) {
        let total = money(units, Currency::Ars);
        let mut p = LedgerPayment::open(total, at(0)).unwrap();
        p.cancel(at(1)).unwrap();
        prop_assert_eq!(p.status(), PaymentStatus::Cancelled);
        prop_assert_eq!(p.take_cash(total, at(2)), Err(LedgerError::Closed(PaymentStatus::Cancelled)));
        prop_assert_eq!(p.total_paid_amount().unwrap(), Money::zero(Currency::Ars));
    }
}

#[test]
fn part_paid_cannot_be_cancelled() {
    let mut p = LedgerPayment::open(money(1000, Currency::Ars), at(0)).unwrap();
    p.take_cash(money(400, Currency::Ars), at(1)).unwrap();
    assert_eq!(
        p.cancel(at(2)),
        Err(LedgerError::PaidSomething {
            paid: money(400, Currency::Ars)
        })
    );
    assert_eq!(p.owed().unwrap(), money(600, Currency::Ars));
}

#[test]
fn refused_tenders_and_foreign_items_change_nothing() {
    let ars = |u| money(u, Currency::Ars);
    let mut p = LedgerPayment::open(ars(1000), at(0)).unwrap();
    let before = p.clone();
    assert_eq!(p.take_cash(ars(0), at(1)), Err(LedgerError::NotPositive));
    assert!(matches!(
        p.take_cash(money(5, Currency::Ves), at(1)),
        Err(LedgerError::Money(_))
    ));
    assert_eq!(p, before);
    let stranger = [ItemOutcome {
        key: ItemKey::new("traxion", "x"),
        amount: ars(999),
        state: ItemState::Rejected,
    }];
    assert!(matches!(
        p.settle(&stranger),
        Err(LedgerError::ItemsDoNotMatch { .. })
    ));
    // Not covered yet: nothing was sent, so nothing is refunded.
    let mine = [ItemOutcome {
        amount: ars(1000),
        ..stranger[0].clone()
    }];
    assert_eq!(
        p.refund(&mine, &mine[0].key, at(2)),
        Err(LedgerError::NoRefundDue)
    );
    assert_eq!(p, before);
}

#[test]
fn a_tampered_store_row_does_not_replay() {
    let ars = |u| money(u, Currency::Ars);
    let mut p = LedgerPayment::open(ars(1000), at(0)).unwrap();
    p.take_cash(ars(1500), at(1)).unwrap();
    let mut rows = p.transactions().to_vec();
    // Change edited down by a peso: received no longer equals applied plus change.
    if let ventanilla_core::ledger::Transaction::Tender(t) = &mut rows[0] {
        t.tender = ventanilla_core::ledger::Tender::Cash {
            received: ars(1500),
            change: ars(400),
        };
    }
    assert_eq!(
        LedgerPayment::replay(ars(1000), &rows, p.history()),
        Err(LedgerError::Corrupt)
    );
    assert_eq!(
        LedgerPayment::replay(ars(1000), p.transactions(), &[]),
        Err(LedgerError::Corrupt)
    );
    // A total edited down below what was paid.
    assert_eq!(
        LedgerPayment::replay(ars(900), p.transactions(), p.history()),
        Err(LedgerError::Corrupt)
    );
}
