//! Starting the counter (journal + hub) the way the desktop app does, for the subcommands that
//! work on sales.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use ventanilla_app::{default_data_dir, AppConfig, NoEvents, Ventanilla};

/// Options shared by the subcommands that open the counter.
#[derive(Debug, Clone, Args)]
pub struct CounterArgs {
    /// The counter's data folder (journal, receipts). Default: `VENTANILLA_DATA_DIR`, else the
    /// desktop app's folder.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

impl CounterArgs {
    /// Configuration from the environment (see the README), with `--data-dir` on top.
    pub fn config(&self) -> Result<AppConfig, String> {
        let mut cfg = AppConfig::from_env(default_data_dir())?;
        if let Some(dir) = &self.data_dir {
            cfg.data_dir = dir.clone();
        }
        Ok(cfg)
    }

    /// Opens the journal and resumes every unresolved sale, as the desktop app does.
    pub async fn start(&self) -> Result<Ventanilla, Box<dyn std::error::Error>> {
        let cfg = self.config()?;
        Ok(Ventanilla::start(cfg, Arc::new(NoEvents)).await?)
    }
}

/// One line per sale, for humans and scripts alike.
pub fn sale_line(s: &ventanilla_app::views::SaleView) -> String {
    format!(
        "sale {} {} {} {} {} ref={}{}",
        s.id,
        s.state,
        s.amount.amount,
        s.amount.currency,
        s.company_name,
        s.client_transaction_id,
        s.reason
            .as_deref()
            .map(|r| format!(" reason={r:?}"))
            .unwrap_or_default()
    )
}
