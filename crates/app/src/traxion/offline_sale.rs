//! A bill charged while the hub is unreachable, on a provisional receipt, within the
//! contingency's caps and window. The sale is journaled and queued like any other and reaches
//! the hub when the link returns.

use ventanilla_core::link::LinkState;
use ventanilla_core::Money;

use crate::contingency;
use crate::error::{ErrorCode, UiError};
use crate::sale_view::sale_view;
use crate::traxion::gateway::{Traxion, GATEWAY};
use crate::views::ProvisionalSale;

impl Traxion {
    /// Charges a bill in cash while the hub is unreachable, on a provisional receipt.
    pub fn pay_cash_offline(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<ProvisionalSale, UiError> {
        self.check_offline_allowed()?;
        let (bill, tender) = self.check_cash(bill_key, amount, received)?;
        self.check_offline_caps(&[tender.due()])?;
        let row = self.journal_cash_sale(bill_key, &bill, &tender, true)?;
        let receipt = self.render_receipt(row.id, false)?;
        Ok(ProvisionalSale {
            sale: sale_view(&row, &self.ctx.cfg, self.ctx.now()),
            receipt,
        })
    }

    /// Offline payments are on (a supervisor's choice) and the hub is really unreachable.
    pub fn check_offline_allowed(&self) -> Result<(), UiError> {
        let l = self.locale();
        let s = contingency::settings(&self.ctx)?;
        if !s.enabled {
            return Err(UiError::new(ErrorCode::Validation, l.pick(
                "Los cobros sin conexión están desactivados. Un supervisor puede habilitarlos en Supervisor (F9).",
                "Offline payments are disabled. A supervisor can enable them under Supervisor (F9).",
            )));
        }
        if self.ctx.links.state(GATEWAY) != LinkState::Offline {
            return Err(UiError::new(
                ErrorCode::Validation,
                l.pick(
                    "El sistema de cobro responde: cobre normalmente (F5).",
                    "The hub is answering: charge normally (F5).",
                ),
            ));
        }
        Ok(())
    }

    /// Bills of these amounts fit the contingency's caps: each under the per-bill cap, all of
    /// them with what is already held offline under the total cap, and nothing held offline
    /// longer than the window.
    pub fn check_offline_caps(&self, amounts: &[Money]) -> Result<(), UiError> {
        let l = self.locale();
        let s = contingency::settings(&self.ctx)?;
        let offline = contingency::offline_held(&self.ctx)?;
        let mut after = offline.total;
        for due in amounts {
            if due.amount() > s.per_payment_cap.amount() {
                return Err(UiError::validation(
                    l,
                    format!(
                        "Sin conexión se puede cobrar hasta {} por factura.",
                        l.money(&s.per_payment_cap)
                    ),
                    format!("Offline, at most {} per bill.", l.money(&s.per_payment_cap)),
                ));
            }
            after = after.checked_add(*due).map_err(|e| UiError::money(&e, l))?;
        }
        let held = offline.total;
        if after.amount() > s.total_cap.amount() {
            return Err(UiError::validation(
                l,
                format!("Se alcanzó el tope de dinero cobrado sin conexión ({}; ya hay {}). Espere a que vuelva la conexión.", l.money(&s.total_cap), l.money(&held)),
                format!("The cap on money taken offline is reached ({}; {} held). Wait for the link.", l.money(&s.total_cap), l.money(&held)),
            ));
        }
        if let Some(age) = offline.oldest_hours {
            if age >= u64::from(s.window_hours) {
                return Err(UiError::validation(
                    l,
                    format!("Hay cobros sin conexión de hace {age} horas sin confirmar (el máximo es {}). No se puede cobrar más sin conexión: avise al supervisor.", s.window_hours),
                    format!("Offline payments from {age} hours ago are unconfirmed (the limit is {}). No more offline payments: tell your supervisor.", s.window_hours),
                ));
            }
        }
        Ok(())
    }
}
