//! The card and wallet tenders' verdict, as a pure function: the card terminal's captures and
//! the wallet gateway's payments (the sandbox's records) against the journal's card attempts,
//! card strays, wallet charges and the tenders of every ticket.
//!
//! - every capture approved at the terminal is exactly one of: one ticket's card tender (for
//!   its amount and capture number), or one card stray (money to hand back); never both, never
//!   neither; a declined or never presented capture is neither;
//! - every wallet payment is for a wallet charge the journal knows (its session, its reference
//!   in the description, its amount), one payment per charge at most (never charged twice), and
//!   that charge is exactly one of: one ticket's wallet tender (with its txid), kept for a
//!   refund, or `unknown` (its answer lost: a person settles it); a charge the journal holds as
//!   failed, expired or abandoned has no payment;
//! - every ticket's accepted tenders pay its total exactly, card and wallet tenders are for
//!   what their gateway took and give no change, so change comes only from cash; a split
//!   ticket's card and wallet are for the planned amounts and its cash gives the planned change,
//!   and a cash ticket holds cash only;
//! - after the final reconcile nothing waits: no card attempt waiting, no wallet charge
//!   awaiting consent or being charged.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::Decimal;

/// The change the cash for `owed` gives: the planned extra, at most nine times what is owed
/// (the app refuses cash far beyond what is due as a typo).
pub fn cash_change(extra: Decimal, owed: Decimal) -> Decimal {
    extra.min(owed * Decimal::from(9))
}

/// A capture at the sandbox's card terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminalState {
    Waiting,
    Approved,
    /// Declined or cancelled at the terminal: nothing was charged.
    Declined,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminalCapture {
    /// Our tender's reference, as the counter asked for it.
    pub reference: String,
    /// The capture's id (a card stray's key).
    pub id: String,
    pub capture_number: String,
    pub amount: Decimal,
    pub state: TerminalState,
}

/// A payment the sandbox's wallet gateway made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletPaid {
    pub txid: String,
    pub amount: Decimal,
    pub description: String,
    pub session_id: String,
}

/// A card attempt of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalCard {
    pub reference: String,
    /// `waiting`, `approved`, `declined`, `timed_out` or `abandoned`.
    pub phase: String,
    pub ticket_id: Option<i64>,
}

/// Card money without a sale, kept for a refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalCardStray {
    pub capture_id: String,
    pub reference: String,
    pub amount: Decimal,
}

/// A wallet charge of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalWallet {
    pub reference: String,
    pub session_id: String,
    /// `awaiting_consent`, `charging`, `charged`, `failed`, `unknown`, `expired`, `abandoned`.
    pub phase: String,
    pub amount: Decimal,
    pub txid: Option<String>,
    pub ticket_id: Option<i64>,
    /// Charged with no ticket to take it: money to hand back.
    pub stray: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TenderKind {
    Cash,
    Card {
        reference: String,
        capture_number: String,
    },
    Wallet {
        reference: String,
        txid: String,
    },
}

/// One tender of a ticket's ledger payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTender {
    pub kind: TenderKind,
    /// What it pays of the total.
    pub applied: Decimal,
    pub handed_over: Decimal,
    pub change: Decimal,
    pub accepted: bool,
}

/// A paid ticket of the journal with its tenders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenderedTicket {
    pub id: i64,
    /// Its bills' barcodes (none for a tax ticket).
    pub barcodes: BTreeSet<String>,
    pub total: Decimal,
    pub tenders: Vec<LocalTender>,
}

/// A split ticket the counter was asked to take: its bills, and its planned charges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedSplit {
    pub barcodes: BTreeSet<String>,
    pub card: Option<Decimal>,
    pub wallet: Option<Decimal>,
    pub extra: Decimal,
}

/// Everything the tender checks read.
#[derive(Debug, Clone, Default)]
pub struct TenderRecords {
    pub captures: Vec<TerminalCapture>,
    pub payments: Vec<WalletPaid>,
    pub cards: Vec<LocalCard>,
    pub strays: Vec<LocalCardStray>,
    pub wallets: Vec<LocalWallet>,
    pub tickets: Vec<TenderedTicket>,
}

/// What the comparison found; `problems` holds one line per problem, for humans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenderFindings {
    pub problems: Vec<String>,
    /// Tickets of the journal paid with a card or a wallet.
    pub split_tickets: usize,
    pub cards_on_tickets: usize,
    pub card_strays: usize,
    pub cards_declined: usize,
    /// Captures no card was ever presented for (the customer walked away).
    pub cards_unpresented: usize,
    pub wallet_payments: usize,
    pub wallets_on_tickets: usize,
    pub wallet_strays: usize,
    /// Charges whose answer was lost, with and without a payment at the wallet.
    pub wallets_unknown_charged: usize,
    pub wallets_unknown_uncharged: usize,
    /// Charges that took nothing (refused, expired, given up).
    pub wallets_not_charged: usize,
}

impl TenderFindings {
    /// The summary's clause: `tenders: 12 split tickets, 9 cards on tickets, ...`.
    pub fn summary(&self) -> String {
        format!(
            "tenders: {} split tickets, {} cards on tickets, {} card strays, {} cards declined, \
             {} cards unpresented, {} wallet payments, {} wallets on tickets, {} wallet strays, \
             {} wallet unknowns charged, {} wallet unknowns uncharged, {} wallets not charged, \
             {} problems",
            self.split_tickets,
            self.cards_on_tickets,
            self.card_strays,
            self.cards_declined,
            self.cards_unpresented,
            self.wallet_payments,
            self.wallets_on_tickets,
            self.wallet_strays,
            self.wallets_unknown_charged,
            self.wallets_unknown_uncharged,
            self.wallets_not_charged,
            self.problems.len()
        )
    }
}

/// A ticket's accepted tender: the ticket's id and the tender.
type Held<'a> = (i64, &'a LocalTender);

pub fn compare(plan: &[PlannedSplit], r: &TenderRecords) -> TenderFindings {
    let mut f = TenderFindings {
        wallet_payments: r.payments.len(),
        ..TenderFindings::default()
    };
    let mut cards: HashMap<&str, Vec<Held>> = HashMap::new();
    let mut wallets: HashMap<&str, Vec<Held>> = HashMap::new();
    for t in &r.tickets {
        for x in t.tenders.iter().filter(|x| x.accepted) {
            match &x.kind {
                TenderKind::Card { reference, .. } => {
                    cards.entry(reference).or_default().push((t.id, x))
                }
                TenderKind::Wallet { reference, .. } => {
                    wallets.entry(reference).or_default().push((t.id, x))
                }
                TenderKind::Cash => {}
            }
        }
    }
    check_captures(r, &cards, &mut f);
    check_wallets(r, &wallets, &mut f);
    check_tickets(plan, &r.tickets, &mut f);
    f
}

fn check_captures(
    r: &TenderRecords,
    on_tickets: &HashMap<&str, Vec<Held>>,
    f: &mut TenderFindings,
) {
    let mut strays: HashMap<&str, Vec<&LocalCardStray>> = HashMap::new();
    for s in &r.strays {
        strays.entry(&s.capture_id).or_default().push(s);
    }
    let attempts: HashMap<&str, &LocalCard> =
        r.cards.iter().map(|c| (c.reference.as_str(), c)).collect();
    for c in &r.captures {
        let name = format!(
            "capture {} (id {}, tender {}, {})",
            c.capture_number, c.id, c.reference, c.amount
        );
        let held = on_tickets
            .get(c.reference.as_str())
            .map_or(&[][..], Vec::as_slice);
        let kept = strays.get(c.id.as_str()).map_or(&[][..], Vec::as_slice);
        let attempt = attempts.get(c.reference.as_str());
        if attempt.is_none() {
            f.problems.push(format!(
                "{name} is for a card tender the journal does not have"
            ));
        }
        match c.state {
            TerminalState::Approved => match (held, kept) {
                ([(ticket, x)], []) => {
                    f.cards_on_tickets += 1;
                    check_card_tender(&name, c, *ticket, x, attempt.copied(), f);
                }
                ([], [s]) => {
                    f.card_strays += 1;
                    if s.amount != c.amount {
                        f.problems
                            .push(format!("{name} is kept for a refund of {}", s.amount));
                    }
                }
                ([], []) => f.problems.push(format!(
                    "{name} approved at the terminal is on no ticket and not kept for a refund"
                )),
                _ => f.problems.push(format!(
                    "{name} approved at the terminal is on {} ticket(s) and kept {} time(s) for \
                     a refund",
                    held.len(),
                    kept.len()
                )),
            },
            TerminalState::Declined | TerminalState::Waiting => {
                if c.state == TerminalState::Declined {
                    f.cards_declined += 1;
                } else {
                    f.cards_unpresented += 1;
                }
                if !held.is_empty() || !kept.is_empty() {
                    f.problems.push(format!(
                        "{name} charged nothing ({:?}) but is on {} ticket(s) and kept {} \
                         time(s) for a refund",
                        c.state,
                        held.len(),
                        kept.len()
                    ));
                }
            }
        }
    }
    let approved: HashMap<&str, &TerminalCapture> = r
        .captures
        .iter()
        .filter(|c| c.state == TerminalState::Approved)
        .map(|c| (c.reference.as_str(), c))
        .collect();
    let mut references: Vec<_> = on_tickets.keys().collect();
    references.sort();
    for reference in references {
        if !approved.contains_key(reference) {
            f.problems.push(format!(
                "card tender {reference} is on a ticket, but the terminal approved no capture \
                 for it"
            ));
        }
    }
    let approved_ids: BTreeSet<&str> = approved.values().map(|c| c.id.as_str()).collect();
    for s in &r.strays {
        if !approved_ids.contains(s.capture_id.as_str()) {
            f.problems.push(format!(
                "card stray {} (tender {}) is for no capture the terminal approved",
                s.capture_id, s.reference
            ));
        }
    }
    for a in &r.cards {
        if a.phase == "waiting" {
            f.problems.push(format!(
                "card tender {} still waits after the final reconcile",
                a.reference
            ));
        }
        if let Some(t) = a.ticket_id {
            let held = on_tickets.get(a.reference.as_str());
            if !held.is_some_and(|h| h.iter().any(|(id, _)| *id == t)) {
                f.problems.push(format!(
                    "card tender {} is taken by ticket {t}, whose payment does not hold it",
                    a.reference
                ));
            }
        }
    }
}

fn check_card_tender(
    name: &str,
    c: &TerminalCapture,
    ticket: i64,
    x: &LocalTender,
    attempt: Option<&LocalCard>,
    f: &mut TenderFindings,
) {
    if x.applied != c.amount {
        f.problems
            .push(format!("{name} pays {} of ticket {ticket}", x.applied));
    }
    if let TenderKind::Card { capture_number, .. } = &x.kind {
        if capture_number != &c.capture_number {
            f.problems.push(format!(
                "{name} is on ticket {ticket} as capture {capture_number}"
            ));
        }
    }
    if let Some(a) = attempt {
        if a.ticket_id != Some(ticket) {
            f.problems.push(format!(
                "{name} is on ticket {ticket}, but the journal's card tender says {:?}",
                a.ticket_id
            ));
        }
    }
}

fn check_wallets(r: &TenderRecords, on_tickets: &HashMap<&str, Vec<Held>>, f: &mut TenderFindings) {
    let mut paid: HashMap<&str, Vec<&WalletPaid>> = HashMap::new();
    for p in &r.payments {
        paid.entry(&p.session_id).or_default().push(p);
    }
    let charges: HashMap<&str, &LocalWallet> = r
        .wallets
        .iter()
        .map(|w| (w.session_id.as_str(), w))
        .collect();
    for p in &r.payments {
        let name = format!("wallet payment {} ({})", p.txid, p.amount);
        match charges.get(p.session_id.as_str()) {
            None => f.problems.push(format!(
                "{name} is for session {}, which the journal does not know",
                p.session_id
            )),
            Some(w) => {
                if !p.description.contains(&w.reference) {
                    f.problems.push(format!(
                        "{name} does not name its charge {} ({:?})",
                        w.reference, p.description
                    ));
                }
                if p.amount != w.amount {
                    f.problems.push(format!(
                        "{name} took another amount than its charge {} asked ({})",
                        w.reference, w.amount
                    ));
                }
            }
        }
    }
    for w in &r.wallets {
        let name = format!("wallet charge {} ({}, {})", w.reference, w.phase, w.amount);
        let pays = paid
            .get(w.session_id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let held = on_tickets
            .get(w.reference.as_str())
            .map_or(&[][..], Vec::as_slice);
        if pays.len() > 1 {
            f.problems.push(format!(
                "{name} was charged {} times at the wallet",
                pays.len()
            ));
        }
        match w.phase.as_str() {
            "charged" => {
                if !pays.iter().any(|p| Some(&p.txid) == w.txid.as_ref()) {
                    f.problems.push(format!(
                        "{name} has txid {:?}, which the wallet never paid for it",
                        w.txid
                    ));
                }
                match (held, w.stray) {
                    ([(ticket, x)], false) => {
                        f.wallets_on_tickets += 1;
                        check_wallet_tender(&name, w, *ticket, x, f);
                    }
                    ([], true) => f.wallet_strays += 1,
                    ([], false) => f
                        .problems
                        .push(format!("{name} is on no ticket and not kept for a refund")),
                    _ => f.problems.push(format!(
                        "{name} is on {} ticket(s){}",
                        held.len(),
                        if w.stray {
                            " and kept for a refund"
                        } else {
                            ""
                        }
                    )),
                }
            }
            "unknown" | "failed" | "expired" | "abandoned" => {
                if !held.is_empty() {
                    f.problems
                        .push(format!("{name} is on {} ticket(s)", held.len()));
                }
                match (w.phase.as_str(), pays.is_empty()) {
                    ("unknown", false) => f.wallets_unknown_charged += 1,
                    ("unknown", true) => f.wallets_unknown_uncharged += 1,
                    (_, true) => f.wallets_not_charged += 1,
                    (_, false) => f.problems.push(format!(
                        "{name} took nothing in the journal, but the wallet was charged"
                    )),
                }
            }
            _ => f.problems.push(format!(
                "{name} is still under way after the final reconcile"
            )),
        }
    }
    let known: BTreeSet<&str> = r.wallets.iter().map(|w| w.reference.as_str()).collect();
    let mut references: Vec<_> = on_tickets.keys().collect();
    references.sort();
    for reference in references {
        if !known.contains(reference) {
            f.problems.push(format!(
                "wallet tender {reference} is on a ticket, but the journal has no such charge"
            ));
        }
    }
}

fn check_wallet_tender(
    name: &str,
    w: &LocalWallet,
    ticket: i64,
    x: &LocalTender,
    f: &mut TenderFindings,
) {
    if w.ticket_id != Some(ticket) {
        f.problems.push(format!(
            "{name} is on ticket {ticket}, but the charge says {:?}",
            w.ticket_id
        ));
    }
    if x.applied != w.amount {
        f.problems
            .push(format!("{name} pays {} of ticket {ticket}", x.applied));
    }
    if let TenderKind::Wallet { txid, .. } = &x.kind {
        if Some(txid) != w.txid.as_ref() {
            f.problems
                .push(format!("{name} is on ticket {ticket} with txid {txid}"));
        }
    }
}

/// Each ticket's tenders pay its total exactly, change only from cash, as planned.
fn check_tickets(plan: &[PlannedSplit], tickets: &[TenderedTicket], f: &mut TenderFindings) {
    let planned: HashMap<&str, &PlannedSplit> = plan
        .iter()
        .flat_map(|p| p.barcodes.iter().map(move |b| (b.as_str(), p)))
        .collect();
    for t in tickets {
        let name = format!("ticket {}", t.id);
        let accepted: Vec<&LocalTender> = t.tenders.iter().filter(|x| x.accepted).collect();
        let paid: Decimal = accepted.iter().map(|x| x.applied).sum();
        if paid != t.total {
            f.problems.push(format!(
                "{name}: its tenders pay {paid} of its total {}",
                t.total
            ));
        }
        let (mut cards, mut wallets, mut cash) = (Vec::new(), Vec::new(), Vec::new());
        for x in &accepted {
            match x.kind {
                TenderKind::Cash => cash.push(*x),
                TenderKind::Card { .. } => cards.push(*x),
                TenderKind::Wallet { .. } => wallets.push(*x),
            }
            let gives_change = !matches!(x.kind, TenderKind::Cash);
            if gives_change && (!x.change.is_zero() || x.handed_over != x.applied) {
                f.problems.push(format!(
                    "{name}: a {:?} tender of {} gives {} change",
                    x.kind, x.applied, x.change
                ));
            }
            if x.handed_over != x.applied + x.change {
                f.problems.push(format!(
                    "{name}: a tender took {} to pay {} with {} change",
                    x.handed_over, x.applied, x.change
                ));
            }
        }
        if cash.len() > 1 {
            f.problems
                .push(format!("{name} took cash {} times", cash.len()));
        }
        if !cards.is_empty() || !wallets.is_empty() {
            f.split_tickets += 1;
        }
        let split = t.barcodes.iter().find_map(|b| planned.get(b.as_str()));
        let Some(split) = split else {
            if !cards.is_empty() || !wallets.is_empty() {
                f.problems.push(format!(
                    "{name} was planned for cash only, but holds {} card and {} wallet \
                     tender(s)",
                    cards.len(),
                    wallets.len()
                ));
            }
            continue;
        };
        check_planned(&name, "card", split.card, &cards, f);
        check_planned(&name, "wallet", split.wallet, &wallets, f);
        for x in &cash {
            let change = cash_change(split.extra, x.applied);
            if x.change != change {
                f.problems.push(format!(
                    "{name}: its cash for {} gave {} change where the plan handed over {} more",
                    x.applied, x.change, change
                ));
            }
        }
    }
}

/// At most one accepted charge of a kind, for the planned amount.
fn check_planned(
    name: &str,
    kind: &str,
    planned: Option<Decimal>,
    taken: &[&LocalTender],
    f: &mut TenderFindings,
) {
    match (planned, taken) {
        (_, []) => {}
        (Some(amount), [x]) if x.applied == amount => {}
        (planned, _) => f.problems.push(format!(
            "{name} holds {kind} tender(s) of {:?} where the plan charged {planned:?}",
            taken.iter().map(|x| x.applied).collect::<Vec<_>>()
        )),
    }
}
