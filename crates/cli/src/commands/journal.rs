//! `ventanilla journal check`: what the counter checks at start-up, run by support on a
//! counter's data folder (even while the counter is open) or on a copy, changing nothing.

use clap::{Args, Subcommand};

use super::counter::CounterArgs;

#[derive(Debug, Args)]
pub struct JournalArgs {
    #[command(subcommand)]
    pub action: JournalAction,
}

#[derive(Debug, Subcommand)]
pub enum JournalAction {
    /// Nothing lost (against `journal.chain`), nothing altered (the chain of sale records),
    /// and SQLite's full integrity check. Exit status 0 only when all hold.
    Check(CounterArgs),
}

pub fn run(args: JournalArgs) -> Result<(), Box<dyn std::error::Error>> {
    match args.action {
        JournalAction::Check(counter) => {
            let cfg = counter.config()?;
            let records = ventanilla_app::check_journal(&cfg)?;
            println!(
                "journal ok: {} ({records} sale records chained, nothing lost or altered, integrity ok)",
                cfg.journal_path().display()
            );
            Ok(())
        }
    }
}
