//! The controller's side of one counter process: start it pointed at the in-process hub, read
//! what it reports, and kill it with SIGKILL.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};

use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

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
            // Only the hub's own tax platform, and only with tax tickets (below).
            .env_remove("VENTANILLA_TAX_URL")
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
        for other in ["resumed 3", "resumed x 7", "refunded 12 2"] {
            assert_eq!(parse(other), Report::Other(other.into()));
        }
    }
}
