//! A rule as JSON: `{"gateway":"traxion","endpoint":"pay","latency_ms":2000,...}`. `gateway`
//! may be left out and then means traxion; it is written only for other gateways, so Traxion's
//! rules read and write exactly as they did before gateways were named. Unknown fields are
//! refused.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::action::ErrorBody;
use super::gateways;
use super::rule::FaultRule;

fn is_false(b: &bool) -> bool {
    !*b
}

/// The JSON shape, field for field; `FaultRule` holds the target read from the first two.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gateway: Option<String>,
    endpoint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    latency_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "is_false")]
    no_answer: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    reset: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    http_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    http_body: Option<ErrorBody>,
    #[serde(default, skip_serializing_if = "is_false")]
    garbage: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending_secs: Option<u64>,
    /// A JSON number, read and written exactly.
    #[serde(
        default,
        with = "rust_decimal::serde::arbitrary_precision_option",
        skip_serializing_if = "Option::is_none"
    )]
    reject_rate: Option<Decimal>,
    #[serde(default, skip_serializing_if = "is_false")]
    echo_other_id: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    echo_other_amount: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(default, skip_serializing_if = "is_false")]
    after_commit: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    duplicate: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    reorder: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fail_items: Option<u64>,
}

impl Serialize for FaultRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let gateway = self.target.gateway();
        RuleJson {
            gateway: (gateway != gateways::DEFAULT_GATEWAY).then(|| gateway.to_owned()),
            endpoint: self.target.endpoint().to_owned(),
            latency_ms: self.latency_ms,
            no_answer: self.no_answer,
            reset: self.reset,
            http_status: self.http_status,
            http_body: self.http_body,
            garbage: self.garbage,
            pending_secs: self.pending_secs,
            reject_rate: self.reject_rate,
            echo_other_id: self.echo_other_id,
            echo_other_amount: self.echo_other_amount,
            count: self.count,
            after_commit: self.after_commit,
            duplicate: self.duplicate,
            reorder: self.reorder,
            fail_items: self.fail_items,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for FaultRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = RuleJson::deserialize(d)?;
        let target = gateways::target(json.gateway.as_deref(), &json.endpoint)
            .map_err(serde::de::Error::custom)?;
        Ok(FaultRule {
            target,
            latency_ms: json.latency_ms,
            no_answer: json.no_answer,
            reset: json.reset,
            http_status: json.http_status,
            http_body: json.http_body,
            garbage: json.garbage,
            pending_secs: json.pending_secs,
            reject_rate: json.reject_rate,
            echo_other_id: json.echo_other_id,
            echo_other_amount: json.echo_other_amount,
            count: json.count,
            after_commit: json.after_commit,
            duplicate: json.duplicate,
            reorder: json.reorder,
            fail_items: json.fail_items,
        })
    }
}
