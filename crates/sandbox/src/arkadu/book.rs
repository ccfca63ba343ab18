//! The platform's ledger of debts and orders, and its rules; no I/O, the clock passed in.
//!
//! - an item is payable while unpaid; while a live order holds it, no other order may;
//! - an order lives `order_ttl`; an expired or cancelled order takes no report;
//! - a report repeated with the same reference is the same report (nothing happens again);
//!   another reference for a reported order, or an amount other than the total, is refused;
//! - a report decides each item's result at once (`fail_items` of them fail): succeeded items
//!   are paid, failed ones payable again; the callbacks tell the agent afterwards.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Timelike};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::ArkaduError;
use super::fixtures::{self, Debt};
use super::order::{ItemResult, ItemStatus, Order, OrderState, Report};
use super::rif::{DocId, DocIdError};
use crate::ids;

/// `ADD` or `REMOVE` of an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Add,
    Remove,
}

/// What a report did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reported {
    /// A new report: its order, results decided, callbacks to send.
    New(Box<Order>),
    /// The same report again: nothing new happens.
    Repeat,
}

/// The mutable part, as the state file keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookSnapshot {
    pub orders: Vec<Order>,
    pub paid: BTreeSet<u64>,
    pub next_order: u64,
}

/// Debts (fixed) and orders.
#[derive(Debug)]
pub struct Book {
    debts: BTreeMap<u64, Debt>,
    state: BookSnapshot,
    seed: u64,
}

impl Book {
    pub fn new(debts: Vec<Debt>, seed: u64, saved: Option<BookSnapshot>) -> Book {
        Book {
            debts: debts.into_iter().map(|d| (d.id, d)).collect(),
            state: saved.unwrap_or_default(),
            seed,
        }
    }

    pub fn snapshot(&self) -> &BookSnapshot {
        &self.state
    }

    pub fn orders(&self) -> &[Order] {
        &self.state.orders
    }

    /// Forgets every order and payment.
    pub fn reset(&mut self) {
        self.state.orders.clear();
        self.state.paid.clear();
    }

    pub fn debt(&self, id: u64) -> Option<&Debt> {
        self.debts.get(&id)
    }

    /// The unpaid debts of the taxpayer `doc_id` (empty when it owes nothing).
    pub fn pending(&self, doc_id: &str) -> Result<Vec<&Debt>, ArkaduError> {
        let doc = match DocId::parse(doc_id) {
            Ok(doc) => doc,
            Err(DocIdError::Malformed) => {
                return Err(ArkaduError::invalid(
                    "INVALID_DOC_ID",
                    format!("{doc_id:?} no es una cédula o RIF válido"),
                ))
            }
            Err(DocIdError::CheckDigit { .. }) => {
                return Err(ArkaduError::invalid(
                    "INVALID_DOC_ID",
                    format!("El dígito verificador del RIF {doc_id:?} no es válido"),
                ))
            }
        };
        if fixtures::taxpayer(doc).is_none() {
            return Err(ArkaduError::not_found(
                "TAXPAYER_NOT_FOUND",
                format!("No hay un contribuyente registrado con el documento {doc}"),
            ));
        }
        Ok(self
            .debts
            .values()
            .filter(|d| d.doc == doc && !self.state.paid.contains(&d.id))
            .collect())
    }

    /// A new order holding `ids`.
    pub fn create(
        &mut self,
        ids: &[u64],
        now: DateTime<FixedOffset>,
        ttl: Duration,
    ) -> Result<Order, ArkaduError> {
        let items = self.payable(ids, None, now)?;
        let doc = self.debts[&items[0]].doc;
        self.state.next_order += 1;
        let order = Order {
            id: uuid_like(&ids::hex_id(self.seed, self.state.next_order, 32)),
            doc_id: doc.to_string(),
            total: self.total(&items),
            items,
            created_at: now,
            expire_at: expire_at(now, ttl),
            state: OrderState::Open,
            report: None,
            results: Vec::new(),
            delivered: false,
        };
        self.state.orders.push(order.clone());
        Ok(order)
    }

    /// Adds items to, or removes them from, a live order.
    pub fn update(
        &mut self,
        order_id: &str,
        ids: &[u64],
        change: Change,
        now: DateTime<FixedOffset>,
    ) -> Result<Order, ArkaduError> {
        let at = self.find(order_id)?;
        Self::check_live(&self.state.orders[at], now)?;
        let order = &self.state.orders[at];
        let items = match change {
            Change::Add => {
                let mut added = self.payable(ids, Some(at), now)?;
                let mut items = order.items.clone();
                added.retain(|id| !items.contains(id));
                items.extend(added);
                items
            }
            Change::Remove => {
                if let Some(id) = ids.iter().find(|id| !order.items.contains(id)) {
                    return Err(ArkaduError::invalid(
                        "ITEM_NOT_IN_ORDER",
                        format!("El concepto {id} no está en la orden {order_id}"),
                    ));
                }
                let items: Vec<u64> = order
                    .items
                    .iter()
                    .copied()
                    .filter(|id| !ids.contains(id))
                    .collect();
                if items.is_empty() {
                    return Err(ArkaduError::invalid(
                        "EMPTY_ORDER",
                        "La orden no puede quedar sin conceptos; anúlela en su lugar",
                    ));
                }
                items
            }
        };
        let total = self.total(&items);
        let order = &mut self.state.orders[at];
        order.items = items;
        order.total = total;
        Ok(order.clone())
    }

    /// Records a payment report, or recognises it as one already recorded.
    pub fn report(
        &mut self,
        order_id: &str,
        amount: Decimal,
        reference: &str,
        created: &str,
        now: DateTime<FixedOffset>,
        fail_items: impl FnOnce() -> u64,
    ) -> Result<Reported, ArkaduError> {
        let at = self.find(order_id)?;
        let order = &self.state.orders[at];
        if let Some(report) = &order.report {
            return if report.reference == reference {
                Ok(Reported::Repeat)
            } else {
                Err(ArkaduError::invalid(
                    "ORDER_ALREADY_PAID",
                    format!(
                        "La orden {order_id} ya tiene un pago reportado con la referencia {}",
                        report.reference
                    ),
                ))
            };
        }
        Self::check_live(order, now)?;
        if amount != order.total {
            return Err(ArkaduError::invalid(
                "AMOUNT_MISMATCH",
                format!(
                    "El monto {amount} no coincide con el total de la orden {}",
                    order.total
                ),
            ));
        }
        let fail_items = fail_items();
        let results: Vec<ItemResult> = order
            .items
            .iter()
            .enumerate()
            .map(|(i, &item_id)| ItemResult {
                item_id,
                status: if (i as u64) < fail_items {
                    ItemStatus::Error
                } else {
                    ItemStatus::Success
                },
            })
            .collect();
        for r in results.iter().filter(|r| r.status == ItemStatus::Success) {
            self.state.paid.insert(r.item_id);
        }
        let order = &mut self.state.orders[at];
        order.state = if results.iter().any(|r| r.status == ItemStatus::Success) {
            OrderState::Complete
        } else {
            OrderState::Canceled
        };
        order.report = Some(Report {
            reference: reference.to_owned(),
            amount,
            created: created.to_owned(),
            received_at: now,
        });
        order.results = results;
        Ok(Reported::New(Box::new(order.clone())))
    }

    /// Cancels an order that has no payment; cancelling it again (or once expired) is fine.
    pub fn cancel(&mut self, order_id: &str) -> Result<Order, ArkaduError> {
        let at = self.find(order_id)?;
        let order = &mut self.state.orders[at];
        if order.report.is_some() {
            return Err(ArkaduError::invalid(
                "ORDER_ALREADY_PAID",
                format!("La orden {order_id} tiene un pago reportado y no puede anularse"),
            ));
        }
        order.state = OrderState::Canceled;
        Ok(order.clone())
    }

    /// Marks an order's callbacks as all delivered.
    pub fn mark_delivered(&mut self, order_id: &str) {
        if let Some(o) = self.state.orders.iter_mut().find(|o| o.id == order_id) {
            o.delivered = true;
        }
    }

    /// Orders whose results were decided but not all called back (after a restart).
    pub fn undelivered(&self) -> Vec<Order> {
        self.state
            .orders
            .iter()
            .filter(|o| !o.results.is_empty() && !o.delivered)
            .cloned()
            .collect()
    }

    fn find(&self, order_id: &str) -> Result<usize, ArkaduError> {
        self.state
            .orders
            .iter()
            .position(|o| o.id == order_id)
            .ok_or_else(|| {
                ArkaduError::not_found(
                    "ORDER_NOT_FOUND",
                    format!("No existe la orden de pago {order_id}"),
                )
            })
    }

    fn check_live(order: &Order, now: DateTime<FixedOffset>) -> Result<(), ArkaduError> {
        if order.is_expired(now) {
            return Err(ArkaduError::invalid(
                "ORDER_EXPIRED",
                format!("La orden {} venció el {}", order.id, order.expire_at),
            ));
        }
        match order.state {
            OrderState::Open => Ok(()),
            OrderState::Canceled if order.report.is_none() => Err(ArkaduError::invalid(
                "ORDER_CANCELED",
                format!("La orden {} fue anulada", order.id),
            )),
            _ => Err(ArkaduError::invalid(
                "ORDER_ALREADY_PAID",
                format!("La orden {} ya fue pagada", order.id),
            )),
        }
    }

    /// `ids` deduplicated, each a known unpaid debt of one taxpayer that no live order (but
    /// `except`, the order being changed) holds.
    fn payable(
        &self,
        ids: &[u64],
        except: Option<usize>,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<u64>, ArkaduError> {
        let mut out: Vec<u64> = Vec::new();
        for &id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        if out.is_empty() {
            return Err(ArkaduError::invalid(
                "INVALID_REQUEST",
                "pending_ids no puede estar vacío",
            ));
        }
        let mut doc = except.map(|at| self.state.orders[at].doc_id.clone());
        for &id in &out {
            let debt = self.debts.get(&id).ok_or_else(|| {
                ArkaduError::not_found("ITEM_NOT_FOUND", format!("No existe el concepto {id}"))
            })?;
            if self.state.paid.contains(&id) {
                return Err(ArkaduError::invalid(
                    "ITEM_ALREADY_PAID",
                    format!("El concepto {id} ya fue pagado"),
                ));
            }
            let holder = self
                .state
                .orders
                .iter()
                .enumerate()
                .find(|(at, o)| Some(*at) != except && o.is_live(now) && o.items.contains(&id));
            if let Some((_, o)) = holder {
                return Err(ArkaduError::invalid(
                    "ITEM_IN_ORDER",
                    format!(
                        "El concepto {id} está en la orden {} hasta {}",
                        o.id, o.expire_at
                    ),
                ));
            }
            let owner = debt.doc.to_string();
            match &doc {
                Some(d) if *d != owner => {
                    return Err(ArkaduError::invalid(
                        "MIXED_TAXPAYERS",
                        "Todos los conceptos de una orden deben ser del mismo contribuyente",
                    ))
                }
                Some(_) => {}
                None => doc = Some(owner),
            }
        }
        Ok(out)
    }

    fn total(&self, items: &[u64]) -> Decimal {
        items.iter().map(|id| self.debts[id].amount).sum()
    }
}

/// When an order created at `now` expires: `ttl` later, cut to the whole second, because agents
/// are told `expire_at` in whole seconds and the platform must refuse a report exactly when it
/// said it would, not up to a second later (so an order lives a little less than `ttl`, never
/// more). A `ttl` beyond the calendar saturates at the last second of 9999 instead of
/// overflowing.
fn expire_at(now: DateTime<FixedOffset>, ttl: Duration) -> DateTime<FixedOffset> {
    let far = chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .and_then(|t| t.and_local_timezone(*now.offset()).single())
        .unwrap_or(now);
    let at = chrono::Duration::from_std(ttl)
        .ok()
        .and_then(|ttl| now.checked_add_signed(ttl))
        .map_or(far, |at| at.min(far));
    at.with_nanosecond(0).unwrap_or(at)
}

/// 32 hex characters as a UUID (`8-4-4-4-12`, lower case).
fn uuid_like(hex: &str) -> String {
    let h = hex.to_ascii_lowercase();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn an_order_expires_on_the_whole_second_agents_are_told_and_huge_lifetimes_do_not_overflow() {
        let now = at("2026-03-01T10:00:00.250-04:00");
        assert_eq!(
            expire_at(now, Duration::from_secs(2)),
            at("2026-03-01T10:00:02-04:00"),
            "cut to the second it is told: it lives at most its lifetime"
        );
        let exact = at("2026-03-01T10:00:00-04:00");
        assert_eq!(
            expire_at(exact, Duration::from_secs(4 * 3600)),
            at("2026-03-01T14:00:00-04:00")
        );
        let far = at("9999-12-31T23:59:59-04:00");
        assert_eq!(expire_at(now, Duration::from_secs(u64::MAX)), far);
        assert_eq!(expire_at(now, Duration::from_secs(1 << 40)), far);
    }

    #[test]
    fn the_debts_of_an_expired_order_go_into_a_new_one() {
        let debts = fixtures::debts(ventanilla_core::Currency::Ves);
        let ids: Vec<u64> = debts.iter().take(1).map(|d| d.id).collect();
        let mut book = Book::new(debts, 1, None);
        let now = at("2026-03-01T10:00:00-04:00");
        let first = book.create(&ids, now, Duration::from_secs(2)).unwrap();
        let held = book.create(
            &ids,
            now + chrono::Duration::seconds(1),
            Duration::from_secs(2),
        );
        assert_eq!(held.unwrap_err().error, "ITEM_IN_ORDER");
        let later = first.expire_at;
        let refused = book.report(&first.id, first.total, "R1", "", later, || 0);
        assert_eq!(refused.unwrap_err().error, "ORDER_EXPIRED");
        let second = book.create(&ids, later, Duration::from_secs(2)).unwrap();
        assert_eq!(second.items, first.items);
    }
}
