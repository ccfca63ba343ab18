//! A route and an applier that exist only in tests, to exercise the listener and its registry
//! the way a gateway will.

use std::sync::Mutex;

use serde_json::Value;
use ventanilla_core::Secret;
use ventanilla_store::{InboxEntry, Settlement};

use crate::webhooks::applier::{ApplyOutcome, Applying, InboxApplier};
use crate::webhooks::auth::RouteAuth;
use crate::webhooks::route::{Accepted, Delivery, Malformed, WebhookRoute};

pub(crate) const PATH_SECRET: &str = "path-secret-0123456789";
pub(crate) const HEADER_SECRET: &str = "header-secret-0123456789";
pub(crate) const HEADER: &str = "x-test-signature";
/// Small, so a test can exceed it without pushing much through a socket.
pub(crate) const MAX_BODY: usize = 1024;

/// Takes `{"key": "...", ...}` (the key is the delivery's own id) and stores the body as is,
/// except `card`, which it never keeps (as a route must drop what the inbox may not hold).
pub(crate) struct EchoRoute {
    source: &'static str,
    path: &'static str,
    auth: RouteAuth,
}

impl EchoRoute {
    /// The secret in the path.
    pub fn in_path() -> EchoRoute {
        EchoRoute {
            source: "test_path",
            path: "/test/callback",
            auth: RouteAuth::in_path(Secret::new(PATH_SECRET)).unwrap(),
        }
    }

    /// The secret in a header.
    pub fn in_header() -> EchoRoute {
        EchoRoute {
            source: "test_header",
            path: "/test/header",
            auth: RouteAuth::header(HEADER, Secret::new(HEADER_SECRET)).unwrap(),
        }
    }
}

impl WebhookRoute for EchoRoute {
    fn source(&self) -> &'static str {
        self.source
    }

    fn path(&self) -> &'static str {
        self.path
    }

    fn auth(&self) -> &RouteAuth {
        &self.auth
    }

    fn max_body(&self) -> usize {
        MAX_BODY
    }

    fn accept(&self, delivery: &Delivery<'_>) -> Result<Accepted, Malformed> {
        let mut body: Value =
            serde_json::from_slice(delivery.body).map_err(|_| Malformed("not JSON"))?;
        let key = body
            .get("key")
            .and_then(Value::as_str)
            .ok_or(Malformed("no key"))?
            .to_string();
        if let Some(object) = body.as_object_mut() {
            object.remove("card");
        }
        Ok(Accepted {
            delivery_key: Some(key),
            stored: serde_json::to_vec(&body).map_err(|_| Malformed("not JSON"))?,
        })
    }
}

/// Applies by remembering each entry's key, once per call; or, `holding`, applies nothing yet.
#[derive(Default)]
pub(crate) struct Recorder {
    pub holding: bool,
    pub applied: Mutex<Vec<String>>,
}

impl Recorder {
    pub fn holding() -> Recorder {
        Recorder {
            holding: true,
            ..Recorder::default()
        }
    }

    pub fn applied(&self) -> Vec<String> {
        self.applied.lock().unwrap().clone()
    }
}

impl InboxApplier for Recorder {
    fn apply<'a>(&'a self, entry: &'a InboxEntry) -> Applying<'a> {
        Box::pin(async move {
            if self.holding {
                return ApplyOutcome::NotYet("held by the test");
            }
            let body: Value = match serde_json::from_slice(&entry.body) {
                Ok(body) => body,
                Err(_) => return ApplyOutcome::Settled(Settlement::Refused("not JSON".into())),
            };
            let key = body["key"].as_str().unwrap_or_default().to_string();
            self.applied.lock().unwrap().push(key);
            ApplyOutcome::Settled(Settlement::Applied)
        })
    }
}
