//! Timestamps as the journal stores them (RFC 3339 text), read back.

use chrono::{DateTime, Utc};

use crate::error::StoreError;

pub(crate) fn decode_time(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Decode(e.to_string()))
}
