//! Delivering a capture's `card_captured` body: `POST` to the subscription URL with
//! `Authorization: Bearer <token>`, retried with a doubling, capped wait until any 2xx, as the
//! document's tokenizer does ("la solicitud de envío quedará encolada"). With no subscription
//! the delivery waits, and goes out as soon as one is set. `quickpay.webhook` faults delay it
//! (`latency_ms`) or send it twice (`duplicate`).
//!
//! A delivery holds the terminal only weakly: it ends when the sandbox is gone, or when its
//! capture was forgotten by a reset.

use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::http::header;

use super::terminal::Quickpay;
use crate::faults::ctl::CallbackFaults;

/// How one delivery is to be sent.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub faults: CallbackFaults,
    /// Extra wait before sending (the rules' `latency_ms`).
    pub delay: Duration,
}

/// Queues the delivery of `body` for the capture `capture_id` and sends it in the background.
pub fn spawn(quickpay: &Arc<Quickpay>, capture_id: String, body: String, plan: Plan) {
    let copies = if plan.faults.duplicate { 2 } else { 1 };
    quickpay.captures().queue(&capture_id, copies);
    let weak = Arc::downgrade(quickpay);
    tokio::spawn(async move {
        tokio::time::sleep(plan.delay).await;
        for _ in 0..copies {
            if !deliver(&weak, &capture_id, &body).await {
                return;
            }
        }
    });
}

/// POSTs `body` until a 2xx; false when the sandbox or the capture went away first.
async fn deliver(weak: &Weak<Quickpay>, capture_id: &str, body: &str) -> bool {
    let mut wait = None;
    loop {
        let Some(quickpay) = weak.upgrade() else {
            return false;
        };
        if !quickpay.captures().has_id(capture_id) {
            return false;
        }
        let (initial, max) = (quickpay.config.retry_initial, quickpay.config.retry_max);
        let notify = Arc::clone(&quickpay.subscribed);
        let woken = notify.notified();
        tokio::pin!(woken);
        // Registered before the subscription is read, so a subscription set in between still
        // wakes this delivery.
        woken.as_mut().enable();
        let Some(sub) = quickpay.subscription() else {
            drop(quickpay);
            tracing::debug!(capture = capture_id, "card webhook queued: no subscription");
            // Checked again now and then too, to notice a sandbox that stopped.
            tokio::select! {
                _ = woken => {}
                _ = tokio::time::sleep(max) => {}
            }
            continue;
        };
        let http = quickpay.http.clone();
        drop(quickpay);
        let sent = http
            .post(&sub.url)
            .bearer_auth(sub.token.expose())
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.to_owned())
            .send()
            .await;
        let acknowledged = match &sent {
            Ok(resp) if resp.status().is_success() => true,
            Ok(resp) => {
                tracing::debug!(url = %sub.url, status = %resp.status(), "card webhook refused");
                false
            }
            Err(e) => {
                tracing::debug!(url = %sub.url, "card webhook failed: {e}");
                false
            }
        };
        match weak.upgrade() {
            Some(quickpay) => quickpay.captures().attempted(capture_id, acknowledged),
            None => return false,
        }
        if acknowledged {
            return true;
        }
        let next = wait.map_or(initial, |w: Duration| (w * 2).min(max));
        wait = Some(next);
        tokio::time::sleep(next).await;
    }
}
