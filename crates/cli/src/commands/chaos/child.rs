//! The controller's side of one counter process: start it pointed at the in-process hub, read
//! what it reports, and kill it with SIGKILL.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};

use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

use super::customer::{self, Call};
use super::split_tickets;

/// How every counter process of a run is started.
#[derive(Debug, Clone)]
pub struct Launch {
    pub exe: PathBuf,
    pub hub_url: String,
    pub data_dir: PathBuf,
    pub plan: PathBuf,
    /// Where the counters' stderr (the app's warnings) is appended, for post-mortems.
    pub log: PathBuf,
    /// With tax tickets: the tax plan, and where the platform calls the counter back.
    pub tax: Option<TaxLink>,
    /// With split tickets: their plan, and where the terminal and the wallet call the counter.
    pub split: Option<SplitLink>,
}

/// How every counter of a run takes tax tickets: the same listener address and secret at each
/// start, for the platform keeps calling back the URL it was given, through kills.
#[derive(Debug, Clone)]
pub struct TaxLink {
    pub plan: PathBuf,
    pub webhook_bind: std::net::SocketAddr,
    pub callback_secret: String,
}

impl TaxLink {
    /// The URL the platform is given: the counter's listener, the secret in its path.
    pub fn callback_url(&self) -> String {
        format!(
            "http://{}/arkadu/callback/{}",
            self.webhook_bind, self.callback_secret
        )
    }
}

/// How every counter of a run takes split tickets: the hub's card terminal and wallet, and the
/// same listener address (shared with the tax callbacks) and card webhook token at each start,
/// for the terminal and the wallet keep delivering to the URL they were given, through kills.
#[derive(Debug, Clone)]
pub struct SplitLink {
    pub plan: PathBuf,
    pub webhook_bind: std::net::SocketAddr,
    pub card_token: String,
}

impl SplitLink {
    /// The URL the terminal's proxy POSTs each capture to: the counter's listener.
    pub fn card_webhook_url(&self) -> String {
        format!(
            "http://{}/captures/tokenization/webhook_callback",
            self.webhook_bind
        )
    }
}

/// What a counter line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Started; this many planned tickets, and their bills, were already in the journal.
    Resumed {
        tickets: usize,
        bills: usize,
    },
    /// One more planned ticket is in the journal.
    Journaled,
    /// Nothing left in flight; about to exit.
    Settled,
    /// The counter asks its customer for a card or a wallet (`customer`).
    Customer(Call),
    Other(String),
}

pub fn parse(line: &str) -> Report {
    let resumed = line.strip_prefix("resumed ").and_then(|n| {
        let (tickets, bills) = n.split_once(' ')?;
        Some(Report::Resumed {
            tickets: tickets.parse().ok()?,
            bills: bills.parse().ok()?,
        })
    });
    if let Some(r) = resumed {
        r
    } else if line.starts_with("journaled ") {
        Report::Journaled
    } else if line == "settled" {
        Report::Settled
    } else if let Some(call) = customer::parse(line) {
        Report::Customer(call)
    } else {
        Report::Other(line.to_string())
    }
}

pub struct Counter {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Counter {
    pub fn start(launch: &Launch) -> std::io::Result<Counter> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&launch.log)?;
        let mut command = Command::new(&launch.exe);
        command
            .args(["chaos", "counter", "--data-dir"])
            .arg(&launch.data_dir)
            .arg("--plan")
            .arg(&launch.plan)
            .env_remove("VENTANILLA_DATA_DIR")
            .env("VENTANILLA_HUB_URL", &launch.hub_url)
            .env("VENTANILLA_HUB_USER", "sandbox")
            .env("VENTANILLA_HUB_PASSWORD", "sandbox")
            .env("VENTANILLA_HUB_APPLICATION_ID", "ventanilla-chaos")
            .env("VENTANILLA_HUB_DEVICE_ID", "caja-chaos")
            // Short timeouts: faults are compressed in time, so must be the counter's patience.
            .env("VENTANILLA_PAY_TIMEOUT_SECS", "1")
            .env("VENTANILLA_POLL_FIRST_SECS", "1")
            .env("VENTANILLA_POLL_MAX_SECS", "1")
            // Every other call (a login, a lookup, a status query) likewise: a counter started
            // during an `all:no_answer` outage otherwise waits out a 15 s login before its
            // first lookup, whatever the hub does meanwhile.
            .env("VENTANILLA_CALL_TIMEOUT_SECS", "3")
            // The outbox sender's retry backoff and offline probe (ignored by an app without
            // them), compressed like everything else.
            .env("VENTANILLA_BACKOFF_FIRST_SECS", "1")
            .env("VENTANILLA_BACKOFF_MAX_SECS", "2")
            .env("VENTANILLA_PROBE_OFFLINE_SECS", "1")
            .env("NO_COLOR", "1")
            // Only the hub's own tax platform, and only with tax tickets (below); likewise its
            // card terminal and wallet, with split tickets.
            .env_remove("VENTANILLA_TAX_URL")
            .env_remove("VENTANILLA_CARD_TERMINAL_URL")
            .env_remove("VENTANILLA_WALLET_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .kill_on_drop(true);
        if let Some(tax) = &launch.tax {
            // The hub serves the tax platform too, at its document's paths.
            command
                .arg("--tax-plan")
                .arg(&tax.plan)
                .env("VENTANILLA_TAX_URL", &launch.hub_url)
                .env("VENTANILLA_TAX_CLIENT_ID", "sandbox")
                .env("VENTANILLA_TAX_CLIENT_SECRET", "sandbox")
                .env("VENTANILLA_WEBHOOK_BIND", tax.webhook_bind.to_string())
                .env("VENTANILLA_TAX_CALLBACK_SECRET", &tax.callback_secret);
        }
        if let Some(split) = &launch.split {
            command
                .arg("--split-plan")
                .arg(&split.plan)
                .env("VENTANILLA_CARD_TERMINAL_URL", &launch.hub_url)
                .env("VENTANILLA_CARD_WEBHOOK_TOKEN", &split.card_token)
                .env("VENTANILLA_WALLET_URL", &launch.hub_url)
                .env("VENTANILLA_WALLET_TOKEN", "sandbox")
                .env("VENTANILLA_WALLET_SECRET", "sandbox")
                .env("VENTANILLA_WEBHOOK_BIND", split.webhook_bind.to_string())
                .env(
                    "VENTANILLA_CARD_TIMEOUT_SECS",
                    split_tickets::CARD_WAIT.as_secs().to_string(),
                )
                .env(
                    "VENTANILLA_WALLET_SESSION_SECS",
                    split_tickets::WALLET_WAIT.as_secs().to_string(),
                );
        }
        let mut child = command.spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "counter without stdout")
        })?;
        Ok(Counter {
            child,
            lines: BufReader::new(stdout).lines(),
        })
    }

    /// The next line it printed; `None` once it closed stdout (it ended).
    pub async fn next(&mut self) -> Option<Report> {
        self.lines
            .next_line()
            .await
            .ok()
            .flatten()
            .map(|l| parse(&l))
    }

    /// SIGKILL, and its end: see [`killed_by_signal`], for it may have exited on its own just
    /// before (then the status is its own).
    pub async fn kill(&mut self) -> std::io::Result<ExitStatus> {
        self.child.start_kill()?;
        self.child.wait().await
    }

    pub async fn wait(&mut self) -> std::io::Result<ExitStatus> {
        self.child.wait().await
    }
}

#[cfg(unix)]
pub fn killed_by_signal(status: &ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(9)
}

#[cfg(not(unix))]
pub fn killed_by_signal(status: &ExitStatus) -> bool {
    !status.success()
}

/// The last lines of the counters' log, to show why one failed.
pub fn log_tail(log: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_s_lines_are_read() {
        assert_eq!(
            parse("resumed 3 7"),
            Report::Resumed {
                tickets: 3,
                bills: 7
            }
        );
        assert_eq!(parse("journaled 12 4"), Report::Journaled);
        assert_eq!(parse("settled"), Report::Settled);
        assert_eq!(
            parse("customer card 4"),
            Report::Customer(Call::Card { turn: 4 })
        );
        for other in ["resumed 3", "resumed x 7", "refunded 12 2"] {
            assert_eq!(parse(other), Report::Other(other.into()));
        }
    }
}
