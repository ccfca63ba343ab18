//! The hub link's state, from every real call's outcome and a light periodic probe.

use std::time::{Duration, Instant};

use ventanilla_core::link::{LinkState, Observation};
use ventanilla_core::ClientTransactionId;
use ventanilla_gateways::GatewayError;

use crate::service::Ventanilla;

/// A `clientTransactionId` no sale ever has: asking for it is the lightest authenticated call.
const PROBE_ID: u128 = 0;

impl Ventanilla {
    pub(crate) fn link_state(&self) -> LinkState {
        self.inner
            .link
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .state
    }

    /// Makes a hub call and records how it went, so every call keeps the link state current.
    pub(crate) async fn call_hub<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, GatewayError>>,
    ) -> Result<T, GatewayError> {
        let started = Instant::now();
        let result = call.await;
        self.observe(&result, started);
        result
    }

    /// Records how a hub call went; a change of state is announced at once.
    fn observe<T>(&self, result: &Result<T, GatewayError>, started: Instant) {
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
        let now = self.inner.clock.now();
        let changed = {
            let mut link = self.inner.link.lock().unwrap_or_else(|e| e.into_inner());
            *self
                .inner
                .last_call
                .lock()
                .unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
            link.observe(observation, &self.inner.cfg.link, now)
        };
        if changed {
            tracing::info!(state = ?self.link_state(), "hub link changed");
            self.announce_status();
            if observation != Observation::Failed {
                // The link is back: what was backing off because of it may go now.
                let now = self.inner.clock.now();
                if let Err(e) = self.inner.store().outbox_retry_failed_now(now) {
                    tracing::warn!(error = %e, "could not reschedule the queue");
                }
                self.wake_sender();
            }
        }
    }

    /// Probes the hub when no real call has told us anything lately: often while offline, so
    /// the status bar turns green within seconds of the link's return.
    pub(crate) fn start_probe(&self) {
        let app = self.clone();
        self.inner.runtime.spawn(async move {
            // Wakes at the short interval so a link that just dropped is probed at that pace
            // at once, not after a long sleep chosen while it was up.
            let tick = app.inner.cfg.probe_offline.min(app.inner.cfg.probe_online);
            let mut stop = app.inner.stop.subscribe();
            while !*stop.borrow() {
                tokio::select! {
                    _ = tokio::time::sleep(tick) => {}
                    _ = stop.changed() => continue,
                }
                let every = match app.link_state() {
                    LinkState::Offline | LinkState::Degraded | LinkState::Unknown => {
                        app.inner.cfg.probe_offline
                    }
                    LinkState::Online => app.inner.cfg.probe_online,
                };
                let quiet = app
                    .inner
                    .last_call
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .is_none_or(|t| t.elapsed() >= every);
                if quiet {
                    app.probe().await;
                }
            }
        });
    }

    async fn probe(&self) {
        let id = ClientTransactionId::from_u128(PROBE_ID);
        let bounded = async {
            tokio::time::timeout(
                Duration::from_secs(10),
                self.inner.hub.sale_by_client_id(&id),
            )
            .await
            .unwrap_or(Err(GatewayError::Timeout))
        };
        let _ = self.call_hub(bounded).await;
    }
}
