//! The outbox handlers of this counter, one per operation kind, built at start.

use std::sync::Arc;

use ventanilla_store::OutboxKind;

use crate::gateway_id::GatewayId;
use crate::outbox::handler::OutboxHandler;

#[derive(Default)]
pub(crate) struct Handlers {
    list: Vec<Arc<dyn OutboxHandler>>,
}

impl Handlers {
    /// Adds the handler of one operation kind; a kind has one handler, so a second replaces
    /// nothing and is a bug.
    pub fn register(&mut self, handler: Arc<dyn OutboxHandler>) {
        assert!(
            self.get(handler.kind()).is_none(),
            "two outbox handlers for {:?}",
            handler.kind()
        );
        self.list.push(handler);
    }

    pub fn get(&self, kind: OutboxKind) -> Option<&Arc<dyn OutboxHandler>> {
        self.list.iter().find(|h| h.kind() == kind)
    }

    pub fn all(&self) -> impl Iterator<Item = &Arc<dyn OutboxHandler>> {
        self.list.iter()
    }

    /// The gateway an operation kind goes to, if any handler knows the kind.
    pub fn gateway_of(&self, kind: OutboxKind) -> Option<GatewayId> {
        self.get(kind).map(|h| h.gateway())
    }

    /// Every gateway some handler sends to, each once, in registration order.
    pub fn gateways(&self) -> Vec<GatewayId> {
        let mut out: Vec<GatewayId> = Vec::new();
        for h in &self.list {
            if !out.contains(&h.gateway()) {
                out.push(h.gateway());
            }
        }
        out
    }
}
