//! The bill-payment hub (`specs/traxion`): finding bills, taking their payment, driving each
//! sale to the hub's final answer through the outbox, and its receipts. Everything the app does
//! with this gateway lives in this folder; the rest of the app knows it by its [`GatewayId`]
//! and the outbox handler it registers.
//!
//! [`GatewayId`]: crate::gateway_id::GatewayId

pub(crate) mod attention;
pub(crate) mod bill_view;
pub(crate) mod checkout;
pub(crate) mod companies;
pub(crate) mod duplicate;
pub(crate) mod earlier;
pub(crate) mod earlier_load;
pub(crate) mod gateway;
pub(crate) mod lookup;
pub(crate) mod offline_sale;
pub(crate) mod params;
pub(crate) mod probe;
pub(crate) mod provisional_receipt;
pub(crate) mod receipt;
pub(crate) mod receipt_fetch;
pub(crate) mod restart;
pub(crate) mod sale_calls;
pub(crate) mod sale_handler;
