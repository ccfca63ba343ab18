//! The order's state machine as tables: state x event -> state and effects.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rust_decimal::Decimal;

use super::callback::{ItemCallback, ItemResult, PlatformOrderStatus};
use super::debt::{DebtId, DebtItem, OrderId, PaymentReference};
use super::event::{Effect, ItemAction, Notice, OrderEvent as E, Refusal};
use super::machine::step;
use super::order::{OrderError, TaxOrder};
use super::state::{
    CancelSource, Delivery, ItemProgress, ItemStatus, OrderPhase, OrderState as S, PaymentReport,
    PlatformRefusal, Settlement,
};
use super::ticket_link::{item_outcomes, ticket_items};
use crate::currency::Currency;
use crate::money::Money;
use crate::ticket::ItemState;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
}
fn expire_at() -> DateTime<Utc> {
    t0() + Duration::hours(4)
}
fn ves(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), Currency::Ves).unwrap()
}
fn id(s: &str) -> DebtId {
    DebtId::new(s).unwrap()
}
fn debt(i: &str, cents: i64) -> DebtItem {
    DebtItem {
        id: id(i),
        description: format!("debt {i}"),
        kind: None,
        amount: ves(cents),
    }
}
fn order_of(items: &[DebtItem]) -> TaxOrder {
    TaxOrder::new(
        OrderId::new("77").unwrap(),
        items.to_vec(),
        None,
        expire_at(),
    )
    .unwrap()
}
fn order() -> TaxOrder {
    order_of(&[debt("1", 10_050), debt("2", 2_525)])
}
fn reference() -> PaymentReference {
    PaymentReference::new("VEN-0001").unwrap()
}
fn open() -> S {
    S::Open {
        order: order(),
        changing: false,
    }
}
fn settlement(statuses: &[(ItemStatus, Option<i64>)]) -> Settlement {
    let mut s = Settlement::new(&order(), reference(), t0());
    for (p, (status, at)) in s.items.iter_mut().zip(statuses) {
        p.status = *status;
        p.decided_at = at.map(|m| t0() + Duration::minutes(m));
    }
    s
}
fn sent(mut s: Settlement) -> Settlement {
    s.delivery = Delivery::Sent;
    s
}
const P: (ItemStatus, Option<i64>) = (ItemStatus::Pending, None);
fn ok(m: i64) -> (ItemStatus, Option<i64>) {
    (ItemStatus::Success, Some(m))
}
fn err(m: i64) -> (ItemStatus, Option<i64>) {
    (ItemStatus::Error, Some(m))
}
fn reported() -> S {
    S::Reported {
        order: order(),
        settlement: settlement(&[P, P]),
    }
}
fn processing(items: &[(ItemStatus, Option<i64>)]) -> S {
    S::Processing {
        order: order(),
        settlement: sent(settlement(items)),
    }
}
fn complete(items: &[(ItemStatus, Option<i64>)]) -> S {
    S::Complete {
        order: order(),
        settlement: sent(settlement(items)),
    }
}
fn cb(item: &str, status: ItemResult, minute: i64, order_status: PlatformOrderStatus) -> E {
    E::Callback(ItemCallback {
        order_id: OrderId::new("77").unwrap(),
        reference: reference(),
        item_id: id(item),
        status,
        created: t0() + Duration::minutes(minute),
        order_status,
    })
}
fn refusal() -> PlatformRefusal {
    PlatformRefusal {
        code: Some("E12".into()),
        message: "orden vencida".into(),
    }
}
fn refused(r: Refusal) -> Vec<Effect> {
    vec![Effect::Refused(r)]
}
fn noticed(n: Notice) -> Vec<Effect> {
    vec![Effect::Noticed(n)]
}
fn at(minutes: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(minutes)
}

type Row = (&'static str, S, E, S, Vec<Effect>);

fn check(table: Vec<Row>) {
    for (label, state, event, want_state, want_effects) in table {
        let (got_state, got_effects) = step(&state, event);
        assert_eq!(got_state, want_state, "{label}: state");
        assert_eq!(got_effects, want_effects, "{label}: effects");
    }
}

#[test]
fn choosing_debts_and_creating_the_order() {
    use ItemResult::Success;
    let draft = |items: &[DebtItem]| S::Draft {
        items: items.to_vec(),
    };
    let usd_like = DebtItem {
        amount: Money::new(Decimal::new(100, 2), Currency::Ars).unwrap(),
        ..debt("9", 0)
    };
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        ("a debt is selected", draft(&[]), E::Select(debt("1", 100)), draft(&[debt("1", 100)]), vec![]),
        ("the same debt twice is refused", draft(&[debt("1", 100)]), E::Select(debt("1", 100)),
            draft(&[debt("1", 100)]), refused(Refusal::DuplicateItem { id: id("1") })),
        ("a zero amount is refused", draft(&[]), E::Select(debt("1", 0)),
            draft(&[]), refused(Refusal::Invalid(OrderError::NotPositive { id: id("1") }))),
        ("a second currency is refused", draft(&[debt("1", 100)]), E::Select(usd_like),
            draft(&[debt("1", 100)]),
            refused(Refusal::Invalid(OrderError::Money(crate::money::MoneyError::CurrencyMismatch(Currency::Ves, Currency::Ars))))),
        ("a debt is deselected", draft(&[debt("1", 100), debt("2", 5)]), E::Deselect(id("1")), draft(&[debt("2", 5)]), vec![]),
        ("deselecting an unknown debt is refused", draft(&[]), E::Deselect(id("1")),
            draft(&[]), refused(Refusal::UnknownItem { id: id("1") })),
        ("an empty draft cannot be submitted", draft(&[]), E::Submit, draft(&[]), refused(Refusal::Invalid(OrderError::NoItems))),
        ("submitting creates the order", draft(&[debt("1", 100), debt("2", 5)]), E::Submit,
            S::Creating { items: vec![debt("1", 100), debt("2", 5)] },
            vec![Effect::CreateOrder { pending_ids: vec![id("1"), id("2")] }]),
        ("no edits while creating", S::Creating { items: vec![debt("1", 100)] }, E::Select(debt("2", 5)),
            S::Creating { items: vec![debt("1", 100)] }, refused(Refusal::NotNow { phase: OrderPhase::Creating })),
        ("the platform created it", S::Creating { items: vec![] }, E::Created(order()), open(), vec![]),
        ("a refused create goes back to the draft", S::Creating { items: vec![debt("1", 100)] },
            E::CreateRefused(refusal()), draft(&[debt("1", 100)]), refused(Refusal::Platform(refusal()))),
        ("a lost create goes back to the draft, with a warning", S::Creating { items: vec![debt("1", 100)] },
            E::CreateLost, draft(&[debt("1", 100)]), noticed(Notice::CreateOutcomeUnknown)),
        ("a callback before any order is unexpected", draft(&[]), cb("1", Success, 1, PlatformOrderStatus::Processing),
            draft(&[]), noticed(Notice::Unexpected { phase: OrderPhase::Draft })),
    ];
    check(table);
}

#[test]
fn changing_an_open_order() {
    let changing = S::Open {
        order: order(),
        changing: true,
    };
    let bigger = order_of(&[debt("1", 10_050), debt("2", 2_525), debt("3", 1)]);
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        ("add asks the platform", open(), E::Add { items: vec![debt("3", 1)], now: at(1) }, changing.clone(),
            vec![Effect::ChangeItems { order_id: order().id().clone(), action: ItemAction::Add, pending_ids: vec![id("3")] }]),
        ("remove asks the platform", open(), E::Remove { ids: vec![id("2"), id("2")], now: at(1) }, changing.clone(),
            vec![Effect::ChangeItems { order_id: order().id().clone(), action: ItemAction::Remove, pending_ids: vec![id("2")] }]),
        ("adding a debt already in the order is refused", open(), E::Add { items: vec![debt("2", 1)], now: at(1) },
            open(), refused(Refusal::DuplicateItem { id: id("2") })),
        ("removing an unknown debt is refused", open(), E::Remove { ids: vec![id("9")], now: at(1) },
            open(), refused(Refusal::UnknownItem { id: id("9") })),
        ("removing every debt is refused", open(), E::Remove { ids: vec![id("1"), id("2")], now: at(1) },
            open(), refused(Refusal::WouldEmpty)),
        ("one change at a time", changing.clone(), E::Add { items: vec![debt("4", 1)], now: at(1) },
            changing.clone(), refused(Refusal::ChangeInFlight)),
        ("no change after expiry, which expires the order", open(), E::Add { items: vec![debt("3", 1)], now: expire_at() },
            S::Expired { order: order() }, refused(Refusal::Expired)),
        ("the platform's answer is the new order", changing.clone(), E::Updated(bigger.clone()),
            S::Open { order: bigger, changing: false }, vec![]),
        ("an answer about another order changes nothing", changing.clone(),
            E::Updated(TaxOrder::new(OrderId::new("78").unwrap(), vec![debt("1", 1)], None, expire_at()).unwrap()),
            changing.clone(), noticed(Notice::WrongOrder { expected: OrderId::new("77").unwrap(), found: OrderId::new("78").unwrap() })),
        ("a refused change leaves the order as it was", changing.clone(), E::ChangeRefused(refusal()),
            open(), refused(Refusal::Platform(refusal()))),
        ("a lost change is reported", changing.clone(), E::ChangeLost, open(), noticed(Notice::ChangeOutcomeUnknown)),
        ("no change once reported", reported(), E::Add { items: vec![debt("3", 1)], now: at(1) },
            reported(), refused(Refusal::NotNow { phase: OrderPhase::Reported })),
        ("no payment while a change is on its way", changing.clone(), E::ReportPayment { reference: reference(), now: at(1) },
            changing.clone(), refused(Refusal::ChangeInFlight)),
    ];
    check(table);
}

#[test]
fn reporting_the_payment_expiring_and_cancelling() {
    let report = PaymentReport {
        reference: reference(),
        amount: ves(12_575),
        created: at(30),
    };
    let reported_at_30 = S::Reported {
        order: order(),
        settlement: Settlement::new(&order(), reference(), at(30)),
    };
    let other = PaymentReference::new("VEN-0002").unwrap();
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        ("the report carries the exact total and our reference", open(), E::ReportPayment { reference: reference(), now: at(30) },
            reported_at_30.clone(), vec![Effect::SendReport { order_id: order().id().clone(), report }]),
        ("a report inside the warning window still goes",
            open(), E::ReportPayment { reference: reference(), now: expire_at() - Duration::seconds(1) },
            S::Reported { order: order(), settlement: Settlement::new(&order(), reference(), expire_at() - Duration::seconds(1)) },
            vec![Effect::SendReport { order_id: order().id().clone(), report: PaymentReport { reference: reference(), amount: ves(12_575), created: expire_at() - Duration::seconds(1) } }]),
        ("no report at expiry", open(), E::ReportPayment { reference: reference(), now: expire_at() },
            S::Expired { order: order() }, refused(Refusal::Expired)),
        ("no report after expiry", S::Expired { order: order() }, E::ReportPayment { reference: reference(), now: at(500) },
            S::Expired { order: order() }, refused(Refusal::Expired)),
        ("the same report again changes nothing", reported(), E::ReportPayment { reference: reference(), now: at(40) },
            reported(), vec![]),
        ("another reference is refused", reported(), E::ReportPayment { reference: other, now: at(40) },
            reported(), refused(Refusal::AlreadyReported { reference: reference() })),
        ("the acknowledgement marks it sent", reported(), E::ReportAccepted,
            S::Reported { order: order(), settlement: sent(settlement(&[P, P])) }, vec![]),
        ("a refused report is final", reported(), E::ReportRefused(refusal()),
            S::ReportRefused { order: order(), settlement: settlement(&[P, P]), refusal: refusal() }, vec![]),
        ("ticks before expiry change nothing", open(), E::Tick { now: expire_at() - Duration::minutes(1) }, open(), vec![]),
        ("a tick at expiry expires the order", open(), E::Tick { now: expire_at() }, S::Expired { order: order() }, vec![]),
        ("a reported order does not expire", reported(), E::Tick { now: at(1000) }, reported(), vec![]),
        ("the cashier cancels an open order", open(), E::Cancel,
            S::Canceled { order: order(), by: CancelSource::Cashier, settlement: None },
            vec![Effect::SendCancel { order_id: order().id().clone() }]),
        ("a reported order cannot be canceled", reported(), E::Cancel,
            reported(), refused(Refusal::NotNow { phase: OrderPhase::Reported })),
        ("a late acknowledgement in an open order is unexpected", open(), E::ReportAccepted,
            open(), noticed(Notice::Unexpected { phase: OrderPhase::Open })),
    ];
    check(table);
}

#[test]
fn callbacks() {
    use ItemResult::{Error, Success};
    use PlatformOrderStatus::{Canceled, Complete, Processing};
    let wrong_ref = E::Callback(ItemCallback {
        reference: PaymentReference::new("OTHER").unwrap(),
        ..match cb("1", Success, 5, Processing) {
            E::Callback(c) => c,
            _ => unreachable!(),
        }
    });
    let wrong_order = E::Callback(ItemCallback {
        order_id: OrderId::new("99").unwrap(),
        ..match cb("1", Success, 5, Processing) {
            E::Callback(c) => c,
            _ => unreachable!(),
        }
    });
    let canceled = |items: &[(ItemStatus, Option<i64>)], by| S::Canceled {
        order: order(),
        by,
        settlement: Some(sent(settlement(items))),
    };
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        ("the first callback starts processing (and proves the report arrived)",
            reported(), cb("1", Success, 5, Processing), processing(&[ok(5), P]), vec![]),
        ("an item fails", processing(&[ok(5), P]), cb("2", Error, 6, Processing), processing(&[ok(5), err(6)]), vec![]),
        ("the last callback completes the order", processing(&[ok(5), P]), cb("2", Success, 6, Complete),
            complete(&[ok(5), ok(6)]), vec![]),
        ("complete straight from reported", reported(), cb("1", Success, 5, Complete), complete(&[ok(5), P]), vec![]),
        ("a duplicate callback changes nothing", processing(&[ok(5), P]), cb("1", Success, 5, Processing),
            processing(&[ok(5), P]), vec![]),
        ("a repeat with a later time changes nothing either", processing(&[ok(5), P]), cb("1", Success, 9, Processing),
            processing(&[ok(5), P]), vec![]),
        ("a complete order never goes back to processing", complete(&[ok(5), ok(6)]), cb("1", Success, 5, Processing),
            complete(&[ok(5), ok(6)]), vec![]),
        ("an older callback cannot undo a success", processing(&[ok(5), P]), cb("1", Error, 4, Processing),
            processing(&[ok(5), P]), noticed(Notice::StaleCallback { id: id("1") })),
        ("a stale callback cannot move the order either", processing(&[ok(5), P]), cb("1", Error, 4, Canceled),
            processing(&[ok(5), P]), noticed(Notice::StaleCallback { id: id("1") })),
        ("a later error annuls a success, and says so", complete(&[ok(5), ok(6)]), cb("1", Error, 30, Complete),
            complete(&[err(30), ok(6)]), noticed(Notice::ItemAnnulled { id: id("1") })),
        ("a later success replaces an error", processing(&[err(5), P]), cb("1", Success, 7, Processing),
            processing(&[ok(7), P]), vec![]),
        ("an unknown item is reported as such", processing(&[ok(5), P]), cb("3", Success, 6, Processing),
            processing(&[ok(5), P]), noticed(Notice::UnknownItem { id: id("3") })),
        ("another reference is reported", processing(&[ok(5), P]), wrong_ref,
            processing(&[ok(5), P]), noticed(Notice::WrongReference { expected: reference(), found: PaymentReference::new("OTHER").unwrap() })),
        ("another order is reported", processing(&[ok(5), P]), wrong_order,
            processing(&[ok(5), P]), noticed(Notice::WrongOrder { expected: OrderId::new("77").unwrap(), found: OrderId::new("99").unwrap() })),
        ("the platform cancels after the payment", processing(&[ok(5), P]), cb("2", Error, 6, Canceled),
            canceled(&[ok(5), err(6)], CancelSource::Platform), noticed(Notice::CanceledAfterPayment)),
        ("a repeated cancel callback changes nothing", canceled(&[ok(5), err(6)], CancelSource::Platform), cb("2", Error, 6, Canceled),
            canceled(&[ok(5), err(6)], CancelSource::Platform), vec![]),
        ("the platform confirms the cashier's cancel", S::Canceled { order: order(), by: CancelSource::Cashier, settlement: None },
            cb("1", Error, 5, Canceled), S::Canceled { order: order(), by: CancelSource::Cashier, settlement: None }, vec![]),
        ("a callback for an order never reported is unexpected", open(), cb("1", Success, 5, Processing),
            open(), noticed(Notice::Unexpected { phase: OrderPhase::Open })),
        ("an acknowledgement after callbacks says nothing new", processing(&[ok(5), P]), E::ReportAccepted,
            processing(&[ok(5), P]), vec![]),
    ];
    check(table);
}

#[test]
fn a_tax_order_on_the_ticket() {
    let keys: Vec<String> = ticket_items(&order())
        .into_iter()
        .map(|(k, m)| format!("{}:{}={}", k.gateway, k.id, m.amount()))
        .collect();
    assert_eq!(keys, ["arkadu:1=100.50", "arkadu:2=25.25"]);
    assert_eq!(order().total(), ves(12_575), "the total is the exact sum");

    let states = |s: &S| -> Vec<ItemState> { item_outcomes(s).iter().map(|o| o.state).collect() };
    assert!(item_outcomes(&open()).is_empty(), "nothing paid yet");
    assert_eq!(
        states(&reported()),
        [ItemState::Waiting, ItemState::Waiting]
    );
    assert_eq!(
        states(&processing(&[ok(1), err(2)])),
        [ItemState::Approved, ItemState::Rejected]
    );
    assert_eq!(
        states(&S::ReportRefused {
            order: order(),
            settlement: settlement(&[P, P]),
            refusal: refusal()
        }),
        [ItemState::Rejected, ItemState::Rejected]
    );
}

#[test]
fn an_order_total_must_be_the_sum() {
    let items = vec![debt("1", 100), debt("2", 5)];
    let made = |total| {
        TaxOrder::new(
            OrderId::new("1").unwrap(),
            items.clone(),
            total,
            expire_at(),
        )
    };
    assert_eq!(made(Some(ves(105))).unwrap().total(), ves(105));
    assert_eq!(
        made(Some(ves(106))),
        Err(OrderError::TotalMismatch {
            stated: ves(106),
            sum: ves(105)
        })
    );
    assert_eq!(
        TaxOrder::new(OrderId::new("1").unwrap(), vec![], None, expire_at()),
        Err(OrderError::NoItems)
    );
    assert_eq!(DebtId::new("  "), None, "a blank id names nothing");
    assert!(serde_json::from_str::<DebtId>("\" \"").is_err());
    assert_eq!(serde_json::from_str::<DebtId>("\"12\"").unwrap(), id("12"));
    let _ = ItemProgress {
        id: id("1"),
        status: ItemStatus::Pending,
        decided_at: None,
    };
}
