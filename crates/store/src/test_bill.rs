//! The bill the store's own unit tests journal (integration tests have theirs in
//! `tests/common`).

use rust_decimal_macros::dec;
use ventanilla_core::{AmountRule, Bill, Company, Currency, ExternalData, Money};

/// A fixed-amount DIRECT TV bill of ARS 2748 with this `externalData` and customer.
pub(crate) fn bill(external_data: String, customer: String) -> Bill {
    Bill {
        external_data: ExternalData(external_data),
        company: Company {
            id: "16CB1F6815771858E95F".into(),
            code: "57".into(),
            name: "DIRECT TV".into(),
            enabled: true,
            search_by_customer_data: true,
            search_by_barcode: true,
            bill_modes: vec![],
        },
        customer_identifier: customer,
        barcode: None,
        description: String::new(),
        amount: AmountRule::Fixed {
            total: Money::new(dec!(2748), Currency::Ars).unwrap(),
        },
    }
}
