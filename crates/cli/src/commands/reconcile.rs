//! `ventanilla reconcile`: open the journal, ask the hub about every unresolved sale (and resend
//! every tax payment report not acknowledged), and wait until each has its final answer. Exit status 0 only when none is left unresolved.

use std::time::Duration;

use clap::Args;

use super::counter::{sale_line, CounterArgs};

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    #[command(flatten)]
    pub counter: CounterArgs,
    /// How long to wait for the hub.
    #[arg(long, default_value_t = 120)]
    pub wait_secs: u64,
}

pub async fn run(args: ReconcileArgs) -> Result<(), Box<dyn std::error::Error>> {
    let app = args.counter.start().await?;
    let open = app.sales_in_flight()?;
    println!("{} unresolved sale(s) in the journal", open.len());
    let mut left = 0;
    for sale in open {
        let sale = app
            .wait_final(sale.id, Duration::from_secs(args.wait_secs))
            .await?;
        println!("{}", sale_line(&sale));
        if !sale.is_final {
            left += 1;
        }
    }
    let orders = app.tax_orders_in_flight()?;
    println!("{} tax order(s) waiting for the platform", orders.len());
    for order in orders {
        let order = app
            .wait_tax_order_final(order.id, Duration::from_secs(args.wait_secs))
            .await?;
        let statuses: Vec<String> = order
            .items
            .iter()
            .map(|i| format!("{}={}", i.id, i.status))
            .collect();
        println!(
            "tax order {} {} total={} {} items {}",
            order.order_id,
            order.phase,
            order.total.amount,
            order.total.currency,
            statuses.join(",")
        );
        if matches!(order.phase.as_str(), "reported" | "processing") {
            left += 1;
        }
    }
    app.shutdown().await;
    if left == 0 {
        Ok(())
    } else {
        Err(
            format!("{left} sale(s) or tax order(s) still unresolved; they stay in the journal")
                .into(),
        )
    }
}
