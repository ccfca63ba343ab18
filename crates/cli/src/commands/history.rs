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

pub async fn run(args: HistoryArgs) -> Result<(), Box<dyn std::error::Error>> {
    let app = args.counter.start().await?;
    for sale in app.history(args.limit)? {
        println!("{}", sale_line(&sale));
    }
    app.shutdown().await;
    Ok(())
}
