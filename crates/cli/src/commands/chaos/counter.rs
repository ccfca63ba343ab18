//! The counter process the harness starts, kills and restarts: it works through the plan like a
//! cashier who keeps serving customers, and tells the controller on stdout what it journaled.
//!
//! Which planned tickets are already taken is read from the journal once the app has started on
//! it (by barcode; each planned bill is distinct), never from the controller: the journal is the
//! only truth. A ticket commits whole or not at all, so a ticket killed before its commit is
//! simply taken again, and one killed after it is not.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use ventanilla_app::{default_data_dir, AppConfig, ErrorCode, NoEvents, Ventanilla};

use super::journal;
use super::plan::{self, Bill, Ticket};
use super::refunds;
use super::typed_amount::typed;
use super::{split_tickets, tax_counter, tax_tickets, tender_counter, tender_journal};

/// A lookup hanging longer than this is given up and tried again (the app's own call timeout is
/// much longer, and a cashier would rescan sooner).
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(2);
const LOOKUP_RETRY: Duration = Duration::from_millis(100);
const SETTLE_POLL: Duration = Duration::from_millis(200);

#[derive(Debug, Args)]
pub struct CounterArgs {
    /// The counter's data folder.
    #[arg(long)]
    pub data_dir: PathBuf,
    /// The plan file written by the controller.
    #[arg(long)]
    pub plan: PathBuf,
    /// The tax tickets' plan file, when the run has tax tickets.
    #[arg(long)]
    pub tax_plan: Option<PathBuf>,
    /// The split tickets' plan file, when the run has split tickets.
    #[arg(long)]
    pub split_plan: Option<PathBuf>,
}

pub async fn run(args: CounterArgs) -> Result<(), Box<dyn std::error::Error>> {
    let plan = plan::read(&args.plan)?;
    let mut cfg = AppConfig::from_env(default_data_dir())?;
    cfg.data_dir = args.data_dir.clone();
    let journal_path = cfg.journal_path();
    std::fs::create_dir_all(&cfg.data_dir)?;

    // The app opens the journal first: its start is what must refuse a journal that lost or
    // changed sales (the harness's `--damage` checks that), and then "resumed" tells the
    // controller the counter is up. Only then is the journal read, beside the app that owns it.
    let app = Ventanilla::start(cfg, Arc::new(NoEvents)).await?;
    let taken = journal::barcodes(&journal_path)?;
    // Any one bill journaled means the ticket is: it never commits in part (the checks prove it),
    // and taking it again would charge its other bills twice.
    let (done, todo): (Vec<_>, Vec<_>) = plan
        .iter()
        .enumerate()
        .partition(|(_, t)| t.bills.iter().any(|b| taken.contains(&b.barcode)));
    let bills: usize = done.iter().map(|(_, t)| t.bills.len()).sum();
    // Tax tickets count as tickets (the controller's kill points span both), not as bills.
    let tax_plan = match &args.tax_plan {
        Some(path) => tax_tickets::read(path)?,
        None => Vec::new(),
    };
    let (tax_done, mut tax_todo) = tax_counter::todo(&tax_plan, &journal_path)?;
    let splits = match &args.split_plan {
        Some(path) => split_tickets::by_turn(split_tickets::read(path)?),
        None => Default::default(),
    };
    println!("resumed {} {bills}", done.len() + tax_done);

    for (turn, ticket) in todo {
        tax_counter::take_due(&app, &mut tax_todo, turn).await?;
        refunds::confirm_due(&app, &plan, Some(turn))?;
        let id = take(&app, ticket, splits.get(&turn), turn).await?;
        println!("journaled {id} {}", ticket.bills.len());
    }
    tax_counter::take_due(&app, &mut tax_todo, usize::MAX).await?;
    settle(&app, &plan, &journal_path).await?;
    println!("settled");
    app.shutdown().await;
    Ok(())
}

/// One customer: every bill scanned into a fresh ticket, then the whole handful of cash taken
/// (or, for a split ticket, its card, its wallet and the rest in cash). Returns the paid
/// ticket's id, durably in the journal with all its bills.
async fn take(
    app: &Ventanilla,
    ticket: &Ticket,
    split: Option<&split_tickets::SplitTicket>,
    turn: usize,
) -> Result<i64, Box<dyn std::error::Error>> {
    app.ticket_abandon();
    for bill in &ticket.bills {
        tokio::time::sleep(Duration::from_millis(bill.pause_ms)).await;
        let key = lookup(app, bill).await?;
        app.ticket_add_bill(key, &typed(app, bill.amount))?;
    }
    if let Some(split) = split {
        return tender_counter::pay(app, split, turn).await;
    }
    // The journal commit happens inside; the engine sends the items in the background, so the
    // next customer does not wait for the hub.
    let paid = app.ticket_pay_cash(&typed(app, ticket.received))?;
    Ok(paid.id.ok_or("a paid ticket without an id")?)
}

/// The bill's lookup key, rescanning while the hub is unreachable (no money is taken by a
/// lookup, so failing one is harmless).
async fn lookup(app: &Ventanilla, b: &Bill) -> Result<i64, Box<dyn std::error::Error>> {
    loop {
        let found = tokio::time::timeout(
            LOOKUP_TIMEOUT,
            app.find_by_barcode_for_company(&b.barcode, &b.company_code),
        )
        .await;
        match found {
            Ok(Ok(bills)) => {
                let bill = bills
                    .into_iter()
                    .find(|f| f.barcode.as_deref() == Some(b.barcode.as_str()))
                    .ok_or_else(|| format!("bill {} not found at the hub", b.barcode))?;
                return Ok(bill.key);
            }
            Ok(Err(e)) if e.code != ErrorCode::Offline => return Err(e.into()),
            Ok(Err(_)) | Err(_) => tokio::time::sleep(LOOKUP_RETRY).await,
        }
    }
}

/// Waits until no sale or tax order is in flight, but for those parked for a person, handing
/// back the money of every item rejected (or debt failed) meanwhile.
async fn settle(
    app: &Ventanilla,
    plan: &[Ticket],
    journal_path: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    loop {
        // Quiet first, then the refunds: a sale rejected after the refunds were read would
        // otherwise leave its money due. Once quiet, no item becomes rejected any more.
        let open: HashSet<i64> = app.sales_in_flight()?.iter().map(|s| s.id).collect();
        let quiet = open.is_empty() || open.is_subset(&journal::attention_ids(journal_path));
        // Tax orders too: their reports, and every debt's callback.
        let quiet = quiet && tax_counter::in_flight(app, journal_path)? == 0;
        // And every delivery the listener stored (a card's capture, a wallet's consent).
        let quiet = quiet && tender_journal::inbox_waiting(journal_path) == 0;
        let confirmed = refunds::confirm_due(app, plan, None)?;
        if quiet && confirmed == 0 {
            return Ok(());
        }
        tokio::time::sleep(SETTLE_POLL).await;
    }
}
