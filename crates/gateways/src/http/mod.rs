//! The HTTP plumbing every gateway client shares. Nothing here knows a gateway's paths, headers
//! or error bodies: a gateway folder builds its requests, says what its statuses mean, and uses
//! these pieces to send them and read the answers.
//!
//! - `request`: a call to send (method, path, query, body already serialized, timeout);
//! - `client`: sends it with the gateway's fixed headers and sorts transport failures;
//! - `reply`: the answer, read in full;
//! - `json`: a success body as JSON (byte order marks, empty and HTML answers refused);
//! - `decimal`: amounts read from JSON exactly, never through `f64`;
//! - `token` and `session`: a cached access token, and the one renewal and resend a 401 allows.

pub mod client;
pub mod decimal;
pub mod failure;
pub mod json;
pub mod reply;
pub mod request;
pub mod session;
pub mod token;
