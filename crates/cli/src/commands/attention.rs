//! `ventanilla attention list|retry|resolve`: the supervisor's "Necesita atención" list (F9 on
//! the screen) from a shell, for a counter whose window is gone or a support person on the line.
//! The list, the retry and the resolution are the app's own use cases; this only prints them.

use std::time::Duration;

use clap::{Args, Subcommand};
use ventanilla_app::views::AttentionView;
use ventanilla_app::Ventanilla;

use super::counter::{sale_line, CounterArgs};

#[derive(Debug, Args)]
pub struct AttentionArgs {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// One line per operation waiting for a person, oldest first; then card and wallet money
    /// taken without a sale (to hand back) and wallet charges whose answer was lost.
    List {
        #[command(flatten)]
        counter: CounterArgs,
        /// Keep the counter's listener up this long first, so that what gateways still hold
        /// for it (a card captured while the counter was down, say) arrives before the list.
        #[arg(long, default_value_t = 0)]
        listen_secs: u64,
    },
    /// Put an operation back in the queue and wait for the hub's answer.
    Retry {
        #[command(flatten)]
        counter: CounterArgs,
        /// The operation's id (first column of `attention list`).
        id: i64,
        /// How long to wait for the hub's answer (0: do not wait).
        #[arg(long, default_value_t = 30)]
        wait_secs: u64,
    },
    /// Settle an operation by hand (e.g. the customer got the money back), saying what was done.
    Resolve {
        #[command(flatten)]
        counter: CounterArgs,
        /// The operation's id (first column of `attention list`).
        id: i64,
        /// What was done, e.g. "refund given to the customer". Kept in the journal.
        #[arg(long)]
        note: String,
    },
}

pub async fn run(args: AttentionArgs) -> Result<(), Box<dyn std::error::Error>> {
    let counter = match &args.action {
        Action::List { counter, .. }
        | Action::Retry { counter, .. }
        | Action::Resolve { counter, .. } => counter,
    };
    let app = counter.start().await?;
    let result = act(&app, &args.action).await;
    app.shutdown().await;
    result
}

async fn act(app: &Ventanilla, action: &Action) -> Result<(), Box<dyn std::error::Error>> {
    // The app's errors already speak to the operator; their code is for the screen.
    let items = app.needs_attention().map_err(|e| e.message)?;
    match action {
        Action::List { listen_secs, .. } => {
            let items = if *listen_secs > 0 {
                tokio::time::sleep(Duration::from_secs(*listen_secs)).await;
                app.needs_attention().map_err(|e| e.message)?
            } else {
                items
            };
            if items.is_empty() {
                println!("no operation needs attention");
            }
            for item in &items {
                println!("{}", attention_line(item));
            }
            for s in app.card_strays().map_err(|e| e.message)? {
                println!(
                    "card {} {} {} {} refunded={}",
                    s.capture_id,
                    s.amount.amount,
                    s.amount.currency,
                    s.label,
                    s.refunded_by.as_deref().unwrap_or("no")
                );
            }
            for w in app.wallet_attention().map_err(|e| e.message)? {
                println!(
                    "wallet {} {} {} {} txid={}",
                    w.reference,
                    w.state,
                    w.amount.amount,
                    w.amount.currency,
                    w.txid.as_deref().unwrap_or("-")
                );
            }
            Ok(())
        }
        Action::Retry { id, wait_secs, .. } => {
            let item = find(&items, *id)?;
            app.retry_attention(*id).map_err(|e| e.message)?;
            let Some(sale) = &item.sale else {
                println!("operation {id} ({}) is back in the queue", item.title);
                return Ok(());
            };
            println!("operation {id} (sale {}) is back in the queue", sale.id);
            if sale.is_final {
                // E.g. an offline sale the hub rejected: sending again cannot change the hub's
                // answer, and waiting for one would report the old one as news.
                println!(
                    "sale {} already has the hub's final answer ({}); if it comes back to this \
                     list, settle it with `ventanilla attention resolve {id} --note \"...\"`",
                    sale.id, sale.state
                );
                return Ok(());
            }
            if *wait_secs == 0 {
                return Ok(());
            }
            wait_after_retry(app, *id, sale.id, Duration::from_secs(*wait_secs)).await
        }
        Action::Resolve { id, note, .. } => {
            let item = find(&items, *id)?;
            app.resolve_attention(*id, note).map_err(|e| e.message)?;
            let what = match &item.sale {
                Some(sale) => format!("sale {}", sale.id),
                None => item.title.clone(),
            };
            println!("operation {id} ({what}) resolved: {}", note.trim());
            Ok(())
        }
    }
}

/// The item with that id, or an error that tells the operator where ids come from.
fn find(items: &[AttentionView], id: i64) -> Result<&AttentionView, String> {
    items.iter().find(|i| i.outbox_id == id).ok_or_else(|| {
        format!(
            "no operation {id} needs attention (it is unknown or already settled); \
             `ventanilla attention list` shows the ones that do"
        )
    })
}

/// Waits until the retried sale has its final answer, or has failed back into the list.
async fn wait_after_retry(
    app: &Ventanilla,
    outbox_id: i64,
    sale_id: i64,
    limit: Duration,
) -> Result<(), Box<dyn std::error::Error>> {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        // Short slices: a sale that fails again never becomes final, so the list is checked too.
        let sale = app
            .wait_final(sale_id, left.min(Duration::from_millis(500)))
            .await
            .map_err(|e| e.message)?;
        if sale.is_final {
            println!("{}", sale_line(&sale));
            return Ok(());
        }
        let items = app.needs_attention().map_err(|e| e.message)?;
        if let Some(again) = items.iter().find(|i| i.outbox_id == outbox_id) {
            return Err(format!(
                "operation {outbox_id} (sale {sale_id}) failed again and needs attention: {}{}",
                again.reason,
                again
                    .last_error
                    .as_deref()
                    .map(|e| format!(" (last error: {e})"))
                    .unwrap_or_default()
            )
            .into());
        }
        if left.is_zero() {
            return Err(format!(
                "sale {sale_id} still unresolved after {} s; it stays in the queue and the \
                 counter keeps sending it",
                limit.as_secs()
            )
            .into());
        }
    }
}

/// One line per item, for humans and scripts alike: the id first, then `key=value` pairs.
fn attention_line(item: &AttentionView) -> String {
    let (sale, waited) = match &item.sale {
        Some(s) => (s.id.to_string(), age(s.waited_secs)),
        None => ("-".to_string(), "-".to_string()),
    };
    let mut line = format!(
        "attention {} sale={sale} age={waited} company={:?} customer={:?} amount={:?} reason={:?}",
        item.outbox_id, item.title, item.customer_id, item.amount.display, item.reason,
    );
    if let Some(hub) = &item.hub_reason {
        line.push_str(&format!(" hub_reason={hub:?}"));
    }
    line.push_str(&format!(
        " last_error={:?}",
        item.last_error.as_deref().unwrap_or("-")
    ));
    line
}

/// How long ago the sale was taken, in the two largest units: `45s`, `3m07s`, `2h05m`, `3d04h`.
fn age(secs: u64) -> String {
    let (d, h, m, s) = (secs / 86_400, secs / 3_600 % 24, secs / 60 % 60, secs % 60);
    if d > 0 {
        format!("{d}d{h:02}h")
    } else if h > 0 {
        format!("{h}h{m:02}m")
    } else if m > 0 {
        format!("{m}m{s:02}s")
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::age;

    #[test]
    fn ages_read_at_a_glance() {
        assert_eq!(age(0), "0s");
        assert_eq!(age(45), "45s");
        assert_eq!(age(187), "3m07s");
        assert_eq!(age(2 * 3_600 + 5 * 60 + 9), "2h05m");
        assert_eq!(age(3 * 86_400 + 4 * 3_600 + 59), "3d04h");
    }
}
