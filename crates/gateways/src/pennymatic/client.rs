//! The wallet gateway's client: one method per operation of the document, each answering core
//! types. The client never decides a charge's fate: a lost answer to `pay` is an error like any
//! other, and the core's machine makes it an unknown outcome that is never resent.

use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ventanilla_core::pennymatic::{Confirmation, SessionId, TxId, UserToken, WalletPayment};
use ventanilla_core::{Money, Secret};

use super::config::PennymaticConfig;
use super::scrub::scrub;
use super::{convert, envelope, wire};
use crate::error::GatewayError;
use crate::http::client::HttpClient;
use crate::http::decimal::JsonDecimal;
use crate::http::request::Call;

/// The wallet gateway's client. Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct Pennymatic {
    inner: Arc<Inner>,
}

struct Inner {
    http: HttpClient,
    /// Sent as the `token` query parameter of every call.
    token: Secret,
    secret: Secret,
    timeout: Duration,
}

impl std::fmt::Debug for Pennymatic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pennymatic")
            .field("base_url", &self.inner.http.base_url())
            .finish_non_exhaustive()
    }
}

impl Pennymatic {
    /// Checks the configuration; does not contact the gateway.
    pub fn new(cfg: PennymaticConfig) -> Result<Pennymatic, GatewayError> {
        Ok(Pennymatic {
            inner: Arc::new(Inner {
                http: HttpClient::new("wallet gateway", &cfg.base_url, Vec::new())?,
                token: cfg.token,
                secret: cfg.secret,
                timeout: cfg.timeout,
            }),
        })
    }

    /// The coins the gateway takes (`bsv` for the MVP), in lowercase.
    pub async fn coins(&self) -> Result<Vec<String>, GatewayError> {
        let call = Call::get(wire::PATH_COINS.into(), vec![], self.inner.timeout);
        convert::coins(self.data(call, &[]).await?)
    }

    /// A new wallet-connect session: its id, which the consent sent to `webhook_url` brings
    /// back, and the url for the QR code. The webhook goes url-encoded in the query string.
    pub async fn connect(&self, webhook_url: &str) -> Result<(SessionId, String), GatewayError> {
        let call = Call::get(
            wire::PATH_CONNECT.into(),
            vec![("webhook", webhook_url)],
            self.inner.timeout,
        );
        convert::session(self.data(call, &[]).await?)
    }

    /// Whether `user`'s wallet still lets us charge it.
    pub async fn connected(&self, user: &UserToken) -> Result<bool, GatewayError> {
        let call = Call::get(
            wire::PATH_CONNECTED.into(),
            vec![("authtoken", user.expose())],
            self.inner.timeout,
        );
        convert::connected(self.data(call, &[user.expose()]).await?)
    }

    /// Charges `amount` to `user`'s wallet; `description` is what the customer's wallet shows.
    /// Any error but a refusal leaves the charge's outcome unknown: never call this again for
    /// the same charge (see `ventanilla_core::pennymatic`).
    pub async fn pay(
        &self,
        user: &UserToken,
        amount: Money,
        description: &str,
    ) -> Result<WalletPayment, GatewayError> {
        let body = wire::Pay {
            secret: self.inner.secret.expose(),
            usertoken: user.expose(),
            currency: amount.currency().iso(),
            amount: JsonDecimal(amount.amount()),
            description,
        };
        let call = Call::post_json(wire::PATH_PAY, &body, self.inner.timeout)?;
        tracing::info!(amount = %amount, "charging a wallet");
        let data = self.data(call, &[user.expose()]).await?;
        let payment = convert::payment(data, amount)?;
        tracing::info!(txid = %payment.txid, satoshis = payment.satoshis, "wallet charged");
        Ok(payment)
    }

    /// Whether `txid` is this operator's transaction, and in a block.
    pub async fn is_confirmed(&self, txid: &TxId) -> Result<Confirmation, GatewayError> {
        let call = Call::get(
            wire::PATH_ISCONFIRMED.into(),
            vec![("txhash", txid.as_str())],
            self.inner.timeout,
        );
        convert::confirmation(self.data(call, &[]).await?)
    }

    /// Sends `call` with the operator's token in front of its own query parameters, and reads
    /// its envelope's `data`. The shared client never puts a URL in an error or a log (the
    /// query string carries the credentials here); what the gateway itself says is scrubbed of
    /// the token, the secret and `secrets` (a user token) all the same.
    async fn data<'a>(
        &'a self,
        mut call: Call<'a>,
        secrets: &[&str],
    ) -> Result<Value, GatewayError> {
        call.query.insert(0, ("token", self.inner.token.expose()));
        let mut all = vec![self.inner.token.expose(), self.inner.secret.expose()];
        all.extend_from_slice(secrets);
        let reply = self
            .inner
            .http
            .send(&call, None)
            .await
            .map_err(|e| scrub(e, &all))?;
        envelope::read(&reply).map_err(|e| scrub(e, &all))
    }
}
