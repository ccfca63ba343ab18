//! The outbox sender: drains queued remote operations with bounded concurrency, one at a time
//! per key (a bill, an order), retrying with backoff and the same idempotency key until the
//! gateway gives a final answer, or handing the operation to a person. It knows operation
//! kinds only through [`handler::OutboxHandler`]; each gateway's folder implements it for its
//! kinds and registers it at start. What the attempts record goes through
//! [`writer::JournalWriter`], which commits the writes asked for together in one transaction.

pub(crate) mod handler;
pub(crate) mod reasons;
pub(crate) mod registry;
pub(crate) mod sender;
pub(crate) mod writer;
