//! `GET /coins` (also `/bsv/coins`, where the document's example calls it): the coins the
//! gateway takes, only `bsv` for the MVP.

use axum::Json;
use serde_json::{json, Value};

use super::envelope::success;

pub async fn coins() -> Json<Value> {
    success(json!({"coins": ["bsv"]}))
}
