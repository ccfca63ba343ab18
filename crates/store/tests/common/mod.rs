//! A bill and a journaled cash sale of it, as the journal tests use them.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use rust_decimal_macros::dec;
use ventanilla_core::{
    AmountRule, Bill, ClientTransactionId, Company, Currency, ExternalData, Money,
};
use ventanilla_store::{LookupSource, NewSale, Store, StoreError, Tender};

pub fn ars(v: rust_decimal::Decimal) -> Money {
    Money::new(v, Currency::Ars).unwrap()
}

pub fn bill(external: &str) -> Bill {
    Bill {
        external_data: ExternalData(external.into()),
        company: Company {
            id: "16CB1F6815771858E95F".into(),
            code: "57".into(),
            name: "DIRECT TV".into(),
            enabled: true,
            search_by_customer_data: true,
            search_by_barcode: true,
            bill_modes: vec![],
        },
        customer_identifier: "0086108279".into(),
        barcode: Some("05700861082790003832152882102060000027480005".into()),
        description: "Cliente: 0086108279".into(),
        amount: AmountRule::Fixed {
            total: ars(dec!(2748)),
        },
    }
}

pub fn journal_sale(store: &mut Store, b: &Bill, ctid: u128) -> Result<i64, StoreError> {
    let at = Utc.with_ymd_and_hms(2026, 11, 22, 15, 0, 0).unwrap();
    let key = store.record_lookup(std::slice::from_ref(b), LookupSource::Barcode, at)?[0];
    let id = ClientTransactionId::from_u128(ctid);
    let row = store.insert_sale(&NewSale {
        client_transaction_id: &id,
        lookup_id: key,
        bill: b,
        amount: ars(dec!(2748)),
        tender: Tender::Cash {
            received: ars(dec!(3000)),
            change: ars(dec!(252)),
        },
        counter: "Caja 1",
        cashier: "Ana",
        at,
        provisional: false,
    })?;
    Ok(row.id)
}
