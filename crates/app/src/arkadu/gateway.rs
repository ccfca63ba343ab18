//! The tax platform's client and what this counter keeps about it between calls.

use std::sync::Arc;

use ventanilla_core::arkadu::{OrderEvent, OrderState};
use ventanilla_core::Currency;
use ventanilla_gateways::arkadu::{ArkaduClient, ArkaduConfig};
use ventanilla_gateways::GatewayError;
use ventanilla_store::TaxOrderRecord;

use crate::config::TaxTarget;
use crate::context::Context;
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::i18n::Locale;

pub(crate) const GATEWAY: GatewayId = GatewayId::Arkadu;

/// The platform as this counter uses it.
pub(crate) struct Arkadu {
    pub ctx: Arc<Context>,
    pub client: ArkaduClient,
    pub currency: Currency,
    pub naive_offset: chrono::FixedOffset,
    /// One change to tax orders at a time (a cashier's command, a callback, a report's
    /// answer): each reads the order's state, steps it and writes it back whole.
    pub changing: tokio::sync::Mutex<()>,
}

impl Arkadu {
    /// The platform the configuration names; `sandbox_url` is the embedded simulator's.
    /// `None` when the counter takes no tax orders.
    pub fn connect(
        ctx: Arc<Context>,
        sandbox_url: Option<String>,
    ) -> Result<Option<Arkadu>, UiError> {
        let l = ctx.locale();
        let mut config = match (&ctx.cfg.tax, sandbox_url) {
            (TaxTarget::Sandbox, Some(url)) => {
                ArkaduConfig::new(url, "sandbox", ventanilla_core::Secret::new("sandbox"))
            }
            (TaxTarget::Sandbox, None) | (TaxTarget::Off, _) => return Ok(None),
            (
                TaxTarget::Real {
                    base_url,
                    client_id,
                    client_secret,
                    currency,
                },
                _,
            ) => {
                let mut c =
                    ArkaduConfig::new(base_url.clone(), client_id.clone(), client_secret.clone());
                c.currency = *currency;
                c
            }
        };
        config.call_timeout = ctx.cfg.call_timeout;
        let currency = config.currency;
        let naive_offset = config.naive_offset;
        let client = ArkaduClient::new(config).map_err(|e| UiError::internal(l, e))?;
        Ok(Some(Arkadu {
            ctx,
            client,
            currency,
            naive_offset,
            changing: tokio::sync::Mutex::new(()),
        }))
    }

    pub fn locale(&self) -> Locale {
        self.ctx.locale()
    }

    /// Calls the platform, keeping its link state current.
    pub async fn call<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, GatewayError>>,
    ) -> Result<T, GatewayError> {
        self.ctx.call(GATEWAY, call).await
    }

    /// The order with journal row `id`.
    pub fn order(&self, id: i64) -> Result<TaxOrderRecord, UiError> {
        let l = self.locale();
        self.ctx
            .read(|s| s.tax_order(id))
            .map_err(|e| UiError::store(&e, l))
    }

    /// Records `state` for the order of `doc_id`, durably; returns its row.
    pub fn save(&self, doc_id: &str, state: &OrderState) -> Result<i64, UiError> {
        let l = self.locale();
        let saved = self
            .ctx
            .store()
            .save_tax_order(doc_id, state, self.ctx.now());
        saved.map_err(|e| {
            self.ctx.journal_refused(&e);
            UiError::store(&e, l)
        })
    }

    /// An open order as the journal holds it, past its expiry moved to `Expired` (and saved).
    pub fn current(&self, id: i64) -> Result<TaxOrderRecord, UiError> {
        let mut record = self.order(id)?;
        let (state, _) = ventanilla_core::arkadu::step(
            &record.state,
            OrderEvent::Tick {
                now: self.ctx.now(),
            },
        );
        if state != record.state {
            self.save(&record.doc_id, &state)?;
            record.state = state;
        }
        Ok(record)
    }
}

impl Arkadu {
    /// Tells the screen about the ticket that holds the order with journal row `id`.
    pub fn ticket_changed(&self, id: i64) {
        let ctx = &self.ctx;
        if let Ok(Some(ticket)) = ctx.read(|s| s.ticket_of_tax_order(id)) {
            match crate::ticket::settle::view(ctx, ticket) {
                Ok(v) => ctx.events.emit(crate::ipc::events::Event::TicketChanged(v)),
                Err(e) => tracing::warn!(ticket, error = %e.message, "ticket unreadable"),
            }
        }
        ctx.status_changed();
    }
}
