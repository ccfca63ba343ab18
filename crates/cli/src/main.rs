//! `ventanilla`: the headless front end. One module per subcommand under `src/commands/`; add a
//! variant to [`Command`] and a line to [`run`] to add one.

mod commands;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "ventanilla", version, about = "Ventanilla cashier, headless")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the gateway simulator (bill-payment hub, tax platform) until Ctrl-C.
    Sandbox(ventanilla_sandbox::SandboxArgs),
    /// Charge one or more bills (by barcode) as one ticket in cash; waits for every answer.
    Pay(commands::pay::PayArgs),
    /// Ask the hub about every unresolved sale in the journal and wait for the answers.
    Reconcile(commands::reconcile::ReconcileArgs),
    /// List the latest sales in the journal.
    History(commands::history::HistoryArgs),
    /// Check the journal without changing it: nothing lost, nothing altered, SQLite sound.
    Journal(commands::journal::JournalArgs),
    /// Kill the counter and break the hub at random; prove no payment is lost or doubled.
    Chaos(commands::chaos::ChaosArgs),
    /// The operations waiting for a person ("Necesita atención"): list, retry or resolve them.
    Attention(commands::attention::AttentionArgs),
    /// Municipal taxes: a taxpayer's debts, or an order of some of them paid in cash.
    Tax(commands::tax::TaxArgs),
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    match cli.command {
        Command::Sandbox(args) => commands::sandbox::run(args).await,
        Command::Pay(args) => commands::pay::run(args).await,
        Command::Reconcile(args) => commands::reconcile::run(args).await,
        Command::History(args) => commands::history::run(args).await,
        Command::Journal(args) => commands::journal::run(args),
        Command::Chaos(args) => commands::chaos::run(args).await,
        Command::Attention(args) => commands::attention::run(args).await,
        Command::Tax(args) => commands::tax::run(args).await,
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour_logs(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR"),
        ))
        .init();
}

/// Colours only for a person at a terminal: in a log file, a pipe or a journal the escape codes
/// are noise. `NO_COLOR` set to anything but "" turns them off (https://no-color.org).
fn colour_logs(is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::colour_logs;

    #[test]
    fn colours_only_on_a_terminal_without_no_color() {
        assert!(colour_logs(true, None));
        assert!(
            colour_logs(true, Some("".into())),
            "an empty NO_COLOR is unset"
        );
        assert!(!colour_logs(true, Some("1".into())));
        assert!(!colour_logs(false, None));
        assert!(!colour_logs(false, Some("1".into())));
    }
}
