//! Card captures and their rules, no I/O: a capture is started once per `reference_id` (asking
//! again with the same amount and currency is the same capture), presented once, and then its
//! `card_captured` body is delivered until acknowledged.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use ventanilla_core::Currency;

use super::card::Card;
use super::ids;

/// The longest `reference_id` taken (a tender reference, not a document).
pub const MAX_REFERENCE_LEN: usize = 64;

/// Where a capture stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureState {
    /// Started; no card presented yet.
    Waiting,
    Approved,
    Declined,
    /// The customer cancelled at the terminal.
    Cancelled,
}

impl CaptureState {
    pub fn as_str(self) -> &'static str {
        match self {
            CaptureState::Waiting => "waiting",
            CaptureState::Approved => "approved",
            CaptureState::Declined => "declined",
            CaptureState::Cancelled => "cancelled",
        }
    }
}

/// What happened when the card was presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Approve,
    Decline,
    Cancel,
}

impl Outcome {
    pub fn parse(text: &str) -> Option<Outcome> {
        match text.trim().to_ascii_lowercase().as_str() {
            "approve" => Some(Outcome::Approve),
            "decline" => Some(Outcome::Decline),
            "cancel" => Some(Outcome::Cancel),
            _ => None,
        }
    }

    pub fn state(self) -> CaptureState {
        match self {
            Outcome::Approve => CaptureState::Approved,
            Outcome::Decline => CaptureState::Declined,
            Outcome::Cancel => CaptureState::Cancelled,
        }
    }
}

/// How a capture's webhook deliveries went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deliveries {
    /// POSTs sent, refused and failed ones included.
    pub attempted: u64,
    /// POSTs answered 2xx.
    pub acknowledged: u64,
    /// Copies still to be acknowledged (waiting for a subscription, or being retried).
    pub queued: u64,
}

/// A presented capture: the card as kept, and the body delivered for it.
#[derive(Debug, Clone)]
pub struct Presented {
    pub at: DateTime<Utc>,
    pub card: Card,
    /// The `card_captured` body as sent, byte for byte the same by every delivery (and
    /// redelivery).
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct Capture {
    pub reference_id: String,
    /// The document's `id`: a GUID of this capture.
    pub id: String,
    /// The document's `capture_number`, `INCA-` and ten digits.
    pub capture_number: String,
    /// At the currency's scale.
    pub amount: Decimal,
    pub currency: Currency,
    pub created: DateTime<Utc>,
    pub state: CaptureState,
    pub presented: Option<Presented>,
    pub deliveries: Deliveries,
}

/// Why a start was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartError {
    Invalid(String),
    /// The reference is taken by a capture of another amount or currency.
    Conflict(String),
}

/// Why a presentation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresentError {
    NotFound,
    AlreadyPresented(CaptureState),
}

/// Every capture, oldest first.
#[derive(Debug, Default)]
pub struct Captures {
    list: Vec<Capture>,
    /// The last `capture_number` given; numbering goes on across resets.
    last_number: u64,
}

/// Checks a start's reference, amount and currency; the amount comes back at the currency's
/// scale. Only the fiat currencies a card terminal charges are taken.
pub fn check_start(
    reference_id: &str,
    amount: Decimal,
    currency: &str,
) -> Result<(Decimal, Currency), String> {
    if reference_id.trim().is_empty() {
        return Err("reference_id must not be empty".to_owned());
    }
    if reference_id.chars().count() > MAX_REFERENCE_LEN {
        return Err(format!(
            "reference_id must be at most {MAX_REFERENCE_LEN} characters"
        ));
    }
    let currency = Currency::from_iso(currency)
        .filter(|c| *c != Currency::Bsv)
        .ok_or_else(|| format!("unknown currency {currency:?} (ARS, VES, EUR or CLP)"))?;
    if amount <= Decimal::ZERO {
        return Err(format!("amount must be greater than zero, not {amount}"));
    }
    // `1500.000` is 1500.00 for ARS: only digits that carry value count.
    if amount.normalize().scale() > currency.scale() {
        return Err(format!(
            "amount {amount} has more decimals than {} allows ({})",
            currency.iso(),
            currency.scale()
        ));
    }
    let mut at_scale = amount;
    at_scale.rescale(currency.scale());
    Ok((at_scale, currency))
}

impl Captures {
    pub fn list(&self) -> &[Capture] {
        &self.list
    }

    pub fn get(&self, reference_id: &str) -> Option<&Capture> {
        self.list.iter().find(|c| c.reference_id == reference_id)
    }

    fn by_id_mut(&mut self, id: &str) -> Option<&mut Capture> {
        self.list.iter_mut().find(|c| c.id == id)
    }

    /// True while the capture of this `id` is kept (a reset forgets it, and its deliveries).
    pub fn has_id(&self, id: &str) -> bool {
        self.list.iter().any(|c| c.id == id)
    }

    /// Starts a capture, or finds the one started with this reference before. `Ok((capture,
    /// true))` when new.
    pub fn start(
        &mut self,
        reference_id: &str,
        amount: Decimal,
        currency: &str,
        now: DateTime<Utc>,
    ) -> Result<(Capture, bool), StartError> {
        let (amount, currency) =
            check_start(reference_id, amount, currency).map_err(StartError::Invalid)?;
        if let Some(old) = self.get(reference_id) {
            if old.amount == amount && old.currency == currency {
                return Ok((old.clone(), false));
            }
            return Err(StartError::Conflict(format!(
                "reference_id {reference_id:?} was started for {} {}, not {} {}",
                old.currency.iso(),
                old.amount,
                currency.iso(),
                amount
            )));
        }
        self.last_number += 1;
        let capture = Capture {
            reference_id: reference_id.to_owned(),
            id: ids::guid(),
            capture_number: format!("INCA-{:010}", self.last_number),
            amount,
            currency,
            created: now,
            state: CaptureState::Waiting,
            presented: None,
            deliveries: Deliveries::default(),
        };
        self.list.push(capture.clone());
        Ok((capture, true))
    }

    /// Presents a card to a waiting capture: `body` builds the webhook body from the capture
    /// as presented. The capture is presented once.
    pub fn present(
        &mut self,
        reference_id: &str,
        outcome: Outcome,
        card: Card,
        now: DateTime<Utc>,
        body: impl FnOnce(&Capture, &Card, DateTime<Utc>) -> String,
    ) -> Result<Capture, PresentError> {
        let capture = self
            .list
            .iter_mut()
            .find(|c| c.reference_id == reference_id)
            .ok_or(PresentError::NotFound)?;
        if capture.state != CaptureState::Waiting {
            return Err(PresentError::AlreadyPresented(capture.state));
        }
        capture.state = outcome.state();
        let body = body(capture, &card, now);
        capture.presented = Some(Presented {
            at: now,
            card,
            body,
        });
        Ok(capture.clone())
    }

    /// `copies` more deliveries are on their way for the capture `id`.
    pub fn queue(&mut self, id: &str, copies: u64) {
        if let Some(c) = self.by_id_mut(id) {
            c.deliveries.queued += copies;
        }
    }

    /// One delivery attempt for the capture `id`, acknowledged (2xx) or not.
    pub fn attempted(&mut self, id: &str, acknowledged: bool) {
        if let Some(c) = self.by_id_mut(id) {
            c.deliveries.attempted += 1;
            if acknowledged {
                c.deliveries.acknowledged += 1;
                c.deliveries.queued = c.deliveries.queued.saturating_sub(1);
            }
        }
    }

    /// Forgets every capture (their deliveries stop); numbering goes on.
    pub fn reset(&mut self) {
        self.list.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_reference_is_one_capture() {
        let mut book = Captures::default();
        let now = Utc::now();
        let (a, new) = book.start("T-1", dec("1500"), "ars", now).unwrap();
        assert!(new);
        assert_eq!(a.amount.to_string(), "1500.00");
        assert_eq!(a.capture_number, "INCA-0000000001");
        let (b, new) = book.start("T-1", dec("1500.000"), "ARS", now).unwrap();
        assert!(!new);
        assert_eq!(b.id, a.id);
        assert!(matches!(
            book.start("T-1", dec("1501"), "ARS", now),
            Err(StartError::Conflict(_))
        ));
        assert!(matches!(
            book.start("T-1", dec("1500"), "CLP", now),
            Err(StartError::Conflict(_))
        ));
        let (c, _) = book.start("T-2", dec("990"), "CLP", now).unwrap();
        assert_eq!(c.capture_number, "INCA-0000000002");
        assert_eq!(c.amount.to_string(), "990");
    }

    #[test]
    fn starts_are_checked() {
        for (reference, amount, currency) in [
            ("", "1", "ARS"),
            (&"r".repeat(65)[..], "1", "ARS"),
            ("T", "0", "ARS"),
            ("T", "-5", "ARS"),
            ("T", "1.001", "ARS"),
            ("T", "1.5", "CLP"),
            ("T", "1", "XYZ"),
            ("T", "1", "BSV"),
        ] {
            assert!(
                check_start(reference, dec(amount), currency).is_err(),
                "{reference} {amount} {currency}"
            );
        }
        assert!(check_start(&"r".repeat(64), dec("0.01"), "EUR").is_ok());
    }

    #[test]
    fn a_capture_is_presented_once() {
        let mut book = Captures::default();
        let now = Utc::now();
        let (c, _) = book.start("T-1", dec("10"), "EUR", now).unwrap();
        let card = Card::read("4111111111111111", "001").unwrap();
        let body = |_: &Capture, _: &Card, _| json!({"state": "captured"}).to_string();
        let done = book
            .present("T-1", Outcome::Approve, card.clone(), now, body)
            .unwrap();
        assert_eq!(done.state, CaptureState::Approved);
        assert_eq!(
            book.present("T-1", Outcome::Decline, card.clone(), now, body)
                .unwrap_err(),
            PresentError::AlreadyPresented(CaptureState::Approved)
        );
        assert_eq!(
            book.present("nope", Outcome::Approve, card, now, body)
                .unwrap_err(),
            PresentError::NotFound
        );
        book.queue(&c.id, 2);
        book.attempted(&c.id, false);
        book.attempted(&c.id, true);
        let d = book.get("T-1").unwrap().deliveries;
        assert_eq!((d.attempted, d.acknowledged, d.queued), (2, 1, 1));
        book.reset();
        assert!(!book.has_id(&c.id));
    }
}
