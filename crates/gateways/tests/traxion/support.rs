//! Spawning a sandbox and a client for it, and reading what the sandbox saw.

use rust_decimal::Decimal;
use std::time::Duration;
use ventanilla_core::{
    Barcode, Bill, ClientTransactionId, Currency, IdGen, Money, RandomIds, Secret,
};
use ventanilla_gateways::traxion::{SaleRequest, TraxionClient, TraxionConfig};
use ventanilla_sandbox::{
    spawn, Endpoint, FaultPlan, FaultRule, SandboxConfig, SandboxHandle, Target, DEFAULT_PASSWORD,
    DEFAULT_USER,
};

pub async fn sandbox() -> SandboxHandle {
    sandbox_with(SandboxConfig::default()).await
}

pub async fn sandbox_with(cfg: SandboxConfig) -> SandboxHandle {
    spawn("127.0.0.1:0".parse().unwrap(), cfg)
        .await
        .expect("sandbox starts")
}

pub fn config(sb: &SandboxHandle) -> TraxionConfig {
    TraxionConfig::new(
        sb.base_url(),
        DEFAULT_USER,
        Secret::new(DEFAULT_PASSWORD),
        "ventanilla-tests",
        "caja-01",
    )
}

pub fn client(sb: &SandboxHandle) -> TraxionClient {
    TraxionClient::new(config(sb)).expect("valid config")
}

/// Adds faults from specs such as `pay:http_status=502`, keeping the rules already in force.
pub fn add_faults(sb: &SandboxHandle, specs: &[&str]) {
    sb.add_faults(FaultPlan::parse_specs(specs).expect("valid fault specs"));
}

const COUNTER: u64 = 1_000_000;

/// Makes requests to `endpoint` countable: a harmless 1 ms latency whose remaining count the
/// sandbox reports, so every request spends one.
pub fn count_requests(sb: &SandboxHandle, endpoint: Endpoint) {
    sb.add_faults(FaultPlan::from(FaultRule {
        latency_ms: Some(1),
        count: Some(COUNTER),
        ..FaultRule::on(endpoint)
    }));
}

/// Requests to `endpoint` since [`count_requests`].
pub fn requests(sb: &SandboxHandle, endpoint: Endpoint) -> u64 {
    let rule = sb
        .faults()
        .rules
        .into_iter()
        .find(|r| r.target == Target::of(endpoint) && r.latency_ms == Some(1) && r.count.is_some())
        .expect("count_requests was called for this endpoint");
    COUNTER - rule.count.unwrap_or(COUNTER)
}

pub fn ars(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), Currency::Ars).unwrap()
}

pub fn new_id() -> ClientTransactionId {
    RandomIds.client_transaction_id()
}

/// The one bill with this barcode.
pub async fn bill(client: &TraxionClient, barcode: &str) -> Bill {
    let mut found = client
        .find_by_barcode(&Barcode::parse(barcode).unwrap(), None)
        .await
        .expect("lookup works");
    assert_eq!(found.len(), 1, "{barcode}: {found:?}");
    found.remove(0)
}

pub fn sale_for(bill: &Bill, amount: Money) -> SaleRequest {
    SaleRequest {
        client_transaction_id: new_id(),
        amount,
        product_id: bill.company.id.clone(),
        external_data: bill.external_data.clone(),
    }
}

/// Asks by client id until the hub reports a final state (or gives up after `within`).
pub async fn settle(
    client: &TraxionClient,
    id: &ClientTransactionId,
    within: Duration,
) -> ventanilla_core::payment::HubAnswer {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let found = client.sale_by_client_id(id).await.expect("query works");
        if let Some(answer) = found {
            if answer.verdict != ventanilla_core::payment::HubVerdict::Pending {
                return answer;
            }
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "sale {id} not final in {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
