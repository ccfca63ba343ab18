//! The customers of split tickets, played by the controller at the sandbox as a customer would:
//! when the counter says a card waits at the terminal or a wallet's QR code is shown (`customer
//! card TURN`, `customer wallet TURN SESSION` on its stdout), the customer of that planned
//! ticket presents the card (approved or declined), scans and approves the QR code, does it only
//! once the counter stopped waiting, or walks away, after their own pause.
//!
//! The customer lives in the controller, not in the counter: a counter killed while a card
//! waits finds, once back, the card presented meanwhile (its capture delivered to the restarted
//! listener), as at a real terminal.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::task::JoinHandle;
use ventanilla_sandbox::quickpay::CaptureState;
use ventanilla_sandbox::SandboxHandle;

use super::clock::Clock;
use super::split_tickets::{CardMove, SplitTicket, WalletMove, CARD_WAIT, WALLET_WAIT};

/// A late customer acts this long after the counter stopped waiting.
const LATE_BY: Duration = Duration::from_millis(500);
/// A present or approve the sandbox did not answer is tried again, as a customer taps again.
const TRIES: usize = 5;
const RETRY: Duration = Duration::from_millis(200);

/// What the counter asked of its customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// The card of planned ticket `turn` waits at the terminal.
    Card { turn: usize },
    /// The wallet of planned ticket `turn` waits for consent in session `session`.
    Wallet { turn: usize, session: String },
}

/// Reads a counter line `customer card TURN` or `customer wallet TURN SESSION`.
pub fn parse(line: &str) -> Option<Call> {
    let rest = line.strip_prefix("customer ")?;
    let fields: Vec<&str> = rest.split(' ').collect();
    match fields.as_slice() {
        ["card", turn] => Some(Call::Card {
            turn: turn.parse().ok()?,
        }),
        ["wallet", turn, session] if !session.is_empty() => Some(Call::Wallet {
            turn: turn.parse().ok()?,
            session: session.to_string(),
        }),
        _ => None,
    }
}

/// What the customers did, for the progress lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Moves {
    pub approved: usize,
    pub declined: usize,
    pub late: usize,
    pub away: usize,
}

pub struct Customers {
    hub: Arc<SandboxHandle>,
    client: reqwest::Client,
    plan: HashMap<usize, SplitTicket>,
    clock: Clock,
    tasks: Vec<JoinHandle<()>>,
    pub cards: Moves,
    pub wallets: Moves,
}

impl Customers {
    pub fn new(hub: Arc<SandboxHandle>, plan: HashMap<usize, SplitTicket>, clock: Clock) -> Self {
        Customers {
            hub,
            client: reqwest::Client::new(),
            plan,
            clock,
            tasks: Vec::new(),
            cards: Moves::default(),
            wallets: Moves::default(),
        }
    }

    /// The customer hears the counter: acts in the background, after their pause.
    pub fn call(&mut self, call: Call) {
        match call {
            Call::Card { turn } => self.card(turn),
            Call::Wallet { turn, session } => self.wallet(turn, session),
        }
    }

    fn card(&mut self, turn: usize) {
        let Some(card) = self.plan.get(&turn).and_then(|s| s.card) else {
            self.clock
                .say(format!("customer: ticket {turn} has no card in the plan"));
            return;
        };
        // The capture the counter just asked the terminal for: the newest one waiting for this
        // amount (an older one is a killed counter's, given up).
        let reference = self
            .hub
            .card_captures()
            .into_iter()
            .rev()
            .find(|c| c.state == CaptureState::Waiting && c.amount == card.amount)
            .map(|c| c.reference_id);
        let Some(reference) = reference else {
            self.clock.say(format!(
                "customer: no capture of {} waits at the terminal for ticket {turn}",
                card.amount
            ));
            return;
        };
        let pause = Duration::from_millis(card.delay_ms);
        let (wait, outcome) = match card.customer {
            CardMove::Approve => (pause, "approve"),
            CardMove::Decline => (pause, "decline"),
            CardMove::Late => (CARD_WAIT + LATE_BY + pause, "approve"),
            CardMove::Away => {
                self.cards.away += 1;
                return;
            }
        };
        match card.customer {
            CardMove::Decline => self.cards.declined += 1,
            CardMove::Late => self.cards.late += 1,
            _ => self.cards.approved += 1,
        }
        let url = format!(
            "{}/_sandbox/quickpay/captures/{reference}/present",
            self.hub.base_url()
        );
        self.act(wait, url, json!({ "outcome": outcome }));
    }

    fn wallet(&mut self, turn: usize, session: String) {
        let Some(wallet) = self.plan.get(&turn).and_then(|s| s.wallet) else {
            self.clock
                .say(format!("customer: ticket {turn} has no wallet in the plan"));
            return;
        };
        let pause = Duration::from_millis(wallet.delay_ms);
        let wait = match wallet.customer {
            WalletMove::Approve => {
                self.wallets.approved += 1;
                pause
            }
            WalletMove::Late => {
                self.wallets.late += 1;
                WALLET_WAIT + LATE_BY + pause
            }
            WalletMove::Away => {
                self.wallets.away += 1;
                return;
            }
        };
        let url = format!(
            "{}/_sandbox/pennymatic/sessions/{session}/approve",
            self.hub.base_url()
        );
        self.act(wait, url, json!({}));
    }

    /// POSTs `body` to `url` after `wait`; a refusal (presented or approved before, expired)
    /// is the customer's bad luck, not the counter's.
    fn act(&mut self, wait: Duration, url: String, body: Value) {
        let client = self.client.clone();
        self.tasks.retain(|t| !t.is_finished());
        self.tasks.push(tokio::spawn(async move {
            tokio::time::sleep(wait).await;
            for _ in 0..TRIES {
                match client.post(&url).json(&body).send().await {
                    Ok(res) if !res.status().is_server_error() => return,
                    _ => tokio::time::sleep(RETRY).await,
                }
            }
        }));
    }

    /// Waits until every customer has done what they were going to do.
    pub async fn idle(&mut self) {
        for task in self.tasks.drain(..) {
            let _ = task.await;
        }
    }

    /// Card captures and wallet consents the sandbox still has to deliver to the counter's
    /// listener (waiting for a 2xx).
    pub async fn undelivered(&self) -> usize {
        let cards = self
            .hub
            .card_captures()
            .iter()
            .filter(|c| c.deliveries.queued > 0)
            .count();
        let sessions: Value = match self
            .client
            .get(format!(
                "{}/_sandbox/pennymatic/sessions",
                self.hub.base_url()
            ))
            .send()
            .await
        {
            Ok(res) => res.json().await.unwrap_or(Value::Null),
            Err(_) => Value::Null,
        };
        let wallets = sessions.as_array().map_or(1, |list| {
            list.iter()
                .filter(|s| s["deliveries"]["queued"].as_u64().unwrap_or(0) > 0)
                .count()
        });
        cards + wallets
    }

    pub fn describe(&self) -> String {
        let m = |k: &Moves| {
            format!(
                "{} approved, {} declined, {} late, {} walked away",
                k.approved, k.declined, k.late, k.away
            )
        };
        format!(
            "customers: cards {}; wallets {}",
            m(&self.cards),
            m(&self.wallets)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_s_calls_are_read() {
        assert_eq!(parse("customer card 12"), Some(Call::Card { turn: 12 }));
        assert_eq!(
            parse("customer wallet 3 c89d21c7"),
            Some(Call::Wallet {
                turn: 3,
                session: "c89d21c7".into()
            })
        );
        for other in [
            "customer card",
            "customer card x",
            "customer wallet 3",
            "customer cash 3",
            "journaled 3 1",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
    }
}
