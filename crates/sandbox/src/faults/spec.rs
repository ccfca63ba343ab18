//! Rules as spec strings (CLI `--fault`, admin API): `TARGET:key=value,key=value`, where
//! `TARGET` is `gateway.endpoint` or a bare endpoint of traxion; e.g. `pay:latency_ms=2000`,
//! `all:http_status=503,count=2`, `traxion.pay:reset,after_commit`. A key without a value means
//! `true`.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::gateways;
use super::rule::FaultRule;

impl FromStr for FaultRule {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let (target, rest) = spec.split_once(':').unwrap_or((spec, ""));
        let mut rule = FaultRule::at(gateways::parse(target)?);
        for item in rest.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (key, value) = match item.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (item, None),
            };
            set(&mut rule, key, value)?;
        }
        rule.validate()?;
        Ok(rule)
    }
}

fn set(rule: &mut FaultRule, key: &str, value: Option<&str>) -> Result<(), String> {
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
            rule.http_status = Some(u16::try_from(num(value)?).map_err(|e| format!("{key}: {e}"))?)
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
        "duplicate" => rule.duplicate = flag(value)?,
        "reorder" => rule.reorder = flag(value)?,
        "fail_items" => rule.fail_items = Some(num(value)?),
        other => return Err(format!("unknown fault key {other:?}")),
    }
    Ok(())
}
