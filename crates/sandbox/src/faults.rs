//! Fault injection: per-endpoint rules that delay, drop, reset, break or bend answers.
//!
//! A [`FaultPlan`] is a list of [`FaultRule`]s. On each request every live rule whose endpoint
//! matches (its own or `all`) applies, and one use of its `count` is spent; a rule whose count
//! reaches zero is removed. Transport faults (`latency_ms`, `no_answer`, `reset`, `http_status`,
//! `garbage`) act before the handler runs, or after it (its effects committed, its answer lost)
//! when `after_commit` is true. `pending_secs`, `reject_rate`, `echo_other_id` and
//! `echo_other_amount` only bend `pay`.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::conn::ConnCtl;

/// Which requests a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// Every hub endpoint (not the admin API).
    #[default]
    All,
    /// `POST /login`
    Login,
    /// `GET /sales/billPayment/availablesCompanies`
    Companies,
    /// `POST /sales/billPayment/availablesBill/findByBarCode`
    FindBarcode,
    /// `POST /sales/billPayment/availablesBill/findByCustomerData`
    FindCustomer,
    /// `POST /sales/billPayment/`
    Pay,
    /// `GET /sale/{id}`
    Sale,
    /// `GET /sale/{id}/receipt`
    Receipt,
    /// `GET /sales?clientTransactionId=`
    SalesQuery,
}

impl Endpoint {
    pub const ALL: [Endpoint; 9] = [
        Endpoint::All,
        Endpoint::Login,
        Endpoint::Companies,
        Endpoint::FindBarcode,
        Endpoint::FindCustomer,
        Endpoint::Pay,
        Endpoint::Sale,
        Endpoint::Receipt,
        Endpoint::SalesQuery,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::All => "all",
            Endpoint::Login => "login",
            Endpoint::Companies => "companies",
            Endpoint::FindBarcode => "find_barcode",
            Endpoint::FindCustomer => "find_customer",
            Endpoint::Pay => "pay",
            Endpoint::Sale => "sale",
            Endpoint::Receipt => "receipt",
            Endpoint::SalesQuery => "sales_query",
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Endpoint {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Endpoint::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Endpoint::ALL.iter().map(|e| e.as_str()).collect();
                format!("unknown endpoint {s:?} (one of {})", names.join(", "))
            })
    }
}

/// Body of an `http_status` fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorBody {
    /// An nginx-like HTML error page (`text/html`).
    #[default]
    Html,
    /// No body at all.
    Empty,
    /// The platform error JSON `{code, message, data:{...}}`.
    Json,
}

impl FromStr for ErrorBody {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(ErrorBody::Html),
            "empty" | "none" => Ok(ErrorBody::Empty),
            "json" => Ok(ErrorBody::Json),
            other => Err(format!("unknown http_body {other:?} (html, empty or json)")),
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One fault. Absent fields do nothing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// `login`, `companies`, `find_barcode`, `find_customer`, `pay`, `sale`, `receipt`,
    /// `sales_query` or `all`.
    pub endpoint: Endpoint,
    /// Wait this long (before the handler, or after it with `after_commit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// Never answer; keep the connection open.
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_answer: bool,
    /// Close the TCP connection with a reset, no answer.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reset: bool,
    /// Answer this status (e.g. 500, 502, 503) with `http_body`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_body: Option<ErrorBody>,
    /// Answer 200 with a body that is not JSON (truncated JSON).
    #[serde(default, skip_serializing_if = "is_false")]
    pub garbage: bool,
    /// `pay` only: the sale shows `pending` for this many seconds, then its final state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_secs: Option<u64>,
    /// `pay` only: fraction 0..=1 of payments rejected with a plausible reason (deterministic in
    /// the seed and the clientTransactionId).
    #[serde(
        default,
        with = "rust_decimal::serde::arbitrary_precision_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub reject_rate: Option<Decimal>,
    /// `pay` only: the sale is recorded, but the answer names another `clientTransactionId`
    /// (a crossed wire: the answer to somebody else's request).
    #[serde(default, skip_serializing_if = "is_false")]
    pub echo_other_id: bool,
    /// `pay` only: the sale is recorded, but the answer states another amount.
    #[serde(default, skip_serializing_if = "is_false")]
    pub echo_other_amount: bool,
    /// Apply to the next N matching requests only; absent = always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Run the handler first (a pay is recorded), then apply the transport fault to its answer.
    #[serde(default, skip_serializing_if = "is_false")]
    pub after_commit: bool,
}

impl FaultRule {
    /// A rule that does nothing yet, for `endpoint`.
    pub fn on(endpoint: Endpoint) -> Self {
        FaultRule {
            endpoint,
            ..FaultRule::default()
        }
    }

    /// Checks values (status range, rate range, at least one effect).
    pub fn validate(&self) -> Result<(), String> {
        if let Some(s) = self.http_status {
            if !(100..=599).contains(&s) {
                return Err(format!("http_status {s} is not an HTTP status"));
            }
        }
        if let Some(r) = self.reject_rate {
            if r < Decimal::ZERO || r > Decimal::ONE {
                return Err(format!("reject_rate {r} is not within 0..1"));
            }
        }
        if !self.has_transport_effect() && !self.has_pay_effect() {
            return Err(format!("fault rule for {} has no effect", self.endpoint));
        }
        Ok(())
    }

    fn has_transport_effect(&self) -> bool {
        self.latency_ms.is_some_and(|l| l > 0)
            || self.no_answer
            || self.reset
            || self.http_status.is_some()
            || self.garbage
    }

    fn has_pay_effect(&self) -> bool {
        self.pending_secs.is_some()
            || self.reject_rate.is_some()
            || self.echo_other_id
            || self.echo_other_amount
    }

    fn applies_to(&self, endpoint: Endpoint) -> bool {
        (self.endpoint == Endpoint::All || self.endpoint == endpoint)
            && self.count != Some(0)
            && (self.has_transport_effect() || (endpoint == Endpoint::Pay && self.has_pay_effect()))
    }

    fn action(&self) -> Option<Action> {
        if self.reset {
            Some(Action::Reset)
        } else if self.no_answer {
            Some(Action::NoAnswer)
        } else if let Some(s) = self.http_status {
            Some(Action::Status(s, self.http_body.unwrap_or_default()))
        } else if self.garbage {
            Some(Action::Garbage)
        } else {
            None
        }
    }
}

/// `ENDPOINT:key=value,key=value`, e.g. `pay:latency_ms=2000`, `all:http_status=503,count=2`,
/// `pay:reset,after_commit`. A key without a value means `true`.
impl FromStr for FaultRule {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let (endpoint, rest) = spec.split_once(':').unwrap_or((spec, ""));
        let mut rule = FaultRule::on(endpoint.parse()?);
        for item in rest.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (key, value) = match item.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (item, None),
            };
            let num = |v: Option<&str>| -> Result<u64, String> {
                v.ok_or_else(|| format!("{key} needs a value"))?
                    .parse::<u64>()
                    .map_err(|e| format!("{key}: {e}"))
            };
            let flag = |v: Option<&str>| -> Result<bool, String> {
                match v.map(str::to_ascii_lowercase).as_deref() {
                    None | Some("true" | "1" | "yes" | "on") => Ok(true),
                    Some("false" | "0" | "no" | "off") => Ok(false),
                    Some(other) => Err(format!("{key}: {other:?} is not a boolean")),
                }
            };
            match key {
                "latency_ms" | "latency" => rule.latency_ms = Some(num(value)?),
                "no_answer" => rule.no_answer = flag(value)?,
                "reset" => rule.reset = flag(value)?,
                "http_status" | "status" => {
                    rule.http_status =
                        Some(u16::try_from(num(value)?).map_err(|e| format!("{key}: {e}"))?)
                }
                "http_body" | "body" => {
                    rule.http_body = Some(value.ok_or("http_body needs a value")?.parse()?)
                }
                "garbage" => rule.garbage = flag(value)?,
                "pending_secs" | "pending" => rule.pending_secs = Some(num(value)?),
                "reject_rate" => {
                    rule.reject_rate = Some(
                        value
                            .ok_or("reject_rate needs a value")?
                            .parse::<Decimal>()
                            .map_err(|e| format!("reject_rate: {e}"))?,
                    )
                }
                "echo_other_id" => rule.echo_other_id = flag(value)?,
                "echo_other_amount" => rule.echo_other_amount = flag(value)?,
                "count" => rule.count = Some(num(value)?),
                "after_commit" => rule.after_commit = flag(value)?,
                other => return Err(format!("unknown fault key {other:?}")),
            }
        }
        rule.validate()?;
        Ok(rule)
    }
}

/// The faults in force.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FaultPlan {
    #[serde(default)]
    pub rules: Vec<FaultRule>,
}

impl FaultPlan {
    pub fn none() -> Self {
        FaultPlan::default()
    }

    /// Parses several `ENDPOINT:key=value,...` specs.
    pub fn parse_specs<S: AsRef<str>>(specs: &[S]) -> Result<Self, String> {
        let rules = specs
            .iter()
            .map(|s| s.as_ref().parse())
            .collect::<Result<_, _>>()?;
        Ok(FaultPlan { rules })
    }

    /// Adds a rule (builder style).
    pub fn with(mut self, rule: FaultRule) -> Self {
        self.rules.push(rule);
        self
    }

    pub fn validate(&self) -> Result<(), String> {
        self.rules.iter().try_for_each(FaultRule::validate)
    }
}

impl From<FaultRule> for FaultPlan {
    fn from(rule: FaultRule) -> Self {
        FaultPlan { rules: vec![rule] }
    }
}

/// What to do instead of (or after) answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NoAnswer,
    Reset,
    Status(u16, ErrorBody),
    Garbage,
}

/// Effects at one stage (before or after the handler).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stage {
    pub latency_ms: u64,
    pub action: Option<Action>,
}

/// The merged effect of the rules that matched one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    pub before: Stage,
    pub after: Stage,
    pub pay: PayFaults,
}

/// The `pay`-bending part of a fault, handed to the pay handler in request extensions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PayFaults {
    pub pending_secs: Option<u64>,
    pub reject_rate: Option<Decimal>,
    pub echo_other_id: bool,
    pub echo_other_amount: bool,
}

/// The live fault plan (counts are spent here).
#[derive(Debug, Default)]
pub struct FaultCtl {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultCtl {
    pub fn new(plan: FaultPlan) -> Self {
        FaultCtl {
            rules: Mutex::new(plan.rules),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<FaultRule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The rules in force, with their remaining counts.
    pub fn plan(&self) -> FaultPlan {
        FaultPlan {
            rules: self.lock().clone(),
        }
    }

    pub fn set(&self, plan: FaultPlan) {
        *self.lock() = plan.rules;
    }

    pub fn add(&self, plan: FaultPlan) {
        self.lock().extend(plan.rules);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Picks the rules for one request to `endpoint`, spending their counts.
    pub fn take(&self, endpoint: Endpoint) -> Applied {
        let mut rules = self.lock();
        let mut applied = Applied::default();
        for rule in rules.iter_mut().filter(|r| r.applies_to(endpoint)) {
            let stage = if rule.after_commit {
                &mut applied.after
            } else {
                &mut applied.before
            };
            stage.latency_ms += rule.latency_ms.unwrap_or(0);
            if stage.action.is_none() {
                stage.action = rule.action();
            }
            if endpoint == Endpoint::Pay {
                applied.pay.pending_secs = applied.pay.pending_secs.or(rule.pending_secs);
                applied.pay.reject_rate = applied.pay.reject_rate.or(rule.reject_rate);
                applied.pay.echo_other_id |= rule.echo_other_id;
                applied.pay.echo_other_amount |= rule.echo_other_amount;
            }
            if let Some(c) = rule.count.as_mut() {
                *c = c.saturating_sub(1);
            }
        }
        rules.retain(|r| r.count != Some(0));
        applied
    }
}

/// State of the fault middleware of one route.
#[derive(Debug, Clone)]
pub struct FaultLayer {
    pub ctl: Arc<FaultCtl>,
    pub endpoint: Endpoint,
}

/// Axum middleware: applies the faults of `endpoint` around the handler.
pub async fn middleware(State(layer): State<FaultLayer>, mut req: Request, next: Next) -> Response {
    let applied = layer.ctl.take(layer.endpoint);
    if applied != Applied::default() {
        tracing::debug!(endpoint = %layer.endpoint, ?applied, "fault");
    }
    let conn = req.extensions().get::<ConnCtl>().cloned();
    if let Some(resp) = run_stage(&applied.before, conn.as_ref()).await {
        return resp;
    }
    req.extensions_mut().insert(applied.pay);
    let resp = next.run(req).await;
    if let Some(resp) = run_stage(&applied.after, conn.as_ref()).await {
        return resp;
    }
    resp
}

async fn run_stage(stage: &Stage, conn: Option<&ConnCtl>) -> Option<Response> {
    if stage.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(stage.latency_ms)).await;
    }
    match stage.action? {
        Action::NoAnswer => Some(std::future::pending().await),
        Action::Reset => {
            match conn {
                Some(c) => c.reset(),
                None => tracing::warn!("reset fault without a connection handle: not answering"),
            }
            Some(std::future::pending().await)
        }
        Action::Status(code, body) => Some(error_response(code, body)),
        Action::Garbage => Some(
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                "{\"id\":\"2C497E4E32\",\"number\":7436985,\"state\":\"appr",
            )
                .into_response(),
        ),
    }
}

fn error_response(code: u16, body: ErrorBody) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = status.canonical_reason().unwrap_or("Error");
    let mut resp = match body {
        ErrorBody::Empty => Response::new(Body::empty()),
        ErrorBody::Html => (
            [(header::CONTENT_TYPE, "text/html")],
            format!(
                "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            ),
        )
            .into_response(),
        ErrorBody::Json => axum::Json(serde_json::json!({
            "code": code,
            "message": reason,
            "data": {"errorCode": "SERVICE_UNAVAILABLE", "errorType": "PLATFORM", "messageText": "El servicio no está disponible en este momento. Intente nuevamente más tarde."}
        }))
        .into_response(),
    };
    *resp.status_mut() = status;
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        let r: FaultRule = "pay:latency_ms=2000".parse().unwrap();
        assert_eq!(r.endpoint, Endpoint::Pay);
        assert_eq!(r.latency_ms, Some(2000));
        let r: FaultRule = "all:http_status=503,count=2".parse().unwrap();
        assert_eq!(
            (r.endpoint, r.http_status, r.count),
            (Endpoint::All, Some(503), Some(2))
        );
        let r: FaultRule = "pay:reset,after_commit".parse().unwrap();
        assert!(r.reset && r.after_commit);
        let r: FaultRule = "pay:echo_other_id,echo_other_amount,count=1"
            .parse()
            .unwrap();
        assert!(r.echo_other_id && r.echo_other_amount);
        let r: FaultRule = "pay:reject_rate=0.3".parse().unwrap();
        assert_eq!(r.reject_rate, Some(Decimal::new(3, 1)));
        assert!("pay:bogus=1".parse::<FaultRule>().is_err());
        assert!("nowhere:reset".parse::<FaultRule>().is_err());
        assert!("pay".parse::<FaultRule>().is_err());
        assert!("pay:reject_rate=1.5".parse::<FaultRule>().is_err());
    }

    #[test]
    fn json_round_trip_keeps_decimals_exact() {
        let json = r#"{"rules":[{"endpoint":"pay","reject_rate":0.3,"count":2},{"endpoint":"all","http_status":502,"http_body":"empty"}]}"#;
        let plan: FaultPlan = serde_json::from_str(json).unwrap();
        assert_eq!(plan.rules[0].reject_rate, Some("0.3".parse().unwrap()));
        assert_eq!(plan.rules[1].http_body, Some(ErrorBody::Empty));
        let back = serde_json::to_string(&plan).unwrap();
        assert!(back.contains("\"reject_rate\":0.3"), "{back}");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let again: FaultPlan = serde_json::from_value(value).unwrap();
        assert_eq!(again, plan);
    }

    #[test]
    fn counts_are_spent_and_rules_match_their_endpoint() {
        let ctl = FaultCtl::new(
            FaultPlan::parse_specs(&["pay:http_status=503,count=1", "all:latency_ms=5"]).unwrap(),
        );
        let a = ctl.take(Endpoint::Login);
        assert_eq!(a.before.latency_ms, 5);
        assert_eq!(a.before.action, None);
        let a = ctl.take(Endpoint::Pay);
        assert_eq!(a.before.action, Some(Action::Status(503, ErrorBody::Html)));
        let a = ctl.take(Endpoint::Pay);
        assert_eq!(a.before.action, None);
        assert_eq!(ctl.plan().rules.len(), 1);
    }

    #[test]
    fn pay_only_rules_do_not_spend_on_other_endpoints() {
        let ctl = FaultCtl::new(FaultPlan::parse_specs(&["all:pending_secs=3,count=1"]).unwrap());
        assert_eq!(ctl.take(Endpoint::Login), Applied::default());
        assert_eq!(ctl.take(Endpoint::Pay).pay.pending_secs, Some(3));
        assert!(ctl.plan().rules.is_empty());
    }
}
