//! The document's examples, pasted verbatim into `testdata/`, read and written by the wire types,
//! and the answers we must refuse.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::str::FromStr;
use ventanilla_core::payment::HubVerdict;
use ventanilla_core::{AmountRule, Currency, InputType, Money};

use super::client::TraxionClient;
use super::config::TraxionConfig;
use super::sale::{pay_request, SaleRequest};
use super::{answer, auth, convert, wire};
use crate::error::GatewayError;
use crate::http::reply::Reply;

const COMPANY: &str = include_str!("testdata/company.json");
const FIND_BY_BARCODE_REQUEST: &str = include_str!("testdata/find_by_barcode_request.json");
const FIND_BY_BARCODE_WITH_COMPANY_REQUEST: &str =
    include_str!("testdata/find_by_barcode_with_company_request.json");
const FIND_BY_BARCODE_RESPONSE: &str = include_str!("testdata/find_by_barcode_response.json");
const FIND_BY_CUSTOMER_DATA_REQUEST: &str =
    include_str!("testdata/find_by_customer_data_request.json");
const FIND_BY_CUSTOMER_DATA_RESPONSE: &str =
    include_str!("testdata/find_by_customer_data_response.json");
const CUSTOMER_DATA_EXAMPLES: [&str; 3] = [
    include_str!("testdata/customer_data_banco_piano.json"),
    include_str!("testdata/customer_data_directv.json"),
    include_str!("testdata/customer_data_gasnor.json"),
];
const PAY_REQUEST: &str = include_str!("testdata/pay_request.json");
const SALE_APPROVED: &str = include_str!("testdata/sale_approved.json");
const SALE_REJECTED: &str = include_str!("testdata/sale_rejected.json");

fn ok(body: &str) -> Reply {
    reply(200, body)
}

fn reply(status: u16, body: &str) -> Reply {
    Reply {
        status,
        body: body.as_bytes().to_vec(),
    }
}

fn ars(v: Decimal) -> Money {
    Money::new(v, Currency::Ars).unwrap()
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn bills(body: &str) -> Result<Vec<ventanilla_core::Bill>, GatewayError> {
    convert::bills(answer::json(&ok(body), "a list of bills")?)
}

fn sale(body: &str) -> Result<ventanilla_core::payment::HubAnswer, GatewayError> {
    convert::sale(answer::json(&ok(body), "a sale")?)
}

fn is_bad<T>(r: Result<T, GatewayError>) -> bool {
    matches!(r, Err(GatewayError::BadAnswer(_)))
}

#[test]
fn the_company_example_converts() {
    // The document's example ends in `},` (it was cut from a list); that comma is the only edit.
    let json = COMPANY.trim_end().trim_end_matches(',');
    let company = convert::company(answer::json(&ok(json), "a company").unwrap());
    assert_eq!(company.id, "16CB1F68156830E1CC92");
    assert_eq!(company.code, "9312");
    assert_eq!(company.name, "CIMES AGUA");
    assert!(company.enabled && company.search_by_barcode && company.search_by_customer_data);
    let mode = &company.bill_modes[0];
    assert_eq!(mode.id, "1811231643dfVbFIjorX");
    assert_eq!(mode.name, "COBRANZA SIN FACTURA (CONSULTA DE DEUDA)");
    let p = &mode.parameters[0];
    assert_eq!(
        (p.id.as_str(), p.name.as_str(), p.input_type),
        ("CBF", "NUMERO DE CUIT", InputType::Text)
    );
    assert_eq!(
        (p.order, p.max_length, p.read_only, p.optional),
        (0, 19, false, false)
    );
}

#[test]
fn parameters_are_sorted_and_typed_even_when_misspelled() {
    let json = r#"{"id":"X","code":"1","name":"ACME","externalName":"","billModes":[{"billMode":{"id":"m","name":"M"},"parameters":[
        {"id":"c","name":"fecha","inputTipe":"D","order":2,"length":8,"readOnly":false,"optional":true},
        {"id":"a","name":"monto","inputType":"I","order":0,"length":10,"readOnly":false,"optional":false},
        {"id":"b","name":"cliente","inputType":"N","order":1,"length":9,"readOnly":true,"optional":false},
        {"id":"d","name":"raro","inputType":"Z","order":3,"length":1,"readOnly":false,"optional":false}]}]}"#;
    let company = convert::company(answer::json(&ok(json), "a company").unwrap());
    assert_eq!(
        company.name, "ACME",
        "an empty externalName falls back to name"
    );
    let params = &company.bill_modes[0].parameters;
    let got: Vec<(&str, InputType)> = params
        .iter()
        .map(|p| (p.id.as_str(), p.input_type))
        .collect();
    assert_eq!(
        got,
        [
            ("a", InputType::Decimal),
            ("b", InputType::Integer),
            ("c", InputType::Date),
            ("d", InputType::Text),
        ]
    );
}

#[test]
fn both_search_answers_of_the_document_convert_exactly() {
    for body in [FIND_BY_BARCODE_RESPONSE, FIND_BY_CUSTOMER_DATA_RESPONSE] {
        let found = bills(body).unwrap();
        assert_eq!(found.len(), 1);
        let bill = &found[0];
        let AmountRule::Fixed { total } = bill.amount else {
            panic!("openAmount false is a fixed amount: {:?}", bill.amount);
        };
        assert_eq!(total, ars(dec!(2748)));
        assert_eq!(total.amount().to_string(), "2748.00");
        assert_eq!(bill.company.name, "DIRECT TV");
        assert_eq!(bill.company.code, "57");
        assert_eq!(bill.company.id, "16CB1F6815771858E95F");
        assert_eq!(bill.company.bill_modes.len(), 3);
        assert_eq!(bill.company.bill_modes[1].parameters[0].max_length, 8);
        assert_eq!(bill.customer_identifier, "0086108279");
        assert_eq!(
            bill.barcode.as_deref(),
            Some("05700861082790003832152882102060000027480005")
        );
        assert_eq!(bill.description, "Cliente: 0086108279\n");
        assert!(bill.external_data.0.starts_with("93A1028111DA001249707347"));
        let raw: Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            raw[0]["externalData"].as_str(),
            Some(bill.external_data.0.as_str()),
            "externalData is kept byte for byte"
        );
    }
}

#[test]
fn an_empty_list_is_not_found() {
    assert_eq!(bills("[]").unwrap(), vec![]);
    assert_eq!(bills(" [ ]\r\n").unwrap(), vec![]);
}

#[test]
fn the_approved_sale_converts_and_its_echoes_read_exactly() {
    let answer = sale(SALE_APPROVED).unwrap();
    assert_eq!(answer.verdict, HubVerdict::Approved);
    assert_eq!(answer.hub.id, "2C497E4E3265307AC61A");
    assert_eq!(answer.hub.number, Some(743698523));
    assert_eq!(
        answer.hub.confirmation_id.as_deref(),
        Some("207293507402358")
    );

    let raw: wire::Sale = answer::json(&ok(SALE_APPROVED), "a sale").unwrap();
    assert_eq!(raw.amount.unwrap().0.to_string(), "50.00");
    let price: wire::WireAmount =
        serde_json::from_value(raw.product.unwrap()["salePrice"].clone()).unwrap();
    assert_eq!(price.0.to_string(), "0.00000000");
    // The echoed bill is an open-amount bill; it reads like any other.
    let echoed: wire::Bill = serde_json::from_value(raw.transaction_data.unwrap()).unwrap();
    let bill = convert::bill(echoed).unwrap();
    assert_eq!(
        bill.amount,
        AmountRule::Open {
            total: ars(dec!(50)),
            min: ars(dec!(37)),
            max: ars(dec!(999999)),
        }
    );
    assert_eq!(bill.company.name, "GAM SALUD S.A.");
    assert!(!bill.company.enabled);
}

#[test]
fn the_rejected_sale_carries_the_hubs_reason() {
    let answer = sale(SALE_REJECTED).unwrap();
    assert_eq!(answer.hub.id, "2C497E4E36CD23A793EA");
    assert_eq!(answer.hub.number, Some(743698526));
    assert_eq!(
        answer.hub.confirmation_id, None,
        "an empty confirmationId is none"
    );
    let HubVerdict::Rejected { message } = answer.verdict else {
        panic!("expected rejected: {:?}", answer.verdict);
    };
    assert!(message
        .unwrap_or_default()
        .starts_with("409_BILL_ALREADY_PAID - Factura con barra: 0052256037008554"));
}

#[test]
fn sale_states() {
    let with_state = |state: &str| format!(r#"{{"id":"A1","state":"{state}"}}"#);
    assert_eq!(
        sale(&with_state("pending")).unwrap().verdict,
        HubVerdict::Pending
    );
    assert_eq!(
        sale(&with_state("APPROVED")).unwrap().verdict,
        HubVerdict::Approved
    );
    // A rejection without a reason says so as data; the words are the app's.
    assert_eq!(
        sale(&with_state("rejected")).unwrap().verdict,
        HubVerdict::Rejected { message: None }
    );
    // Never guessed: an unknown state stays unknown.
    assert!(is_bad(sale(&with_state("anulada"))));
    assert!(is_bad(sale(r#"{"id":"","state":"approved"}"#)));
    assert!(is_bad(sale(r#"{"state":"approved"}"#)));
    assert_eq!(
        sale(r#"{"id":"A1","state":"approved","number":"42"}"#)
            .unwrap()
            .hub
            .number,
        Some(42)
    );
}

#[test]
fn requests_serialize_to_the_documents_fields() {
    let by_barcode = wire::FindByBarCodeRequest {
        bill_bar_code: "579201910127747008036409003400000101000004270050",
        bill_company: None,
    };
    assert_eq!(
        to_value(&by_barcode),
        serde_json::from_str::<Value>(FIND_BY_BARCODE_REQUEST).unwrap()
    );
    let with_company = wire::FindByBarCodeRequest {
        bill_company: Some(wire::CompanyRef { code: "3145" }),
        ..by_barcode
    };
    assert_eq!(
        to_value(&with_company),
        serde_json::from_str::<Value>(FIND_BY_BARCODE_WITH_COMPANY_REQUEST).unwrap()
    );

    let mut examples = vec![FIND_BY_CUSTOMER_DATA_REQUEST];
    examples.extend(CUSTOMER_DATA_EXAMPLES);
    for example in examples {
        let doc: Value = serde_json::from_str(example).unwrap();
        let s = |v: &Value| v.as_str().unwrap().to_string();
        let params: Vec<(String, String)> = doc["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (s(&p["id"]), s(&p["value"])))
            .collect();
        let (code, mode_id, mode_name) = (
            s(&doc["billCompany"]["code"]),
            s(&doc["billMode"]["id"]),
            s(&doc["billMode"]["name"]),
        );
        let ours = wire::FindByCustomerDataRequest {
            bill_company: wire::CompanyRef { code: &code },
            bill_mode: wire::BillModeRef {
                id: &mode_id,
                name: &mode_name,
            },
            parameters: params
                .iter()
                .map(|(id, value)| wire::ParameterValue { id, value })
                .collect(),
        };
        assert_eq!(to_value(&ours), doc, "{example}");
    }
}

#[test]
fn the_pay_request_matches_the_document_with_two_decimals() {
    let doc: Value = serde_json::from_str(PAY_REQUEST).unwrap();
    let ours = wire::PayRequest {
        transaction_type: wire::TRANSACTION_TYPE_SALE,
        amount: wire::WireAmount(ars(dec!(50)).amount()),
        client_transaction_id: "b623a420-bddb-49e7-9ea6-aca7261111124",
        product: wire::ProductRef {
            id: "16CB1F68157735D21E5D",
        },
        transaction_data: wire::PayTransactionData {
            class_name: wire::CLASS_BILL_PAYMENT,
            external_data: "93A1028111DA0012497073477643454461746F7353616C69646181DC0013A76",
        },
    };
    let text = serde_json::to_string(&ours).unwrap();
    assert!(text.contains(r#""amount":50.00,"#), "{text}");
    let mut ours: Value = serde_json::from_str(&text).unwrap();
    let mut doc = doc;
    // Same amount, written with the currency's two decimals.
    let amount = |v: &mut Value| Decimal::from_str(&v["amount"].take().to_string()).unwrap();
    assert_eq!(amount(&mut ours), amount(&mut doc));
    assert_eq!(ours, doc);
}

#[test]
fn pay_request_from_core_types() {
    let sale = SaleRequest {
        client_transaction_id: ventanilla_core::ClientTransactionId::from_u128(123456789),
        amount: ars(dec!(0.1)),
        product_id: "16CB1F68157735D21E5D".into(),
        external_data: ventanilla_core::ExternalData("93A1 x".into()),
    };
    let text = serde_json::to_string(&pay_request(&sale)).unwrap();
    assert_eq!(
        text,
        r#"{"transactionType":"Sale","amount":0.10,"clientTransactionId":"8M0kX","product":{"id":"16CB1F68157735D21E5D"},"transactionData":{"className":"BillPaymentData","externalData":"93A1 x"}}"#
    );
}

#[test]
fn amounts_are_read_exactly() {
    for (text, want) in [
        ("0.1", "0.1"),
        ("2748.00", "2748.00"),
        ("0.00000000", "0.00000000"),
        ("1234567890123456.78", "1234567890123456.78"),
        ("\"37.50\"", "37.50"),
        ("2.748e3", "2748"),
    ] {
        let got: wire::WireAmount = serde_json::from_str(text).unwrap();
        assert_eq!(got.0.to_string(), want, "{text}");
    }
    assert!(serde_json::from_str::<wire::WireAmount>("true").is_err());
    assert!(serde_json::from_str::<wire::WireAmount>("\"12,50\"").is_err());
    // More digits than a Decimal holds is refused, not rounded.
    assert!(serde_json::from_str::<wire::WireAmount>("0.12345678901234567890123456789").is_err());

    let bill = |total: &str, currency: &str| {
        FIND_BY_BARCODE_RESPONSE
            .replacen(
                "\"totalAmount\": 2748.00",
                &format!("\"totalAmount\": {total}"),
                1,
            )
            .replacen(
                "\"currencyIso\": \"ARS\"",
                &format!("\"currencyIso\": \"{currency}\""),
                1,
            )
    };
    let found = bills(&bill("0.1", "ARS")).unwrap();
    assert_eq!(found[0].amount.total(), ars(dec!(0.10)));
    assert_eq!(found[0].amount.total().amount().to_string(), "0.10");
    assert!(is_bad(bills(&bill("2748.001", "ARS"))), "never rounded");
    assert!(is_bad(bills(&bill("-1.00", "ARS"))));
    assert!(is_bad(bills(&bill("2748.00", "XYZ"))));
    assert!(is_bad(bills(&bill("\"abc\"", "ARS"))));
    assert_eq!(
        bills(&bill("2748.00", "ars")).unwrap()[0]
            .amount
            .total()
            .currency(),
        Currency::Ars
    );
}

#[test]
fn amount_strings_are_plain_decimals_only() {
    let read = |json: &str| {
        serde_json::from_str::<wire::WireAmount>(json)
            .map(|a| a.0.to_string())
            .map_err(|e| e.to_string())
    };
    assert_eq!(read("\"37.50\""), Ok("37.50".into()));
    assert_eq!(
        read("\"-1\""),
        Ok("-1".into()),
        "the sign is judged later, by field"
    );
    assert_eq!(
        read("2.748e3"),
        Ok("2748".into()),
        "a JSON number keeps its exponent"
    );
    // `Decimal::from_str_exact` would read the first two as 10 and 5.
    for refused in [
        "\"1_0\"",
        "\"5.\"",
        "\" 5\"",
        "\"5 \"",
        "\"+5\"",
        "\"1e3\"",
        "\"\"",
        "\".5\"",
        "\"12,50\"",
        "\"0x10\"",
        "\"NaN\"",
    ] {
        assert!(read(refused).is_err(), "{refused}");
    }
    for (number, want) in [
        ("1e3", "1000"),
        ("2.748E+3", "2748"),
        ("5e-2", "0.05"),
        ("-0.5e1", "-5"),
    ] {
        assert_eq!(read(number), Ok(want.into()), "{number}");
    }
    // An exponent never hides rounding: too many digits, or too far a shift, are refused.
    for refused in ["0.12345678901234567890123456789e0", "1e40", "1e-29"] {
        assert!(read(refused).is_err(), "{refused}");
    }
    // And the JSON grammar keeps them out of numbers.
    for refused in ["1_0", "5.", "+5", ".5"] {
        assert!(read(refused).is_err(), "{refused}");
    }
}

#[test]
fn an_answer_with_a_non_plain_amount_is_a_bad_answer() {
    for amount in ["\"1_0\"", "\"5.\""] {
        let body =
            SALE_APPROVED.replacen("\"amount\": 50.00,", &format!("\"amount\": {amount},"), 1);
        assert_ne!(body, SALE_APPROVED);
        assert!(is_bad(sale(&body)), "sale amount {amount}");
        let body = FIND_BY_BARCODE_RESPONSE.replacen(
            "\"totalAmount\": 2748.00",
            &format!("\"totalAmount\": {amount}"),
            1,
        );
        assert_ne!(body, FIND_BY_BARCODE_RESPONSE);
        assert!(is_bad(bills(&body)), "bill total {amount}");
    }
    // The same amounts as plain strings are read.
    let body = SALE_APPROVED.replacen("\"amount\": 50.00,", "\"amount\": \"50.00\",", 1);
    assert_eq!(sale(&body).unwrap().verdict, HubVerdict::Approved);
}

#[test]
fn open_amount_bills_need_their_range() {
    let edit = |f: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut v: Value = serde_json::from_str(FIND_BY_BARCODE_RESPONSE).unwrap();
        f(v[0].as_object_mut().unwrap());
        v.to_string()
    };
    let open = edit(&|b| {
        b.insert("openAmount".into(), Value::Bool(true));
    });
    assert!(matches!(
        bills(&open).unwrap()[0].amount,
        AmountRule::Open { .. }
    ));
    let no_min = edit(&|b| {
        b.insert("openAmount".into(), Value::Bool(true));
        b.remove("minAmount");
    });
    assert!(is_bad(bills(&no_min)));
    let inverted = edit(&|b| {
        b.insert("openAmount".into(), Value::Bool(true));
        b.insert("minAmount".into(), serde_json::from_str("9999.00").unwrap());
    });
    assert!(is_bad(bills(&inverted)));
    // A fixed bill does not need them.
    let fixed_no_range = edit(&|b| {
        b.remove("minAmount");
        b.remove("maxAmount");
    });
    assert_eq!(bills(&fixed_no_range).unwrap().len(), 1);
}

#[test]
fn a_byte_order_mark_is_not_an_answer_of_its_own() {
    assert_eq!(bills("\u{feff}[]").unwrap(), vec![]);
}

#[test]
fn unreadable_answers_are_bad_answers() {
    for body in [
        "",
        "   ",
        "<html><body>502 Bad Gateway</body></html>",
        "<!DOCTYPE html><html></html>",
        "garbage",
        "{\"id\":",
        "null",
        "{}",
        "{\"bills\":[]}",
        "[{\"className\":\"BillPaymentData\"}]",
        "[1,2]",
    ] {
        assert!(is_bad(bills(body)), "{body:?}");
    }
    for body in [
        "",
        "<html></html>",
        "[]",
        "{}",
        "{\"id\":\"A\"}",
        "\"approved\"",
    ] {
        assert!(is_bad(sale(body)), "{body:?}");
    }
    assert!(is_bad(answer::json::<wire::Receipt>(
        &ok("{\"receipt\":\"x\"}"),
        "a receipt"
    )));
}

#[test]
fn statuses_map_to_errors() {
    let refusal = r#"{"code":"400","message":"Bad Request","data":{"errorCode":"AMOUNT_OUT_OF_RANGE","errorType":"VALIDATION","messageText":"El monto debe estar entre 37.00 y 999999.00"}}"#;
    assert_eq!(
        answer::failure(&reply(400, refusal)),
        GatewayError::Refused {
            code: "AMOUNT_OUT_OF_RANGE".into(),
            message: "El monto debe estar entre 37.00 y 999999.00".into()
        }
    );
    assert_eq!(
        answer::failure(&reply(400, r#"{"code":400,"message":"Monto inválido"}"#)),
        GatewayError::Refused {
            code: "400".into(),
            message: "Monto inválido".into()
        }
    );
    assert_eq!(
        answer::failure(&reply(400, "<html>Bad Request</html>")),
        GatewayError::Server { status: 400 }
    );
    assert_eq!(
        answer::failure(&reply(400, "{}")),
        GatewayError::Server { status: 400 }
    );
    assert_eq!(answer::failure(&reply(404, "")), GatewayError::NotFound);
    assert_eq!(answer::failure(&reply(401, "")), GatewayError::Unauthorized);
    for status in [500, 502, 503, 504, 409, 302] {
        assert_eq!(
            answer::failure(&reply(status, refusal)),
            GatewayError::Server { status }
        );
    }
    assert_eq!(
        answer::json::<Vec<wire::Bill>>(&reply(503, "[]"), "bills").unwrap_err(),
        GatewayError::Server { status: 503 }
    );
}

#[test]
fn receipts_keep_their_line_breaks() {
    let body = r#"{"receiptString":"  TRAXION\r\nPago Servicio\r\n$ 50,00\r\n"}"#;
    let receipt: wire::Receipt = answer::json(&ok(body), "a receipt").unwrap();
    assert_eq!(
        receipt.receipt_string,
        "  TRAXION\r\nPago Servicio\r\n$ 50,00\r\n"
    );
}

#[test]
fn login_answers_never_quote_the_token() {
    let grant = auth::read_login(&ok(
        r#"{"accessToken":"tok-123","lifetime":1800,"needChangePassword":false}"#,
    ))
    .unwrap();
    assert_eq!(grant.token.expose(), "tok-123");
    assert_eq!(grant.lifetime.as_secs(), 1800);
    let default = auth::read_login(&ok(r#"{"accessToken":"tok-123"}"#)).unwrap();
    assert_eq!(default.lifetime.as_secs(), 1800);

    let err = auth::read_login(&ok(r#"{"accessToken":"tok-123","lifetime":"tok-123"}"#))
        .err()
        .unwrap();
    assert!(matches!(err, GatewayError::BadAnswer(_)));
    assert!(!format!("{err} {err:?}").contains("tok-123"));
    assert!(is_bad(auth::read_login(&ok(r#"{"accessToken":""}"#))));
    for status in [400, 401, 403] {
        assert_eq!(
            auth::read_login(&reply(status, "{}")).err(),
            Some(GatewayError::Unauthorized)
        );
    }
    assert_eq!(
        auth::read_login(&reply(502, "")).err(),
        Some(GatewayError::Server { status: 502 })
    );
}

#[test]
fn config_and_client_never_print_the_password() {
    let cfg = TraxionConfig::new(
        "http://127.0.0.1:9",
        "caja01",
        ventanilla_core::Secret::new("hunter2"),
        "app",
        "dev",
    );
    assert!(!format!("{cfg:?}").contains("hunter2"));
    let client = TraxionClient::new(cfg).unwrap();
    assert!(!format!("{client:?}").contains("hunter2"));
    assert!(TraxionClient::new(TraxionConfig::new(
        "not a url",
        "u",
        ventanilla_core::Secret::new("p"),
        "a",
        "d"
    ))
    .is_err());
}

#[test]
fn sale_ids_stay_one_path_segment() {
    assert_eq!(
        wire::path_sale("2D06714504BD3B177843"),
        "/sale/2D06714504BD3B177843"
    );
    assert_eq!(wire::path_receipt("a/b c"), "/sale/a%2Fb%20c/receipt");
}
