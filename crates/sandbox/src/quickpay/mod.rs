//! The card terminal and PCI proxy of quickpay-tokenization-webhook.md, as a counter sees it:
//! a capture is started for a tender's reference, a card is presented at the terminal (by the
//! sandbox's API or its page), and the proxy POSTs the document's non-sensitive `card_captured`
//! body to the subscribed URL, with the subscription's bearer token, until it answers 2xx. Its
//! own state ([`Quickpay`], taken by its handlers from the server's state through axum
//! `FromRef`); nothing here knows the server or the other gateways.
//!
//! - `routes`: the router, generic over the server's state; `endpoint`: [`Endpoint`], the
//!   names its fault rules use; `config`: [`QuickpayConfig`], [`Subscription`];
//! - `terminal`: its state; `captures`, `present`, `subscription`, `page`: the handlers;
//! - `capture`: captures and their rules, no I/O; `card`: the card as kept (masked);
//!   `webhook`: the document's body; `delivery`: sending it, retried;
//! - `ids`, `urls`, `error`: fresh ids, the sandbox's URLs, refusals (amounts are read by the
//!   crate's `json_amount`).

pub mod capture;
mod captures;
pub mod card;
pub mod config;
mod delivery;
pub mod endpoint;
mod error;
mod ids;
mod page;
mod present;
pub mod routes;
mod subscription;
pub mod terminal;
mod urls;
pub mod webhook;

pub use capture::{Capture, CaptureState, Outcome};
pub use config::{QuickpayConfig, Subscription};
pub use endpoint::Endpoint;
pub use subscription::is_http_url;
pub use terminal::Quickpay;
