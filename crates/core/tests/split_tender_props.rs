//! A ticket split across cash, card and wallet in any order: whatever the amounts asked and
//! whichever tenders the gateways decline, the accepted transactions cover the total exactly,
//! change is never negative and only cash gives it, and a card or wallet asked for more than is
//! still owed is refused with nothing recorded.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use ventanilla_core::ledger::{
    CardRef, LedgerError, LedgerPayment, PaymentStatus, Tender, Transaction, WalletRef,
};
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

/// One step the cashier takes: which tender, how much of the smallest unit, and whether its
/// gateway accepts it (cash is always in the drawer).
#[derive(Debug, Clone)]
enum Step {
    Cash(u64),
    Card(u64, bool),
    Wallet(u64, bool),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1u64..3_000_000).prop_map(Step::Cash),
        (1u64..3_000_000, any::<bool>()).prop_map(|(a, ok)| Step::Card(a, ok)),
        (1u64..3_000_000, any::<bool>()).prop_map(|(a, ok)| Step::Wallet(a, ok)),
    ]
}

fn charge(n: usize, card: bool) -> Tender {
    if card {
        Tender::Card(CardRef {
            reference: format!("card-{n}"),
            capture_number: format!("INCA-{n:010}"),
            last4: "1111".into(),
        })
    } else {
        Tender::Wallet(WalletRef {
            reference: format!("wallet-{n}"),
            txid: format!("{n:064x}"),
        })
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn accepted_tenders_cover_the_total_and_only_cash_gives_change(
        currency in prop::sample::select(vec![Currency::Ars, Currency::Clp, Currency::Bsv]),
        total_units in 1u64..5_000_000,
        steps in prop::collection::vec(step(), 0..8),
    ) {
        let total = money(total_units, currency);
        let mut p = LedgerPayment::open(total, at(0)).unwrap();
        let mut t = 1;
        for (n, s) in steps.iter().enumerate() {
            if p.status() == PaymentStatus::Completed {
                break;
            }
            let owed = p.owed().unwrap();
            let rows = p.transactions().len();
            match s {
                Step::Cash(units) => {
                    p.take_cash(money(*units, currency), at(t)).unwrap();
                }
                Step::Card(units, accepted) | Step::Wallet(units, accepted) => {
                    let tender = charge(n, matches!(s, Step::Card(..)));
                    let amount = money(*units, currency);
                    let checked = p.check_charge(&tender, amount);
                    if amount.amount() > owed.amount() {
                        // Refused before the terminal or the wallet is asked for anything.
                        prop_assert_eq!(checked, Err(LedgerError::MoreThanOwed { offered: amount, owed }));
                        prop_assert_eq!(p.take_charge(tender, amount, at(t)).unwrap_err(), LedgerError::MoreThanOwed { offered: amount, owed });
                        prop_assert_eq!(p.transactions().len(), rows);
                    } else if *accepted {
                        prop_assert_eq!(checked, Ok(()));
                        p.take_charge(tender, amount, at(t)).unwrap();
                    }
                    // A declined charge is never offered to the ledger: the rest stays intact.
                }
            }
            t += 1;
            prop_assert!(!p.owed().unwrap().is_negative());
        }
        // Whatever is left is paid in cash, with some over for change.
        if p.status() != PaymentStatus::Completed {
            let owed = p.owed().unwrap();
            p.take_cash(owed.checked_add(money(7, currency)).unwrap(), at(t)).unwrap();
        }
        prop_assert_eq!(p.status(), PaymentStatus::Completed);
        prop_assert_eq!(p.total_paid_amount().unwrap(), total);
        let mut applied = Money::zero(currency);
        for row in p.transactions() {
            let Transaction::Tender(tx) = row else { panic!("no refunds here") };
            prop_assert!(tx.applied.amount() > Decimal::ZERO);
            prop_assert!(!tx.change().is_negative());
            prop_assert_eq!(tx.applied.checked_add(tx.change()).unwrap(), tx.handed_over());
            if !matches!(tx.tender, Tender::Cash { .. }) {
                prop_assert!(tx.change().amount().is_zero(), "change on {:?}", tx.tender);
            }
            applied = applied.checked_add(tx.applied).unwrap();
        }
        prop_assert_eq!(applied, total);
        // Nothing more is taken once it is covered, and what was kept replays as it is.
        prop_assert!(p.check_charge(&charge(99, true), money(1, currency)).is_err());
        let replayed = LedgerPayment::replay(total, p.transactions(), p.history()).unwrap();
        prop_assert_eq!(replayed, p);
    }
}

#[test]
fn a_charge_in_another_currency_or_of_nothing_is_refused() {
    let ars = |u| money(u, Currency::Ars);
    let p = LedgerPayment::open(ars(10_000), at(0)).unwrap();
    assert_eq!(
        p.check_charge(&charge(1, true), ars(0)),
        Err(LedgerError::NotPositive)
    );
    assert!(matches!(
        p.check_charge(&charge(1, false), money(5, Currency::Ves)),
        Err(LedgerError::Money(_))
    ));
    assert_eq!(
        p.check_charge(&charge(1, false), ars(10_001)),
        Err(LedgerError::MoreThanOwed {
            offered: ars(10_001),
            owed: ars(10_000)
        })
    );
    assert_eq!(p.check_charge(&charge(1, true), ars(10_000)), Ok(()));
}
