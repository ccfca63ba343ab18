//! `ventanilla tax debts DOC_ID` and `ventanilla tax pay DOC_ID --items ID[,ID...]`: a
//! taxpayer's debts, and an order of some of them paid in cash as one ticket, as the cashier's
//! screen does (F3), waiting for every debt's callback.

use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::json;
use ventanilla_app::views::{TaxDebtsView, TicketView};
use ventanilla_app::Ventanilla;

use super::counter::CounterArgs;

#[derive(Debug, Args)]
pub struct TaxArgs {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// What the taxpayer owes.
    Debts {
        #[command(flatten)]
        counter: CounterArgs,
        /// Cédula or RIF: V-12345678, J-40157748-2.
        doc_id: String,
        /// Print one JSON object instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Create an order of the given debts, pay it in cash, report it, wait for each callback.
    Pay {
        #[command(flatten)]
        counter: CounterArgs,
        doc_id: String,
        /// The debts' ids (from `tax debts`), comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        items: Vec<String>,
        /// Cash received; default: exact cash.
        #[arg(long, default_value = "")]
        received: String,
        /// How long to wait for every debt's callback (0: do not wait).
        #[arg(long, default_value_t = 120)]
        wait_secs: u64,
        /// Print one JSON object instead of lines.
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(args: TaxArgs) -> Result<(), Box<dyn std::error::Error>> {
    let counter = match &args.action {
        Action::Debts { counter, .. } | Action::Pay { counter, .. } => counter,
    };
    let app = counter.start().await?;
    let result = act(&app, &args.action).await;
    app.shutdown().await;
    result
}

async fn act(app: &Ventanilla, action: &Action) -> Result<(), Box<dyn std::error::Error>> {
    match action {
        Action::Debts { doc_id, json, .. } => {
            let debts = app.tax_debts(doc_id).await.map_err(|e| e.message)?;
            if *json {
                println!("{}", debts_json(&debts));
            } else {
                print_debts(&debts);
            }
            Ok(())
        }
        Action::Pay {
            doc_id,
            items,
            received,
            wait_secs,
            json,
            ..
        } => {
            app.ticket_abandon();
            let order = app
                .tax_create_order(doc_id, items)
                .await
                .map_err(|e| e.message)?;
            let paid = match app.ticket_pay_cash(received) {
                Ok(paid) => paid,
                Err(e) => {
                    // Nothing was paid: free the debts at the platform now.
                    let _ = app.tax_cancel_order(order.id).await;
                    return Err(e.message.into());
                }
            };
            let id = paid.id.ok_or("the ticket was not paid")?;
            let ticket = if *wait_secs == 0 {
                paid
            } else {
                app.wait_ticket_final(id, Duration::from_secs(*wait_secs))
                    .await
                    .map_err(|e| e.message)?
            };
            let order = app.tax_order(order.id).map_err(|e| e.message)?;
            if *json {
                println!("{}", paid_json(&order, &ticket));
            } else {
                print_paid(&order, &ticket);
            }
            let waiting = ticket
                .items
                .iter()
                .filter(|i| !i.tax.as_ref().is_some_and(|t| t.is_final))
                .count();
            if waiting > 0 && *wait_secs > 0 {
                return Err(format!(
                    "{waiting} debt(s) of order {} still without the platform's answer after {wait_secs} s; they stay in the journal",
                    order.order_id
                )
                .into());
            }
            Ok(())
        }
    }
}

fn print_debts(d: &TaxDebtsView) {
    if d.debts.is_empty() {
        println!("{} owes nothing", d.doc_id);
    }
    for debt in &d.debts {
        println!(
            "debt {} amount={} {} description={:?}",
            debt.id, debt.amount.amount, debt.amount.currency, debt.description
        );
    }
    if let Some(total) = &d.total {
        println!(
            "taxpayer {} total={} {}",
            d.doc_id, total.amount, total.currency
        );
    }
}

fn debts_json(d: &TaxDebtsView) -> serde_json::Value {
    json!({
        "docId": d.doc_id,
        "debts": d.debts.iter().map(|x| json!({
            "id": x.id,
            "description": x.description,
            "kind": x.kind,
            "amount": x.amount.amount,
        })).collect::<Vec<_>>(),
        "total": d.total.as_ref().map(|t| t.amount.clone()),
        "currency": d.total.as_ref().map(|t| t.currency.clone()),
    })
}

fn print_paid(order: &ventanilla_app::views::TaxOrderView, t: &TicketView) {
    for item in &order.items {
        println!(
            "item {} status={} amount={} description={:?}",
            item.id, item.status, item.amount.amount, item.description
        );
    }
    if let Some(m) = &t.money {
        println!(
            "order {} {} total={} received={} change={} refund={} {}",
            order.order_id,
            order.phase,
            order.total.amount,
            m.received.amount,
            m.change.amount,
            m.rejected.amount,
            order.total.currency
        );
    }
}

/// The order for scripts: its id, each debt with its final status, the total and the change,
/// every amount a decimal string.
fn paid_json(order: &ventanilla_app::views::TaxOrderView, t: &TicketView) -> serde_json::Value {
    let money = t.money.as_ref();
    json!({
        "orderId": order.order_id,
        "ticket": t.id,
        "phase": order.phase,
        "reference": order.reference,
        "items": order.items.iter().map(|i| json!({
            "id": i.id,
            "status": i.status,
            "amount": i.amount.amount,
            "description": i.description,
        })).collect::<Vec<_>>(),
        "total": order.total.amount,
        "currency": order.total.currency,
        "received": money.map(|m| m.received.amount.clone()),
        "change": money.map(|m| m.change.amount.clone()),
        "refund": money.map(|m| m.rejected.amount.clone()),
    })
}
