//! Paying, reading sales back and their receipts.

use ventanilla_core::payment::HubVerdict;
use ventanilla_gateways::GatewayError;
use ventanilla_sandbox::fixtures;

use crate::support::*;

#[tokio::test]
async fn an_approved_payment_can_be_read_back_with_its_receipt() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;
    let sale = sale_for(&bill, ars(5_000));

    let answer = client.pay(&sale).await.unwrap();
    assert_eq!(answer.verdict, HubVerdict::Approved);
    assert!(!answer.hub.id.is_empty());
    assert!(answer.hub.number.is_some());
    assert!(answer.hub.confirmation_id.is_some());

    let ledger = sb.ledger();
    assert_eq!(ledger.len(), 1);
    assert_eq!(
        ledger[0].amount.to_string(),
        "50.00",
        "sent with two decimals"
    );
    assert_eq!(ledger[0].external_data, fixtures::GAM_EXTERNAL_DATA);
    assert_eq!(
        ledger[0].client_transaction_id,
        sale.client_transaction_id.as_str()
    );

    assert_eq!(client.sale(&answer.hub.id).await.unwrap(), answer);
    assert_eq!(
        client
            .sale_by_client_id(&sale.client_transaction_id)
            .await
            .unwrap(),
        Some(answer.clone())
    );

    let receipt = client.receipt(&answer.hub.id).await.unwrap();
    assert!(receipt.contains("\r\n"), "{receipt:?}");
    assert!(receipt.contains(&answer.hub.id), "{receipt}");
    assert!(receipt
        .lines()
        .all(|l| l.trim_end_matches('\r').chars().count() <= 31));
}

#[tokio::test]
async fn an_open_amount_may_be_any_amount_in_range() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::GAM_BARCODE_2).await;
    let answer = client.pay(&sale_for(&bill, ars(3_701))).await.unwrap();
    assert_eq!(answer.verdict, HubVerdict::Approved);
    assert_eq!(sb.ledger()[0].amount.to_string(), "37.01");
}

#[tokio::test]
async fn paying_a_paid_bill_is_rejected_by_the_hub() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;
    let first = client.pay(&sale_for(&bill, ars(5_000))).await.unwrap();
    assert_eq!(first.verdict, HubVerdict::Approved);

    let second = client.pay(&sale_for(&bill, ars(5_000))).await.unwrap();
    assert_ne!(second.hub.id, first.hub.id);
    assert_eq!(second.hub.confirmation_id, None);
    let HubVerdict::Rejected { message } = &second.verdict else {
        panic!("expected a rejection: {second:?}");
    };
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.starts_with("409_BILL_ALREADY_PAID")),
        "{message:?}"
    );

    // Only approved sales have a receipt; the hub refuses the others.
    let err = client.receipt(&second.hub.id).await.unwrap_err();
    assert!(matches!(err, GatewayError::Refused { .. }), "{err:?}");
}

#[tokio::test]
async fn amounts_the_bill_does_not_allow_are_refused() {
    let sb = sandbox().await;
    let client = client(&sb);
    let open = bill(&client, fixtures::GAM_BARCODE).await;
    let fixed = bill(&client, fixtures::DTV_EXAMPLE_BARCODE).await;
    for sale in [
        sale_for(&open, ars(3_699)),
        sale_for(&open, ars(100_000_000)),
        sale_for(&fixed, ars(274_799)),
    ] {
        let err = client.pay(&sale).await.unwrap_err();
        assert!(
            matches!(&err, GatewayError::Refused { code, message } if code == "INVALID_AMOUNT" && !message.is_empty()),
            "{}: {err:?}",
            sale.amount
        );
        assert!(!err.is_transient());
    }
    assert!(sb.ledger().is_empty(), "a refusal creates no sale");
}

#[tokio::test]
async fn the_same_client_transaction_id_is_the_same_sale() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::DTV_EXAMPLE_BARCODE).await;
    let sale = sale_for(&bill, ars(274_800));
    let first = client.pay(&sale).await.unwrap();
    let again = client.pay(&sale).await.unwrap();
    assert_eq!(again, first);
    assert_eq!(first.verdict, HubVerdict::Approved);
    assert_eq!(sb.ledger().len(), 1);
}

#[tokio::test]
async fn unknown_sales() {
    let sb = sandbox().await;
    let client = client(&sb);
    assert_eq!(client.sale_by_client_id(&new_id()).await.unwrap(), None);
    assert_eq!(
        client.sale("2C497E4E3265307AC61A").await,
        Err(GatewayError::NotFound)
    );
    assert_eq!(
        client.receipt("2C497E4E3265307AC61A").await,
        Err(GatewayError::NotFound)
    );
    assert_eq!(client.sale("a/../b").await, Err(GatewayError::NotFound));
}
