//! A payment order as the platform created it: its items, their exact total and when it
//! expires. Built only through [`TaxOrder::new`], which checks that the total is the sum.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashSet;
use thiserror::Error;

use super::debt::{DebtId, DebtItem, OrderId};
use crate::money::{Money, MoneyError};

/// Why a list of items cannot make an order (or a selection).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OrderError {
    #[error("an order needs at least one item")]
    NoItems,
    #[error("item {id} appears twice")]
    DuplicateItem { id: DebtId },
    #[error("item {id} has an amount of zero or less")]
    NotPositive { id: DebtId },
    /// The platform's stated total is not the sum of its items: one of them is wrong, and
    /// charging either would charge the wrong amount.
    #[error("the stated total {stated} is not the items' sum {sum}")]
    TotalMismatch { stated: Money, sum: Money },
    #[error("the items' amounts cannot be added: {0}")]
    Money(#[from] MoneyError),
}

/// The exact sum of `items`, refusing duplicates, amounts of zero or less, mixed currencies and
/// overflow. `None` for an empty list: it has no currency, so no total.
pub fn sum(items: &[DebtItem]) -> Result<Option<Money>, OrderError> {
    let mut seen = HashSet::new();
    let mut total: Option<Money> = None;
    for item in items {
        if !seen.insert(&item.id) {
            return Err(OrderError::DuplicateItem {
                id: item.id.clone(),
            });
        }
        if item.amount.amount() <= Decimal::ZERO {
            return Err(OrderError::NotPositive {
                id: item.id.clone(),
            });
        }
        total = Some(match total {
            None => item.amount,
            Some(t) => t.checked_add(item.amount)?,
        });
    }
    Ok(total)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaxOrder {
    id: OrderId,
    items: Vec<DebtItem>,
    total: Money,
    expire_at: DateTime<Utc>,
}

impl TaxOrder {
    /// An order with `items`; `stated_total` is the platform's `total_amount`, checked against
    /// the sum when given.
    pub fn new(
        id: OrderId,
        items: Vec<DebtItem>,
        stated_total: Option<Money>,
        expire_at: DateTime<Utc>,
    ) -> Result<TaxOrder, OrderError> {
        let total = sum(&items)?.ok_or(OrderError::NoItems)?;
        if let Some(stated) = stated_total {
            if stated != total {
                return Err(OrderError::TotalMismatch { stated, sum: total });
            }
        }
        Ok(TaxOrder {
            id,
            items,
            total,
            expire_at,
        })
    }

    pub fn id(&self) -> &OrderId {
        &self.id
    }

    pub fn items(&self) -> &[DebtItem] {
        &self.items
    }

    /// Always the exact sum of the items.
    pub fn total(&self) -> Money {
        self.total
    }

    pub fn expire_at(&self) -> DateTime<Utc> {
        self.expire_at
    }

    pub fn item(&self, id: &DebtId) -> Option<&DebtItem> {
        self.items.iter().find(|i| &i.id == id)
    }
}
