//! A bill as the screen shows it.

use ventanilla_core::{AmountRule, Bill};
use ventanilla_store::SaleRow;

use crate::i18n::Locale;
use crate::traxion::duplicate::earlier_view;
use crate::views::{BillView, MoneyView};

pub(crate) fn bill_view(bill: &Bill, key: i64, earlier: Option<&SaleRow>, l: Locale) -> BillView {
    let (open, min, max) = match bill.amount {
        AmountRule::Fixed { total } => (false, total, total),
        AmountRule::Open { min, max, .. } => (true, min, max),
    };
    BillView {
        key,
        company_code: bill.company.code.clone(),
        company_name: bill.company.name.clone(),
        customer_id: bill.customer_identifier.clone(),
        barcode: bill.barcode.clone(),
        description: bill.description.trim().to_string(),
        total: MoneyView::new(&bill.amount.total(), l),
        open_amount: open,
        min: MoneyView::new(&min, l),
        max: MoneyView::new(&max, l),
        earlier_sale: earlier.map(|row| earlier_view(row, l)),
    }
}
