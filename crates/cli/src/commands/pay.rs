//! `ventanilla pay BARCODE [BARCODE ...]`: look the bills up and charge them as one ticket, as
//! the cashier's screen does: card and wallet charges first (`--card`, `--wallet`, each waited
//! for), the rest in cash; then wait for every item's final answer.

use std::time::Duration;

use clap::Args;
use serde_json::json;
use ventanilla_app::views::{BarcodeLookup, TicketView};
use ventanilla_app::Ventanilla;

use super::counter::{sale_line, CounterArgs};
use super::tester;

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
    /// Cash received for what the card and wallet charges leave owed; default: exact cash.
    #[arg(long, default_value = "")]
    pub received: String,
    /// Charge this amount on the card terminal first (repeatable; empty: all still owed).
    #[arg(long = "card", value_name = "AMOUNT")]
    pub cards: Vec<String>,
    /// Charge this amount to the customer's crypto wallet first, through its QR code
    /// (repeatable; empty: all still owed).
    #[arg(long = "wallet", value_name = "AMOUNT")]
    pub wallets: Vec<String>,
    /// Against the sandbox: present each card (approved) and approve each wallet by itself,
    /// as a customer would at the terminal and on their phone.
    #[arg(long)]
    pub auto_approve: bool,
    /// How long to wait for each card or wallet charge.
    #[arg(long, default_value_t = 200)]
    pub charge_wait_secs: u64,
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
    for amount in &args.cards {
        app.ticket_pay_card(amount).await?;
        if args.auto_approve {
            tester::present_card(app).await?;
        } else if !args.json {
            println!("waiting for the card at the terminal");
        }
        charged(app, args).await?;
    }
    for amount in &args.wallets {
        let t = app.ticket_pay_wallet(amount).await?;
        let url = t
            .tenders
            .iter()
            .find_map(|x| x.qr_url.clone())
            .ok_or("no wallet-connect URL")?;
        if args.auto_approve {
            tester::approve_wallet(app, &url).await?;
        } else if !args.json {
            println!("waiting for the customer's wallet: {url}");
        }
        charged(app, args).await?;
    }
    // The charges may have covered the ticket (it is paid by itself then); cash pays the rest.
    let paid = if app.ticket().items.is_empty() {
        let id = app.last_paid_ticket().ok_or("the ticket was not paid")?;
        app.paid_ticket(id)?
    } else {
        app.ticket_pay_cash(&args.received)?
    };
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

/// Waits for the card or wallet charge just started: accepted (or the ticket paid by it) is
/// fine; declined, expired or unknown drops the ticket (whatever was charged is kept for a
/// refund, on the supervisor's list) and says why.
async fn charged(app: &Ventanilla, args: &PayArgs) -> Result<(), Box<dyn std::error::Error>> {
    let deadline = std::time::Instant::now() + Duration::from_secs(args.charge_wait_secs);
    loop {
        let t = app.ticket();
        if t.items.is_empty() || t.tenders.iter().all(|x| x.state != "waiting") {
            if let Some(why) = t.charge_notice {
                app.ticket_abandon();
                return Err(why.into());
            }
            return Ok(());
        }
        if std::time::Instant::now() >= deadline {
            let _ = app.ticket_cancel_card();
            let _ = app.ticket_cancel_wallet();
            app.ticket_abandon();
            return Err("the card or wallet charge was not completed in time".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
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
    for x in &t.tenders {
        println!(
            "tender {} {} {} {}{}",
            x.kind,
            x.amount.amount,
            x.amount.currency,
            x.label,
            x.txid
                .as_deref()
                .map(|t| format!(" txid={t}"))
                .unwrap_or_default()
        );
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
    let tenders: Vec<_> = t
        .tenders
        .iter()
        .map(|x| {
            json!({
                "kind": x.kind,
                "amount": x.amount.amount,
                "label": x.label,
                "txid": x.txid,
            })
        })
        .collect();
    json!({
        "ticket": t.id,
        "status": t.status,
        "currency": t.total.as_ref().map(|m| m.currency.clone()),
        "items": items,
        "total": t.total.as_ref().map(|m| m.amount.clone()),
        "received": money.map(|m| m.received.amount.clone()),
        "change": money.map(|m| m.change.amount.clone()),
        "refund": money.map(|m| m.rejected.amount.clone()),
        "tenders": tenders,
        "settled": t.settled,
    })
}
