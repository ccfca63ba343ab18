//! `ventanilla pay BARCODE`: look a bill up and charge it in cash, as the cashier's screen does.

use std::time::Duration;

use clap::Args;
use ventanilla_app::views::BarcodeLookup;

use super::counter::{sale_line, CounterArgs};

#[derive(Debug, Args)]
pub struct PayArgs {
    #[command(flatten)]
    pub counter: CounterArgs,
    /// The bill's barcode.
    pub barcode: String,
    /// Company code, when the barcode matches bills of several companies.
    #[arg(long)]
    pub company: Option<String>,
    /// Amount to charge (open-amount bills); default: the bill's total.
    #[arg(long, default_value = "")]
    pub amount: String,
    /// Cash received; default: exact cash.
    #[arg(long, default_value = "")]
    pub received: String,
    /// How long to wait for the hub's final answer (0: do not wait).
    #[arg(long, default_value_t = 120)]
    pub wait_secs: u64,
}

pub async fn run(args: PayArgs) -> Result<(), Box<dyn std::error::Error>> {
    let app = args.counter.start().await?;
    let bills = match &args.company {
        Some(code) => app.find_by_barcode_for_company(&args.barcode, code).await?,
        None => match app.find_by_barcode(&args.barcode).await? {
            BarcodeLookup::Bills { bills } => bills,
            BarcodeLookup::ChooseCompany { companies, .. } => {
                let codes: Vec<String> = companies
                    .iter()
                    .map(|c| format!("{} ({})", c.code, c.name))
                    .collect();
                return Err(format!(
                    "the barcode matches several companies; pass --company with one of: {}",
                    codes.join(", ")
                )
                .into());
            }
        },
    };
    let bill = bills.first().ok_or("no bill")?;
    let sale = app.pay_cash(bill.key, &args.amount, &args.received)?;
    println!("{}", sale_line(&sale));
    if args.wait_secs == 0 {
        return Ok(());
    }
    let sale = app
        .wait_final(sale.id, Duration::from_secs(args.wait_secs))
        .await?;
    println!("{}", sale_line(&sale));
    app.shutdown().await;
    if sale.is_final {
        Ok(())
    } else {
        Err(format!(
            "sale {} still unresolved after {} s; it stays in the journal",
            sale.id, args.wait_secs
        )
        .into())
    }
}
