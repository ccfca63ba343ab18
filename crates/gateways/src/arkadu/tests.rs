//! Wire parsing from the document's shapes (`testdata/`), the envelope against refusals, HTML and
//! garbage, and the token answers.

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use serde_json::Value;
use ventanilla_core::arkadu::{ItemResult, PlatformOrderStatus};
use ventanilla_core::{Currency, Money, Secret};

use super::callback::read_callback;
use super::config::venezuela_offset;
use super::{auth, convert, envelope, wire};
use crate::error::GatewayError;
use crate::http::json;
use crate::http::reply::Reply;

const PENDING_OK: &str = include_str!("testdata/pending_ok.json");
const PENDING_EMPTY: &str = include_str!("testdata/pending_empty.json");
const REFUSED: &str = include_str!("testdata/refused.json");
const REFUSED_WITH_CODE: &str = include_str!("testdata/refused_with_code.json");
const ORDER_CREATED: &str = include_str!("testdata/order_created.json");
const ORDER_UPDATED: &str = include_str!("testdata/order_updated.json");
const CALLBACK: &str = include_str!("testdata/callback.json");
const TOKEN: &str = include_str!("testdata/token.json");

fn reply(status: u16, body: &str) -> Reply {
    Reply {
        status,
        body: body.as_bytes().to_vec(),
    }
}

fn ves(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), Currency::Ves).unwrap()
}

fn debts(body: &str) -> Result<Vec<ventanilla_core::arkadu::DebtItem>, GatewayError> {
    let fields = envelope::read(&reply(200, body))?;
    convert::debts(json::shape(Value::Object(fields), "debts")?, Currency::Ves)
}

fn order(body: &str) -> Result<ventanilla_core::arkadu::TaxOrder, GatewayError> {
    let fields = envelope::read(&reply(200, body))?;
    convert::order(
        json::shape(Value::Object(fields), "an order")?,
        Currency::Ves,
        venezuela_offset(),
    )
}

#[test]
fn pending_debts_read_with_opaque_ids_and_exact_amounts() {
    let found = debts(PENDING_OK).unwrap();
    let got: Vec<(&str, Money)> = found.iter().map(|d| (d.id.as_str(), d.amount)).collect();
    assert_eq!(
        got,
        [
            ("10231", ves(125_050)),
            ("10232", ves(8_725)),
            ("5f0c2a7e-3b1d-4c8e-9a61-2d7f0e4b9c11", ves(30_000)),
        ]
    );
    assert_eq!(found[1].description, "Tasa de aseo urbano");
    assert_eq!(found[0].kind, None);
    assert_eq!(debts(PENDING_EMPTY).unwrap(), vec![]);
}

#[test]
fn amounts_are_never_rounded() {
    let body = r#"{"res":1,"data":[{"Id":1,"amount":0.105,"description":"x"}]}"#;
    assert!(matches!(debts(body), Err(GatewayError::BadAnswer(_))));
    let body = r#"{"res":1,"data":[{"Id":1,"amount":"-1.00","description":"x"}]}"#;
    assert!(matches!(debts(body), Err(GatewayError::BadAnswer(_))));
    let body = r#"{"res":1,"data":[{"Id":1,"amount":1e2,"description":"x"}]}"#;
    assert_eq!(debts(body).unwrap()[0].amount, ves(10_000));
}

#[test]
fn created_and_updated_orders_convert() {
    let created = order(ORDER_CREATED).unwrap();
    assert_eq!(created.id().as_str(), "5521");
    assert_eq!(created.total(), ves(133_775));
    assert_eq!(
        created.expire_at(),
        Utc.with_ymd_and_hms(2026, 3, 2, 16, 0, 0).unwrap()
    );
    assert_eq!(created.items().len(), 2);

    let updated = order(ORDER_UPDATED).unwrap();
    assert_eq!(
        updated.id().as_str(),
        "8d3c9a70-1f2e-4b6a-9c3d-5e7f8a9b0c1d"
    );
    // A time without offset is Venezuelan time (-04:00).
    assert_eq!(
        updated.expire_at(),
        Utc.with_ymd_and_hms(2026, 3, 2, 16, 0, 0).unwrap()
            + chrono::Duration::microseconds(123_456)
    );
}

#[test]
fn an_order_whose_total_is_not_its_sum_is_unreadable() {
    let body = ORDER_CREATED.replace("1337.75", "1337.70");
    assert!(matches!(order(&body), Err(GatewayError::BadAnswer(m)) if m.contains("total")));
    let body = ORDER_CREATED.replace("2026-03-02T16:00:00Z", "mañana");
    assert!(matches!(order(&body), Err(GatewayError::BadAnswer(_))));
}

#[test]
fn refusals_keep_the_platforms_code_and_words() {
    let refused = |code: &str, message: &str| GatewayError::Refused {
        code: code.into(),
        message: message.into(),
    };
    #[rustfmt::skip]
    let table = [
        (reply(200, REFUSED), refused("DOC_NOT_FOUND", "El contribuyente no existe")),
        (reply(200, REFUSED_WITH_CODE), refused("ORDER_EXPIRED:410", "La orden de pago ha vencido")),
        (reply(400, REFUSED), refused("DOC_NOT_FOUND", "El contribuyente no existe")),
        (reply(200, r#"{"res":false,"code":"E1","message":"no"}"#), refused("E1", "no")),
        (reply(200, r#"{"res":"0","error":"X","message":"y"}"#), refused("X", "y")),
    ];
    for (answer, expected) in table {
        assert_eq!(envelope::read(&answer).unwrap_err(), expected);
        assert_eq!(envelope::read_ack(&answer).unwrap_err(), expected);
    }
}

#[test]
fn html_and_garbage_are_unreadable_not_refusals() {
    #[rustfmt::skip]
    let unreadable = [
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "\u{feff}<!DOCTYPE html><html></html>",
        "",
        "{\"res\": 1, \"data\": [",
        "[1, 2]",
        "{\"data\": []}",
        "{\"res\": 2}",
    ];
    for body in unreadable {
        assert!(
            matches!(
                envelope::read(&reply(200, body)),
                Err(GatewayError::BadAnswer(_))
            ),
            "{body:?}"
        );
    }
    assert_eq!(
        envelope::read(&reply(502, "<html>Bad Gateway</html>")).unwrap_err(),
        GatewayError::Server { status: 502 }
    );
    assert_eq!(
        envelope::read(&reply(401, "{}")).unwrap_err(),
        GatewayError::Unauthorized
    );
    assert!(GatewayError::BadAnswer(String::new()).is_transient());
}

#[test]
fn a_server_error_in_the_envelope_is_not_a_refusal() {
    // The platform may have recorded the report before failing: the outbox must ask again.
    let body = r#"{"res":0,"error":"INTERNAL","message":"Error interno"}"#;
    for status in [500, 502, 503] {
        let e = envelope::read_ack(&reply(status, body)).unwrap_err();
        assert_eq!(e, GatewayError::Server { status });
        assert!(e.is_transient());
    }
    assert!(matches!(
        envelope::read_ack(&reply(400, body)).unwrap_err(),
        GatewayError::Refused { .. }
    ));
}

#[test]
fn a_bare_ok_acknowledges_a_report() {
    for body in [
        "",
        "OK",
        "ok\n",
        "\"OK\"",
        r#"{"res":1}"#,
        r#"{"status":"OK"}"#,
    ] {
        assert_eq!(envelope::read_ack(&reply(200, body)), Ok(()), "{body:?}");
    }
    for body in ["<html>OK</html>", "KO", r#"{"status":"error"}"#] {
        assert!(
            matches!(
                envelope::read_ack(&reply(200, body)),
                Err(GatewayError::BadAnswer(_))
            ),
            "{body:?}"
        );
    }
}

#[test]
fn request_bodies_have_the_documented_shape() {
    let report = wire::ReportPayment {
        order_id: "5521",
        amount: wire::WireAmount(ves(133_775).amount()),
        reference: "VEN-0001",
        created: "2026-03-02T12:00:00Z".into(),
        result: wire::RESULT_APPROVED,
    };
    assert_eq!(
        serde_json::to_string(&report).unwrap(),
        r#"{"order_id":"5521","amount":1337.75,"reference":"VEN-0001","created":"2026-03-02T12:00:00Z","result":"Approved"}"#
    );
    let change = wire::ChangeItems {
        pending_ids: vec!["1", "2"],
        order_id: "5521",
        action: "REMOVE",
    };
    assert_eq!(
        serde_json::to_string(&change).unwrap(),
        r#"{"pending_ids":["1","2"],"order_id":"5521","action":"REMOVE"}"#
    );
    let cancel = wire::CancelOrder {
        order_id: "5521",
        action: wire::ACTION_CANCEL,
    };
    assert_eq!(
        serde_json::to_string(&cancel).unwrap(),
        r#"{"order_id":"5521","action":"Cancel"}"#
    );
}

#[test]
fn the_callback_reads_into_the_core_type() {
    let cb = read_callback(CALLBACK.as_bytes(), venezuela_offset()).unwrap();
    assert_eq!(cb.order_id.as_str(), "5521");
    assert_eq!(cb.reference.as_str(), "VEN-0001");
    assert_eq!(cb.item_id.as_str(), "10231");
    assert_eq!(cb.status, ItemResult::Success);
    assert_eq!(cb.order_status, PlatformOrderStatus::Processing);
    assert_eq!(
        cb.created,
        Utc.with_ymd_and_hms(2026, 3, 2, 16, 5, 0).unwrap()
    );
    let bad = CALLBACK.replace("Success", "Maybe");
    assert!(matches!(
        read_callback(bad.as_bytes(), venezuela_offset()),
        Err(GatewayError::BadAnswer(_))
    ));
}

#[test]
fn tokens_are_requested_and_read_without_printing() {
    let secret = Secret::new("s3cr3t");
    let obtain = auth::token_call("app", &secret, None, std::time::Duration::from_secs(1)).unwrap();
    let body: Value = serde_json::from_slice(obtain.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["grant_type"], "client_credentials");
    assert_eq!(body["client_secret"], "s3cr3t");
    assert!(body.get("refresh_token").is_none());
    let refresh = Secret::new("ref-0");
    let renew = auth::token_call(
        "app",
        &secret,
        Some(&refresh),
        std::time::Duration::from_secs(1),
    )
    .unwrap();
    let body: Value = serde_json::from_slice(renew.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["grant_type"], "refresh_token");
    assert_eq!(body["refresh_token"], "ref-0");

    let tokens = auth::read_token(&reply(200, TOKEN)).unwrap();
    assert_eq!(tokens.grant.token.expose(), "acc-1");
    assert_eq!(tokens.grant.lifetime.as_secs(), 36_000);
    assert_eq!(tokens.refresh.as_ref().map(Secret::expose), Some("ref-1"));
    assert!(!format!("{:?}", tokens.refresh).contains("ref-1"));
    // Wrapped in the envelope, as some versions answer.
    let wrapped = r#"{"res":1,"access_token":"acc-2","expires_in":60}"#;
    assert_eq!(
        auth::read_token(&reply(200, wrapped))
            .unwrap()
            .grant
            .token
            .expose(),
        "acc-2"
    );
    for refused in [
        reply(400, r#"{"error":"invalid_grant"}"#),
        reply(401, ""),
        reply(200, REFUSED),
    ] {
        assert!(matches!(
            auth::read_token(&refused),
            Err(GatewayError::Unauthorized)
        ));
    }
    assert!(matches!(
        auth::read_token(&reply(200, "<html>login</html>")),
        Err(GatewayError::BadAnswer(_))
    ));
}

#[test]
fn an_order_id_sent_as_both_order_and_order_id_reads_once() {
    let both = ORDER_CREATED.replace(r#""order": 5521,"#, r#""order": "u-1", "order_id": "u-1","#);
    assert_eq!(order(&both).unwrap().id().as_str(), "u-1");
    let only_id = ORDER_CREATED.replace(r#""order": 5521,"#, r#""order_id": 77,"#);
    assert_eq!(order(&only_id).unwrap().id().as_str(), "77");
    let neither = ORDER_CREATED.replace(r#""order": 5521,"#, "");
    assert!(matches!(order(&neither), Err(GatewayError::BadAnswer(_))));
}
