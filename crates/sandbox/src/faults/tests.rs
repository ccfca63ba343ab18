//! Rules read from specs and JSON, matched by gateway and endpoint, counted and spent.

use rust_decimal::Decimal;

use super::action::{Action, ErrorBody};
use super::ctl::{Applied, FaultCtl};
use super::plan::FaultPlan;
use super::rule::FaultRule;
use super::target::{GatewayEndpoint, Target};
use crate::traxion::endpoint::Endpoint;

fn traxion(endpoint: Endpoint) -> Target {
    Target::of(endpoint)
}

/// A second gateway, as a wallet's simulator would declare its endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wallet {
    All,
    Pay,
    Session,
}

impl GatewayEndpoint for Wallet {
    const GATEWAY: &'static str = "wallet";

    fn every() -> &'static [Self] {
        &[Wallet::All, Wallet::Pay, Wallet::Session]
    }

    fn name(self) -> &'static str {
        match self {
            Wallet::All => "all",
            Wallet::Pay => "pay",
            Wallet::Session => "session",
        }
    }

    fn is_all(self) -> bool {
        self == Wallet::All
    }

    fn bends(self) -> bool {
        self == Wallet::Pay
    }
}

#[test]
fn parses_specs() {
    let r: FaultRule = "pay:latency_ms=2000".parse().unwrap();
    assert_eq!(r.target, traxion(Endpoint::Pay));
    assert_eq!(r.latency_ms, Some(2000));
    let r: FaultRule = "all:http_status=503,count=2".parse().unwrap();
    assert_eq!(
        (r.target, r.http_status, r.count),
        (traxion(Endpoint::All), Some(503), Some(2))
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
fn specs_may_name_the_gateway() {
    let r: FaultRule = "traxion.sales_query:garbage".parse().unwrap();
    assert_eq!(r.target, traxion(Endpoint::SalesQuery));
    assert_eq!(r.target.to_string(), "traxion.sales_query");
    assert_eq!(
        "TRAXION.find-barcode:reset"
            .parse::<FaultRule>()
            .unwrap()
            .target,
        traxion(Endpoint::FindBarcode)
    );
    let err = "nowhere.pay:reset".parse::<FaultRule>().unwrap_err();
    assert!(err.contains("unknown gateway"), "{err}");
    let err = "arkadu.pay:reset".parse::<FaultRule>().unwrap_err();
    assert!(err.contains("unknown arkadu endpoint"), "{err}");
    let err = "traxion.nowhere:reset".parse::<FaultRule>().unwrap_err();
    assert!(err.contains("unknown traxion endpoint"), "{err}");
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
fn the_json_without_a_gateway_is_traxions_and_is_written_back_the_same() {
    let old = r#"{"endpoint":"pay","latency_ms":10,"count":3}"#;
    let rule: FaultRule = serde_json::from_str(old).unwrap();
    assert_eq!(rule.target, traxion(Endpoint::Pay));
    assert_eq!(rule.target.gateway(), "traxion");
    assert_eq!(serde_json::to_string(&rule).unwrap(), old);
    let named: FaultRule =
        serde_json::from_str(r#"{"gateway":"traxion","endpoint":"pay","latency_ms":10,"count":3}"#)
            .unwrap();
    assert_eq!(named, rule);
    for bad in [
        r#"{"gateway":"arkadu","endpoint":"pay","reset":true}"#,
        r#"{"endpoint":"nowhere","reset":true}"#,
        r#"{"endpoint":"pay","reset":true,"frobnicate":1}"#,
        r#"{"reset":true}"#,
    ] {
        assert!(serde_json::from_str::<FaultRule>(bad).is_err(), "{bad}");
    }
}

#[test]
fn another_gateways_rules_are_written_with_its_name() {
    let rule = FaultRule {
        reset: true,
        ..FaultRule::on(Wallet::Session)
    };
    assert_eq!(
        serde_json::to_value(&rule).unwrap(),
        serde_json::json!({"gateway": "wallet", "endpoint": "session", "reset": true})
    );
}

#[test]
fn counts_are_spent_and_rules_match_their_endpoint() {
    let ctl = FaultCtl::new(
        FaultPlan::parse_specs(&["pay:http_status=503,count=1", "all:latency_ms=5"]).unwrap(),
    );
    let a = ctl.take(traxion(Endpoint::Login));
    assert_eq!(a.before.latency_ms, 5);
    assert_eq!(a.before.action, None);
    let a = ctl.take(traxion(Endpoint::Pay));
    assert_eq!(a.before.action, Some(Action::Status(503, ErrorBody::Html)));
    let a = ctl.take(traxion(Endpoint::Pay));
    assert_eq!(a.before.action, None);
    assert_eq!(ctl.plan().rules.len(), 1);
}

#[test]
fn pay_only_rules_do_not_spend_on_other_endpoints() {
    let ctl = FaultCtl::new(FaultPlan::parse_specs(&["all:pending_secs=3,count=1"]).unwrap());
    assert_eq!(ctl.take(traxion(Endpoint::Login)), Applied::default());
    assert_eq!(ctl.take(traxion(Endpoint::Pay)).pay.pending_secs, Some(3));
    assert!(ctl.plan().rules.is_empty());
}

#[test]
fn rules_for_another_gateway_or_endpoint_leave_traxions_pay_alone() {
    let other_gateway = [
        FaultRule {
            reset: true,
            count: Some(1),
            ..FaultRule::on(Wallet::All)
        },
        FaultRule {
            http_status: Some(503),
            pending_secs: Some(5),
            echo_other_id: true,
            count: Some(1),
            ..FaultRule::on(Wallet::Pay)
        },
    ];
    let other_endpoint = FaultRule {
        no_answer: true,
        count: Some(1),
        ..FaultRule::on(Endpoint::SalesQuery)
    };
    let mut plan = FaultPlan::default();
    plan.rules.extend(other_gateway);
    plan.rules.push(other_endpoint);
    let ctl = FaultCtl::new(plan.clone());

    assert_eq!(ctl.take(traxion(Endpoint::Pay)), Applied::default());
    assert_eq!(ctl.plan(), plan, "nothing was spent on traxion's pay");

    // Each still acts where it was aimed.
    let wallet_pay = ctl.take(Target::of(Wallet::Pay));
    assert_eq!(wallet_pay.before.action, Some(Action::Reset));
    assert_eq!(wallet_pay.pay.pending_secs, Some(5));
    assert!(wallet_pay.pay.echo_other_id);
    let query = ctl.take(traxion(Endpoint::SalesQuery));
    assert_eq!(query.before.action, Some(Action::NoAnswer));
    assert!(ctl.plan().rules.is_empty());
}

#[test]
fn callback_faults_act_only_on_the_callbacks_they_name() {
    use crate::arkadu::endpoint::Endpoint as Arkadu;
    let r: FaultRule = "arkadu.callback:duplicate,reorder,fail_items=2,latency_ms=50"
        .parse()
        .unwrap();
    assert!(r.duplicate && r.reorder);
    assert_eq!(r.fail_items, Some(2));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"gateway": "arkadu", "endpoint": "callback", "latency_ms": 50,
            "duplicate": true, "reorder": true, "fail_items": 2})
    );
    assert_eq!(serde_json::from_value::<FaultRule>(json).unwrap(), r);

    let ctl = FaultCtl::new(
        FaultPlan::parse_specs(&[
            "arkadu.all:http_status=503,count=1",
            "arkadu.callback:duplicate,count=1",
        ])
        .unwrap(),
    );
    // `all` is every endpoint the platform serves, not its outbound callbacks.
    let cb = ctl.take(Target::of(Arkadu::Callback));
    assert!(cb.callbacks.duplicate);
    assert_eq!(cb.before.action, None);
    let report = ctl.take(Target::of(Arkadu::Report));
    assert_eq!(
        report.before.action,
        Some(Action::Status(503, ErrorBody::Html))
    );
    assert_eq!(report.callbacks, Default::default());
    assert!(ctl.plan().rules.is_empty());
}
