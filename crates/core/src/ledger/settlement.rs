use crate::money::Money;

/// Where a ticket's money stands. Always, to the cent:
/// - `received = paid + change` (only cash gives change);
/// - once the tenders cover the total, `paid = total = approved + waiting + rejected`;
/// - `rejected = refunded + refund_due`.
///
/// So when every item is final and every refund confirmed, the money that came in is exactly
/// `approved + change + refunded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    pub total: Money,
    /// What accepted tenders pay of the total.
    pub paid: Money,
    /// What the customer handed over in accepted tenders (cash before change).
    pub received: Money,
    pub change: Money,
    /// Items the gateways took.
    pub approved: Money,
    /// Items not final yet.
    pub waiting: Money,
    /// Items the gateways refused, refunded or not.
    pub rejected: Money,
    pub refunded: Money,
    /// Refused items whose money the cashier has not confirmed handing back yet.
    pub refund_due: Money,
}

impl Settlement {
    /// Nothing more will happen to this ticket's money: every item is final and every refund
    /// handed back.
    pub fn is_settled(&self) -> bool {
        self.waiting.amount().is_zero() && self.refund_due.amount().is_zero()
    }
}
