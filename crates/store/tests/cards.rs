//! Card tenders on a real SQLite file: an attempt written before the terminal is asked, its
//! verdict, a ticket that takes an approved capture once and only an approved one, and card
//! money without a sale kept once and refunded once, all surviving a reopen.

mod common;

use chrono::{Duration, TimeZone, Utc};
use rust_decimal_macros::dec;
use ventanilla_core::ledger::{CardRef, LedgerPayment, Tender};
use ventanilla_core::quickpay::{
    step, CaptureId, CardAttempt, CardCapture, CardCaptureParts, CardDecision, CardEvent,
    CardPhase, Last4, TenderRef,
};
use ventanilla_core::ClientTransactionId;
use ventanilla_store::{LookupSource, NewSale, NewStray, NewTicket, Store, StrayCause};

use common::*;

fn at(s: i64) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap() + Duration::seconds(s)
}

fn capture(reference: &TenderRef, id: &str, decision: CardDecision) -> CardCapture {
    CardCapture::new(CardCaptureParts {
        id: CaptureId::new(id).unwrap(),
        reference: reference.clone(),
        decision,
        reason_code: "100".into(),
        last4: Last4::new("1111").unwrap(),
        card_type: "001".into(),
        payment_token: "5042408910336785404106".into(),
        capture_number: "INCA-0000000432".into(),
        amount: None,
    })
    .unwrap()
}

fn card_tender(c: &CardCapture) -> Tender {
    Tender::Card(CardRef {
        reference: c.reference().as_str().into(),
        capture_number: c.capture_number().into(),
        last4: c.last4().as_str().into(),
    })
}

/// A ticket of one bill paid whole by `tender`.
fn pay_by(
    s: &mut Store,
    external: &str,
    tender: Tender,
    ctid: u128,
) -> Result<i64, ventanilla_store::StoreError> {
    let b = bill(external);
    let amount = ars(dec!(1500));
    let id = ClientTransactionId::from_u128(ctid);
    let key = s.record_lookup(std::slice::from_ref(&b), LookupSource::Barcode, at(0))?[0];
    let mut payment = LedgerPayment::open(amount, at(0)).unwrap();
    payment.take_charge(tender, amount, at(0)).unwrap();
    s.insert_ticket(&NewTicket {
        bills: vec![NewSale {
            client_transaction_id: &id,
            lookup_id: key,
            bill: &b,
            amount,
            tender: ventanilla_store::Tender::Cash {
                received: amount,
                change: ars(dec!(0)),
            },
            counter: "Caja 1",
            cashier: "Ana",
            at: at(0),
            provisional: false,
        }],
        taxes: Vec::new(),
        payment: &payment,
        counter: "Caja 1",
        cashier: "Ana",
        at: at(0),
    })
}

#[test]
fn an_approved_capture_pays_one_ticket_once_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let reference = TenderRef::from_u128(7);
    let approved = capture(&reference, "cap-1", CardDecision::Accept);
    {
        let mut s = Store::open(&path).unwrap();
        let waiting = CardAttempt::start(
            reference.clone(),
            ars(dec!(1500)),
            at(0),
            Duration::minutes(3),
        );
        s.card_start(&waiting, at(0)).unwrap();
        // Written twice is refused: one reference, one attempt.
        assert!(s.card_start(&waiting, at(1)).is_err());
        // A ticket cannot take a capture that has no verdict yet.
        assert!(pay_by(&mut s, "EARLY", card_tender(&approved), 1).is_err());
        let (state, _) = step(&waiting, CardEvent::Captured(approved.clone()));
        assert_eq!(state.phase(), CardPhase::Approved);
        s.card_write(Some(&state), &[], None, at(2)).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let record = s.card_attempt(reference.as_str()).unwrap().unwrap();
    assert_eq!(record.attempt.phase(), CardPhase::Approved);
    assert_eq!(
        record.asked,
        ars(dec!(1500)),
        "what was asked, though the capture says nothing"
    );
    assert_eq!(record.ticket_id, None);
    assert_eq!(s.card_untaken(CardPhase::Approved).unwrap().len(), 1);
    let id = pay_by(&mut s, "LIGHT", card_tender(&approved), 2).unwrap();
    assert_eq!(
        s.card_attempt(reference.as_str())
            .unwrap()
            .unwrap()
            .ticket_id,
        Some(id)
    );
    assert!(s.card_untaken(CardPhase::Approved).unwrap().is_empty());
    // The same capture cannot pay a second ticket, and the refused ticket left nothing.
    assert!(pay_by(&mut s, "GAS", card_tender(&approved), 3).is_err());
    assert_eq!(s.all_sales().unwrap().len(), 1);
    assert_eq!(
        s.card_references().unwrap(),
        vec![reference.as_str().to_string()]
    );
}

#[test]
fn card_money_without_a_sale_is_kept_once_and_refunded_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let reference = TenderRef::from_u128(8);
    let late = capture(&reference, "cap-late", CardDecision::Accept);
    {
        let mut s = Store::open(&path).unwrap();
        let waiting = CardAttempt::start(
            reference.clone(),
            ars(dec!(990.10)),
            at(0),
            Duration::minutes(3),
        );
        s.card_start(&waiting, at(0)).unwrap();
        let stray = NewStray {
            capture: &late,
            amount: ars(dec!(990.10)),
            cause: StrayCause::Late,
        };
        s.card_write(None, std::slice::from_ref(&stray), None, at(5))
            .unwrap();
        // The proxy sends it again: still one.
        s.card_write(None, &[stray], None, at(6)).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let strays = s.card_strays().unwrap();
    assert_eq!(strays.len(), 1);
    assert_eq!(strays[0].amount, ars(dec!(990.10)));
    assert_eq!(strays[0].last4, "1111");
    assert_eq!(strays[0].cause, StrayCause::Late);
    assert_eq!(strays[0].refunded, None);
    assert!(s
        .card_stray_refunded("cap-late", "Supervisora", at(60))
        .unwrap());
    assert!(!s
        .card_stray_refunded("cap-late", "Supervisora", at(61))
        .unwrap());
    assert!(!s
        .card_stray_refunded("cap-unknown", "Supervisora", at(61))
        .unwrap());
    let strays = s.card_strays().unwrap();
    assert_eq!(
        strays[0].refunded,
        Some((at(60), "Supervisora".to_string()))
    );
}
