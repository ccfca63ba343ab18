//! The counter's cashier paying a split ticket, as the screen does: the planned card amount
//! asked at the terminal and waited for, then the planned wallet amount shown as a QR code and
//! waited for, then whatever is still owed in cash (with the planned change). The customer is
//! told on stdout (`customer card TURN`, `customer wallet TURN SESSION`) and plays their part at
//! the sandbox from the controller. A charge that does not go through (declined, not answered
//! in time, a terminal or wallet unreachable, a lost answer) leaves its part to the cash, as a
//! cashier would ask for it; a ticket the charges cover is paid by them. The cashier counts the
//! notes for a while (`count_ms`) before the cash is taken: a kill then drops a ticket whose
//! charges went through.

use std::time::Duration;

use rust_decimal::Decimal;
use tokio::time::Instant;
use ventanilla_app::views::TicketView;
use ventanilla_app::{ErrorCode, UiError, Ventanilla};

use super::split_tickets::SplitTicket;
use super::typed_amount::typed;

/// A charge still waiting this long after it began is a counter that hangs: the run fails.
const CHARGE_LIMIT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);

type Failed = Box<dyn std::error::Error>;

/// Pays the ticket being built (its bills scanned) as `split` plans. Returns the paid ticket's
/// id, durably in the journal with all its tenders.
pub async fn pay(app: &Ventanilla, split: &SplitTicket, turn: usize) -> Result<i64, Failed> {
    if let Some(card) = &split.card {
        match app.ticket_pay_card(&typed(app, card.amount)).await {
            Ok(_) => {
                println!("customer card {turn}");
                charged(app).await?;
            }
            Err(e) => gave_up("card", e)?,
        }
    }
    if let Some(id) = paid_by_charges(app) {
        return Ok(id);
    }
    if let Some(wallet) = &split.wallet {
        match app.ticket_pay_wallet(&typed(app, wallet.amount)).await {
            Ok(view) => {
                let session = session_of(&view).ok_or("a wallet charge without its session")?;
                println!("customer wallet {turn} {session}");
                charged(app).await?;
            }
            Err(e) => gave_up("wallet", e)?,
        }
    }
    if let Some(id) = paid_by_charges(app) {
        return Ok(id);
    }
    tokio::time::sleep(Duration::from_millis(split.count_ms)).await;
    let owed: Decimal = app
        .ticket()
        .owed
        .ok_or("a ticket being built without what it owes")?
        .amount
        .parse()?;
    // Covered by the charges but not paid by them (it should have been): the cashier closes
    // it with no cash.
    let received = if owed.is_zero() {
        String::new()
    } else {
        typed(app, split.cash_for(owed))
    };
    let paid = app.ticket_pay_cash(&received)?;
    Ok(paid.id.ok_or("a paid ticket without an id")?)
}

/// A charge that could not be asked for: unreachable or refused, the cashier takes cash for
/// it; anything else is the counter's failure.
fn gave_up(what: &str, e: UiError) -> Result<(), Failed> {
    match e.code {
        ErrorCode::Offline | ErrorCode::Declined => {
            eprintln!(
                "chaos counter: {what} not asked ({:?}): {}",
                e.code, e.message
            );
            Ok(())
        }
        _ => Err(format!("{what}: {}", e.message).into()),
    }
}

/// Waits for the charge just asked for: accepted, refused, expired or lost, or the ticket paid
/// by it.
async fn charged(app: &Ventanilla) -> Result<(), Failed> {
    let limit = Instant::now() + CHARGE_LIMIT;
    loop {
        let t = app.ticket();
        if t.items.is_empty() || t.tenders.iter().all(|x| x.state != "waiting") {
            if let Some(why) = t.charge_notice {
                eprintln!("chaos counter: charge did not go through: {why}");
            }
            return Ok(());
        }
        if Instant::now() >= limit {
            return Err(format!(
                "a card or wallet charge still waits after {} s",
                CHARGE_LIMIT.as_secs()
            )
            .into());
        }
        tokio::time::sleep(POLL).await;
    }
}

/// The ticket the charges just covered, paid by them (the ticket being built is empty then).
fn paid_by_charges(app: &Ventanilla) -> Option<i64> {
    if app.ticket().items.is_empty() {
        app.last_paid_ticket()
    } else {
        None
    }
}

/// The wallet-connect session the QR code of the waiting wallet charge opens.
fn session_of(view: &TicketView) -> Option<String> {
    view.tenders
        .iter()
        .find_map(|x| x.qr_url.as_deref())
        .and_then(|url| url.split("sessionid=").nth(1))
        .and_then(|s| s.split('&').next())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}
