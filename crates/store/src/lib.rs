//! The local journal. Every sale is committed here, durably, before the network sees it.

mod db;
pub mod events;
pub mod lookups;
mod migrations;
pub mod outbox;
pub mod receipts;
pub mod sales;
mod settings;

pub use db::{Store, StoreError};
pub use lookups::LookupSource;
pub use outbox::{OutboxKind, OutboxRow, OutboxStats, OutboxStatus};
pub use sales::{NewSale, SaleRow, Tender};
