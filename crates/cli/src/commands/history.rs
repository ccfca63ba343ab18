//! `ventanilla history`: the latest sales in the journal, newest first.

use clap::Args;

use super::counter::{sale_line, CounterArgs};

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub counter: CounterArgs,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
}

/// Reads the journal without owning it, so it works beside the open counter window.
pub async fn run(args: HistoryArgs) -> Result<(), Box<dyn std::error::Error>> {
    let cfg = args.counter.config()?;
    for sale in ventanilla_app::read_only_history(&cfg, args.limit)? {
        println!("{}", sale_line(&sale));
    }
    Ok(())
}
