//! Every example of traxion-bill-payment.md, pasted verbatim.

use reqwest::StatusCode;
use serde_json::Value;
use ventanilla_sandbox::fixtures;

use crate::common::{num, start};

const FIND_BY_BARCODE: &str = r#"{
    "billBarCode": "579201910127747008036409003400000101000004270050"    
}"#;

const FIND_BY_BARCODE_WITH_COMPANY: &str = r#"{
    "billBarCode": "579201910127747008036409003400000101000004270050",
    "billCompany": {
            "code": "3145"
        }
}"#;

const FIND_BY_CUSTOMER_482: &str = r#"{
	"billCompany": {
		"code": "482"
	},
	"billMode": {
		"id": "39030785707000000527",
		"name": "COBRANZA SIN FACTURA - CUIT / DNI"
	},
	"parameters": [
		{
			"id": "C11",
			"value": "27249286090"
		}
	]
}"#;

const BANCO_PIANO: &str = r#"{
	"billCompany": {
		"code": "11128"
	},
	"billMode": {
		"id": "66413277267600016420",
		"name": "COBRANZA SIN FACTURA 10 D"
	},
	"parameters": [
		{
			"id": "CBF",
			"value": "20031715963"
		}
	]
}"#;

const DIRECTV: &str = r#"{
	"billCompany": {
		"code": "57"
	},
	"billMode": {
		"id": "61953167179400013610",
		"name": "COBRANZA SIN FACTURA 10 D"
	},
	"parameters": [
		{
			"id": "CBF",
			"value": "11111114"
		}
	]
}"#;

const GASNOR: &str = r#"{
    "billCompany": {
      		"code": "376"
	},
    "billMode": {
                "id": "45840596269800001076",
                "name": "COBRANZA SIN FACTURA"
    },
    "parameters": [
      {
                "id": "C11",
                "value": "00000004537876"                        
    }
	]
}"#;

const PAY: &str = r#"{
    "transactionType": "Sale",
    "amount": 50,
    "clientTransactionId": "b623a420-bddb-49e7-9ea6-aca7261111124",
    "product": {
        "id": "16CB1F68157735D21E5D"
    },
    "transactionData": {
        "className": "BillPaymentData",
        "externalData": "93A1028111DA0012497073477643454461746F7353616C69646181DC0013A76"
    }
}"#;

const CIMES_COMPANY: &str = r#"{
    "id": "16CB1F68156830E1CC92",
    "description": "CIMES AGUA",
    "name": "CIMES AGUA",
    "code": "9312",
    "enable": true,
    "externalName": "CIMES AGUA",
    "allowVoluntaryAmount": false,
    "allowBillManualPayment": true,
    "allowBillRelationPayment": true,
    "allowPartialAmount": false,
    "customerIdentifierDescription": "NUMERO DE CUIT",
    "billModes": [
        {
            "billMode": {
                "id": "1811231643dfVbFIjorX",
                "name": "COBRANZA SIN FACTURA (CONSULTA DE DEUDA)"
            },
            "parameters": [
                {
                    "id": "CBF",
                    "name": "NUMERO DE CUIT",
                    "inputType": "T",
                    "order": 0,
                    "length": 19,
                    "readOnly": false,
                    "optional": false
                }
            ]
        }
    ]
}"#;

/// The document's findByBarCode answer (case 1), verbatim.
const DTV_BILL: &str = r#"[
    {
        "className": "BillPaymentData",
        "externalData": "93A1028111DA001249707347xxxxxxxxxxx1xxxxxxxxx0C0602C0C0C0C0",
        "billCompany": {
            "id": "16CB1F6815771858E95F",
            "description": "DIRECT TV",
            "name": "DIRECT TV",
            "code": "57",
            "enable": true,
            "externalName": "DIRECT TV",
            "allowVoluntaryAmount": false,
            "allowBillManualPayment": true,
            "allowBillRelationPayment": true,
            "allowPartialAmount": false,
            "customerIdentifierDescription": "Nro. de Cliente",
            "billModes": [
                {
                    "billMode": {
                        "id": "61953167179400013610",
                        "name": "COBRANZA SIN FACTURA 10 D"
                    },
                    "parameters": [
                        {
                            "id": "CBF",
                            "name": "Nro. de Cliente",
                            "inputType": "T",
                            "order": 0,
                            "length": 10,
                            "readOnly": false,
                            "optional": false
                        }
                    ]
                },
                {
                    "billMode": {
                        "id": "46505976008500000337",
                        "name": "COBRANZA SIN FACTURA (ONLINE)"
                    },
                    "parameters": [
                        {
                            "id": "CBF",
                            "name": "Nro. de Cliente",
                            "inputType": "T",
                            "order": 0,
                            "length": 8,
                            "readOnly": false,
                            "optional": false
                        }
                    ]
                },
                {
                    "billMode": {
                        "id": "0812030936xfRlxsGlAx",
                        "name": "COBRANZA SIN FACTURA"
                    },
                    "parameters": [
                        {
                            "id": "CBF",
                            "name": "Nro. de Cliente",
                            "inputType": "T",
                            "order": 0,
                            "length": 8,
                            "readOnly": false,
                            "optional": false
                        }
                    ]
                }
            ]
        },
        "currencyIso": "ARS",
        "customerIdentifier": "0086108279",
        "billBarCode": "05700861082790003832152882102060000027480005",
        "description": "Cliente: 0086108279\n",
        "totalAmount": 2748.00,
        "openAmount": false,
        "requireAditionalData": false,
        "aditionalData": [],
        "minAmount": 2748.00,
        "maxAmount": 2748.00
    }
]"#;

/// The document's approved-sale answer, verbatim (ids, dates and numbers vary by run).
const APPROVED_SALE: &str = r#"{
    "id": "2C497E4E3265307AC61A",
    "number": 743698523,
    "created": "2021-05-18T13:20:20-03:00",
    "confirmationDate": "2021-05-18T13:20:31-03:00",
    "amount": 50.00,
    "description": "Pago Servicio - 743698523",
    "state": "approved",
    "stateDetail": {
        "message": "Confirmada",
        "transactionType": "Sale"
    },
    "transactionType": "Sale",
    "clientTransactionId": "b623a420ea6-aca7261111124",
    "confirmationId": "207293507402358",
    "product": {
        "id": "7F1128557A1717E829B6",
        "name": "Cobro de Servicios",
        "code": "002224",
        "enable": true,
        "smallDescription": "Cobro Serv.",
        "vendor": {
            "id": "3B2675DEEF7B2F9132D6",
            "description": "Traxion",
            "name": "Traxion",
            "code": "007087",
            "enable": true
        },
        "productGroup": {
            "id": "59846EDCFCAE0E47FF5E",
            "description": "Cobros",
            "name": "Cobros",
            "code": "010979",
            "enable": true
        },
        "minimium": 1,
        "maximium": 1000000,
        "productType": "BillPayment",
        "transactionDataClassName": "WithoutData",
        "salePrice": 0.00000000
    },
    "transactionData": {
        "className": "BillPaymentData",
        "externalData": "93A1028111DA0012497073477643454461746F7353616C69646181DC0014A7696D706A",
        "billCompany": {
            "id": "16CB1F68157735D21E5D",
            "description": "GAM SALUD S.A.",
            "name": "GAM SALUD S.A.",
            "code": "1195",
            "enable": false,
            "externalName": "GAM SALUD S.A.",
            "allowVoluntaryAmount": false,
            "allowBillManualPayment": true,
            "allowBillRelationPayment": true,
            "allowPartialAmount": false,
            "customerIdentifierDescription": "Nro Afiliado",
            "billModes": [
                {
                    "billMode": {
                        "id": "0812030936XmIFLDpZsV",
                        "name": "COBRANZA SIN FACTURA"
                    },
                    "parameters": [
                        {
                            "id": "CBF",
                            "name": "Nro Afiliado",
                            "inputType": "T",
                            "order": 0,
                            "length": 10,
                            "readOnly": false,
                            "optional": false
                        }
                    ]
                }
            ]
        },
        "currencyIso": "ARS",
        "customerIdentifier": "0052256",
        "billBarCode": "0052256037008554",
        "description": "Cliente: 0052256\n",
        "totalAmount": 50.00,
        "openAmount": true,
        "requireAditionalData": false,
        "aditionalData": [],
        "minAmount": 37.00,
        "maxAmount": 999999.00
    }
}"#;

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

/// Same keys at every object level, recursively (arrays compared element by element).
fn same_shape(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(keys(a), keys(b), "keys at {path}");
            for (k, v) in x {
                same_shape(v, &y[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                same_shape(v, w, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(
            std::mem::discriminant(a),
            std::mem::discriminant(b),
            "type at {path}: {a} vs {b}"
        ),
    }
}

#[tokio::test]
async fn barcode_of_several_companies_then_with_company_code() {
    let env = start().await;
    let (status, bills) = env
        .post_text(
            "/sales/billPayment/availablesBill/findByBarCode",
            FIND_BY_BARCODE,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let bills = bills.as_array().unwrap();
    assert!(bills.len() >= 2, "{bills:?}");
    let codes: Vec<&str> = bills
        .iter()
        .map(|b| b["billCompany"]["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"3145"), "{codes:?}");
    assert!(codes.iter().any(|c| *c != "3145"));

    let (status, bills) = env
        .post_text(
            "/sales/billPayment/availablesBill/findByBarCode",
            FIND_BY_BARCODE_WITH_COMPANY,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let bills = bills.as_array().unwrap();
    assert_eq!(bills.len(), 1);
    assert_eq!(bills[0]["billCompany"]["code"], "3145");
    assert_eq!(bills[0]["billBarCode"], fixtures::MULTI_COMPANY_BARCODE);
}

#[tokio::test]
async fn dtv_barcode_answers_the_documents_bill() {
    let env = start().await;
    let got = env.find_barcode(fixtures::DTV_EXAMPLE_BARCODE).await;
    let expected: Value = serde_json::from_str(DTV_BILL).unwrap();
    assert_eq!(got.len(), 1);
    let (mut got, mut expected) = (got[0].clone(), expected[0].clone());
    // The document's externalData is masked with x's; ours is opaque hex.
    let ext = got["externalData"].as_str().unwrap().to_owned();
    assert!(
        ext.starts_with("93A1028111DA0012497073") && ext.bytes().all(|b| b.is_ascii_hexdigit())
    );
    got["externalData"] = Value::Null;
    expected["externalData"] = Value::Null;
    assert_eq!(got, expected);
    // Amounts keep two decimals on the wire.
    assert_eq!(num(&got["totalAmount"]), "2748.00");
    assert_eq!(num(&got["minAmount"]), "2748.00");
}

#[tokio::test]
async fn every_document_barcode_is_found() {
    let env = start().await;
    for barcode in fixtures::document_barcodes() {
        let bills = env.find_barcode(barcode).await;
        assert!(!bills.is_empty(), "{barcode}");
        for b in &bills {
            assert_eq!(b["billBarCode"], *barcode);
            assert_eq!(b["className"], "BillPaymentData");
            assert_eq!(b["currencyIso"], "ARS");
        }
    }
    let dtv: Vec<Value> = env.find_barcode(fixtures::DTV_BARCODES[0]).await;
    assert_eq!(dtv[0]["billCompany"]["code"], "57");
    let edenor = env.find_barcode(fixtures::EDENOR_BARCODES[1]).await;
    assert_eq!(edenor[0]["billCompany"]["name"], "EDENOR");
    let gam = env.find_barcode(fixtures::GAM_BARCODE).await;
    assert_eq!(gam[0]["externalData"], fixtures::GAM_EXTERNAL_DATA);
    assert_eq!(gam[0]["openAmount"], true);
    assert_eq!(num(&gam[0]["minAmount"]), "37.00");
    assert_eq!(num(&gam[0]["maxAmount"]), "999999.00");
    assert_eq!(num(&gam[0]["totalAmount"]), "50.00");
    assert_eq!(gam[0]["billCompany"]["id"], fixtures::GAM_COMPANY_ID);
    assert_eq!(gam[0]["billCompany"]["enable"], true);
}

#[tokio::test]
async fn unknown_barcode_is_an_empty_array() {
    let env = start().await;
    assert!(env.find_barcode("1234567890123456").await.is_empty());
}

#[tokio::test]
async fn customer_data_examples_verbatim() {
    let env = start().await;
    let path = "/sales/billPayment/availablesBill/findByCustomerData";
    for (body, company, customer) in [
        (FIND_BY_CUSTOMER_482, "482", "27249286090"),
        (BANCO_PIANO, "11128", "20031715963"),
        (DIRECTV, "57", "11111114"),
        (GASNOR, "376", "00000004537876"),
    ] {
        let (status, bills) = env.post_text(path, body).await;
        assert_eq!(status, StatusCode::OK, "{bills}");
        let bills = bills.as_array().unwrap();
        assert_eq!(bills.len(), 1, "{company}: {bills:?}");
        assert_eq!(bills[0]["billCompany"]["code"], company);
        assert_eq!(bills[0]["customerIdentifier"], customer);
        assert!(bills[0]["totalAmount"].is_number());
    }
    // Mode name is informative; an unknown value finds nothing.
    let (status, bills) = env
        .post_text(path, &DIRECTV.replace("11111114", "99999999"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bills, Value::Array(vec![]));
    // The bill of the document's findByCustomerData answer is found by its customer number too.
    let (_, bills) = env
        .post(path, &fixtures::DTV_EXAMPLE_BY_CUSTOMER.request_json())
        .await;
    assert_eq!(bills[0]["billBarCode"], fixtures::DTV_EXAMPLE_BARCODE);
    let (_, bills) = env
        .post(path, &fixtures::CIMES_EXAMPLE.request_json())
        .await;
    assert_eq!(bills[0]["billCompany"]["code"], "9312");
}

#[tokio::test]
async fn companies_include_the_documents_companies() {
    let env = start().await;
    let (status, all) = env.get("/sales/billPayment/availablesCompanies").await;
    assert_eq!(status, StatusCode::OK);
    let all = all.as_array().unwrap();
    let cimes = all.iter().find(|c| c["code"] == "9312").unwrap();
    assert_eq!(
        *cimes,
        serde_json::from_str::<Value>(CIMES_COMPANY).unwrap()
    );
    let dtv_doc: Value = serde_json::from_str(DTV_BILL).unwrap();
    let dtv = all.iter().find(|c| c["code"] == "57").unwrap();
    assert_eq!(*dtv, dtv_doc[0]["billCompany"]);
    assert_eq!(dtv["billModes"].as_array().unwrap().len(), 3);
    let sale_doc: Value = serde_json::from_str(APPROVED_SALE).unwrap();
    let mut gam_doc = sale_doc["transactionData"]["billCompany"].clone();
    gam_doc["enable"] = Value::Bool(true); // disabled in the document; enabled here
    let gam = all.iter().find(|c| c["code"] == "1195").unwrap();
    assert_eq!(*gam, gam_doc);
    for code in ["635", "11128", "482", "376", "3145"] {
        assert!(all.iter().any(|c| c["code"] == code), "{code}");
    }
}

#[tokio::test]
async fn pay_example_verbatim_is_approved_then_already_paid() {
    let env = start().await;
    let (status, sale) = env.post_text("/sales/billPayment/", PAY).await;
    assert_eq!(status, StatusCode::OK, "{sale}");
    let doc: Value = serde_json::from_str(APPROVED_SALE).unwrap();
    same_shape(&sale, &doc, "sale");
    assert_eq!(sale["state"], "approved");
    assert_eq!(sale["stateDetail"]["message"], "Confirmada");
    assert_eq!(
        sale["clientTransactionId"],
        "b623a420-bddb-49e7-9ea6-aca7261111124"
    );
    assert_eq!(num(&sale["amount"]), "50.00");
    assert_eq!(sale["product"], doc["product"]);
    assert_eq!(num(&sale["product"]["salePrice"]), "0.00000000");
    let id = sale["id"].as_str().unwrap();
    assert_eq!(id.len(), 20);
    assert!(id
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    for field in ["created", "confirmationDate"] {
        let t = sale[field].as_str().unwrap();
        assert!(t.ends_with("-03:00") && t.len() == 25, "{field}: {t}");
        chrono::DateTime::parse_from_rfc3339(t).unwrap();
    }
    let confirmation = sale["confirmationId"].as_str().unwrap();
    assert_eq!(confirmation.len(), 15);
    assert_eq!(
        sale["description"],
        format!("Pago Servicio - {}", sale["number"])
    );
    assert_eq!(
        sale["transactionData"]["billBarCode"],
        fixtures::GAM_BARCODE
    );
    assert_eq!(num(&sale["transactionData"]["minAmount"]), "37.00");

    // Same bill, new clientTransactionId: HTTP 200, rejected as already paid.
    let again = PAY.replace(
        "b623a420-bddb-49e7-9ea6-aca7261111124",
        "b623a420ea6-aca72124",
    );
    let (status, rejected) = env.post_text("/sales/billPayment/", &again).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rejected["state"], "rejected");
    assert_eq!(rejected["confirmationId"], "");
    assert!(rejected.get("confirmationDate").is_none());
    assert_ne!(rejected["id"], sale["id"]);
    assert_eq!(
        rejected["stateDetail"]["message"],
        format!(
            "409_BILL_ALREADY_PAID - Factura con barra: 0052256037008554 y código de empresa: 1195 ya ha sido pagada. Id de operación: {id}"
        )
    );
}
