//! The platform's per-item callbacks: the webhook route that takes them (the secret in the
//! registered URL, or in a header when so configured) and the applier that steps each order
//! from the inbox, idempotently: a repeat changes nothing, a `Complete` order never goes back,
//! and a callback for an order this counter does not have is kept for review, not applied.

use std::sync::Arc;

use ventanilla_core::arkadu::{step, Effect, Notice, OrderEvent};
use ventanilla_gateways::arkadu::read_callback;
use ventanilla_store::{InboxEntry, Settlement};

use crate::arkadu::gateway::Arkadu;
use crate::webhooks::applier::{ApplyOutcome, Applying, InboxApplier};
use crate::webhooks::auth::RouteAuth;
use crate::webhooks::route::{Accepted, Delivery, Malformed, WebhookRoute};

pub(crate) const SOURCE: &str = "arkadu";
pub(crate) const PATH: &str = "/arkadu/callback";

pub(crate) struct CallbackRoute {
    pub auth: RouteAuth,
    pub naive_offset: chrono::FixedOffset,
}

impl WebhookRoute for CallbackRoute {
    fn source(&self) -> &'static str {
        SOURCE
    }

    fn path(&self) -> &'static str {
        PATH
    }

    fn auth(&self) -> &RouteAuth {
        &self.auth
    }

    fn accept(&self, delivery: &Delivery<'_>) -> Result<Accepted, Malformed> {
        let c = read_callback(delivery.body, self.naive_offset)
            .map_err(|_| Malformed("not a tax callback"))?;
        Ok(Accepted {
            // The platform gives a callback no id: the same words about the same item at the
            // same moment are the same callback.
            delivery_key: Some(format!(
                "{}/{}/{}/{:?}/{:?}/{}",
                c.order_id,
                c.reference,
                c.item_id,
                c.status,
                c.order_status,
                c.created.to_rfc3339()
            )),
            stored: delivery.body.to_vec(),
        })
    }
}

pub(crate) struct CallbackApplier(pub Arc<Arkadu>);

impl InboxApplier for CallbackApplier {
    fn apply<'a>(&'a self, entry: &'a InboxEntry) -> Applying<'a> {
        Box::pin(self.apply_entry(entry))
    }
}

impl CallbackApplier {
    async fn apply_entry(&self, entry: &InboxEntry) -> ApplyOutcome {
        let t = &self.0;
        let Ok(callback) = read_callback(&entry.body, t.naive_offset) else {
            return ApplyOutcome::Settled(Settlement::Refused("not a tax callback".into()));
        };
        let _one = t.changing.lock().await;
        let found = t
            .ctx
            .read(|s| s.tax_order_by_platform_id(callback.order_id.as_str()));
        let record = match found {
            Ok(Some(record)) => record,
            Ok(None) => {
                return ApplyOutcome::Settled(Settlement::KeptForReview(format!(
                    "a callback for order {}, which this counter does not have",
                    callback.order_id
                )))
            }
            Err(_) => return ApplyOutcome::NotYet("the journal could not be read"),
        };
        let (state, effects) = step(&record.state, OrderEvent::Callback(callback));
        let notices: Vec<&Notice> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Noticed(n) => Some(n),
                _ => None,
            })
            .collect();
        let review = notices.iter().find_map(|n| match n {
            Notice::WrongReference { expected, found } => Some(format!(
                "a callback with reference {found}; the payment was reported as {expected}"
            )),
            Notice::UnknownItem { id } => {
                Some(format!("a callback for debt {id}, not in the order"))
            }
            Notice::ItemAnnulled { id } => Some(format!(
                "debt {id} was paid and then annulled by the platform: its money goes back"
            )),
            Notice::CanceledAfterPayment => Some(
                "the platform canceled an order whose payment was reported: its money goes back"
                    .into(),
            ),
            _ => None,
        });
        let settlement = match review {
            Some(why) => Settlement::KeptForReview(why),
            None => Settlement::Applied,
        };
        let changed = state != record.state;
        let written = t.ctx.store().apply_tax_delivery(
            entry.id,
            changed.then_some((record.doc_id.as_str(), &state)),
            &settlement,
            t.ctx.now(),
        );
        match written {
            Ok(_) => {
                if changed {
                    t.ticket_changed(record.id);
                }
                ApplyOutcome::Settled(settlement)
            }
            Err(e) => {
                t.ctx.journal_refused(&e);
                ApplyOutcome::NotYet("the journal refused the write")
            }
        }
    }
}

/// How the platform's callbacks prove they come from it, as configured; without a configured
/// secret, the one this counter generated once, kept beside its journal.
pub(crate) fn route_auth(cfg: &crate::config::AppConfig) -> Result<RouteAuth, String> {
    let secret = match &cfg.tax_callback_secret {
        Some(s) => s.clone(),
        None => kept_secret(&cfg.data_dir.join("arkadu-callback.secret"))?,
    };
    match &cfg.tax_callback_header {
        Some(header) => RouteAuth::header(header, secret),
        None => RouteAuth::in_path(secret),
    }
}

/// The secret in `path`, made (44 random base62 characters) and written readable by this user
/// only when there is none yet. Kept across restarts: the platform keeps retrying the URL it
/// was given.
fn kept_secret(path: &std::path::Path) -> Result<ventanilla_core::Secret, String> {
    use ventanilla_core::IdGen;
    if let Ok(text) = std::fs::read_to_string(path) {
        let text = text.trim();
        if !text.is_empty() {
            return Ok(ventanilla_core::Secret::new(text));
        }
    }
    let ids = ventanilla_core::RandomIds;
    let secret = format!(
        "{}{}",
        ids.client_transaction_id().as_str(),
        ids.client_transaction_id().as_str()
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, secret.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(ventanilla_core::Secret::new(secret))
}
