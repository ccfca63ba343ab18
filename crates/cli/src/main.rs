//! `ventanilla`: the headless front end. One module per subcommand under `src/commands/`; add a
//! variant to [`Command`] and a line to [`run`] to add one.

mod commands;

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
    /// Run the gateway simulator (bill-payment hub) until Ctrl-C.
    Sandbox(ventanilla_sandbox::SandboxArgs),
    /// Look a bill up by barcode and charge it in cash; waits for the hub's final answer.
    Pay(commands::pay::PayArgs),
    /// Ask the hub about every unresolved sale in the journal and wait for the answers.
    Reconcile(commands::reconcile::ReconcileArgs),
    /// List the latest sales in the journal.
    History(commands::history::HistoryArgs),
    /// Kill the counter and break the hub at random; prove no payment is lost or doubled.
    Chaos(commands::chaos::ChaosArgs),
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    match cli.command {
        Command::Sandbox(args) => commands::sandbox::run(args).await,
        Command::Pay(args) => commands::pay::run(args).await,
        Command::Reconcile(args) => commands::reconcile::run(args).await,
        Command::History(args) => commands::history::run(args).await,
        Command::Chaos(args) => commands::chaos::run(args).await,
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
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
