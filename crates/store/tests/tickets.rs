//! Tickets on a real SQLite file: a ticket, its items' sales and outbox rows, and its ledger
//! payment commit together or not at all, survive reopening, and refuse to be read back once
//! their money was changed behind the journal's back.

mod common;

use chrono::{Duration, TimeZone, Utc};
use rust_decimal_macros::dec;
use ventanilla_core::ledger::{
    CardRef, LedgerPayment, PaymentStatus, Tender, Transaction, WalletRef,
};
use ventanilla_core::quickpay::{
    step, CaptureId, CardAttempt, CardCapture, CardCaptureParts, CardDecision, CardEvent, Last4,
    TenderRef,
};
use ventanilla_core::ticket::{ItemKey, ItemOutcome, ItemState};
use ventanilla_core::{Bill, ClientTransactionId, Money};
use ventanilla_store::{LookupSource, NewSale, NewTicket, Store, StoreError};

use common::*;

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
}

/// Pays `bills` (each at its amount) as one ticket with `received` in cash.
fn pay(
    s: &mut Store,
    bills: &[(Bill, Money)],
    received: Money,
    first_ctid: u128,
) -> Result<i64, StoreError> {
    let ids: Vec<_> = (0..bills.len() as u128)
        .map(|n| ClientTransactionId::from_u128(first_ctid + n))
        .collect();
    let mut sales = Vec::new();
    for (n, (b, amount)) in bills.iter().enumerate() {
        let key = s.record_lookup(std::slice::from_ref(b), LookupSource::Barcode, at())?[0];
        sales.push(NewSale {
            client_transaction_id: &ids[n],
            lookup_id: key,
            bill: b,
            amount: *amount,
            tender: ventanilla_store::Tender::Cash {
                received: *amount,
                change: Money::zero(amount.currency()),
            },
            counter: "Caja 1",
            cashier: "Ana",
            at: at(),
            provisional: false,
        });
    }
    let total = bills
        .iter()
        .fold(ars(dec!(0)), |t, (_, a)| t.checked_add(*a).unwrap());
    let mut payment = LedgerPayment::open(total, at()).unwrap();
    payment.take_cash(received, at()).unwrap();
    insert(s, sales, &payment)
}

fn insert(
    s: &mut Store,
    sales: Vec<NewSale<'_>>,
    payment: &LedgerPayment,
) -> Result<i64, StoreError> {
    s.insert_ticket(&NewTicket {
        taxes: Vec::new(),
        bills: sales,
        payment,
        counter: "Caja 1",
        cashier: "Ana",
        at: at(),
    })
}

#[test]
fn a_ticket_of_three_bills_is_written_whole_and_reads_back_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let bills = [
        (bill("LIGHT"), ars(dec!(2748))),
        (bill("GAS"), ars(dec!(1000.50))),
        (bill("WATER"), ars(dec!(251.25))),
    ];
    let id = {
        let mut s = Store::open(&path).unwrap();
        pay(&mut s, &bills, ars(dec!(5000)), 100).unwrap()
    };
    let s = Store::open(&path).unwrap();
    let t = s.ticket(id).unwrap();
    assert_eq!(t.ticket.total_amount, ars(dec!(3999.75)));
    assert_eq!(t.ticket.status, PaymentStatus::Completed);
    assert_eq!(t.ticket.settled_at, None);
    let items: Vec<_> = t
        .items
        .iter()
        .map(|i| (i.key.id.as_str(), i.amount))
        .collect();
    assert_eq!(
        items,
        [
            ("LIGHT", ars(dec!(2748))),
            ("GAS", ars(dec!(1000.50))),
            ("WATER", ars(dec!(251.25)))
        ]
    );
    // Each bill is its own sale with its own id and outbox row.
    let sales: Vec<_> = t.items.iter().map(|i| s.sale(i.ref_id).unwrap()).collect();
    let ctids: std::collections::HashSet<_> = sales
        .iter()
        .map(|x| x.client_transaction_id.clone())
        .collect();
    assert_eq!(ctids.len(), 3);
    assert_eq!(s.outbox_pending().unwrap().len(), 3);
    let settled = t
        .payment
        .settle(
            &t.items
                .iter()
                .map(|i| ItemOutcome {
                    key: i.key.clone(),
                    amount: i.amount,
                    state: ItemState::Waiting,
                })
                .collect::<Vec<_>>(),
        )
        .unwrap();
    assert_eq!(settled.received, ars(dec!(5000)));
    assert_eq!(settled.change, ars(dec!(1000.25)));
    assert_eq!(s.unsettled_tickets().unwrap().len(), 1);
    assert_eq!(s.ticket_of("traxion", t.items[1].ref_id).unwrap(), Some(id));
}

#[test]
fn a_ticket_with_a_bill_already_in_flight_writes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let busy = bill("GAS");
    let earlier = journal_sale(&mut s, &busy, 1).unwrap();
    let bills = [(bill("LIGHT"), ars(dec!(2748))), (busy, ars(dec!(2748)))];
    match pay(&mut s, &bills, ars(dec!(6000)), 10) {
        Err(StoreError::BillBusy(id)) => assert_eq!(id, earlier),
        other => panic!("expected BillBusy, got {other:?}"),
    }
    assert_eq!(
        s.all_sales().unwrap().len(),
        1,
        "the first bill was not kept"
    );
    assert_eq!(s.outbox_pending().unwrap().len(), 1);
    assert!(s.recent_tickets(10).unwrap().is_empty());
}

#[test]
fn items_that_do_not_add_up_to_the_payment_are_refused() {
    let mut s = Store::open_in_memory().unwrap();
    let b = bill("LIGHT");
    let key = s
        .record_lookup(std::slice::from_ref(&b), LookupSource::Barcode, at())
        .unwrap()[0];
    let ctid = ClientTransactionId::from_u128(5);
    let mut payment = LedgerPayment::open(ars(dec!(100)), at()).unwrap();
    payment.take_cash(ars(dec!(100)), at()).unwrap();
    let sale = NewSale {
        client_transaction_id: &ctid,
        lookup_id: key,
        bill: &b,
        amount: ars(dec!(99)),
        tender: ventanilla_store::Tender::Cash {
            received: ars(dec!(99)),
            change: ars(dec!(0)),
        },
        counter: "Caja 1",
        cashier: "Ana",
        at: at(),
        provisional: false,
    };
    let r = s.insert_ticket(&NewTicket {
        taxes: Vec::new(),
        bills: vec![sale],
        payment: &payment,
        counter: "Caja 1",
        cashier: "Ana",
        at: at(),
    });
    assert!(matches!(r, Err(StoreError::Invalid(_))), "{r:?}");
    assert!(s.all_sales().unwrap().is_empty());
}

#[test]
fn a_refund_is_recorded_once_and_a_fully_rejected_ticket_ends_rejected() {
    let mut s = Store::open_in_memory().unwrap();
    let id = pay(
        &mut s,
        &[(bill("LIGHT"), ars(dec!(2748)))],
        ars(dec!(3000)),
        7,
    )
    .unwrap();
    let mut t = s.ticket(id).unwrap();
    let items = [ItemOutcome {
        key: t.items[0].key.clone(),
        amount: t.items[0].amount,
        state: ItemState::Rejected,
    }];
    let key = ItemKey::new("traxion", "LIGHT");
    let appended = t.payment.refund(&items, &key, at()).unwrap();
    s.append_payment(id, &appended).unwrap();
    // Written twice by a confused caller: the journal itself refuses the second refund.
    assert!(s.append_payment(id, &appended).is_err());
    let back = s.ticket(id).unwrap();
    assert_eq!(back.ticket.status, PaymentStatus::Rejected);
    let settled = back.payment.settle(&items).unwrap();
    assert_eq!(settled.refunded, ars(dec!(2748)));
    assert_eq!(settled.refund_due, ars(dec!(0)));
    assert_eq!(
        settled.received,
        settled.change.checked_add(settled.refunded).unwrap()
    );
}

#[test]
fn a_ticket_whose_money_was_edited_is_not_read_as_true() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let id = {
        let mut s = Store::open(&path).unwrap();
        pay(
            &mut s,
            &[(bill("LIGHT"), ars(dec!(2748)))],
            ars(dec!(3000)),
            3,
        )
        .unwrap()
    };
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute("UPDATE payment_transactions SET change = '2.00'", [])
            .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(
        matches!(s.ticket(id), Err(StoreError::Altered(_))),
        "change edited from 252.00 to 2.00 must not read back as a payment"
    );
}

#[test]
fn a_ticket_split_across_card_wallet_and_cash_reads_back_with_each_reference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let b = bill("LIGHT");
    let amount = ars(dec!(3000));
    let card = Tender::Card(CardRef {
        reference: "tnd-card-1".into(),
        capture_number: "INCA-0000000432".into(),
        last4: "1111".into(),
    });
    let wallet = Tender::Wallet(WalletRef {
        reference: "tnd-wallet-1".into(),
        txid: "ab".repeat(32),
    });
    let id = {
        let mut s = Store::open(&path).unwrap();
        // A ticket takes only a capture the terminal approved for it.
        let reference = TenderRef::new("tnd-card-1").unwrap();
        let waiting = CardAttempt::start(
            reference.clone(),
            ars(dec!(1000)),
            at(),
            Duration::minutes(3),
        );
        s.card_start(&waiting, at()).unwrap();
        let capture = CardCapture::new(CardCaptureParts {
            id: CaptureId::new("cap-1").unwrap(),
            reference,
            decision: CardDecision::Accept,
            reason_code: "100".into(),
            last4: Last4::new("1111").unwrap(),
            card_type: "001".into(),
            payment_token: "5042408910336785404106".into(),
            capture_number: "INCA-0000000432".into(),
            amount: None,
        })
        .unwrap();
        let (approved, _) = step(&waiting, CardEvent::Captured(capture));
        s.card_write(Some(&approved), &[], None, at()).unwrap();
        // And only a wallet payment that was charged.
        let session = ventanilla_core::pennymatic::SessionId::new("session-1").unwrap();
        s.wallet_start(
            &ventanilla_store::NewWalletCharge {
                reference: "tnd-wallet-1",
                session_id: &session,
                consent_digest: "00",
                amount: ars(dec!(1500.50)),
                expires_at: at(),
            },
            at(),
        )
        .unwrap();
        use ventanilla_core::pennymatic::WalletPhase;
        assert!(s
            .wallet_advance(
                "tnd-wallet-1",
                WalletPhase::AwaitingConsent,
                WalletPhase::Charging,
                None,
                None,
                at()
            )
            .unwrap());
        let txid = ventanilla_core::pennymatic::TxId::new(&"ab".repeat(32)).unwrap();
        assert!(s.wallet_charged("tnd-wallet-1", &txid, None, at()).unwrap());
        let ctid = ClientTransactionId::from_u128(900);
        let key = s
            .record_lookup(std::slice::from_ref(&b), LookupSource::Barcode, at())
            .unwrap()[0];
        let mut payment = LedgerPayment::open(amount, at()).unwrap();
        payment
            .take_charge(card.clone(), ars(dec!(1000)), at())
            .unwrap();
        payment
            .take_charge(wallet.clone(), ars(dec!(1500.50)), at())
            .unwrap();
        payment.take_cash(ars(dec!(1000)), at()).unwrap();
        let sale = NewSale {
            client_transaction_id: &ctid,
            lookup_id: key,
            bill: &b,
            amount,
            tender: ventanilla_store::Tender::Cash {
                received: amount,
                change: ars(dec!(0)),
            },
            counter: "Caja 1",
            cashier: "Ana",
            at: at(),
            provisional: false,
        };
        insert(&mut s, vec![sale], &payment).unwrap()
    };
    let s = Store::open(&path).unwrap();
    let t = s.ticket(id).unwrap();
    assert_eq!(t.ticket.status, PaymentStatus::Completed);
    let tenders: Vec<_> = t
        .payment
        .transactions()
        .iter()
        .map(|row| match row {
            Transaction::Tender(t) => (t.tender.clone(), t.applied, t.change()),
            Transaction::Refund(_) => panic!("no refund was made"),
        })
        .collect();
    assert_eq!(
        tenders,
        vec![
            (card, ars(dec!(1000)), ars(dec!(0))),
            (wallet, ars(dec!(1500.50)), ars(dec!(0))),
            (
                Tender::Cash {
                    received: ars(dec!(1000)),
                    change: ars(dec!(500.50))
                },
                ars(dec!(499.50)),
                ars(dec!(500.50))
            ),
        ]
    );
}
