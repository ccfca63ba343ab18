//! Command-line arguments of `ventanilla sandbox`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::config::{Credentials, SandboxConfig, DEFAULT_SEED};
use crate::faults::plan::FaultPlan;
use crate::faults::rule::FaultRule;

/// `--port`, `--host`, `--state`, `--user`, `--password`, `--token-lifetime-secs`, `--seed`,
/// `--fault SPEC` (repeatable).
#[derive(Debug, Clone, clap::Args)]
pub struct SandboxArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8787, env = "VENTANILLA_SANDBOX_PORT")]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1", env = "VENTANILLA_SANDBOX_HOST")]
    pub host: IpAddr,
    /// Keep sales and paid bills in this JSON file across restarts (in memory without it).
    #[arg(long, value_name = "FILE", env = "VENTANILLA_SANDBOX_STATE")]
    pub state: Option<PathBuf>,
    /// userId accepted by POST /login.
    #[arg(long, default_value = "sandbox", env = "VENTANILLA_SANDBOX_USER")]
    pub user: String,
    /// userPassword accepted by POST /login.
    #[arg(
        long,
        default_value = "sandbox",
        env = "VENTANILLA_SANDBOX_PASSWORD",
        hide_env_values = true
    )]
    pub password: String,
    /// Lifetime of access tokens, in seconds.
    #[arg(long, default_value_t = 1800)]
    pub token_lifetime_secs: u64,
    /// Seed of sale ids and reject_rate decisions.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Fault, as [GATEWAY.]ENDPOINT:key=value,... (repeatable); without a gateway, traxion's.
    /// Traxion endpoints: login, companies, find_barcode, find_customer, pay, sale, receipt,
    /// sales_query, all. Keys: latency_ms, no_answer, reset, http_status, http_body
    /// (html|empty|json), garbage, pending_secs, reject_rate, count, after_commit. Examples:
    /// pay:latency_ms=2000  pay:pending_secs=10  all:http_status=503,count=2
    /// pay:reset,after_commit,count=1  traxion.sales_query:garbage
    #[arg(long = "fault", value_name = "SPEC", value_parser = parse_fault)]
    pub faults: Vec<FaultRule>,
}

fn parse_fault(spec: &str) -> Result<FaultRule, String> {
    spec.parse()
}

impl SandboxArgs {
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }

    pub fn config(&self) -> SandboxConfig {
        SandboxConfig {
            credentials: Credentials {
                user: self.user.clone(),
                password: self.password.clone(),
            },
            state_file: self.state.clone(),
            faults: FaultPlan {
                rules: self.faults.clone(),
            },
            token_lifetime: Duration::from_secs(self.token_lifetime_secs),
            seed: self.seed,
        }
    }
}
