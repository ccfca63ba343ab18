//! A request to send. Its body is JSON already serialized, so a resend (after renewing a token)
//! sends the same bytes.

use reqwest::Method;
use serde::Serialize;
use std::time::Duration;

use crate::error::GatewayError;

pub struct Call<'a> {
    pub method: Method,
    /// Starts with `/`; appended to the gateway's base address.
    pub path: String,
    pub query: Vec<(&'a str, &'a str)>,
    pub body: Option<Vec<u8>>,
    pub timeout: Duration,
}

impl<'a> Call<'a> {
    pub fn get(path: String, query: Vec<(&'a str, &'a str)>, timeout: Duration) -> Call<'a> {
        Call {
            method: Method::GET,
            path,
            query,
            body: None,
            timeout,
        }
    }

    /// A POST of `body` as JSON. Failing to write it is reported like an unreadable answer: the
    /// request was never sent, and nothing about it can be trusted.
    pub fn post_json<B: Serialize>(
        path: &str,
        body: &B,
        timeout: Duration,
    ) -> Result<Call<'a>, GatewayError> {
        let body = serde_json::to_vec(body)
            .map_err(|e| GatewayError::BadAnswer(format!("cannot write the request: {e}")))?;
        Ok(Call {
            method: Method::POST,
            path: path.to_string(),
            query: Vec::new(),
            body: Some(body),
            timeout,
        })
    }
}
