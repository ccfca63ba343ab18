use reqwest::StatusCode;
use serde_json::json;

use super::{ids, refusal, start, PENDING};

#[tokio::test]
async fn a_taxpayer_s_debts_by_query_or_body() {
    let tax = start().await;
    let items = tax.lookup("V-12345678").await;
    assert!(items.len() >= 3, "{items:?}");
    for item in &items {
        assert!(item["id"].is_u64(), "{item}");
        assert!(!item["description"].as_str().unwrap().is_empty());
        // Amounts are decimals with the currency's two places (written as strings).
        let amount = item["amount"].as_str().unwrap();
        assert_eq!(amount.split_once('.').unwrap().1.len(), 2, "{amount}");
    }
    // The document sends doc_id as the body of a GET: taken too.
    let (status, body) = tax.call("GET", Some(json!({"doc_id": "V-12345678"}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(body["data"].as_array().unwrap()), ids(&items));
    // Other spellings of the same id.
    assert_eq!(ids(&tax.lookup("V12345678").await), ids(&items));
    assert_eq!(ids(&tax.lookup("V-12345678-1").await), ids(&items));

    let company = tax.lookup("J-40157748-2").await;
    assert!(company.len() >= 3);
    for doc in ["E-84512397", "G-20004567-1", "J-31102468-9"] {
        assert!(!tax.lookup(doc).await.is_empty(), "{doc}");
    }
}

#[tokio::test]
async fn no_debts_unknown_and_malformed_ids() {
    let tax = start().await;
    assert!(tax.lookup("V-8765432").await.is_empty());
    let get = |doc: &'static str| {
        let tax = &tax;
        async move {
            tax.call_with("GET", &format!("{PENDING}?doc_id={doc}"), &tax.token, None)
                .await
        }
    };
    let (status, body) = get("V-99999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(refusal(&body), "TAXPAYER_NOT_FOUND");
    for bad in ["12345678", "X-123", "J-40157748-3", "J-40157748"] {
        let (status, body) = get(bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(refusal(&body), "INVALID_DOC_ID", "{bad}");
    }
    let (status, body) = tax.call("GET", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), "INVALID_REQUEST");
}
