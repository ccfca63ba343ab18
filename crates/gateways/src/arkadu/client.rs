//! The tax platform's client: one method per thing the app asks it, each answering core types.

use chrono::{FixedOffset, SecondsFormat};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ventanilla_core::arkadu::{
    DebtId, DebtItem, DocId, ItemAction, OrderId, PaymentReport, TaxOrder,
};
use ventanilla_core::Currency;

use super::config::ArkaduConfig;
use super::transport::Transport;
use super::{convert, envelope, wire};
use crate::error::GatewayError;
use crate::http::json;
use crate::http::reply::Reply;
use crate::http::request::Call;

/// The platform's client. Cheap to clone; clones share the connection pool and the token.
#[derive(Clone)]
pub struct ArkaduClient {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    currency: Currency,
    naive_offset: FixedOffset,
    call_timeout: Duration,
    report_timeout: Duration,
}

impl std::fmt::Debug for ArkaduClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArkaduClient")
            .field("base_url", &self.inner.transport.base_url())
            .finish_non_exhaustive()
    }
}

impl ArkaduClient {
    /// Checks the configuration; does not contact the platform (the first call gets a token).
    pub fn new(cfg: ArkaduConfig) -> Result<ArkaduClient, GatewayError> {
        Ok(ArkaduClient {
            inner: Arc::new(Inner {
                transport: Transport::new(&cfg)?,
                currency: cfg.currency,
                naive_offset: cfg.naive_offset,
                call_timeout: cfg.call_timeout,
                report_timeout: cfg.report_timeout,
            }),
        })
    }

    /// What the taxpayer with `doc_id` owes, across every module of the platform.
    pub async fn pending_debts(&self, doc_id: &DocId) -> Result<Vec<DebtItem>, GatewayError> {
        let doc = doc_id.to_string();
        let call = Call::get(
            wire::PATH_PENDING.into(),
            vec![("doc_id", doc.as_str())],
            self.inner.call_timeout,
        );
        let list: wire::PendingList = self.envelope(&call, "a list of pending debts").await?;
        convert::debts(list, self.inner.currency)
    }

    /// Creates an order for these debts. The platform holds them for this agent until the
    /// order's `expire_at`.
    pub async fn create_order(&self, pending_ids: &[DebtId]) -> Result<TaxOrder, GatewayError> {
        let body = wire::CreateOrder {
            pending_ids: pending_ids.iter().map(DebtId::as_str).collect(),
        };
        let call = self.json(Method::POST, &body, self.inner.call_timeout)?;
        let order = self.order(&call).await?;
        // An order with debts we did not ask for is someone else's answer.
        if let Some(extra) = order.items().iter().find(|i| !pending_ids.contains(&i.id)) {
            return Err(GatewayError::BadAnswer(format!(
                "asked for an order of other debts, got one with debt {}",
                extra.id
            )));
        }
        Ok(order)
    }

    /// Adds or removes debts of an open order; answers the order as it now is. Sent as `PUT`
    /// (the document's `UPDATE` is not an HTTP method).
    pub async fn change_items(
        &self,
        order_id: &OrderId,
        action: ItemAction,
        pending_ids: &[DebtId],
    ) -> Result<TaxOrder, GatewayError> {
        let body = wire::ChangeItems {
            pending_ids: pending_ids.iter().map(DebtId::as_str).collect(),
            order_id: order_id.as_str(),
            action: match action {
                ItemAction::Add => "ADD",
                ItemAction::Remove => "REMOVE",
            },
        };
        let call = self.json(Method::PUT, &body, self.inner.call_timeout)?;
        let order = self.order(&call).await?;
        if order.id() != order_id {
            return Err(GatewayError::BadAnswer(format!(
                "changed order {order_id}, the platform answered about order {}",
                order.id()
            )));
        }
        Ok(order)
    }

    /// Reports the payment of an order. `report` is fixed by the caller before the first
    /// attempt and sent unchanged on every retry, so its reference identifies the payment. An
    /// OK only means the platform queued it: the outcome arrives by callback. A transient error
    /// says nothing about whether it arrived: send the same report again.
    pub async fn report_payment(
        &self,
        order_id: &OrderId,
        report: &PaymentReport,
    ) -> Result<(), GatewayError> {
        let body = wire::ReportPayment {
            order_id: order_id.as_str(),
            amount: wire::WireAmount(report.amount.amount()),
            reference: report.reference.as_str(),
            created: report.created.to_rfc3339_opts(SecondsFormat::Secs, true),
            result: wire::RESULT_APPROVED,
        };
        tracing::info!(order = %order_id, reference = %report.reference, amount = %report.amount.amount(), "reporting a tax payment");
        let call = self.json(Method::POST, &body, self.inner.report_timeout)?;
        envelope::read_ack(&self.inner.transport.call(&call).await?)
    }

    /// Cancels an order that has no payment reported.
    pub async fn cancel(&self, order_id: &OrderId) -> Result<(), GatewayError> {
        let body = wire::CancelOrder {
            order_id: order_id.as_str(),
            action: wire::ACTION_CANCEL,
        };
        let call = self.json(Method::POST, &body, self.inner.call_timeout)?;
        envelope::read_ack(&self.inner.transport.call(&call).await?)
    }

    /// The lightest call the platform answers: a lookup with no document id, which it refuses.
    /// Any answer (a refusal included) says the link works; only a transport failure does not.
    pub async fn probe(&self) -> Result<(), GatewayError> {
        let call = Call::get(wire::PATH_PENDING.into(), vec![], self.inner.call_timeout);
        match self.inner.transport.call(&call).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_transient() => Err(e),
            Err(_) => Ok(()),
        }
    }

    /// A JSON call to the platform's one path with `method`.
    fn json<'a, B: Serialize>(
        &self,
        method: Method,
        body: &B,
        timeout: Duration,
    ) -> Result<Call<'a>, GatewayError> {
        let mut call = Call::post_json(wire::PATH_PENDING, body, timeout)?;
        call.method = method;
        Ok(call)
    }

    async fn order(&self, call: &Call<'_>) -> Result<TaxOrder, GatewayError> {
        let order: wire::Order = self.envelope(call, "an order").await?;
        convert::order(order, self.inner.currency, self.inner.naive_offset)
    }

    async fn envelope<T: DeserializeOwned>(
        &self,
        call: &Call<'_>,
        what: &str,
    ) -> Result<T, GatewayError> {
        let reply: Reply = self.inner.transport.call(call).await?;
        json::shape(Value::Object(envelope::read(&reply)?), what)
    }
}
