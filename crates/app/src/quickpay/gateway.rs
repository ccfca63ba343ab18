//! The card terminal as this counter uses it: its client, the token its webhook carries, the
//! references asked for, and the ticket being built that its captures pay.

use std::sync::{Arc, Mutex, MutexGuard};

use ventanilla_core::Secret;
use ventanilla_gateways::quickpay::CardTerminal;

use crate::config::CardTarget;
use crate::context::Context;
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::i18n::Locale;
use crate::ticket::desk::TicketDesk;
use crate::traxion::gateway::Traxion;
use crate::webhooks::known::KnownRefs;

pub(crate) const GATEWAY: GatewayId = GatewayId::Quickpay;

pub(crate) struct Quickpay {
    pub ctx: Arc<Context>,
    pub terminal: CardTerminal,
    /// The terminal's base URL (the sandbox's, when simulated): where a tester presents cards.
    pub base_url: String,
    /// What the proxy's webhook carries as `Authorization: Bearer <token>`.
    pub webhook_token: Secret,
    pub known: Arc<KnownRefs>,
    /// The ticket being built, whose charges the captures settle.
    pub desk: Arc<TicketDesk>,
    /// The items' own checks (duplicate bills, clock, journal) and paying a covered ticket.
    pub traxion: Arc<Traxion>,
    /// One change to card attempts at a time (a capture, a timeout, the cashier): each reads
    /// the attempt, steps it and writes it back whole. Never held across an await; taken before
    /// the desk's locks.
    changing: Mutex<()>,
}

impl Quickpay {
    /// The terminal the configuration names; `sandbox_url` is the embedded simulator's. `None`
    /// when the counter takes no cards.
    pub fn connect(
        ctx: Arc<Context>,
        sandbox_url: Option<&str>,
        desk: Arc<TicketDesk>,
        traxion: Arc<Traxion>,
    ) -> Result<Option<Quickpay>, UiError> {
        let l = ctx.locale();
        let (base_url, webhook_token) = match (&ctx.cfg.card, sandbox_url) {
            (CardTarget::Sandbox, Some(url)) => {
                // The embedded terminal is told this token at start and stops with the app: a
                // new one each run.
                let token = format!(
                    "{}{}",
                    ctx.ids.client_transaction_id().as_str(),
                    ctx.ids.client_transaction_id().as_str()
                );
                (url.to_string(), Secret::new(token))
            }
            (CardTarget::Sandbox, None) | (CardTarget::Off, _) => return Ok(None),
            (
                CardTarget::Real {
                    terminal_url,
                    webhook_token,
                },
                _,
            ) => (terminal_url.clone(), webhook_token.clone()),
        };
        let terminal = CardTerminal::new(&base_url, ctx.cfg.call_timeout)
            .map_err(|e| UiError::internal(l, e.to_string()))?;
        let known = ctx
            .read(|s| s.card_references())
            .map_err(|e| UiError::store(&e, l))?;
        Ok(Some(Quickpay {
            ctx,
            terminal,
            base_url,
            webhook_token,
            known: Arc::new(KnownRefs::new(known)),
            desk,
            traxion,
            changing: Mutex::new(()),
        }))
    }

    pub fn locale(&self) -> Locale {
        self.ctx.locale()
    }

    pub fn changing(&self) -> MutexGuard<'_, ()> {
        self.changing.lock().unwrap_or_else(|e| e.into_inner())
    }
}
