//! The local journal. Every sale is committed here, durably, before the network sees it.
//!
//! Layout: `tables/` holds one module per table, each with its own migrations and queries, and
//! `migrate` applies them (see `tables` for how a gateway adds its own). Around them: `store`
//! and `conn` (the connection, which keeps bill lookups in memory until a transaction takes
//! them), `open` and `trust` (opening only a journal that is whole), `sale_writes` and
//! `ticket_writes` (the transactions that span tables), `head` and `lock` (the files beside the
//! journal). No file imports one that imports it back, so each can be read and changed on its
//! own.

mod card_writes;
mod conn;
mod error;
pub mod head;
mod holder;
mod legacy;
pub mod lock;
mod migrate;
mod open;
mod sale_writes;
mod schema;
mod store;
mod tables;
mod tax_writes;
#[cfg(test)]
mod test_bill;
mod ticket_writes;
mod time;
mod trust;
mod wallet_writes;

pub use tables::bill_lookups as lookups;
pub use tables::sale_events as events;
pub use tables::{inbox, outbox, receipts, sales};

pub use card_writes::NewStray;
pub use error::StoreError;
pub use head::ChainHead;
pub use holder::Holder;
pub use sale_writes::{SaleChange, SenderWrites};
pub use store::{Reader, Store};
pub use tables::bill_lookups::LookupSource;
pub use tables::card_attempts::CardRecord;
pub use tables::card_strays::{CardStray, StrayCause};
pub use tables::inbox::{InboxCounts, InboxEntry, InboxState, NewDelivery, Received, Settlement};
pub use tables::outbox::{
    OutboxChange, OutboxKind, OutboxRow, OutboxStats, OutboxStatus, OutboxUpdate,
};
pub use tables::sales::{NewSale, SaleRow, Tender};
pub use tables::ticket_items::TicketItemRow;
pub use tables::tickets::TicketRow;
pub use tables::wallet_charges::{NewWalletCharge, WalletRecord};
pub use tax_writes::{TaxOrderRecord, TAX_GATEWAY};
pub use ticket_writes::{NewTicket, TaxPayment, TicketRecord, BILL_GATEWAY};
