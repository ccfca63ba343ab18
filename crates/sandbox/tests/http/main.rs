//! Real HTTP against a sandbox on a loopback port: one binary, one module per area.

mod admin_and_state;
mod auth;
mod card;
mod catalogue;
mod common;
mod document_examples;
mod fault_keys;
mod faults;
mod payments;
mod tax;
mod wallet;
