//! The local journal. Every sale is committed here, durably, before the network sees it.

mod chain;
mod db;
pub mod events;
pub mod head;
pub mod lock;
pub mod lookups;
mod migrations;
pub mod outbox;
mod probe;
pub mod receipts;
pub mod sales;
mod settings;

pub use db::{Store, StoreError};
pub use head::ChainHead;
pub use lock::Holder;
pub use lookups::LookupSource;
pub use outbox::{OutboxKind, OutboxRow, OutboxStats, OutboxStatus};
pub use sales::{NewSale, SaleRow, Tender};
