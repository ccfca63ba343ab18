//! The sandbox's injected faults, and the errors they must become.

use std::time::Duration;
use ventanilla_core::payment::HubVerdict;
use ventanilla_gateways::traxion::TraxionClient;
use ventanilla_gateways::GatewayError;
use ventanilla_sandbox::fixtures;

use crate::support::*;

fn with_timeouts(sb: &ventanilla_sandbox::SandboxHandle, pay: u64, call: u64) -> TraxionClient {
    let mut cfg = config(sb);
    cfg.pay_timeout = Duration::from_millis(pay);
    cfg.call_timeout = Duration::from_millis(call);
    TraxionClient::new(cfg).unwrap()
}

#[tokio::test]
async fn server_errors_are_transient() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;

    add_faults(&sb, &["pay:http_status=502,count=1"]);
    let err = client.pay(&sale_for(&bill, ars(5_000))).await.unwrap_err();
    assert_eq!(err, GatewayError::Server { status: 502 });
    assert!(err.is_transient());

    // A platform-shaped body does not make a 503 a refusal: the outcome is still unknown.
    add_faults(&sb, &["companies:http_status=503,http_body=json,count=1"]);
    assert_eq!(
        client.companies(None, None).await.unwrap_err(),
        GatewayError::Server { status: 503 }
    );
    add_faults(
        &sb,
        &["find_barcode:http_status=500,http_body=empty,count=1"],
    );
    assert_eq!(
        client
            .find_by_barcode(
                &ventanilla_core::Barcode::parse(fixtures::GAM_BARCODE).unwrap(),
                None
            )
            .await
            .unwrap_err(),
        GatewayError::Server { status: 500 }
    );
    // The faults were spent: the hub works again.
    assert!(!client.companies(None, None).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_failing_login_is_transient_too() {
    let sb = sandbox().await;
    add_faults(&sb, &["login:http_status=503,count=1"]);
    let client = client(&sb);
    let err = client.companies(None, None).await.unwrap_err();
    // The login failed, so the call itself was never sent.
    assert!(
        matches!(err, GatewayError::NotDelivered(ref m) if m.contains("503")),
        "{err:?}"
    );
    assert!(err.is_transient());
    assert!(!client.companies(None, None).await.unwrap().is_empty());
}

#[tokio::test]
async fn garbage_is_a_bad_answer() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;
    add_faults(
        &sb,
        &["find_barcode:garbage,count=1", "pay:garbage,count=1"],
    );
    let err = client
        .find_by_barcode(
            &ventanilla_core::Barcode::parse(fixtures::GAM_BARCODE).unwrap(),
            None,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, GatewayError::BadAnswer(_)), "{err:?}");
    let err = client.pay(&sale_for(&bill, ars(5_000))).await.unwrap_err();
    assert!(matches!(err, GatewayError::BadAnswer(_)), "{err:?}");
    assert!(err.is_transient());
}

#[tokio::test]
async fn a_reset_connection_is_unreachable() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;
    add_faults(&sb, &["companies:reset,count=1", "pay:reset,count=1"]);
    let err = client.companies(None, None).await.unwrap_err();
    assert!(matches!(err, GatewayError::Unreachable(_)), "{err:?}");
    let err = client.pay(&sale_for(&bill, ars(5_000))).await.unwrap_err();
    assert!(matches!(err, GatewayError::Unreachable(_)), "{err:?}");
    assert!(sb.ledger().is_empty());
}

#[tokio::test]
async fn a_closed_port_means_the_request_never_left() {
    let sb = sandbox().await;
    let cfg = config(&sb);
    sb.shutdown().await;
    let client = TraxionClient::new(cfg).unwrap();
    let err = client.companies(None, None).await.unwrap_err();
    assert!(matches!(err, GatewayError::NotDelivered(_)), "{err:?}");
    assert!(err.is_transient());
}

#[tokio::test]
async fn a_pay_whose_login_fails_was_never_sent() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;
    // A fresh client must log in first; the login is refused at the transport level.
    let fresh = TraxionClient::new(config(&sb)).unwrap();
    add_faults(&sb, &["login:http_status=503,count=1"]);
    let err = fresh.pay(&sale_for(&bill, ars(5_000))).await.unwrap_err();
    assert!(matches!(err, GatewayError::NotDelivered(_)), "{err:?}");
    assert!(sb.ledger().is_empty(), "nothing reached the hub");
}

#[tokio::test]
async fn no_answer_within_the_timeout_is_a_timeout() {
    let sb = sandbox().await;
    let client = with_timeouts(&sb, 500, 5_000);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;
    add_faults(&sb, &["pay:no_answer,count=1"]);
    let sale = sale_for(&bill, ars(5_000));
    let started = tokio::time::Instant::now();
    assert_eq!(client.pay(&sale).await, Err(GatewayError::Timeout));
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(
        client.sale_by_client_id(&sale.client_transaction_id).await,
        Ok(None)
    );

    let quick = with_timeouts(&sb, 5_000, 300);
    add_faults(&sb, &["companies:no_answer,count=1"]);
    assert_eq!(
        quick.companies(None, None).await,
        Err(GatewayError::Timeout)
    );
}

#[tokio::test]
async fn a_slow_answer_within_the_timeout_is_an_answer() {
    let sb = sandbox().await;
    let client = with_timeouts(&sb, 3_000, 3_000);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;
    add_faults(&sb, &["pay:latency_ms=400,count=1"]);
    let answer = client.pay(&sale_for(&bill, ars(5_000))).await.unwrap();
    assert_eq!(answer.verdict, HubVerdict::Approved);
}

#[tokio::test]
async fn a_pending_sale_is_reported_pending_until_the_hub_decides() {
    let sb = sandbox().await;
    let client = client(&sb);
    let bill = bill(&client, fixtures::GAM_BARCODE).await;
    add_faults(&sb, &["pay:pending_secs=1,count=1"]);
    let sale = sale_for(&bill, ars(5_000));
    let answer = client.pay(&sale).await.unwrap();
    assert_eq!(answer.verdict, HubVerdict::Pending);
    assert_eq!(
        client.sale(&answer.hub.id).await.unwrap().verdict,
        HubVerdict::Pending
    );

    let settled = settle(
        &client,
        &sale.client_transaction_id,
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(settled.verdict, HubVerdict::Approved);
    assert_eq!(settled.hub.id, answer.hub.id);
    assert!(settled.hub.confirmation_id.is_some());
}

#[tokio::test]
async fn an_answer_lost_after_the_hub_recorded_the_sale_is_found_by_client_id() {
    let sb = sandbox().await;
    let client = with_timeouts(&sb, 500, 5_000);
    let first = bill(&client, fixtures::GAM_BARCODE).await;

    add_faults(&sb, &["pay:reset,after_commit,count=1"]);
    let sale = sale_for(&first, ars(5_000));
    let err = client.pay(&sale).await.unwrap_err();
    assert!(matches!(err, GatewayError::Unreachable(_)), "{err:?}");
    let found = client
        .sale_by_client_id(&sale.client_transaction_id)
        .await
        .unwrap()
        .expect("the hub recorded it");
    assert_eq!(found.verdict, HubVerdict::Approved);

    // The same after a timeout; resending the same id returns that sale, not a second one.
    let other = bill(&client, fixtures::GAM_BARCODE_2).await;
    add_faults(&sb, &["pay:no_answer,after_commit,count=1"]);
    let sale = sale_for(&other, ars(5_000));
    assert_eq!(client.pay(&sale).await, Err(GatewayError::Timeout));
    let found = settle(&client, &sale.client_transaction_id, Duration::from_secs(5)).await;
    assert_eq!(client.pay(&sale).await.unwrap(), found);
    assert_eq!(sb.ledger().len(), 2);
}
