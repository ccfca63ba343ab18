//! Every example of the document (`testdata/`), the envelope against refusals, HTML, garbage and
//! `undefined`, the payment result, and the client end to end against a fake server: what it
//! sends, and that no error or print carries a credential.

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use serde_json::Value;
use std::time::Duration;
use ventanilla_core::pennymatic::{Confirmation, TxId, UserToken};
use ventanilla_core::{Currency, Money, Secret};

use super::config::PennymaticConfig;
use super::fake_server::{reply, silence, FakeServer};
use super::{convert, envelope, wire, Pennymatic};
use crate::error::GatewayError;
use crate::http::decimal::JsonDecimal;
use crate::http::reply::Reply;

const COINS: &str = include_str!("testdata/coins.json");
const CONNECT: &str = include_str!("testdata/connect.json");
const CONNECTED_TRUE: &str = include_str!("testdata/connected_true.json");
const CONNECTED_FALSE: &str = include_str!("testdata/connected_false.json");
const ISCONFIRMED_TRUE: &str = include_str!("testdata/isconfirmed_true.json");
const ISCONFIRMED_FALSE: &str = include_str!("testdata/isconfirmed_false.json");
const ISCONFIRMED_UNDEFINED: &str = include_str!("testdata/isconfirmed_undefined.json");
const PAY_REQUEST: &str = include_str!("testdata/pay_request.json");
const PAY_RESULT: &str = include_str!("testdata/pay_handcash_result.json");
const REFUSED: &str = include_str!("testdata/refused.json");

const TOKEN: &str = "tok-en/7";
const SECRET: &str = "s3cr3t-op";
const USER: &str = "hc-user-9f";
const TXID: &str = "4e1bd1d6b1b6ae2a9e5a5d2b5c2f3a2d8e9f0a1b2c3d4e5f60718293a4b5c6d7";

fn answer(status: u16, body: &str) -> Reply {
    Reply {
        status,
        body: body.as_bytes().to_vec(),
    }
}

fn data(body: &str) -> Result<Value, GatewayError> {
    envelope::read(&answer(200, body))
}

fn eur(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), Currency::Eur).unwrap()
}

fn refused(code: &str, message: &str) -> GatewayError {
    GatewayError::Refused {
        code: code.into(),
        message: message.into(),
    }
}

#[test]
fn the_documents_examples_read() {
    assert_eq!(convert::coins(data(COINS).unwrap()).unwrap(), ["bsv"]);
    let (id, url) = convert::session(data(CONNECT).unwrap()).unwrap();
    assert_eq!(id.as_str(), "c89d21c7-3140-4d44-adea-69e24541648d");
    assert!(url.starts_with("https://app.handcash.io/#/authorizeApp?appId="));
    assert!(convert::connected(data(CONNECTED_TRUE).unwrap()).unwrap());
    assert!(!convert::connected(data(CONNECTED_FALSE).unwrap()).unwrap());
    #[rustfmt::skip]
    let table = [
        (ISCONFIRMED_TRUE, Confirmation::Confirmed),
        (ISCONFIRMED_FALSE, Confirmation::Unconfirmed),
        (ISCONFIRMED_UNDEFINED, Confirmation::Unknown),
    ];
    for (body, expected) in table {
        assert_eq!(
            convert::confirmation(data(body).unwrap()).unwrap(),
            expected
        );
    }
}

#[test]
fn undefined_is_an_unknown_transaction_however_it_is_spaced() {
    for body in [
        r#"{"status":"success","code":0,"data": undefined}"#,
        r#"{"status":"success","code":0,"data":undefined}"#,
        "{\"status\":\"success\",\"code\":0,\"data\":\n\t undefined \r\n}",
        r#"{"status":"success","code":0}"#,
        r#"{"status":"success","code":0,"data":null}"#,
    ] {
        assert_eq!(
            convert::confirmation(data(body).unwrap()),
            Ok(Confirmation::Unknown),
            "{body}"
        );
    }
    // Anything else is not an answer about the transaction.
    for body in [
        r#"{"status":"success","code":0,"data":"undefined"}"#,
        r#"{"status":"success","code":0,"data":1}"#,
        r#"{"status":"success","code":0,"data": undefinedx}"#,
    ] {
        let got = data(body).and_then(convert::confirmation);
        assert!(
            matches!(got, Err(GatewayError::BadAnswer(_))),
            "{body}: {got:?}"
        );
    }
}

#[test]
fn refusals_keep_the_gateways_code_and_words() {
    let not_connected = refused("3", "El usertoken no está conectado");
    #[rustfmt::skip]
    let table = [
        (answer(400, REFUSED), not_connected.clone()),
        (answer(200, REFUSED), not_connected),
        (answer(200, r#"{"status":"success","code":2,"data":null,"message":"falta webhook"}"#), refused("2", "falta webhook")),
        (answer(200, r#"{"status":"error","code":0,"error":"algo"}"#), refused("error", "algo")),
        (answer(200, r#"{"status":"fail","code":"7","data":"sin saldo"}"#), refused("7", "sin saldo")),
        (answer(400, r#"{"status":"error","code":4}"#), refused("4", "")),
    ];
    for (reply, expected) in table {
        assert_eq!(envelope::read(&reply), Err(expected));
    }
}

#[test]
fn other_answers_are_statuses_or_unreadable() {
    let server = |status| Err(GatewayError::Server { status });
    let unauthorized = r#"{"status":"error","code":1,"data":null,"message":"token"}"#;
    let unavailable = r#"{"status":"error","code":5,"data":null,"message":"no disponible"}"#;
    #[rustfmt::skip]
    let table = [
        (answer(401, unauthorized), Err(GatewayError::Unauthorized)),
        (answer(401, ""), Err(GatewayError::Unauthorized)),
        (answer(503, unavailable), server(503)),
        (answer(500, "<html><body>Internal Server Error</body></html>"), server(500)),
        (answer(404, "Cannot GET /bsv/coinz"), server(404)),
        (answer(400, "<html>bad</html>"), server(400)),
    ];
    for (reply, expected) in table {
        assert_eq!(envelope::read(&reply), expected, "{}", reply.status);
    }
    for body in [
        "<html><body>502 Bad Gateway</body></html>",
        "   <!DOCTYPE html><html></html>",
        "}{ garbage",
        "",
        "   ",
        "[1, 2]",
        "true",
        r#"{"data": true}"#,
        r#"{"status":"success","code":0,"data": true"#,
    ] {
        let got = envelope::read(&answer(200, body));
        assert!(
            matches!(got, Err(GatewayError::BadAnswer(_))),
            "{body:?}: {got:?}"
        );
    }
}

#[test]
fn the_handcash_payment_result_reads_exactly() {
    let p = convert::payment(data(PAY_RESULT).unwrap(), eur(1)).unwrap();
    assert_eq!(p.txid.as_str(), TXID, "read in lowercase");
    assert_eq!(p.fiat, eur(1));
    assert_eq!((p.satoshis, p.fee_satoshis), (23_529, 113));
    assert_eq!(p.rate.to_string(), "42.50", "exact, never through f64");
    assert_eq!(p.at, Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap());

    // The sandbox writes `time` in milliseconds.
    let millis = PAY_RESULT.replace("1772452800", "1772452800123");
    let p = convert::payment(data(&millis).unwrap(), eur(1)).unwrap();
    assert_eq!(
        p.at,
        Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap() + chrono::Duration::milliseconds(123)
    );
    let text = PAY_RESULT.replace("1772452800", "\"2026-03-02T12:00:00Z\"");
    assert_eq!(
        convert::payment(data(&text).unwrap(), eur(1)).unwrap().at,
        Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
    );
    let no_fees = PAY_RESULT.replace("\"satoshiFees\": 113,", "");
    assert_eq!(
        convert::payment(data(&no_fees).unwrap(), eur(1))
            .unwrap()
            .fee_satoshis,
        0
    );
}

#[test]
fn a_payment_result_that_cannot_be_trusted_is_unreadable() {
    #[rustfmt::skip]
    let table = [
        ("\"fiatCurrencyCode\": \"EUR\"", "\"fiatCurrencyCode\": \"USD\""),
        ("\"satoshiAmount\": 23529", "\"satoshiAmount\": 23529.5"),
        ("\"satoshiAmount\": 23529", "\"satoshiAmount\": -1"),
        ("\"satoshiAmount\": 23529", "\"satoshiAmount\": \"23529\""),
        ("\"satoshiFees\": 113", "\"satoshiFees\": \"x\""),
        ("\"fiatExchangeRate\": 42.50", "\"fiatExchangeRate\": 0"),
        ("\"time\": 1772452800", "\"time\": \"yesterday\""),
        ("\"time\": 1772452800", "\"time\": -5"),
    ];
    for (from, to) in table {
        let body = PAY_RESULT.replace(from, to);
        match convert::payment(data(&body).unwrap(), eur(1)) {
            Err(GatewayError::BadAnswer(m)) => {
                assert!(m.contains(TXID), "the txid is kept for the supervisor: {m}")
            }
            other => panic!("{to}: {other:?}"),
        }
    }
    let body = PAY_RESULT.replace("4E1BD1D6", "XYZ");
    assert!(matches!(
        convert::payment(data(&body).unwrap(), eur(1)),
        Err(GatewayError::BadAnswer(_))
    ));
}

#[test]
fn the_pay_body_is_the_documents() {
    let body = wire::Pay {
        secret: "[[SECRET]]",
        usertoken: "[[USERTOKEN]]",
        currency: Currency::Eur.iso(),
        amount: JsonDecimal(eur(1).amount()),
        description: "descripción servicio",
    };
    let written = serde_json::to_string(&body).unwrap();
    let expected: Value = serde_json::from_str(PAY_REQUEST).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), expected);
    assert!(written.contains(r#""amount":0.01"#), "{written}");
    // The currency's scale, as a number: never `1500` for ARS, never a float.
    let ars = Money::new(Decimal::new(1500, 0), Currency::Ars).unwrap();
    let clp = Money::new(Decimal::new(1500, 0), Currency::Clp).unwrap();
    for (money, text) in [(ars, r#""amount":1500.00"#), (clp, r#""amount":1500,"#)] {
        let body = wire::Pay {
            amount: JsonDecimal(money.amount()),
            ..body
        };
        let written = serde_json::to_string(&body).unwrap();
        assert!(written.contains(text), "{written}");
    }
}

fn client(base_url: &str, timeout: Duration) -> Pennymatic {
    let mut cfg = PennymaticConfig::new(base_url, Secret::new(TOKEN), Secret::new(SECRET));
    cfg.timeout = timeout;
    Pennymatic::new(cfg).unwrap()
}

fn user() -> UserToken {
    UserToken::new(USER).unwrap()
}

/// No credential, written as it is or as a query string encodes it.
fn assert_clean(text: &str) {
    for secret in [TOKEN, "tok-en%2F7", SECRET, USER] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[tokio::test]
async fn the_client_sends_what_the_document_says() {
    let server = FakeServer::start(vec![
        reply(200, COINS),
        reply(200, CONNECT),
        reply(200, CONNECTED_TRUE),
        reply(200, PAY_RESULT),
        reply(200, ISCONFIRMED_UNDEFINED),
    ])
    .await;
    let pm = client(&server.base_url, Duration::from_secs(5));
    assert_eq!(pm.coins().await.unwrap(), ["bsv"]);
    let (id, _url) = pm.connect("http://localhost/callback").await.unwrap();
    assert_eq!(id.as_str(), "c89d21c7-3140-4d44-adea-69e24541648d");
    assert!(pm.connected(&user()).await.unwrap());
    let paid = pm
        .pay(&user(), eur(1), "descripción servicio")
        .await
        .unwrap();
    assert_eq!(paid.txid.as_str(), TXID);
    let txid = TxId::new(TXID).unwrap();
    assert_eq!(pm.is_confirmed(&txid).await.unwrap(), Confirmation::Unknown);

    let seen = server.seen();
    let lines: Vec<&str> = seen.iter().map(|s| s.line.as_str()).collect();
    assert_eq!(
        lines,
        [
            "GET /bsv/coins?token=tok-en%2F7 HTTP/1.1",
            "GET /bsv/connect?token=tok-en%2F7&webhook=http%3A%2F%2Flocalhost%2Fcallback HTTP/1.1",
            "GET /bsv/connected?token=tok-en%2F7&authtoken=hc-user-9f HTTP/1.1",
            "POST /bsv/pay?token=tok-en%2F7 HTTP/1.1",
            &format!("GET /bsv/isconfirmed?token=tok-en%2F7&txhash={TXID} HTTP/1.1"),
        ]
    );
    let pay: Value = serde_json::from_str(&seen[3].body).unwrap();
    let expected: Value = serde_json::from_str(
        &PAY_REQUEST
            .replace("[[SECRET]]", SECRET)
            .replace("[[USERTOKEN]]", USER),
    )
    .unwrap();
    assert_eq!(pay, expected);
    assert!(
        seen[3].body.contains(r#""amount":0.01"#),
        "{}",
        seen[3].body
    );
}

#[tokio::test]
async fn no_error_or_print_carries_a_credential() {
    // A refusal that echoes what it was sent.
    let echo = format!(
        r#"{{"status":"error","code":1,"data":null,"message":"token {TOKEN} / {USER} / {SECRET}"}}"#
    );
    let server = FakeServer::start(vec![reply(200, &echo), silence()]).await;
    let pm = client(&server.base_url, Duration::from_millis(300));
    let err = pm.pay(&user(), eur(1), "x").await.unwrap_err();
    assert!(matches!(err, GatewayError::Refused { .. }), "{err:?}");
    assert_clean(&format!("{err} {err:?}"));
    let err = pm.connected(&user()).await.unwrap_err();
    assert_eq!(err, GatewayError::Timeout);

    // Nobody listening: the error names the failure, never the URL with the token.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let pm = client(&format!("http://{closed}"), Duration::from_secs(2));
    for err in [
        pm.connected(&user()).await.unwrap_err(),
        pm.pay(&user(), eur(1), "x").await.unwrap_err(),
        pm.coins().await.unwrap_err(),
    ] {
        assert!(err.is_transient(), "{err:?}");
        assert_clean(&format!("{err} {err:?}"));
    }
    assert_clean(&format!("{pm:?}"));
    let cfg = PennymaticConfig::new("http://h", Secret::new(TOKEN), Secret::new(SECRET));
    assert_clean(&format!("{cfg:?}"));
    assert_clean(&format!("{:?}", user()));
}

#[tokio::test]
async fn a_session_with_a_url_that_is_not_a_link_is_unreadable() {
    let body = CONNECT.replace("https://app.handcash.io", "javascript:alert(1)//");
    let server = FakeServer::start(vec![reply(200, &body)]).await;
    let pm = client(&server.base_url, Duration::from_secs(5));
    assert!(matches!(
        pm.connect("http://localhost/callback").await,
        Err(GatewayError::BadAnswer(_))
    ));
}

#[test]
fn a_base_url_must_be_http() {
    let cfg = PennymaticConfig::new("ftp://h", Secret::new(TOKEN), Secret::new(SECRET));
    assert!(Pennymatic::new(cfg).is_err());
}
