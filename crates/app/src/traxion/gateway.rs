//! The hub's client and what this counter keeps about it between calls.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use ventanilla_core::Company;
use ventanilla_gateways::traxion::{TraxionClient, TraxionConfig};
use ventanilla_gateways::GatewayError;

use crate::config::HubTarget;
use crate::context::Context;
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::i18n::Locale;
use crate::traxion::earlier::EarlierSales;
use crate::traxion::restart::StartBacklog;

pub(crate) const GATEWAY: GatewayId = GatewayId::Traxion;

/// The bill-payment hub as this counter uses it.
pub(crate) struct Traxion {
    pub ctx: Arc<Context>,
    pub client: TraxionClient,
    /// The hub's base URL (the sandbox's, when running against it).
    pub base_url: String,
    /// The hub's company catalogue, kept a few minutes: the customer-data form asks for it on
    /// every keystroke pause.
    pub companies: Mutex<Option<(Instant, Vec<Company>)>>,
    /// This counter's latest settled sale of each bill, to refuse charging a bill twice.
    pub earlier: EarlierSales,
    /// Sales the last run left unresolved, and which of them are settled since.
    pub restart: StartBacklog,
}

impl Traxion {
    /// The hub the configuration names; `sandbox_url` is the embedded simulator's, when the
    /// configuration asks for it.
    pub fn connect(ctx: Arc<Context>, sandbox_url: Option<String>) -> Result<Traxion, UiError> {
        let cfg = &ctx.cfg;
        let l = cfg.locale;
        let config = match (&cfg.hub, sandbox_url) {
            (HubTarget::Sandbox { .. }, Some(base_url)) => TraxionConfig {
                base_url,
                user_id: "sandbox".into(),
                password: ventanilla_core::Secret::new("sandbox"),
                application_id: "ventanilla".into(),
                device_id: cfg.counter.clone(),
                pay_timeout: cfg.pay_timeout,
                call_timeout: cfg.call_timeout,
            },
            (HubTarget::Sandbox { .. }, None) => {
                return Err(UiError::internal(l, "the sandbox did not start"))
            }
            (
                HubTarget::Real {
                    base_url,
                    user_id,
                    password,
                    application_id,
                    device_id,
                },
                _,
            ) => TraxionConfig {
                base_url: base_url.clone(),
                user_id: user_id.clone(),
                password: password.clone(),
                application_id: application_id.clone(),
                device_id: device_id.clone(),
                pay_timeout: cfg.pay_timeout,
                call_timeout: cfg.call_timeout,
            },
        };
        let base_url = config.base_url.clone();
        let client = TraxionClient::new(config).map_err(|e| UiError::gateway(&e, l))?;
        Ok(Traxion {
            ctx,
            client,
            base_url,
            companies: Mutex::new(None),
            earlier: EarlierSales::default(),
            restart: StartBacklog::default(),
        })
    }

    pub fn locale(&self) -> Locale {
        self.ctx.locale()
    }

    /// Calls the hub, keeping its link state current.
    pub async fn call<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, GatewayError>>,
    ) -> Result<T, GatewayError> {
        self.ctx.call(GATEWAY, call).await
    }
}
