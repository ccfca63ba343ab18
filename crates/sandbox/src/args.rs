//! Command-line arguments of `ventanilla sandbox`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use ventanilla_core::Currency;

use crate::arkadu::config::ArkaduConfig;
use crate::config::{Credentials, SandboxConfig, DEFAULT_SEED};
use crate::faults::plan::FaultPlan;
use crate::faults::rule::FaultRule;
use crate::pennymatic::config::PennymaticConfig;
use crate::quickpay::config::{QuickpayConfig, Subscription};
use ventanilla_core::Secret;

/// `--port`, `--host`, `--state`, `--user`, `--password`, `--token-lifetime-secs`, `--seed`,
/// `--fault SPEC` (repeatable), the tax platform's `--tax-*`, the card terminal's
/// `--card-webhook*` and the wallet gateway's `--wallet-*`.
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
    /// sales_query, all; arkadu: token, lookup, create, update, report, cancel, all, callback;
    /// pennymatic: coins, connect, connected, pay, isconfirmed, all, consent; quickpay:
    /// captures, present, all, webhook. Keys: latency_ms, no_answer, reset, http_status,
    /// http_body (html|empty|json), garbage, pending_secs, reject_rate, count, after_commit,
    /// duplicate. Examples: pay:latency_ms=2000  pay:pending_secs=10
    /// all:http_status=503,count=2  pay:reset,after_commit,count=1
    /// traxion.sales_query:garbage  pennymatic.pay:reset,after_commit,count=1
    /// quickpay.webhook:duplicate,count=1
    #[arg(long = "fault", value_name = "SPEC", value_parser = parse_fault)]
    pub faults: Vec<FaultRule>,
    /// Tax platform: the agent app's callback URL, where each item's result is POSTed
    /// (also settable at run time: PUT /_sandbox/arkadu/callback {"url": ...}).
    #[arg(long, value_name = "URL", env = "VENTANILLA_SANDBOX_TAX_CALLBACK", value_parser = parse_url)]
    pub tax_callback: Option<String>,
    /// Tax platform: how long a payment order waits for its report, in seconds (4 h); a few
    /// seconds lets the counter's handling of expired orders be tried by hand.
    #[arg(
        long,
        visible_alias = "tax-order-ttl",
        value_name = "SECS",
        default_value_t = 4 * 3600,
        env = "VENTANILLA_SANDBOX_TAX_ORDER_TTL_SECS",
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub tax_order_ttl_secs: u64,
    /// Tax platform: the currency of its amounts (ISO code).
    #[arg(long, default_value = "VES", value_parser = parse_currency)]
    pub tax_currency: Currency,
    /// Tax platform: the agent app's client_id.
    #[arg(long, default_value = "sandbox")]
    pub tax_client_id: String,
    /// Tax platform: the agent app's client_secret.
    #[arg(
        long,
        default_value = "sandbox",
        env = "VENTANILLA_SANDBOX_TAX_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub tax_client_secret: String,
    /// Tax platform: lifetime of access tokens (expires_in), in seconds.
    #[arg(long, default_value_t = 36_000)]
    pub tax_token_lifetime_secs: u64,
    /// Card terminal: the URL each card_captured body is POSTed to (the document's
    /// subscription; also settable at run time: PUT /_sandbox/quickpay/subscription).
    #[arg(
        long,
        value_name = "URL",
        env = "VENTANILLA_SANDBOX_CARD_WEBHOOK",
        value_parser = parse_url,
        requires = "card_webhook_token"
    )]
    pub card_webhook: Option<String>,
    /// Card terminal: the bearer token sent with each card_captured body.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "VENTANILLA_SANDBOX_CARD_WEBHOOK_TOKEN",
        hide_env_values = true,
        requires = "card_webhook"
    )]
    pub card_webhook_token: Option<String>,
    /// Wallet gateway: the operator's token, the query parameter every call carries.
    #[arg(
        long,
        default_value = "sandbox",
        env = "VENTANILLA_SANDBOX_WALLET_TOKEN",
        hide_env_values = true
    )]
    pub wallet_token: String,
    /// Wallet gateway: the operator's secret, in the body of POST /bsv/pay.
    #[arg(
        long,
        default_value = "sandbox",
        env = "VENTANILLA_SANDBOX_WALLET_SECRET",
        hide_env_values = true
    )]
    pub wallet_secret: String,
    /// Wallet gateway: how long a connect session waits for the customer's consent, in
    /// seconds.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 600,
        env = "VENTANILLA_SANDBOX_WALLET_SESSION_TTL_SECS",
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub wallet_session_ttl_secs: u64,
    /// Wallet gateway: how long a payment stays unconfirmed (isconfirmed false), in seconds.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 2,
        env = "VENTANILLA_SANDBOX_WALLET_CONFIRM_SECS"
    )]
    pub wallet_confirm_secs: u64,
}

fn parse_url(url: &str) -> Result<String, String> {
    if crate::arkadu::admin_url_ok(url) {
        Ok(url.to_owned())
    } else {
        Err(format!("{url:?} is not an http(s) URL"))
    }
}

fn parse_currency(code: &str) -> Result<Currency, String> {
    Currency::from_iso(code).ok_or_else(|| format!("unknown currency {code:?}"))
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
            arkadu: ArkaduConfig {
                client_id: self.tax_client_id.clone(),
                client_secret: self.tax_client_secret.clone(),
                token_lifetime: Duration::from_secs(self.tax_token_lifetime_secs),
                order_ttl: Duration::from_secs(self.tax_order_ttl_secs),
                currency: self.tax_currency,
                callback_url: self.tax_callback.clone(),
                ..ArkaduConfig::default()
            },
            quickpay: QuickpayConfig {
                subscription: self
                    .card_webhook
                    .clone()
                    .zip(self.card_webhook_token.clone())
                    .map(|(url, token)| Subscription::new(url, token)),
                ..QuickpayConfig::default()
            },
            pennymatic: PennymaticConfig {
                token: Secret::new(self.wallet_token.clone()),
                secret: Secret::new(self.wallet_secret.clone()),
                session_ttl: Duration::from_secs(self.wallet_session_ttl_secs),
                confirm_delay: Duration::from_secs(self.wallet_confirm_secs),
                ..PennymaticConfig::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::SandboxArgs;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: SandboxArgs,
    }

    #[test]
    fn tax_flags_reach_the_config() {
        let cli = Cli::try_parse_from([
            "sandbox",
            "--tax-callback",
            "http://127.0.0.1:9000/tax",
            "--tax-order-ttl-secs",
            "5",
            "--tax-currency",
            "clp",
        ])
        .unwrap();
        let cfg = cli.args.config().arkadu;
        assert_eq!(
            cfg.callback_url.as_deref(),
            Some("http://127.0.0.1:9000/tax")
        );
        assert_eq!(cfg.order_ttl, std::time::Duration::from_secs(5));
        assert_eq!(cfg.currency, ventanilla_core::Currency::Clp);
        assert!(Cli::try_parse_from(["sandbox", "--tax-callback", "nope"]).is_err());
        assert!(Cli::try_parse_from(["sandbox", "--tax-order-ttl-secs", "0"]).is_err());
        let short = Cli::try_parse_from(["sandbox", "--tax-order-ttl", "2"]).unwrap();
        assert_eq!(
            short.args.config().arkadu.order_ttl,
            std::time::Duration::from_secs(2)
        );
        assert!(Cli::try_parse_from(["sandbox", "--tax-order-ttl", "soon"]).is_err());
    }

    #[test]
    fn card_and_wallet_flags_reach_the_config() {
        let cli = Cli::try_parse_from([
            "sandbox",
            "--card-webhook",
            "http://127.0.0.1:9000/captures/tokenization/webhook_callback",
            "--card-webhook-token",
            "tok",
            "--wallet-token",
            "op",
            "--wallet-secret",
            "sec",
            "--wallet-session-ttl-secs",
            "5",
            "--wallet-confirm-secs",
            "0",
        ])
        .unwrap();
        let cfg = cli.args.config();
        let sub = cfg.quickpay.subscription.unwrap();
        assert_eq!(
            sub.url,
            "http://127.0.0.1:9000/captures/tokenization/webhook_callback"
        );
        assert_eq!(sub.token.expose(), "tok");
        assert!(!format!("{:?}", cli.args.config()).contains("\"tok\""));
        assert_eq!(cfg.pennymatic.token.expose(), "op");
        assert_eq!(cfg.pennymatic.secret.expose(), "sec");
        assert_eq!(
            cfg.pennymatic.session_ttl,
            std::time::Duration::from_secs(5)
        );
        assert_eq!(cfg.pennymatic.confirm_delay, std::time::Duration::ZERO);
        let plain = Cli::try_parse_from(["sandbox"]).unwrap().args.config();
        assert!(plain.quickpay.subscription.is_none());
        assert_eq!(plain.pennymatic.token.expose(), "sandbox");
        assert_eq!(plain.pennymatic.session_ttl.as_secs(), 600);
        assert_eq!(plain.pennymatic.confirm_delay.as_secs(), 2);
        // A subscription is a URL and its token, both or neither.
        assert!(Cli::try_parse_from(["sandbox", "--card-webhook", "http://x/cb"]).is_err());
        assert!(Cli::try_parse_from(["sandbox", "--card-webhook-token", "t"]).is_err());
        assert!(Cli::try_parse_from([
            "sandbox",
            "--card-webhook",
            "ftp://x",
            "--card-webhook-token",
            "t"
        ])
        .is_err());
        assert!(Cli::try_parse_from(["sandbox", "--wallet-session-ttl-secs", "0"]).is_err());
    }
}
