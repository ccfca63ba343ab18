//! How a counter is set up: where its journal lives, which hub it talks to, who works it.
//! Read from `VENTANILLA_*` environment variables; everything has a default that runs against
//! the built-in sandbox.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use ventanilla_core::link::LinkPolicy;
use ventanilla_core::outbox::DeliveryPolicy;
use ventanilla_core::payment::PollPolicy;
use ventanilla_core::{Secret, DEFAULT_MAX_CASH_FACTOR};

use crate::i18n::Locale;

#[derive(Debug, Clone)]
pub enum HubTarget {
    /// The built-in simulator, served from this process on loopback. `port` 0 picks a free one.
    Sandbox { port: u16 },
    Real {
        base_url: String,
        user_id: String,
        password: Secret,
        application_id: String,
        device_id: String,
    },
}

/// Where tax orders go: the built-in simulator (beside the hub's), a real platform, or nowhere
/// (a real hub with no tax platform configured: the counter takes bills only).
#[derive(Debug, Clone)]
pub enum TaxTarget {
    Sandbox,
    Real {
        base_url: String,
        client_id: String,
        client_secret: Secret,
        currency: ventanilla_core::Currency,
    },
    Off,
}

/// Where card payments are captured: the built-in terminal simulator, a real semi-integrated
/// terminal (its capture endpoint, and the token its proxy's webhook carries), or none.
#[derive(Debug, Clone)]
pub enum CardTarget {
    Sandbox,
    Real {
        terminal_url: String,
        webhook_token: Secret,
    },
    Off,
}

/// Where wallet payments go: the built-in wallet gateway simulator, a real one, or none.
#[derive(Debug, Clone)]
pub enum WalletTarget {
    Sandbox,
    Real {
        base_url: String,
        token: Secret,
        secret: Secret,
    },
    Off,
}

#[derive(Debug, Clone)]
pub struct AppConfig {
    pub data_dir: PathBuf,
    pub hub: HubTarget,
    pub tax: TaxTarget,
    pub card: CardTarget,
    /// How long a card capture waits for the customer at the terminal.
    pub card_timeout: Duration,
    pub wallet: WalletTarget,
    /// How long a wallet-connect QR code waits for the customer's consent.
    pub wallet_session_ttl: Duration,
    pub counter: String,
    pub cashier: String,
    pub locale: Locale,
    /// How long the hub gets to answer a sale before Ventanilla starts asking about it.
    pub pay_timeout: Duration,
    /// How long every other hub call (lookups, status queries, receipts) may take.
    pub call_timeout: Duration,
    pub poll: PollPolicy,
    /// Keystrokes closer together than this are a scanner, not a person (used by the UI).
    pub scan_gap_ms: u32,
    /// How the outbox retries and how many operations it sends at once.
    pub delivery: DeliveryPolicy,
    /// When the link counts as degraded or offline.
    pub link: LinkPolicy,
    /// How often the hub is probed when no real call says how the link is.
    pub probe_online: Duration,
    pub probe_offline: Duration,
    /// Upper bound on the journal's size in SQLite pages (`None`: the disk is the limit).
    pub journal_max_pages: Option<u32>,
    /// Cash received may be at most this many times the amount due (exact cash always passes),
    /// so a slip of the keyboard never becomes change on a receipt.
    pub max_cash_factor: u32,
    /// A journal up to this size gets its full integrity check before the counter opens; a
    /// larger one is checked behind the open window, with money refused until it passes.
    pub inline_check_max_bytes: u64,
    /// Where the webhook listener (every gateway's calls to this counter) binds: loopback by
    /// default; port 0 picks a free one.
    pub webhook_bind: SocketAddr,
    /// The secret the tax platform's callbacks carry; none: one generated once and kept in
    /// the data folder (`arkadu-callback.secret`, readable by this user only).
    pub tax_callback_secret: Option<Secret>,
    /// Carry that secret as this header's value instead of in the URL's last segment.
    pub tax_callback_header: Option<String>,
    /// How long the built-in tax platform keeps an order open for its payment (`None`: the
    /// platform's own 4 h). Short lifetimes let expiry be tried without waiting hours.
    pub sandbox_tax_order_ttl: Option<Duration>,
}

/// Where the desktop app keeps its data when `VENTANILLA_DATA_DIR` is not set: the same folder
/// Tauri gives the app (`$XDG_DATA_HOME/ar.ventanilla.desktop`), so the CLI finds the counter's
/// journal without being told.
pub fn default_data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("ar.ventanilla.desktop")
}

impl AppConfig {
    /// Sandbox defaults, with the journal in `data_dir`.
    pub fn sandbox(data_dir: PathBuf) -> AppConfig {
        AppConfig {
            data_dir,
            hub: HubTarget::Sandbox { port: 0 },
            tax: TaxTarget::Sandbox,
            card: CardTarget::Sandbox,
            card_timeout: Duration::from_secs(180),
            wallet: WalletTarget::Sandbox,
            wallet_session_ttl: Duration::from_secs(600),
            counter: "Caja 1".into(),
            cashier: "Cajero".into(),
            locale: Locale::Es,
            pay_timeout: Duration::from_secs(60),
            call_timeout: Duration::from_secs(15),
            poll: PollPolicy::default(),
            scan_gap_ms: 50,
            delivery: DeliveryPolicy {
                backoff_base: Duration::from_secs(5),
                ..DeliveryPolicy::default()
            },
            link: LinkPolicy::default(),
            probe_online: Duration::from_secs(5),
            probe_offline: Duration::from_secs(3),
            journal_max_pages: None,
            max_cash_factor: DEFAULT_MAX_CASH_FACTOR,
            inline_check_max_bytes: 16 * 1024 * 1024,
            webhook_bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            tax_callback_secret: None,
            tax_callback_header: None,
            sandbox_tax_order_ttl: None,
        }
    }

    /// Defaults overridden by `VENTANILLA_*` variables. A real hub is used only when
    /// `VENTANILLA_HUB_URL` is set.
    pub fn from_env(default_data_dir: PathBuf) -> Result<AppConfig, String> {
        Self::from_vars(default_data_dir, |k| std::env::var(k).ok())
    }

    pub fn from_vars(
        default_data_dir: PathBuf,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<AppConfig, String> {
        let data_dir = var("VENTANILLA_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or(default_data_dir);
        let mut cfg = AppConfig::sandbox(data_dir);
        let secs = |name: &str, default: Duration| -> Result<Duration, String> {
            match var(name) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .map(Duration::from_secs)
                    .map_err(|_| format!("{name} must be a whole number of seconds, not {v:?}")),
            }
        };
        // A wait of zero would time out every capture and every QR code as it is shown.
        let positive_secs = |name: &str, default: Duration| -> Result<Duration, String> {
            let d = secs(name, default)?;
            if d.is_zero() {
                return Err(format!(
                    "{name} must be a whole number of seconds from 1 up"
                ));
            }
            Ok(d)
        };
        cfg.hub = match var("VENTANILLA_HUB_URL").filter(|u| !u.trim().is_empty()) {
            Some(base_url) => HubTarget::Real {
                base_url,
                user_id: var("VENTANILLA_HUB_USER").ok_or("VENTANILLA_HUB_USER is required")?,
                password: Secret::new(
                    var("VENTANILLA_HUB_PASSWORD").ok_or("VENTANILLA_HUB_PASSWORD is required")?,
                ),
                application_id: var("VENTANILLA_HUB_APPLICATION_ID")
                    .ok_or("VENTANILLA_HUB_APPLICATION_ID is required")?,
                device_id: var("VENTANILLA_HUB_DEVICE_ID")
                    .ok_or("VENTANILLA_HUB_DEVICE_ID is required")?,
            },
            None => HubTarget::Sandbox {
                port: match var("VENTANILLA_SANDBOX_PORT") {
                    None => 0,
                    Some(p) => p.trim().parse().map_err(|_| {
                        format!("VENTANILLA_SANDBOX_PORT must be a port number, not {p:?}")
                    })?,
                },
            },
        };
        cfg.tax = match var("VENTANILLA_TAX_URL").filter(|u| !u.trim().is_empty()) {
            Some(base_url) => TaxTarget::Real {
                base_url,
                client_id: var("VENTANILLA_TAX_CLIENT_ID")
                    .ok_or("VENTANILLA_TAX_CLIENT_ID is required")?,
                client_secret: Secret::new(
                    var("VENTANILLA_TAX_CLIENT_SECRET")
                        .ok_or("VENTANILLA_TAX_CLIENT_SECRET is required")?,
                ),
                currency: match var("VENTANILLA_TAX_CURRENCY") {
                    None => ventanilla_core::Currency::Ves,
                    Some(c) => ventanilla_core::Currency::from_iso(c.trim())
                        .ok_or(format!("VENTANILLA_TAX_CURRENCY: unknown currency {c:?}"))?,
                },
            },
            // The simulator runs only beside a simulated hub.
            None if matches!(cfg.hub, HubTarget::Sandbox { .. }) => TaxTarget::Sandbox,
            None => TaxTarget::Off,
        };
        let simulated = matches!(cfg.hub, HubTarget::Sandbox { .. });
        cfg.card = match var("VENTANILLA_CARD_TERMINAL_URL").filter(|u| !u.trim().is_empty()) {
            Some(terminal_url) => CardTarget::Real {
                terminal_url,
                webhook_token: Secret::new(
                    var("VENTANILLA_CARD_WEBHOOK_TOKEN")
                        .filter(|t| t.len() >= 16)
                        .ok_or(
                            "VENTANILLA_CARD_WEBHOOK_TOKEN is required: 16 or more characters",
                        )?,
                ),
            },
            None if simulated => CardTarget::Sandbox,
            None => CardTarget::Off,
        };
        cfg.wallet = match var("VENTANILLA_WALLET_URL").filter(|u| !u.trim().is_empty()) {
            Some(base_url) => WalletTarget::Real {
                base_url,
                token: Secret::new(
                    var("VENTANILLA_WALLET_TOKEN").ok_or("VENTANILLA_WALLET_TOKEN is required")?,
                ),
                secret: Secret::new(
                    var("VENTANILLA_WALLET_SECRET")
                        .ok_or("VENTANILLA_WALLET_SECRET is required")?,
                ),
            },
            None if simulated => WalletTarget::Sandbox,
            None => WalletTarget::Off,
        };
        cfg.card_timeout = positive_secs("VENTANILLA_CARD_TIMEOUT_SECS", cfg.card_timeout)?;
        cfg.wallet_session_ttl =
            positive_secs("VENTANILLA_WALLET_SESSION_SECS", cfg.wallet_session_ttl)?;
        if let Some(v) = var("VENTANILLA_COUNTER") {
            cfg.counter = v;
        }
        if let Some(v) = var("VENTANILLA_CASHIER") {
            cfg.cashier = v;
        }
        if let Some(v) = var("VENTANILLA_LOCALE") {
            cfg.locale = Locale::parse(&v).ok_or(format!("VENTANILLA_LOCALE: unknown {v:?}"))?;
        }
        cfg.pay_timeout = secs("VENTANILLA_PAY_TIMEOUT_SECS", cfg.pay_timeout)?;
        cfg.call_timeout = secs("VENTANILLA_CALL_TIMEOUT_SECS", cfg.call_timeout)?;
        cfg.poll.first = secs("VENTANILLA_POLL_FIRST_SECS", cfg.poll.first)?;
        cfg.poll.max = secs("VENTANILLA_POLL_MAX_SECS", cfg.poll.max)?.max(cfg.poll.first);
        let hours = secs("VENTANILLA_KEY_LIFETIME_HOURS", Duration::from_secs(24))?;
        cfg.delivery.key_lifetime = hours.saturating_mul(3600);
        if let Some(v) = var("VENTANILLA_OUTBOX_MAX_ATTEMPTS") {
            cfg.delivery.max_attempts = v
                .trim()
                .parse()
                .map_err(|_| format!("VENTANILLA_OUTBOX_MAX_ATTEMPTS: not a number {v:?}"))?;
        }
        cfg.delivery.backoff_base =
            secs("VENTANILLA_BACKOFF_FIRST_SECS", cfg.delivery.backoff_base)?;
        cfg.delivery.backoff_max = secs("VENTANILLA_BACKOFF_MAX_SECS", cfg.delivery.backoff_max)?;
        cfg.probe_offline = secs("VENTANILLA_PROBE_OFFLINE_SECS", cfg.probe_offline)?;
        cfg.probe_online = secs("VENTANILLA_PROBE_ONLINE_SECS", cfg.probe_online)?;
        if let Some(v) = var("VENTANILLA_SCAN_GAP_MS") {
            cfg.scan_gap_ms = v
                .trim()
                .parse()
                .map_err(|_| format!("VENTANILLA_SCAN_GAP_MS: not a number {v:?}"))?;
        }
        if let Some(v) = var("VENTANILLA_MAX_CASH_FACTOR") {
            cfg.max_cash_factor = v.trim().parse().ok().filter(|f| *f >= 1).ok_or(format!(
                "VENTANILLA_MAX_CASH_FACTOR must be a whole number from 1 up, not {v:?}"
            ))?;
        }
        cfg.tax_callback_secret = var("VENTANILLA_TAX_CALLBACK_SECRET")
            .filter(|v| !v.is_empty())
            .map(Secret::new);
        cfg.tax_callback_header = var("VENTANILLA_TAX_CALLBACK_HEADER").filter(|v| !v.is_empty());
        if let Some(v) = var("VENTANILLA_SANDBOX_TAX_ORDER_TTL_SECS") {
            // Zero would expire every order as it is created: a typo, not a setting.
            let ttl = v.trim().parse::<u64>().ok().filter(|s| *s >= 1).ok_or(format!(
                "VENTANILLA_SANDBOX_TAX_ORDER_TTL_SECS must be a whole number of seconds from 1 up, not {v:?}"
            ))?;
            cfg.sandbox_tax_order_ttl = Some(Duration::from_secs(ttl));
        }
        if let Some(v) = var("VENTANILLA_WEBHOOK_BIND") {
            cfg.webhook_bind = v.trim().parse().map_err(|_| {
                format!("VENTANILLA_WEBHOOK_BIND must be an address and port such as 127.0.0.1:8787, not {v:?}")
            })?;
        }
        Ok(cfg)
    }

    pub fn is_sandbox(&self) -> bool {
        matches!(self.hub, HubTarget::Sandbox { .. })
    }

    pub fn journal_path(&self) -> PathBuf {
        self.data_dir.join("journal.sqlite")
    }

    pub fn sandbox_state_path(&self) -> PathBuf {
        self.data_dir.join("sandbox-state.json")
    }

    pub fn receipts_dir(&self) -> PathBuf {
        self.data_dir.join("receipts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(vars: &[(&str, &str)]) -> Result<AppConfig, String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        AppConfig::from_vars(PathBuf::from("/tmp/x"), |k| map.get(k).cloned())
    }

    #[test]
    fn sandbox_is_the_default_and_real_hubs_need_credentials() {
        assert!(cfg(&[]).unwrap().is_sandbox());
        let err = cfg(&[("VENTANILLA_HUB_URL", "https://hub.example")]).unwrap_err();
        assert!(err.contains("VENTANILLA_HUB_USER"));
        let real = cfg(&[
            ("VENTANILLA_HUB_URL", "https://hub.example"),
            ("VENTANILLA_HUB_USER", "u"),
            ("VENTANILLA_HUB_PASSWORD", "p4ss"),
            ("VENTANILLA_HUB_APPLICATION_ID", "a"),
            ("VENTANILLA_HUB_DEVICE_ID", "d"),
        ])
        .unwrap();
        assert!(!real.is_sandbox());
        assert!(
            !format!("{real:?}").contains("p4ss"),
            "the password never prints"
        );
        assert!(cfg(&[("VENTANILLA_PAY_TIMEOUT_SECS", "soon")]).is_err());
        assert_eq!(
            cfg(&[("VENTANILLA_PAY_TIMEOUT_SECS", "3")])
                .unwrap()
                .pay_timeout
                .as_secs(),
            3
        );
    }

    #[test]
    fn cash_may_be_a_hundred_times_the_total_unless_configured() {
        assert_eq!(cfg(&[]).unwrap().max_cash_factor, 100);
        assert_eq!(
            cfg(&[("VENTANILLA_MAX_CASH_FACTOR", " 20 ")])
                .unwrap()
                .max_cash_factor,
            20
        );
        for bad in ["0", "-5", "lots", "1.5", ""] {
            let err = cfg(&[("VENTANILLA_MAX_CASH_FACTOR", bad)]).unwrap_err();
            assert!(err.contains("VENTANILLA_MAX_CASH_FACTOR"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_sandbox_tax_order_lifetime_is_the_platforms_unless_configured_in_seconds() {
        assert_eq!(cfg(&[]).unwrap().sandbox_tax_order_ttl, None);
        let set = cfg(&[("VENTANILLA_SANDBOX_TAX_ORDER_TTL_SECS", " 2 ")]).unwrap();
        assert_eq!(set.sandbox_tax_order_ttl, Some(Duration::from_secs(2)));
        for bad in ["0", "-1", "2s", "1.5", "", "99999999999999999999999"] {
            let err = cfg(&[("VENTANILLA_SANDBOX_TAX_ORDER_TTL_SECS", bad)]).unwrap_err();
            assert!(
                err.contains("VENTANILLA_SANDBOX_TAX_ORDER_TTL_SECS") && err.contains("seconds"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn webhooks_listen_on_loopback_unless_configured() {
        let default = cfg(&[]).unwrap().webhook_bind;
        assert!(default.ip().is_loopback() && default.port() == 0);
        let set = cfg(&[("VENTANILLA_WEBHOOK_BIND", " 0.0.0.0:8787 ")]).unwrap();
        assert_eq!(set.webhook_bind.to_string(), "0.0.0.0:8787");
        assert!(cfg(&[("VENTANILLA_WEBHOOK_BIND", "8787")]).is_err());
    }
}
