//! The customer's ticket: the items a customer pays for at once, in one currency, paid with
//! tenders whose money the ticket's ledger payment keeps. The ticket is generic: it knows items
//! by their [`ItemDetail`] and settles each at its own gateway through the outbox; the bills'
//! own rules (amounts, duplicates) stay in `traxion/`.
//!
//! - `desk`: the ticket the cashier is building (its items in memory), with `charges`, the card
//!   and wallet charges taken for it so far;
//! - `build`: adding, changing and removing its items;
//! - `journal`: writing a paid ticket, its items' sales and its ledger payment in one commit;
//! - `pay`: the cash payment of the ticket being built;
//! - `settle`: items' outcomes, refunds, and the tickets still in flight;
//! - `summary`: the ticket's summary receipt;
//! - `view`: the ticket as the screen shows it; `words`: its refusals in the cashier's words;
//! - `api`: the use cases as `Ventanilla` offers them.
//!
//! [`ItemDetail`]: item::ItemDetail

pub(crate) mod announce;
pub(crate) mod api;
pub(crate) mod build;
pub(crate) mod charges;
pub(crate) mod desk;
pub(crate) mod item;
pub(crate) mod journal;
pub(crate) mod loaded;
pub(crate) mod pay;
pub(crate) mod qr;
pub(crate) mod settle;
pub(crate) mod summary;
pub(crate) mod tender_lines;
pub(crate) mod tender_view;
pub(crate) mod view;
pub(crate) mod words;
