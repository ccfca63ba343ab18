//! The webhook routes of this counter, each with its applier, built at start.

use std::sync::Arc;

use crate::webhooks::applier::InboxApplier;
use crate::webhooks::route::WebhookRoute;

/// A route and the applier of what it stores.
#[derive(Clone)]
pub(crate) struct Registered {
    pub route: Arc<dyn WebhookRoute>,
    pub applier: Arc<dyn InboxApplier>,
}

#[derive(Default, Clone)]
pub(crate) struct WebhookRoutes {
    list: Vec<Registered>,
}

impl WebhookRoutes {
    /// Adds a gateway's inbound call. Two routes with one source or one path are a bug (they
    /// would share a dedup key space, or shadow each other), as is a path axum cannot serve.
    pub fn register(&mut self, route: Arc<dyn WebhookRoute>, applier: Arc<dyn InboxApplier>) {
        let (source, path) = (route.source(), route.path());
        assert!(!source.is_empty(), "a webhook route needs a source");
        assert!(
            path.len() > 1
                && path.starts_with('/')
                && !path.ends_with('/')
                && !path.contains(['{', '}', '*', '?', '#']),
            "webhook path {path:?}: a plain path such as /gateway/callback"
        );
        for other in &self.list {
            assert_ne!(
                other.route.source(),
                source,
                "two webhook routes for {source}"
            );
            assert_ne!(other.route.path(), path, "two webhook routes at {path}");
        }
        self.list.push(Registered { route, applier });
    }

    pub fn all(&self) -> impl Iterator<Item = &Registered> {
        self.list.iter()
    }
}
