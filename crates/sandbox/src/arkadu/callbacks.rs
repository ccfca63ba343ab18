//! Telling the agent app each item's result: one POST per item to its registered URL,
//! `{order_id, reference, item_id, status, created, order_status}`, retried with a doubling,
//! capped wait until it answers 2xx (a URL not yet registered is waited for the same way).
//! One order's callbacks go one after another; `arkadu.callback` faults delay them, send each
//! twice, or send them in reverse order (the final `order_status` first).

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::watch;

use super::order::{ItemStatus, Order, OrderState};
use super::platform::{now, Arkadu};
use crate::faults::ctl::CallbackFaults;
use crate::saver::Saver;

/// How one order's callbacks are to be sent.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub faults: CallbackFaults,
    /// Extra wait before each callback (the rules' `latency_ms`).
    pub delay: Duration,
}

/// The callback bodies of a reported order, in the order they are to be sent.
pub fn bodies(order: &Order, reorder: bool) -> Vec<Value> {
    let reference = order
        .report
        .as_ref()
        .map(|r| r.reference.as_str())
        .unwrap_or_default();
    let last = order.results.len().saturating_sub(1);
    let mut out: Vec<Value> = order
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let order_status = if i < last {
                "Processing"
            } else if order.state == OrderState::Canceled {
                "Canceled"
            } else {
                "Complete"
            };
            json!({
                "order_id": order.id,
                "reference": reference,
                "item_id": r.item_id,
                "status": match r.status {
                    ItemStatus::Success => "Success",
                    ItemStatus::Error => "Error",
                },
                "created": now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
                "order_status": order_status,
            })
        })
        .collect();
    if reorder {
        out.reverse();
    }
    out
}

/// Sends a reported order's callbacks in the background; once all got a 2xx the order is
/// marked delivered and the state saved. Ends early when the sandbox stops.
pub fn spawn(platform: Arc<Arkadu>, saver: Saver, order: Order, plan: Plan) {
    let Some(mut stop) = platform.stop_signal() else {
        tracing::warn!(order = %order.id, "callbacks before the sandbox started: not sent");
        return;
    };
    tokio::spawn(async move {
        let send_all = async {
            for body in bodies(&order, plan.faults.reorder) {
                let copies = if plan.faults.duplicate { 2 } else { 1 };
                tokio::time::sleep(platform.config.processing_delay + plan.delay).await;
                for _ in 0..copies {
                    deliver(&platform, &body).await;
                }
            }
        };
        tokio::select! {
            _ = send_all => {
                platform.book().mark_delivered(&order.id);
                saver.save().await;
            }
            _ = stopped(&mut stop) => {}
        }
    });
}

async fn stopped(stop: &mut watch::Receiver<()>) {
    // Either a stop was sent or the handle (the sender) was dropped: both mean stop.
    let _ = stop.changed().await;
}

/// POSTs `body` until the registered URL answers 2xx.
async fn deliver(platform: &Arkadu, body: &Value) {
    let cfg = &platform.config;
    let mut wait = cfg.retry_initial;
    loop {
        match platform.callback_url() {
            Some(url) => match platform.http.post(&url).json(body).send().await {
                Ok(resp) if resp.status().is_success() => return,
                Ok(resp) => tracing::debug!(%url, status = %resp.status(), "callback refused"),
                Err(e) => tracing::debug!(%url, "callback failed: {e}"),
            },
            None => tracing::debug!("no callback URL registered yet"),
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(cfg.retry_max);
    }
}
