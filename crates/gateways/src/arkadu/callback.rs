//! Reading the body the platform posts to our callback URL. The listener (in `app`) decides
//! who may post and answers; this only turns the body into the core's [`ItemCallback`].

use chrono::FixedOffset;
use ventanilla_core::arkadu::ItemCallback;

use super::{convert, wire};
use crate::error::GatewayError;
use crate::http::json;

/// The callback in `body`; times without an offset are read at `naive_offset` (see
/// `ArkaduConfig::naive_offset`). An unreadable body is a `BadAnswer`.
pub fn read_callback(body: &[u8], naive_offset: FixedOffset) -> Result<ItemCallback, GatewayError> {
    let w: wire::Callback = json::shape(json::value(body)?, "a callback")?;
    convert::callback(w, naive_offset)
}
