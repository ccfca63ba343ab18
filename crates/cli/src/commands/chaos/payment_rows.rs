//! A ticket's ledger payment reduced to what the checks add up: cash handed over, change given
//! back, and the refunds confirmed. The payment was already replayed by the store through the
//! ledger's rules; this only sums its accepted tenders and lists its refunds, exactly.

use ventanilla_core::ledger::{LedgerPayment, Transaction, TxStatus};

use super::checks::TicketPayment;

pub fn read(payment: &LedgerPayment) -> TicketPayment {
    let mut p = TicketPayment {
        total: payment.total_amount().amount(),
        received: rust_decimal::Decimal::ZERO,
        change: rust_decimal::Decimal::ZERO,
        refunds: Vec::new(),
    };
    for row in payment.transactions() {
        match row {
            // Only accepted tenders are the ticket's money.
            Transaction::Tender(t) if t.status == TxStatus::Accepted => {
                p.received += t.handed_over().amount();
                p.change += t.change().amount();
            }
            Transaction::Tender(_) => {}
            Transaction::Refund(r) => p.refunds.push((r.item.id.clone(), r.amount.amount())),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use ventanilla_core::ticket::{ItemKey, ItemOutcome, ItemState};
    use ventanilla_core::{Currency, Money};

    fn ars(a: &str) -> Money {
        Money::new(a.parse().unwrap(), Currency::Ars).unwrap()
    }

    #[test]
    fn accepted_cash_and_refunds_are_read_exactly() {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut payment = LedgerPayment::open(ars("30.50"), at).unwrap();
        payment.take_cash(ars("100.00"), at).unwrap();
        let items = [ItemOutcome {
            key: ItemKey::new("traxion", "ext-222"),
            amount: ars("30.50"),
            state: ItemState::Rejected,
        }];
        payment.refund(&items, &items[0].key, at).unwrap();
        let p = read(&payment);
        assert_eq!(p.total, "30.50".parse().unwrap());
        assert_eq!(p.received, "100.00".parse().unwrap());
        assert_eq!(p.change, "69.50".parse().unwrap());
        assert_eq!(
            p.refunds,
            [("ext-222".to_string(), "30.50".parse().unwrap())]
        );
    }
}
