//! One module per table. Each holds its table's migrations (a `SCHEMA`) and its queries, and
//! names no other table module: what spans tables (a sale with its event, outbox row and chain
//! record) lives outside this folder, in a module that uses several of them (`sale_writes`).
//!
//! A gateway that needs tables (arkadu's tax orders, say) adds one file here and two lines below,
//! and edits no other table's module:
//!
//! ```text
//! // tables/arkadu_orders.rs
//! pub(crate) const SCHEMA: Schema = Schema {
//!     name: "arkadu_orders",
//!     migrations: &[
//!         // 1: ...
//!         "CREATE TABLE arkadu_orders (id INTEGER PRIMARY KEY, ...);",
//!     ],
//! };
//! impl Store { /* its queries */ }
//!
//! // tables/mod.rs
//! pub mod arkadu_orders;          // the module
//! &arkadu_orders::SCHEMA,         // its line in ALL, after the tables it refers to
//! ```
//!
//! `migrate` applies each module's pending migrations, in the order of `ALL`, and records per
//! module how many it has had.

use crate::schema::Schema;

// `pub` where lib.rs re-exports the module (its types are part of the crate's API).
pub mod bill_lookups;
pub mod card_attempts;
pub mod card_strays;
pub(crate) mod chain;
pub mod inbox;
mod journal_probe;
mod money_text;
pub mod outbox;
pub(crate) mod payment_history;
pub(crate) mod payment_transactions;
pub mod receipts;
pub(crate) mod reprints;
pub mod sale_events;
pub mod sales;
pub(crate) mod settings;
pub(crate) mod tax_order_items;
pub(crate) mod tax_orders;
pub mod ticket_items;
pub mod tickets;
pub mod wallet_charges;

/// Every table module with migrations, each after the modules whose tables it refers to (a
/// module's migrations may read or reference only the tables of modules listed before it).
/// Appending a module is safe; reordering shipped ones is not needed and not done.
pub(crate) const ALL: &[&Schema] = &[
    &bill_lookups::SCHEMA,
    &sales::SCHEMA,
    &sale_events::SCHEMA,
    &receipts::SCHEMA,
    &reprints::SCHEMA,
    &outbox::SCHEMA,
    &settings::SCHEMA,
    &chain::SCHEMA,
    &tickets::SCHEMA,
    &ticket_items::SCHEMA,
    &payment_history::SCHEMA,
    &payment_transactions::SCHEMA,
    &inbox::SCHEMA,
    &tax_orders::SCHEMA,
    &tax_order_items::SCHEMA,
    &card_attempts::SCHEMA,
    &card_strays::SCHEMA,
    &wallet_charges::SCHEMA,
];
