//! Client for the bill-payment hub (`specs/traxion-bill-payment.md`).
//!
//! Everything about the hub's wire format stays in this module: callers see core types
//! ([`Company`], [`Bill`], [`HubAnswer`]) and [`GatewayError`]. The client never decides a sale's
//! fate: it reports what the hub said, and anything it could not read as a transient error.

mod answer;
mod auth;
mod convert;
mod transport;
mod wire;

#[cfg(test)]
mod tests;

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ventanilla_core::payment::HubAnswer;
use ventanilla_core::{Barcode, Bill, ClientTransactionId, Company, ExternalData, Money, Secret};

use crate::GatewayError;
use transport::{Call, Reply, Transport};

/// The document asks to wait 60 s for a payment's answer before querying its state.
pub const DEFAULT_PAY_TIMEOUT: Duration = Duration::from_secs(60);
/// Every call other than paying: lookups and queries are cheap to repeat.
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(15);

/// How to reach the hub and who this counter is. `Debug` is safe: the password is a [`Secret`].
#[derive(Debug, Clone)]
pub struct TraxionConfig {
    pub base_url: String,
    pub user_id: String,
    pub password: Secret,
    pub application_id: String,
    pub device_id: String,
    pub pay_timeout: Duration,
    pub call_timeout: Duration,
}

impl TraxionConfig {
    /// A configuration with the default timeouts.
    pub fn new(
        base_url: impl Into<String>,
        user_id: impl Into<String>,
        password: Secret,
        application_id: impl Into<String>,
        device_id: impl Into<String>,
    ) -> TraxionConfig {
        TraxionConfig {
            base_url: base_url.into(),
            user_id: user_id.into(),
            password,
            application_id: application_id.into(),
            device_id: device_id.into(),
            pay_timeout: DEFAULT_PAY_TIMEOUT,
            call_timeout: DEFAULT_CALL_TIMEOUT,
        }
    }
}

/// One bill payment to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleRequest {
    /// The idempotency key: resending it returns the original sale, never a second one.
    pub client_transaction_id: ClientTransactionId,
    pub amount: Money,
    /// The bill company's id (`billCompany.id`), which the hub calls the product.
    pub product_id: String,
    pub external_data: ExternalData,
}

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
                .map(|item| answer::shape(item, "a sale").and_then(convert::sale))
                .transpose(),
            value @ Value::Object(_) => match echoed_id(&value) {
                Some(other) if other != id.as_str() => Err(GatewayError::BadAnswer(format!(
                    "asked for sale {id}, the hub answered sale {other}"
                ))),
                _ => answer::shape(value, "a sale")
                    .and_then(convert::sale)
                    .map(Some),
            },
            other => Err(GatewayError::BadAnswer(format!(
                "expected a list of sales, got {}",
                wire::kind(&other)
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
        let call = Call {
            method: Method::GET,
            path,
            query,
            body: None,
            timeout: self.inner.call_timeout,
        };
        self.inner.transport.call(&call).await
    }

    async fn post<B: Serialize>(
        &self,
        path: &str,
        body: &B,
        timeout: Duration,
    ) -> Result<Reply, GatewayError> {
        let body = serde_json::to_vec(body)
            .map_err(|e| GatewayError::BadAnswer(format!("cannot write the request: {e}")))?;
        let call = Call {
            method: Method::POST,
            path: path.to_string(),
            query: Vec::new(),
            body: Some(body),
            timeout,
        };
        self.inner.transport.call(&call).await
    }
}

fn pay_request(sale: &SaleRequest) -> wire::PayRequest<'_> {
    wire::PayRequest {
        transaction_type: wire::TRANSACTION_TYPE_SALE,
        // `Money` is always at its currency's scale, so this is sent as `50.00`.
        amount: wire::WireAmount(sale.amount.amount()),
        client_transaction_id: sale.client_transaction_id.as_str(),
        product: wire::ProductRef {
            id: &sale.product_id,
        },
        transaction_data: wire::PayTransactionData {
            class_name: wire::CLASS_BILL_PAYMENT,
            external_data: &sale.external_data.0,
        },
    }
}

/// A search answer. `[]` is "not found"; so is a 204, which is how "an empty answer" can come.
fn bills(reply: &Reply) -> Result<Vec<Bill>, GatewayError> {
    if reply.status == 204 {
        return Ok(Vec::new());
    }
    convert::bills(answer::json(reply, "a list of bills")?)
}

/// An answer that names another sale, or another amount, is not an answer about ours: a
/// crossed wire or a proxy's mistake must never settle this sale. It is unreadable, so the
/// caller asks the hub about our own `clientTransactionId` instead.
fn about_this_sale(answered: &wire::Sale, sent: &SaleRequest) -> Result<(), GatewayError> {
    if let Some(echo) = answered.client_transaction_id.as_deref() {
        if echo != sent.client_transaction_id.as_str() {
            return Err(GatewayError::BadAnswer(format!(
                "sent sale {}, the hub answered about sale {echo}",
                sent.client_transaction_id
            )));
        }
    }
    if let Some(amount) = answered.amount {
        if amount.0 != sent.amount.amount() {
            return Err(GatewayError::BadAnswer(format!(
                "sent {}, the hub answered about {}",
                sent.amount.amount(),
                amount.0
            )));
        }
    }
    Ok(())
}

fn echoed_id(sale: &Value) -> Option<&str> {
    sale.get("clientTransactionId").and_then(Value::as_str)
}
