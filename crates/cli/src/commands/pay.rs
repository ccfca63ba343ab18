//! `ventanilla pay BARCODE [BARCODE ...]`: look the bills up and charge them as one ticket in
//! cash, as the cashier's screen does, then wait for every item's final answer.

use std::time::Duration;

use clap::Args;
use serde_json::json;
use ventanilla_app::views::{BarcodeLookup, TicketView};
use ventanilla_app::Ventanilla;

use super::counter::{sale_line, CounterArgs};

#[derive(Debug, Args)]
pub struct PayArgs {
    #[command(flatten)]
    pub counter: CounterArgs,
    /// The bills' barcodes: all go into one ticket, paid with one handful of cash.
    #[arg(required = true)]
    pub barcodes: Vec<String>,
    /// Company code, for a barcode that matches bills of several companies.
    #[arg(long)]
    pub company: Option<String>,
    /// Amount to charge for an open-amount bill (with a single barcode only); default: the
    /// bill's total.
    #[arg(long, default_value = "")]
    pub amount: String,
    /// Cash received for the whole ticket; default: exact cash.
    #[arg(long, default_value = "")]
    pub received: String,
    /// How long to wait for every item's final answer (0: do not wait).
    #[arg(long, default_value_t = 120)]
    pub wait_secs: u64,
    /// Print the ticket as one JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(args: PayArgs) -> Result<(), Box<dyn std::error::Error>> {
    if args.barcodes.len() > 1 && !args.amount.is_empty() {
        return Err("--amount applies to a single bill; pass one barcode with it".into());
    }
    let app = args.counter.start().await?;
    let outcome = pay(&app, &args).await;
    app.shutdown().await;
    let ticket = outcome?;
    if args.json {
        println!("{}", ticket_json(&ticket));
    } else {
        print_lines(&ticket);
    }
    let pending = ticket
        .items
        .iter()
        .filter(|i| !i.sale.as_ref().is_some_and(|s| s.is_final))
        .count();
    if pending == 0 || args.wait_secs == 0 {
        Ok(())
    } else {
        Err(format!(
            "{pending} item(s) of ticket {} still unresolved after {} s; they stay in the journal",
            ticket.id.unwrap_or_default(),
            args.wait_secs
        )
        .into())
    }
}

async fn pay(app: &Ventanilla, args: &PayArgs) -> Result<TicketView, Box<dyn std::error::Error>> {
    app.ticket_abandon();
    for barcode in &args.barcodes {
        let key = find(app, barcode, args.company.as_deref()).await?;
        app.ticket_add_bill(key, &args.amount)?;
    }
    let paid = app.ticket_pay_cash(&args.received)?;
    let id = paid.id.ok_or("the ticket was not paid")?;
    if !args.json {
        for item in &paid.items {
            if let Some(sale) = &item.sale {
                println!("{}", sale_line(sale));
            }
        }
    }
    if args.wait_secs == 0 {
        return Ok(paid);
    }
    Ok(app
        .wait_ticket_final(id, Duration::from_secs(args.wait_secs))
        .await?)
}

/// The bill a barcode finds: its key for the ticket.
async fn find(
    app: &Ventanilla,
    barcode: &str,
    company: Option<&str>,
) -> Result<i64, Box<dyn std::error::Error>> {
    let bills = match app.find_by_barcode(barcode).await? {
        BarcodeLookup::Bills { bills } => bills,
        BarcodeLookup::ChooseCompany { companies, .. } => match company {
            Some(code) => app.find_by_barcode_for_company(barcode, code).await?,
            None => {
                let codes: Vec<String> = companies
                    .iter()
                    .map(|c| format!("{} ({})", c.code, c.name))
                    .collect();
                return Err(format!(
                    "the barcode {barcode} matches several companies; pass --company with one of: {}",
                    codes.join(", ")
                )
                .into());
            }
        },
    };
    Ok(bills
        .first()
        .ok_or_else(|| format!("no bill for {barcode}"))?
        .key)
}

fn print_lines(t: &TicketView) {
    for item in &t.items {
        if let Some(sale) = &item.sale {
            println!("{}", sale_line(sale));
        }
    }
    if let (Some(id), Some(total), Some(m)) = (t.id, &t.total, &t.money) {
        println!(
            "ticket {id} {} total={} received={} change={} refund={} {}",
            t.status,
            total.amount,
            m.received.amount,
            m.change.amount,
            m.rejected.amount,
            total.currency
        );
    }
}

/// The ticket for scripts: every amount a decimal string, `refund` what goes back to the
/// customer for rejected items.
fn ticket_json(t: &TicketView) -> serde_json::Value {
    let items: Vec<_> = t
        .items
        .iter()
        .map(|i| {
            let sale = i.sale.as_ref();
            json!({
                "barcode": sale.and_then(|s| s.barcode.clone()),
                "company": i.title,
                "state": sale.map(|s| s.state.clone()),
                "amount": i.amount.amount,
                "clientTransactionId": sale.map(|s| s.client_transaction_id.clone()),
                "saleId": sale.map(|s| s.id),
                "reason": sale.and_then(|s| s.reason.clone()),
            })
        })
        .collect();
    let money = t.money.as_ref();
    json!({
        "ticket": t.id,
        "status": t.status,
        "currency": t.total.as_ref().map(|m| m.currency.clone()),
        "items": items,
        "total": t.total.as_ref().map(|m| m.amount.clone()),
        "received": money.map(|m| m.received.amount.clone()),
        "change": money.map(|m| m.change.amount.clone()),
        "refund": money.map(|m| m.rejected.amount.clone()),
        "settled": t.settled,
    })
}
