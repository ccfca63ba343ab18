//! The platform's success answers, in its envelope `{"res": 1, ...}`. Items' amounts are
//! strings (as Django REST framework writes decimals); an order's `total_amount` is a JSON
//! number: the document calls both Decimal, and clients must take either.

use chrono::SecondsFormat;
use serde_json::{json, Value};

use super::book::Book;
use super::fixtures::Debt;
use super::order::Order;

/// `{id, amount, description}` of one pending item.
pub fn item(debt: &Debt) -> Value {
    json!({
        "id": debt.id,
        "amount": debt.amount.to_string(),
        "description": debt.description,
    })
}

/// The answer to a lookup.
pub fn pending(debts: &[&Debt]) -> Value {
    json!({"res": 1, "data": debts.iter().map(|d| item(d)).collect::<Vec<_>>()})
}

/// The answer to creating or updating an order.
pub fn order(book: &Book, order: &Order) -> Value {
    let total: Value =
        serde_json::from_str(&order.total.to_string()).expect("a decimal is a JSON number");
    json!({
        "res": 1,
        "order": order.id,
        "order_id": order.id,
        "total_amount": total,
        "expire_at": order.expire_at.to_rfc3339_opts(SecondsFormat::Secs, false),
        "detail": order
            .items
            .iter()
            .filter_map(|id| book.debt(*id))
            .map(item)
            .collect::<Vec<_>>(),
    })
}

/// The bare OK of a payment report (the outcome comes by callback).
pub fn ok() -> Value {
    json!({"res": 1, "status": "OK"})
}

/// The answer to a cancellation.
pub fn cancelled(order: &Order) -> Value {
    json!({"res": 1, "order": order.id, "order_id": order.id, "status": "Canceled"})
}
