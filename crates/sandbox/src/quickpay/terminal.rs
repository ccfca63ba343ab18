//! The card terminal's state, which its handlers extract from the server's state (axum
//! `FromRef`): the captures, the subscription, and the client that delivers to it.

use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use super::capture::Captures;
use super::config::{QuickpayConfig, Subscription};

#[derive(Debug)]
pub struct Quickpay {
    pub config: QuickpayConfig,
    captures: Mutex<Captures>,
    subscription: Mutex<Option<Subscription>>,
    /// Wakes deliveries waiting for a subscription when one is set.
    pub(crate) subscribed: Arc<Notify>,
    pub http: reqwest::Client,
}

impl Quickpay {
    pub fn new(config: QuickpayConfig) -> Self {
        Quickpay {
            subscription: Mutex::new(config.subscription.clone()),
            config,
            captures: Mutex::new(Captures::default()),
            subscribed: Arc::new(Notify::new()),
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        }
    }

    pub fn captures(&self) -> MutexGuard<'_, Captures> {
        self.captures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The subscription deliveries go to.
    pub fn subscription(&self) -> Option<Subscription> {
        self.subscription
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Sets (or, with `None`, clears) the subscription; waiting deliveries go out to a new one
    /// at once.
    pub fn set_subscription(&self, subscription: Option<Subscription>) {
        let set = subscription.is_some();
        *self.subscription.lock().unwrap_or_else(|e| e.into_inner()) = subscription;
        if set {
            self.subscribed.notify_waiters();
        }
    }
}
