//! The rules of a ticket being built, as a table: each row is a change a cashier makes and what
//! the ticket says to it. A refused change leaves the ticket exactly as it was.

use rust_decimal_macros::dec;
use ventanilla_core::ticket::{Draft, ItemKey, TicketError, MAX_ITEMS};
use ventanilla_core::{Currency, Money};

fn ars(v: rust_decimal::Decimal) -> Money {
    Money::new(v, Currency::Ars).unwrap()
}

fn bill(id: &str) -> ItemKey {
    ItemKey::new("traxion", id)
}

enum Step {
    Add(&'static str, Money),
    Remove(&'static str),
    SetAmount(&'static str, Money),
}

#[test]
fn each_change_to_a_ticket_is_taken_or_refused_whole() {
    let ves = Money::new(dec!(10), Currency::Ves).unwrap();
    let table: Vec<(Step, Result<(), TicketError>, &str)> = vec![
        (Step::Add("light", ars(dec!(2748))), Ok(()), "2748.00"),
        (Step::Add("gas", ars(dec!(1000.50))), Ok(()), "3748.50"),
        (
            Step::Add("light", ars(dec!(2748))),
            Err(TicketError::Duplicate { position: 1 }),
            "3748.50",
        ),
        (
            Step::Add("water", ves),
            Err(TicketError::CurrencyMismatch {
                ticket: Currency::Ars,
                item: Currency::Ves,
            }),
            "3748.50",
        ),
        (
            Step::Add("cable", ars(dec!(0))),
            Err(TicketError::NotPositive),
            "3748.50",
        ),
        (
            Step::Add("cable", ars(dec!(-5))),
            Err(TicketError::NotPositive),
            "3748.50",
        ),
        (Step::SetAmount("gas", ars(dec!(500))), Ok(()), "3248.00"),
        (
            Step::SetAmount("gas", ars(dec!(0))),
            Err(TicketError::NotPositive),
            "3248.00",
        ),
        (
            Step::SetAmount("gas", ves),
            Err(TicketError::CurrencyMismatch {
                ticket: Currency::Ars,
                item: Currency::Ves,
            }),
            "3248.00",
        ),
        (
            Step::SetAmount("water", ars(dec!(1))),
            Err(TicketError::NotInTicket),
            "3248.00",
        ),
        (Step::Remove("light"), Ok(()), "500.00"),
        (
            Step::Remove("light"),
            Err(TicketError::NotInTicket),
            "500.00",
        ),
        // Removed, it may come back: the duplicate rule is about what is in the ticket now.
        (Step::Add("light", ars(dec!(2748))), Ok(()), "3248.00"),
    ];
    let mut draft: Draft<()> = Draft::new();
    for (n, (step, expected, total)) in table.into_iter().enumerate() {
        let got = match step {
            Step::Add(id, m) => draft.add(bill(id), m, ()),
            Step::Remove(id) => draft.remove(&bill(id)).map(|_| ()),
            Step::SetAmount(id, m) => draft.set_amount(&bill(id), m),
        };
        assert_eq!(got, expected, "row {}", n + 1);
        assert_eq!(
            draft.total().unwrap().amount().to_string(),
            total,
            "row {}",
            n + 1
        );
    }
    let order: Vec<_> = draft.items().iter().map(|i| i.key.id.as_str()).collect();
    assert_eq!(
        order,
        ["gas", "light"],
        "items stay in the order they were added"
    );
}

#[test]
fn an_empty_ticket_has_no_total_and_takes_any_currency_first() {
    let mut draft: Draft<()> = Draft::new();
    assert_eq!(draft.total(), Err(TicketError::Empty));
    assert_eq!(draft.currency(), None);
    let ves = Money::new(dec!(10), Currency::Ves).unwrap();
    draft.add(bill("tax"), ves, ()).unwrap();
    assert_eq!(draft.currency(), Some(Currency::Ves));
    draft.remove(&bill("tax")).unwrap();
    assert_eq!(draft.total(), Err(TicketError::Empty));
    // Emptied, the ticket is free to take another currency.
    draft.add(bill("light"), ars(dec!(1)), ()).unwrap();
    assert_eq!(draft.currency(), Some(Currency::Ars));
}

#[test]
fn the_same_id_at_another_gateway_is_another_item() {
    let mut draft: Draft<()> = Draft::new();
    draft
        .add(ItemKey::new("traxion", "1"), ars(dec!(1)), ())
        .unwrap();
    draft
        .add(ItemKey::new("arkadu", "1"), ars(dec!(2)), ())
        .unwrap();
    assert_eq!(draft.items().len(), 2);
}

#[test]
fn a_ticket_is_full_at_its_limit() {
    let mut draft: Draft<()> = Draft::new();
    for n in 0..MAX_ITEMS {
        draft.add(bill(&n.to_string()), ars(dec!(1)), ()).unwrap();
    }
    assert_eq!(
        draft.add(bill("one more"), ars(dec!(1)), ()),
        Err(TicketError::Full)
    );
    assert_eq!(draft.items().len(), MAX_ITEMS);
}
