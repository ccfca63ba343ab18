use reqwest::StatusCode;
use serde_json::{json, Value};
use ventanilla_sandbox::fixtures;

use crate::common::{num, pay_body, platform_error, start};

#[tokio::test]
async fn open_amount_is_enforced_within_min_and_max() {
    let env = start().await;
    let bill = env.find_barcode(fixtures::GAM_BARCODE_2).await.remove(0);
    for (amount, code) in [
        ("36.99", "INVALID_AMOUNT"),
        ("1000000.00", "INVALID_AMOUNT"),
        ("40.001", "INVALID_AMOUNT"),
        ("0", "INVALID_AMOUNT"),
    ] {
        let (status, body) = env.pay(&bill, amount, &format!("open-{amount}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{amount}: {body}");
        assert_eq!(platform_error(&body), code);
        assert_eq!(body["code"], json!(400));
    }
    assert!(
        env.sb.ledger().is_empty(),
        "refused requests record nothing"
    );
    let (status, sale) = env.pay(&bill, "37", "open-ok").await;
    assert_eq!(status, StatusCode::OK, "{sale}");
    assert_eq!(sale["state"], "approved");
    assert_eq!(num(&sale["amount"]), "37.00");
}

#[tokio::test]
async fn fixed_amount_must_equal_the_total() {
    let env = start().await;
    let bill = env
        .find_barcode(fixtures::DTV_EXAMPLE_BARCODE)
        .await
        .remove(0);
    let (status, body) = env.pay(&bill, "2747.99", "fixed-1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(platform_error(&body), "INVALID_AMOUNT");
    assert!(body["data"]["messageText"]
        .as_str()
        .unwrap()
        .contains("2748.00"));
    let (status, sale) = env.pay(&bill, "2748.00", "fixed-2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sale["state"], "approved");
    assert_eq!(num(&sale["amount"]), "2748.00");
}

#[tokio::test]
async fn wrong_product_or_unknown_external_data_is_400() {
    let env = start().await;
    let bill = env.find_barcode(fixtures::DTV_BARCODES[0]).await.remove(0);
    let mut body = pay_body(&bill, "4454.00", "p-1");
    body["product"]["id"] = json!(fixtures::GAM_COMPANY_ID);
    let (status, err) = env.post("/sales/billPayment/", &body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(platform_error(&err), "INVALID_PRODUCT");
    let mut body = pay_body(&bill, "4454.00", "p-2");
    body["transactionData"]["externalData"] = json!("93A10281FFFF");
    let (status, err) = env.post("/sales/billPayment/", &body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(platform_error(&err), "BILL_NOT_FOUND");
    let (status, err) = env.post("/sales/billPayment/", &json!({"amount": 1})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(platform_error(&err), "INVALID_REQUEST");
    let too_long = "x".repeat(65);
    let (status, err) = env.pay(&bill, "4454.00", &too_long).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(platform_error(&err), "INVALID_CLIENT_TRANSACTION_ID");
    let (status, _) = env.pay(&bill, "4454.00", &"y".repeat(64)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn repeated_client_transaction_id_returns_the_original_sale() {
    let env = start().await;
    let bill = env
        .find_barcode(fixtures::EDENOR_BARCODES[0])
        .await
        .remove(0);
    let (_, first) = env.pay(&bill, "1496.81", "same-id-1").await;
    assert_eq!(first["state"], "approved");
    let (status, again) = env.pay(&bill, "1496.81", "same-id-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["id"], first["id"]);
    assert_eq!(again["state"], "approved", "not a 409 for its own retry");
    assert_eq!(env.sb.ledger().len(), 1);

    // Many concurrent retries of one id still make one sale.
    let bill = env
        .find_barcode(fixtures::EDENOR_BARCODES[1])
        .await
        .remove(0);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let req = env
            .req(reqwest::Method::POST, "/sales/billPayment/")
            .json(&pay_body(&bill, "583.62", "burst"));
        tasks.spawn(async move { req.send().await.unwrap().json::<Value>().await.unwrap() });
    }
    let ids: Vec<Value> = tasks
        .join_all()
        .await
        .into_iter()
        .map(|s| s["id"].clone())
        .collect();
    assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
    assert_eq!(env.sb.ledger().len(), 2);
}

#[tokio::test]
async fn sales_query_and_get_sale() {
    let env = start().await;
    let (status, none) = env.get("/sales?clientTransactionId=nothing-yet").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(none, json!([]));
    let bill = env.find_barcode(fixtures::DTV_BARCODES[1]).await.remove(0);
    let (_, sale) = env.pay(&bill, "2035.00", "query-me").await;
    let (status, found) = env.get("/sales?clientTransactionId=query-me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0], sale);
    let (status, one) = env
        .get(&format!("/sale/{}", sale["id"].as_str().unwrap()))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one, sale);
    let (status, err) = env.get("/sale/FFFFFFFFFFFFFFFFFFFF").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(platform_error(&err), "SALE_NOT_FOUND");
}

#[tokio::test]
async fn receipt_is_a_31_column_ticket() {
    let env = start().await;
    let bill = env
        .find_barcode(fixtures::DTV_EXAMPLE_BARCODE)
        .await
        .remove(0);
    let (_, sale) = env.pay(&bill, "2748.00", "receipt-1").await;
    let id = sale["id"].as_str().unwrap();
    let (status, body) = env.get(&format!("/sale/{id}/receipt")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let text = body["receiptString"].as_str().unwrap();
    assert!(text.contains("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "only CRLF line breaks"
    );
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines.len() > 10);
    assert!(lines.iter().all(|l| l.chars().count() <= 31), "{text}");
    assert!(lines.iter().any(|l| l.chars().count() == 31));
    for needle in [
        "DIRECT TV",
        "0086108279",
        "$ 2.748,00",
        &sale["number"].to_string(),
        sale["confirmationId"].as_str().unwrap(),
        id,
    ] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
    assert!(text
        .replace("\r\n", "")
        .contains(fixtures::DTV_EXAMPLE_BARCODE));
    let created = chrono::DateTime::parse_from_rfc3339(sale["created"].as_str().unwrap()).unwrap();
    assert!(text.contains(&created.format("%d/%m/%Y").to_string()));

    // Only approved sales have a receipt.
    let (_, rejected) = env.pay(&bill, "2748.00", "receipt-2").await;
    assert_eq!(rejected["state"], "rejected");
    let (status, err) = env
        .get(&format!(
            "/sale/{}/receipt",
            rejected["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(platform_error(&err), "RECEIPT_NOT_AVAILABLE");
    let (status, _) = env.get("/sale/0000000000000000000A/receipt").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn generated_bills_are_searchable_and_payable() {
    let env = start().await;
    let fixed = fixtures::generated_bills().find(|b| !b.open).unwrap();
    let open = fixtures::generated_bills()
        .find(|b| b.open && b.min < b.max)
        .unwrap();
    for (i, b) in [fixed, open].iter().enumerate() {
        let found = env.find_barcode(b.barcode).await;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0]["externalData"], b.external_data);
        assert_eq!(found[0]["openAmount"], b.open);
        let (status, by_customer) = env
            .post(
                "/sales/billPayment/availablesBill/findByCustomerData",
                &b.customer_data_request(),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{by_customer}");
        assert!(by_customer
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["externalData"] == b.external_data));
        let amount = if b.open { b.min } else { b.amount };
        let (status, sale) = env
            .pay(&found[0], &amount.to_string(), &format!("gen-{i}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{sale}");
        assert_eq!(sale["state"], "approved");
    }
}

#[tokio::test]
async fn customer_data_search_validates_its_form() {
    let env = start().await;
    let two = fixtures::generated_bills()
        .find(|b| b.parameters.len() == 2 && b.parameters[1].0 == "FEC")
        .unwrap();
    let path = "/sales/billPayment/availablesBill/findByCustomerData";
    // A date typed as dd/mm/yyyy matches the stored yyyy-mm-dd.
    let mut req = two.customer_data_request();
    let iso = two.parameters[1].1.clone();
    let (y, rest) = iso.split_once('-').unwrap();
    let (m, d) = rest.split_once('-').unwrap();
    req["parameters"][1]["value"] = json!(format!("{d}/{m}/{y}"));
    let (status, found) = env.post(path, &req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(found
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["externalData"] == two.external_data));
    // A required parameter missing is a platform error.
    req["parameters"].as_array_mut().unwrap().pop();
    let (status, err) = env.post(path, &req).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(platform_error(&err), "MISSING_PARAMETER");
    let (status, err) = env
        .post(
            path,
            &json!({"billCompany": {"code": "999999"}, "billMode": {"id": "x"}, "parameters": []}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(platform_error(&err), "COMPANY_NOT_FOUND");
}
