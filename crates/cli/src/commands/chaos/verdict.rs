//! The one-line summary the run ends with, and whether it passed.

use rust_decimal::Decimal;

use super::checks::tax::TaxFindings;
use super::checks::tenders::TenderFindings;
use super::checks::Findings;
use super::damage::Tally;

pub struct Verdict {
    /// Planned tickets, and the bills in them.
    pub tickets: usize,
    pub bills: usize,
    pub kills: usize,
    pub currency: String,
    pub findings: Findings,
    /// Problems of the run itself (a counter that crashed, time ran out), reported first.
    pub run_problems: Vec<String>,
    pub integrity: Result<(), String>,
    /// With `--damage`: what came of each damage to the journal.
    pub damage: Option<Tally>,
    /// With tax tickets: the tax orders compared with the platform's, and their currency.
    pub tax: Option<(TaxFindings, String)>,
    /// With split tickets: the card and wallet tenders compared with the terminal's and the
    /// wallet's records.
    pub tenders: Option<TenderFindings>,
}

impl Verdict {
    pub fn problems(&self) -> Vec<String> {
        let mut out = self.run_problems.clone();
        out.extend(self.findings.problems());
        if let Some((tax, _)) = &self.tax {
            out.extend(tax.problems());
        }
        if let Some(t) = &self.tenders {
            out.extend(t.problems.iter().cloned());
        }
        if let Err(e) = &self.integrity {
            out.push(e.clone());
        }
        if let Some(d) = &self.damage {
            out.extend(d.problems.iter().cloned());
        }
        out
    }

    pub fn passed(&self) -> bool {
        self.problems().is_empty()
    }

    pub fn summary(&self) -> String {
        let f = &self.findings;
        let cash = format!(
            "{} {} local {} {} hub",
            self.currency,
            cents(f.cash_local),
            if f.cash_ok() { "=" } else { "!=" },
            cents(f.cash_hub)
        );
        let verdict = match self.problems().first() {
            None => "PASS".to_string(),
            // Only the first line of a multi-line problem fits the summary.
            Some(p) => format!("FAIL: {}", p.lines().next().unwrap_or_default()),
        };
        let ledger = if f.ledger.is_empty() {
            format!("ok ({} tickets, {} refunds)", f.tickets, f.refunds)
        } else {
            format!(
                "{} PROBLEMS ({} tickets, {} refunds)",
                f.ledger.len(),
                f.tickets,
                f.refunds
            )
        };
        let damage = self
            .damage
            .as_ref()
            .map(|d| format!(", {}", d.summary()))
            .unwrap_or_default();
        let tax = self
            .tax
            .as_ref()
            .map(|(t, currency)| format!(", {}", t.summary(currency)))
            .unwrap_or_default();
        let tenders = self
            .tenders
            .as_ref()
            .map(|t| format!(", {}", t.summary()))
            .unwrap_or_default();
        format!(
            "chaos: {} tickets, {} bills, {} kills, {} duplicates, {} lost, {} mismatched, \
             {} unresolved, {} needing attention, cash {} ({cash}), ledger {ledger}, \
             integrity {}{tax}{tenders}{damage} -> {verdict}",
            self.tickets,
            self.bills,
            self.kills,
            f.duplicates.len(),
            f.lost.len(),
            f.mismatched.len(),
            f.unresolved.len(),
            f.needs_attention,
            if f.cash_ok() { "ok" } else { "MISMATCH" },
            if self.integrity.is_ok() {
                "ok"
            } else {
                "FAILED"
            },
        )
    }
}

fn cents(d: Decimal) -> String {
    let mut d = d;
    d.rescale(2);
    d.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(findings: Findings) -> Verdict {
        Verdict {
            tickets: 81,
            bills: 200,
            kills: 10,
            currency: "ARS".into(),
            findings,
            run_problems: vec![],
            integrity: Ok(()),
            damage: None,
            tax: None,
            tenders: None,
        }
    }

    #[test]
    fn a_clean_run_passes() {
        let v = verdict(Findings {
            cash_local: Decimal::new(12345600, 2),
            cash_hub: Decimal::new(123456, 0),
            tickets: 81,
            refunds: 6,
            ..Findings::default()
        });
        assert_eq!(
            v.summary(),
            "chaos: 81 tickets, 200 bills, 10 kills, 0 duplicates, 0 lost, 0 mismatched, \
             0 unresolved, 0 needing attention, cash ok (ARS 123456.00 local = 123456.00 hub), \
             ledger ok (81 tickets, 6 refunds), integrity ok -> PASS"
        );
        assert!(v.passed());
    }

    #[test]
    fn the_first_problem_is_named() {
        let mut v = verdict(Findings {
            lost: vec!["hub sale X is not in the journal".into()],
            cash_hub: Decimal::ONE,
            ..Findings::default()
        });
        v.integrity = Err("integrity check: page 3 is never used".into());
        let s = v.summary();
        assert!(s.contains(" 1 lost,"), "{s}");
        assert!(
            s.contains("cash MISMATCH (ARS 0.00 local != 1.00 hub)"),
            "{s}"
        );
        assert!(s.contains("integrity FAILED"), "{s}");
        assert!(
            s.ends_with("-> FAIL: hub sale X is not in the journal"),
            "{s}"
        );
        assert_eq!(v.problems().len(), 3);

        v.run_problems
            .push("a counter process failed\nlog...".into());
        assert!(v.summary().ends_with("-> FAIL: a counter process failed"));
    }

    #[test]
    fn a_ticket_that_does_not_balance_fails_the_run() {
        let v = verdict(Findings {
            ledger: vec![
                "ticket 7: received 40.00 but approved 10.00 + change 9.49 + \
                          refunded 20.50 = 39.99"
                    .into(),
            ],
            tickets: 81,
            refunds: 6,
            ..Findings::default()
        });
        let s = v.summary();
        assert!(!v.passed());
        assert!(
            s.contains("ledger 1 PROBLEMS (81 tickets, 6 refunds)"),
            "{s}"
        );
        assert!(
            s.ends_with("-> FAIL: ticket 7: received 40.00 but approved 10.00 + change 9.49 + refunded 20.50 = 39.99"),
            "{s}"
        );
    }

    #[test]
    fn tax_orders_are_summed_up_and_a_doubled_report_fails_the_run() {
        let mut v = verdict(Findings::default());
        let tax = TaxFindings {
            tickets: 6,
            paid: 6,
            reported: 6,
            refunds: 1,
            cash_local: Decimal::new(1_843_025, 2),
            cash_platform: Decimal::new(1_843_025, 2),
            ..TaxFindings::default()
        };
        v.tax = Some((tax, "VES".into()));
        assert!(
            v.summary().ends_with(
                "integrity ok, tax: 6 tickets, 6 orders reported, 0 duplicates, 0 missing, \
                 0 mismatched, 0 unresolved, 0 needing attention, 1 refunds, cash ok \
                 (VES 18430.25 local = 18430.25 platform) -> PASS"
            ),
            "{}",
            v.summary()
        );
        if let Some((t, _)) = v.tax.as_mut() {
            t.duplicates
                .push("tax order X reported 2 times at the platform".into());
        }
        assert!(!v.passed());
        let s = v.summary();
        assert!(
            s.contains("tax: 6 tickets, 6 orders reported, 1 duplicates,"),
            "{s}"
        );
        assert!(
            s.ends_with("-> FAIL: tax order X reported 2 times at the platform"),
            "{s}"
        );
    }

    #[test]
    fn tenders_are_summed_up_and_their_problems_fail_the_run() {
        let mut v = verdict(Findings::default());
        v.tenders = Some(TenderFindings {
            split_tickets: 4,
            cards_on_tickets: 3,
            wallet_payments: 2,
            wallets_on_tickets: 2,
            ..TenderFindings::default()
        });
        let s = v.summary();
        assert!(
            s.ends_with(
                "integrity ok, tenders: 4 split tickets, 3 cards on tickets, 0 card strays, \
                 0 cards declined, 0 cards unpresented, 2 wallet payments, 2 wallets on \
                 tickets, 0 wallet strays, 0 wallet unknowns charged, 0 wallet unknowns \
                 uncharged, 0 wallets not charged, 0 problems -> PASS"
            ),
            "{s}"
        );
        if let Some(t) = v.tenders.as_mut() {
            t.problems
                .push("capture INCA-1 approved at the terminal is on no ticket".into());
        }
        assert!(!v.passed());
        assert!(v
            .summary()
            .ends_with("-> FAIL: capture INCA-1 approved at the terminal is on no ticket"));
    }

    #[test]
    fn damage_is_summed_up_and_its_problems_fail_the_run() {
        let mut v = verdict(Findings::default());
        v.damage = Some(Tally {
            events: 3,
            refused: 2,
            absorbed: 1,
            ..Tally::default()
        });
        assert!(
            v.summary().ends_with(
                "integrity ok, damage: 3 events, 2 refused, 1 absorbed, 0 silent losses, \
                 0 refusals that changed files -> PASS"
            ),
            "{}",
            v.summary()
        );
        if let Some(d) = v.damage.as_mut() {
            d.silent_losses = 1;
            d.problems.push("damage #3: SILENT LOSS".into());
        }
        assert!(!v.passed());
        assert!(v.summary().ends_with("-> FAIL: damage #3: SILENT LOSS"));
    }
}
