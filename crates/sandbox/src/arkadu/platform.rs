//! The tax platform's state, which its handlers extract from the server's state (axum
//! `FromRef`), and its clock.

use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, FixedOffset, Utc};
use tokio::sync::watch;

use super::book::{Book, BookSnapshot};
use super::config::ArkaduConfig;
use super::fixtures;
use super::tokens::Tokens;

/// The platform's state.
#[derive(Debug)]
pub struct Arkadu {
    pub config: ArkaduConfig,
    book: Mutex<Book>,
    pub tokens: Tokens,
    callback_url: Mutex<Option<String>>,
    /// Changes when the sandbox stops; callback deliveries end then.
    stop: Mutex<Option<watch::Receiver<()>>>,
    pub http: reqwest::Client,
}

impl Arkadu {
    pub fn new(config: ArkaduConfig, seed: u64, saved: Option<BookSnapshot>) -> Self {
        let book = Book::new(fixtures::debts(config.currency), seed, saved);
        Arkadu {
            callback_url: Mutex::new(config.callback_url.clone()),
            config,
            book: Mutex::new(book),
            tokens: Tokens::default(),
            stop: Mutex::new(None),
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        }
    }

    pub fn book(&self) -> MutexGuard<'_, Book> {
        self.book.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The agent app's registered callback URL.
    pub fn callback_url(&self) -> Option<String> {
        self.callback_url
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Registers (or, with `None`, forgets) the agent app's callback URL. Deliveries waiting
    /// for one pick it up at their next attempt.
    pub fn set_callback_url(&self, url: Option<String>) {
        *self.callback_url.lock().unwrap_or_else(|e| e.into_inner()) = url;
    }

    pub(crate) fn set_stop(&self, stop: watch::Receiver<()>) {
        *self.stop.lock().unwrap_or_else(|e| e.into_inner()) = Some(stop);
    }

    /// A receiver that changes (or closes) when the sandbox stops; `None` before it started.
    pub(crate) fn stop_signal(&self) -> Option<watch::Receiver<()>> {
        self.stop.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The platform's clock: now, at -04:00 (Venezuela).
pub fn now() -> DateTime<FixedOffset> {
    let offset = FixedOffset::west_opt(4 * 3600).expect("valid offset");
    Utc::now().with_timezone(&offset)
}
