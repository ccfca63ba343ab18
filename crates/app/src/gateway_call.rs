//! Calling a gateway: every call's outcome keeps that gateway's link state current.

use std::time::Instant;

use ventanilla_core::link::Observation;
use ventanilla_gateways::GatewayError;

use crate::context::Context;
use crate::gateway_id::GatewayId;

impl Context {
    /// Makes a call to `gateway` and records how it went on its link.
    pub async fn call<T>(
        &self,
        gateway: GatewayId,
        call: impl std::future::Future<Output = Result<T, GatewayError>>,
    ) -> Result<T, GatewayError> {
        let started = Instant::now();
        let result = call.await;
        self.observe(gateway, &result, started);
        result
    }

    /// Records how a call went; a change of the link's state is announced at once.
    fn observe<T>(&self, gateway: GatewayId, result: &Result<T, GatewayError>, started: Instant) {
        let observation = match result {
            Ok(_) => Observation::Answered {
                took: started.elapsed(),
            },
            Err(e) if e.is_transient() => Observation::Failed,
            // A refusal, a 404 or bad credentials are answers: the link itself works.
            Err(_) => Observation::Answered {
                took: started.elapsed(),
            },
        };
        let changed = self
            .links
            .observe(gateway, observation, &self.cfg.link, self.now());
        if !changed {
            return;
        }
        tracing::info!(
            gateway = gateway.as_str(),
            state = ?self.links.state(gateway),
            "link changed"
        );
        self.status_changed();
        if observation != Observation::Failed {
            // The link is back: what was backing off because of it may go now.
            if let Err(e) = self.store().outbox_retry_failed_now(self.now()) {
                tracing::warn!(error = %e, "could not reschedule the queue");
            }
            self.wake_sender();
        }
    }
}
