//! The hub's client: one method per thing the app asks the hub, each answering core types.

use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ventanilla_core::payment::HubAnswer;
use ventanilla_core::{Barcode, Bill, ClientTransactionId, Company};

use super::config::TraxionConfig;
use super::sale::{about_this_sale, pay_request, SaleRequest};
use super::transport::Transport;
use super::{answer, convert, wire};
use crate::error::GatewayError;
use crate::http::json;
use crate::http::reply::Reply;
use crate::http::request::Call;

/// The hub's client. Cheap to clone; clones share the connection pool and the access token.
#[derive(Clone)]
pub struct TraxionClient {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    pay_timeout: Duration,
    call_timeout: Duration,
}

impl std::fmt::Debug for TraxionClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TraxionClient")
            .field("base_url", &self.inner.transport.base_url())
            .finish_non_exhaustive()
    }
}

impl TraxionClient {
    /// Checks the configuration; does not contact the hub (the first call logs in).
    pub fn new(cfg: TraxionConfig) -> Result<TraxionClient, GatewayError> {
        let transport = Transport::new(&cfg)?;
        Ok(TraxionClient {
            inner: Arc::new(Inner {
                transport,
                pay_timeout: cfg.pay_timeout,
                call_timeout: cfg.call_timeout,
            }),
        })
    }

    /// Companies the hub collects for, optionally filtered by name and/or code.
    pub async fn companies(
        &self,
        name: Option<&str>,
        code: Option<&str>,
    ) -> Result<Vec<Company>, GatewayError> {
        let mut query = Vec::new();
        if let Some(name) = name.map(str::trim).filter(|s| !s.is_empty()) {
            query.push(("companyName", name));
        }
        if let Some(code) = code.map(str::trim).filter(|s| !s.is_empty()) {
            query.push(("companyCode", code));
        }
        let reply = self.get(wire::PATH_COMPANIES.into(), query).await?;
        let list: Vec<wire::Company> = answer::json(&reply, "a list of companies")?;
        Ok(list.into_iter().map(convert::company).collect())
    }

    /// Bills for a barcode: none (not found), one, or several of different companies (then ask
    /// the cashier for the company and call again with its code).
    pub async fn find_by_barcode(
        &self,
        barcode: &Barcode,
        company_code: Option<&str>,
    ) -> Result<Vec<Bill>, GatewayError> {
        let body = wire::FindByBarCodeRequest {
            bill_bar_code: barcode.as_str(),
            bill_company: company_code.map(|code| wire::CompanyRef { code }),
        };
        let reply = self
            .post(wire::PATH_FIND_BY_BARCODE, &body, self.inner.call_timeout)
            .await?;
        bills(&reply)
    }

    /// Bills found by the form of one of the company's bill modes; `params` are
    /// `(parameter id, value)` pairs.
    pub async fn find_by_customer_data(
        &self,
        company_code: &str,
        mode_id: &str,
        mode_name: &str,
        params: &[(String, String)],
    ) -> Result<Vec<Bill>, GatewayError> {
        let body = wire::FindByCustomerDataRequest {
            bill_company: wire::CompanyRef { code: company_code },
            bill_mode: wire::BillModeRef {
                id: mode_id,
                name: mode_name,
            },
            parameters: params
                .iter()
                .map(|(id, value)| wire::ParameterValue { id, value })
                .collect(),
        };
        let reply = self
            .post(
                wire::PATH_FIND_BY_CUSTOMER_DATA,
                &body,
                self.inner.call_timeout,
            )
            .await?;
        bills(&reply)
    }

    /// Sends a payment and reports what the hub said about it. A transient error means the sale
    /// may or may not exist: ask with [`TraxionClient::sale_by_client_id`], never guess.
    pub async fn pay(&self, sale: &SaleRequest) -> Result<HubAnswer, GatewayError> {
        let body = pay_request(sale);
        tracing::info!(
            client_transaction_id = %sale.client_transaction_id,
            amount = %sale.amount,
            product = %sale.product_id,
            "sending bill payment"
        );
        let reply = self
            .post(wire::PATH_PAY, &body, self.inner.pay_timeout)
            .await?;
        let answered: wire::Sale = answer::json(&reply, "a sale")?;
        about_this_sale(&answered, sale)?;
        let verdict = convert::sale(answered)?;
        tracing::info!(client_transaction_id = %sale.client_transaction_id, hub_id = %verdict.hub.id, verdict = ?verdict.verdict, "hub answered the payment");
        Ok(verdict)
    }

    /// The sale sent with this `clientTransactionId`, or `None` if the hub has none.
    pub async fn sale_by_client_id(
        &self,
        id: &ClientTransactionId,
    ) -> Result<Option<HubAnswer>, GatewayError> {
        let reply = self
            .get(
                wire::PATH_SALES.into(),
                vec![("clientTransactionId", id.as_str())],
            )
            .await?;
        if reply.status == 404 {
            return Ok(None);
        }
        match answer::json_value(&reply)? {
            // A list is matched by id: a sale that is not ours must never settle ours.
            Value::Array(items) => items
                .into_iter()
                .find(|item| echoed_id(item) == Some(id.as_str()))
                .map(|item| json::shape(item, "a sale").and_then(convert::sale))
                .transpose(),
            value @ Value::Object(_) => match echoed_id(&value) {
                Some(other) if other != id.as_str() => Err(GatewayError::BadAnswer(format!(
                    "asked for sale {id}, the hub answered sale {other}"
                ))),
                _ => json::shape(value, "a sale")
                    .and_then(convert::sale)
                    .map(Some),
            },
            other => Err(GatewayError::BadAnswer(format!(
                "expected a list of sales, got {}",
                json::kind(&other)
            ))),
        }
    }

    /// One sale by the hub's id. An unknown id is [`GatewayError::NotFound`].
    pub async fn sale(&self, hub_id: &str) -> Result<HubAnswer, GatewayError> {
        if hub_id.trim().is_empty() {
            return Err(GatewayError::NotFound);
        }
        let reply = self.get(wire::path_sale(hub_id), Vec::new()).await?;
        convert::sale(answer::json(&reply, "a sale")?)
    }

    /// The hub's receipt text for a sale, as it should be printed (`\r\n` line breaks kept).
    pub async fn receipt(&self, hub_id: &str) -> Result<String, GatewayError> {
        if hub_id.trim().is_empty() {
            return Err(GatewayError::NotFound);
        }
        let reply = self.get(wire::path_receipt(hub_id), Vec::new()).await?;
        let receipt: wire::Receipt = answer::json(&reply, "a receipt")?;
        Ok(receipt.receipt_string)
    }

    async fn get(&self, path: String, query: Vec<(&str, &str)>) -> Result<Reply, GatewayError> {
        let call = Call::get(path, query, self.inner.call_timeout);
        self.inner.transport.call(&call).await
    }

    async fn post<B: Serialize>(
        &self,
        path: &str,
        body: &B,
        timeout: Duration,
    ) -> Result<Reply, GatewayError> {
        let call = Call::post_json(path, body, timeout)?;
        self.inner.transport.call(&call).await
    }
}

/// A search answer. `[]` is "not found"; so is a 204, which is how "an empty answer" can come.
fn bills(reply: &Reply) -> Result<Vec<Bill>, GatewayError> {
    if reply.status == 204 {
        return Ok(Vec::new());
    }
    convert::bills(answer::json(reply, "a list of bills")?)
}

fn echoed_id(sale: &Value) -> Option<&str> {
    sale.get("clientTransactionId").and_then(Value::as_str)
}
