//! The hub client against the real sandbox (`ventanilla-sandbox`) on a loopback port. Each test
//! spawns its own sandbox, so tests run in parallel without sharing sales or faults.

mod auth;
mod faults;
mod lookup;
mod pay;
mod support;
