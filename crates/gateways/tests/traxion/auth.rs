//! Login, token reuse and renewal, and the single retry on a 401.

use std::time::Duration;
use ventanilla_core::Secret;
use ventanilla_gateways::traxion::TraxionClient;
use ventanilla_gateways::GatewayError;
use ventanilla_sandbox::{fixtures, Endpoint, SandboxConfig};

use crate::support::*;

async fn dtv(client: &TraxionClient) -> Result<usize, GatewayError> {
    client
        .companies(None, Some(fixtures::DTV_COMPANY_CODE))
        .await
        .map(|c| c.len())
}

#[tokio::test]
async fn concurrent_calls_share_one_login() {
    let sb = sandbox().await;
    count_requests(&sb, Endpoint::Login);
    let client = client(&sb);
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { dtv(&client).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap(), Ok(1));
    }
    for _ in 0..5 {
        assert_eq!(dtv(&client).await, Ok(1));
    }
    assert_eq!(requests(&sb, Endpoint::Login), 1);
}

#[tokio::test]
async fn the_token_is_renewed_before_the_hub_expires_it() {
    let sb = sandbox_with(SandboxConfig {
        token_lifetime: Duration::from_secs(3),
        ..SandboxConfig::default()
    })
    .await;
    count_requests(&sb, Endpoint::Login);
    count_requests(&sb, Endpoint::Companies);
    let client = client(&sb);
    let started = tokio::time::Instant::now();
    assert_eq!(dtv(&client).await, Ok(1));
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(dtv(&client).await, Ok(1));
    assert_eq!(requests(&sb, Endpoint::Login), 1, "a live token is reused");
    // A 3 s token is renewed once less than 0.3 s of it remains.
    tokio::time::sleep_until(started + Duration::from_millis(2800)).await;
    assert_eq!(dtv(&client).await, Ok(1));
    assert_eq!(requests(&sb, Endpoint::Login), 2, "renewed");
    assert_eq!(
        requests(&sb, Endpoint::Companies),
        3,
        "renewed ahead of time, not after a 401"
    );
}

#[tokio::test]
async fn a_refused_token_is_renewed_and_the_call_retried_once() {
    let sb = sandbox().await;
    count_requests(&sb, Endpoint::Login);
    count_requests(&sb, Endpoint::Companies);
    let client = client(&sb);
    assert_eq!(dtv(&client).await, Ok(1));
    add_faults(&sb, &["companies:http_status=401,http_body=json,count=1"]);
    assert_eq!(dtv(&client).await, Ok(1));
    assert_eq!(requests(&sb, Endpoint::Login), 2);
    assert_eq!(requests(&sb, Endpoint::Companies), 3);
}

#[tokio::test]
async fn a_token_refused_twice_is_unauthorized() {
    let sb = sandbox().await;
    count_requests(&sb, Endpoint::Login);
    count_requests(&sb, Endpoint::Companies);
    add_faults(&sb, &["companies:http_status=401"]);
    let client = client(&sb);
    assert_eq!(dtv(&client).await, Err(GatewayError::Unauthorized));
    assert_eq!(requests(&sb, Endpoint::Login), 2, "renewed once");
    assert_eq!(requests(&sb, Endpoint::Companies), 2, "retried once");
}

#[tokio::test]
async fn wrong_credentials_are_unauthorized_and_never_printed() {
    let sb = sandbox().await;
    let mut cfg = config(&sb);
    cfg.password = Secret::new("not-the-password");
    let client = TraxionClient::new(cfg.clone()).unwrap();
    let err = dtv(&client).await.unwrap_err();
    assert_eq!(err, GatewayError::Unauthorized);
    assert!(!err.is_transient());
    let printed = format!("{err} {err:?} {cfg:?} {client:?}");
    assert!(!printed.contains("not-the-password"), "{printed}");
}
