//! Taking a bill payment: check the amount and the cash, refuse a bill this counter already
//! charged, write the sale to the journal, and only then hand it to the outbox.

use ventanilla_core::ticket::DraftItem;
use ventanilla_core::{Bill, CashTender, Money};
use ventanilla_store::{SaleRow, StoreError};

use crate::error::UiError;
use crate::ticket::item::ItemDetail;
use crate::ticket::journal::journal_ticket;
use crate::traxion::duplicate::{duplicate_error, not_checked_yet};
use crate::traxion::earlier::Found;
use crate::traxion::gateway::Traxion;
use crate::views::{CashQuote, MoneyView, SaleView};

/// Longest amount text accepted from the screen; anything longer is not an amount.
const MAX_AMOUNT_TEXT: usize = 32;

impl Traxion {
    /// What the cashier would charge and give back, without recording anything.
    /// `amount` empty means the bill's total; `received` empty means exact cash.
    pub fn quote_cash(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<CashQuote, UiError> {
        let (_, tender) = self.check_cash(bill_key, amount, received)?;
        let l = self.locale();
        Ok(CashQuote {
            amount: MoneyView::new(&tender.due(), l),
            received: MoneyView::new(&tender.received(), l),
            change: MoneyView::new(&tender.change(), l),
        })
    }

    /// Charges the bill in cash. The sale is durably in the journal when this returns; its
    /// outcome arrives later through `AppEvents` (or `Ventanilla::sale`).
    pub fn pay_cash(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<SaleView, UiError> {
        let (bill, tender) = self.check_cash(bill_key, amount, received)?;
        let row = self.journal_cash_sale(bill_key, &bill, &tender, false)?;
        Ok(crate::sale_view::sale_view(
            &row,
            &self.ctx.cfg,
            self.ctx.now(),
        ))
    }

    /// Writes a checked cash sale to the journal as a ticket of one bill (durably, with its
    /// ledger payment and outbox row, before anything is sent), then tells the sender and the
    /// status bar.
    pub fn journal_cash_sale(
        &self,
        bill_key: i64,
        bill: &Bill,
        tender: &CashTender,
        provisional: bool,
    ) -> Result<SaleRow, UiError> {
        let l = self.locale();
        let item = DraftItem {
            key: crate::ticket::item::bill_key(bill),
            amount: tender.due(),
            detail: ItemDetail::Bill {
                lookup_id: bill_key,
                bill: Box::new(bill.clone()),
            },
        };
        let id = journal_ticket(
            &self.ctx,
            std::slice::from_ref(&item),
            &[],
            Some(tender.received()),
            provisional,
        )?;
        let store = self.ctx.store();
        let items = store
            .ticket_items(id, tender.due().currency())
            .map_err(|e| UiError::store(&e, l))?;
        let sale_id = items
            .first()
            .map(|i| i.ref_id)
            .ok_or_else(|| UiError::internal(l, "a ticket without its bill"))?;
        store.sale(sale_id).map_err(|e| UiError::store(&e, l))
    }

    /// Reads the amount and the cash as typed and checks them against the bill; then that the
    /// bill is not already charged here, and that the counter may take money at all.
    pub fn check_cash(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<(Bill, CashTender), UiError> {
        let (bill, due) = self.bill_to_charge(bill_key, amount)?;
        let tender = self.cash_tender(due, received)?;
        self.refuse_duplicate(&bill)?;
        self.ctx.check_clock()?;
        self.ctx.ensure_journal_trusted()?;
        Ok((bill, tender))
    }

    /// The cash as typed for `due` (empty: exact cash): at least `due`, at most the counter's
    /// cap on cash for it.
    pub fn cash_tender(&self, due: Money, received: &str) -> Result<CashTender, UiError> {
        let l = self.locale();
        if received.len() > MAX_AMOUNT_TEXT {
            return Err(too_long(l));
        }
        let received = if received.trim().is_empty() {
            None
        } else {
            Some(
                Money::parse_input(received, due.currency(), l.number_style())
                    .map_err(|e| UiError::money(&e, l))?,
            )
        };
        CashTender::new(due, received, self.ctx.cfg.max_cash_factor)
            .map_err(|e| UiError::tender(&e, l))
    }

    /// The bill looked up as `bill_key` and what to charge for it: `amount` as typed, checked
    /// against the bill's rule (empty: its total).
    pub fn bill_to_charge(&self, bill_key: i64, amount: &str) -> Result<(Bill, Money), UiError> {
        let l = self.locale();
        let bill = self.ctx.store().lookup(bill_key).map_err(|e| match e {
            StoreError::NotFound => UiError::lookup_expired(l),
            other => UiError::store(&other, l),
        })?;
        let due = self.amount_for(&bill, amount)?;
        Ok((bill, due))
    }

    /// `amount` as typed for `bill`, checked against its rule (empty: its total).
    pub fn amount_for(&self, bill: &Bill, amount: &str) -> Result<Money, UiError> {
        let l = self.locale();
        if amount.len() > MAX_AMOUNT_TEXT {
            return Err(too_long(l));
        }
        let due = if amount.trim().is_empty() {
            bill.amount.total()
        } else {
            Money::parse_input(amount, bill.amount.total().currency(), l.number_style())
                .map_err(|e| UiError::money(&e, l))?
        };
        bill.amount.check(due).map_err(|e| UiError::amount(&e, l))
    }

    /// A bill this counter already charged (approved, in flight, or taken offline) is not
    /// charged again; one whose earlier sale was rejected may be.
    pub(crate) fn refuse_duplicate(&self, bill: &Bill) -> Result<(), UiError> {
        let l = self.locale();
        let found = self
            .earlier
            .find(&self.ctx.store(), &bill.external_data.0)
            .map_err(|e| UiError::store(&e, l))?;
        match found {
            Found::NotChecked => Err(not_checked_yet(l)),
            Found::Sale(row) if crate::traxion::earlier::state_of(&row).blocks_payment() => {
                Err(duplicate_error(&row, l))
            }
            Found::Sale(_) | Found::Nothing => Ok(()),
        }
    }
}

fn too_long(l: crate::i18n::Locale) -> UiError {
    UiError::validation(
        l,
        "El importe es demasiado largo.",
        "The amount is too long.",
    )
}

#[cfg(test)]
mod tests {
    //! What the cashier reads when a typed amount or the cash received is refused: the same
    //! reading `check_cash` does, without a journal or a hub.

    use super::*;
    use crate::i18n::Locale;
    use ventanilla_core::{Currency, DEFAULT_MAX_CASH_FACTOR};

    fn refusal(text: &str, l: Locale) -> String {
        Money::parse_input(text, Currency::Ars, l.number_style())
            .map_err(|e| UiError::money(&e, l))
            .unwrap_err()
            .message
    }

    #[test]
    fn a_refused_amount_says_where_and_how_to_write_it() {
        let es = |t| refusal(t, Locale::Es);
        let en = |t| refusal(t, Locale::En);
        assert_eq!(
            es("2.7x8,50"),
            "El carácter «x» en la posición 4 no es válido en un importe. Escriba, por ejemplo, 2.748,50 (el punto separa los miles y la coma los decimales)."
        );
        assert!(es("4 0").starts_with("Hay un espacio en la posición 2"));
        assert!(en("4 0").starts_with("There is a space at position 2"));
        let m = es("36,999");
        assert!(
            m.contains("se admiten 2") && m.contains("posición 6"),
            "{m}"
        );
        let m = en("1.000");
        assert!(m.contains("allows 2") && m.contains("position 5"), "{m}");
        let m = es("1.00");
        assert!(
            m.contains("«.» en la posición 2") && m.contains("tres cifras"),
            "{m}"
        );
        assert!(es("5,").contains("después de la coma de la posición 2"));
        assert!(en("5.").contains("after the point at position 2"));
        assert_eq!(es("-5"), "El importe no puede ser negativo.");
        assert!(es(&"9".repeat(19)).contains("18 cifras"));
        let clp = Money::parse_input("12,5", Currency::Clp, Locale::Es.number_style())
            .map_err(|e| UiError::money(&e, Locale::Es))
            .unwrap_err();
        assert!(clp
            .message
            .starts_with("Los importes en CLP no llevan decimales (posición 3)"));
    }

    #[test]
    fn the_screen_s_language_decides_the_separators() {
        let read = |t: &str, l: Locale| {
            Money::parse_input(t, Currency::Ars, l.number_style())
                .map(|m| l.money(&m))
                .map_err(|e| UiError::money(&e, l).message)
        };
        assert_eq!(read("1.000", Locale::Es), Ok("$ 1.000,00".into()));
        assert_eq!(read("1,000", Locale::En), Ok("$1,000.00".into()));
        assert!(read("1,000", Locale::Es).is_err());
        assert!(read("1.000", Locale::En).is_err());
    }

    #[test]
    fn too_much_cash_names_the_cap() {
        let due = Money::parse_input("99,99", Currency::Ars, Locale::Es.number_style()).unwrap();
        let typo = Money::parse_input(
            "99999999999999999,99",
            Currency::Ars,
            Locale::Es.number_style(),
        )
        .unwrap();
        let err = CashTender::new(due, Some(typo), DEFAULT_MAX_CASH_FACTOR).unwrap_err();
        let es = UiError::tender(&err, Locale::Es);
        assert_eq!(es.code, crate::error::ErrorCode::Validation);
        assert!(
            es.message.contains("como máximo $ 9.999,00"),
            "{}",
            es.message
        );
        assert!(
            es.message.contains("$ 99.999.999.999.999.999,99"),
            "{}",
            es.message
        );
        let en = UiError::tender(&err, Locale::En);
        assert!(en.message.contains("at most $9,999.00"), "{}", en.message);
    }
}
