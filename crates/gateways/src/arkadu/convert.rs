//! The platform's wire types into core types. Every check that decides whether an answer can
//! be trusted lives here (ids, exact amounts, totals, times); whatever fails is a `BadAnswer`.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use rust_decimal::Decimal;
use ventanilla_core::arkadu::{
    DebtId, DebtItem, ItemCallback, ItemResult, OrderId, PaymentReference, PlatformOrderStatus,
    TaxOrder,
};
use ventanilla_core::{Currency, Money};

use super::wire;
use crate::error::GatewayError;

fn bad(reason: impl Into<String>) -> GatewayError {
    GatewayError::BadAnswer(reason.into())
}

fn money(amount: wire::WireAmount, currency: Currency, field: &str) -> Result<Money, GatewayError> {
    if amount.0 < Decimal::ZERO {
        return Err(bad(format!("{field} {} is negative", amount.0)));
    }
    Money::new(amount.0, currency).map_err(|e| bad(format!("{field} {}: {e}", amount.0)))
}

fn debt_id(text: &str) -> Result<DebtId, GatewayError> {
    DebtId::new(text).ok_or_else(|| bad("a debt without id"))
}

fn order_id(text: &str) -> Result<OrderId, GatewayError> {
    OrderId::new(text).ok_or_else(|| bad("an order without id"))
}

pub fn debt(w: wire::Pending, currency: Currency) -> Result<DebtItem, GatewayError> {
    Ok(DebtItem {
        id: debt_id(&w.id)?,
        amount: money(w.amount, currency, "amount")?,
        description: w.description.unwrap_or_default().trim().to_string(),
        kind: w
            .kind
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty()),
    })
}

pub fn debts(list: wire::PendingList, currency: Currency) -> Result<Vec<DebtItem>, GatewayError> {
    list.data.into_iter().map(|w| debt(w, currency)).collect()
}

/// An order whose stated `total_amount` must be the exact sum of its `detail`.
pub fn order(
    w: wire::Order,
    currency: Currency,
    offset: FixedOffset,
) -> Result<TaxOrder, GatewayError> {
    let id = order_id(w.id())?;
    let total = money(w.total_amount, currency, "total_amount")?;
    let expire_at = time(&w.expire_at, offset, "expire_at")?;
    let items = w
        .detail
        .into_iter()
        .map(|d| debt(d, currency))
        .collect::<Result<Vec<_>, _>>()?;
    TaxOrder::new(id, items, Some(total), expire_at).map_err(|e| bad(format!("order {e}")))
}

/// A time as the platform writes it: RFC 3339 with its offset, or Django's naive form
/// (`2026-03-02T16:00:00[.ffffff]`, also with a space), which is read at `offset`.
pub fn time(text: &str, offset: FixedOffset, field: &str) -> Result<DateTime<Utc>, GatewayError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .and_then(|naive| offset.from_local_datetime(&naive).single())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| bad(format!("{field} '{text}' is not a time")))
}

pub fn callback(w: wire::Callback, offset: FixedOffset) -> Result<ItemCallback, GatewayError> {
    let status = match w.status.trim().to_ascii_lowercase().as_str() {
        "success" => ItemResult::Success,
        "error" => ItemResult::Error,
        other => return Err(bad(format!("unknown item status '{other}'"))),
    };
    let order_status = match w.order_status.trim().to_ascii_lowercase().as_str() {
        "processing" => PlatformOrderStatus::Processing,
        "complete" | "completed" => PlatformOrderStatus::Complete,
        "canceled" | "cancelled" => PlatformOrderStatus::Canceled,
        other => return Err(bad(format!("unknown order status '{other}'"))),
    };
    Ok(ItemCallback {
        order_id: order_id(&w.order_id)?,
        reference: PaymentReference::new(&w.reference)
            .ok_or_else(|| bad("a callback without reference"))?,
        item_id: debt_id(&w.item_id)?,
        status,
        created: time(&w.created, offset, "created")?,
        order_status,
    })
}
