//! Contingency sales: while the hub is unreachable, a bill already looked up may be charged on a
//! provisional receipt, within a per-payment cap, a cap on all money held offline, and a time
//! window. Off until a supervisor enables it. The sale is journaled and queued like any other
//! and reaches the hub when the link returns.

use rust_decimal::Decimal;
use ventanilla_core::link::LinkState;
use ventanilla_core::{Currency, Money};

use crate::error::{ErrorCode, UiError};
use crate::service::Ventanilla;
use crate::views::{ContingencyView, MoneyView, ProvisionalSale};

const ENABLED: &str = "contingency.enabled";
const PER_PAYMENT_CAP: &str = "contingency.per_payment_cap";
const TOTAL_CAP: &str = "contingency.total_cap";
const WINDOW_HOURS: &str = "contingency.window_hours";
const DEFAULT_PER_PAYMENT_CAP: i64 = 50_000;
const DEFAULT_TOTAL_CAP: i64 = 500_000;
const DEFAULT_WINDOW_HOURS: u32 = 72;
/// Offline sales older than this show a warning in the status bar.
const WARN_HOURS: u32 = 24;

/// The unresolved sales taken offline, summed up.
pub(crate) struct OfflineHeld {
    pub count: u64,
    pub total: Money,
    /// Age of the oldest, in whole hours.
    pub oldest_hours: Option<u64>,
}

struct Settings {
    enabled: bool,
    per_payment_cap: Money,
    total_cap: Money,
    window_hours: u32,
}

impl Ventanilla {
    pub fn contingency_view(&self) -> Result<ContingencyView, UiError> {
        self.contingency_view_with(&self.offline_held()?)
    }

    pub(crate) fn contingency_view_with(
        &self,
        held: &OfflineHeld,
    ) -> Result<ContingencyView, UiError> {
        let l = self.inner.cfg.locale;
        let s = self.contingency_settings()?;
        Ok(ContingencyView {
            enabled: s.enabled,
            per_payment_cap: MoneyView::new(&s.per_payment_cap, l),
            total_cap: MoneyView::new(&s.total_cap, l),
            window_hours: s.window_hours,
            held_offline: MoneyView::new(&held.total, l),
            available: s.enabled && self.link_state() == LinkState::Offline,
        })
    }

    /// A supervisor's change of the contingency settings. Caps are amounts as typed.
    pub fn set_contingency(
        &self,
        enabled: bool,
        per_payment_cap: &str,
        total_cap: &str,
        window_hours: u32,
    ) -> Result<ContingencyView, UiError> {
        let l = self.inner.cfg.locale;
        let cap = |t: &str| {
            Money::parse_input(t, Currency::Ars, l.number_style())
                .map_err(|e| UiError::money(&e, l))
        };
        let (per, total) = (cap(per_payment_cap)?, cap(total_cap)?);
        if per.amount() <= Decimal::ZERO || total.amount() < per.amount() {
            return Err(UiError::validation(
                l,
                "El tope total debe ser mayor o igual que el tope por cobro, y ambos mayores que cero.",
                "The total cap must be at least the per-payment cap, and both above zero.",
            ));
        }
        if !(1..=720).contains(&window_hours) {
            return Err(UiError::validation(
                l,
                "La ventana debe ser de 1 a 720 horas.",
                "The window must be 1 to 720 hours.",
            ));
        }
        let now = self.inner.clock.now();
        {
            let mut store = self.inner.store();
            let mut put = |k: &str, v: String| store.set_setting(k, &v, now);
            put(ENABLED, enabled.to_string())
                .and_then(|_| put(PER_PAYMENT_CAP, per.amount().to_string()))
                .and_then(|_| put(TOTAL_CAP, total.amount().to_string()))
                .and_then(|_| put(WINDOW_HOURS, window_hours.to_string()))
                .map_err(|e| UiError::store(&e, l))?;
        }
        self.announce_status();
        self.contingency_view()
    }

    /// Charges a bill in cash while the hub is unreachable, on a provisional receipt.
    pub fn pay_cash_offline(
        &self,
        bill_key: i64,
        amount: &str,
        received: &str,
    ) -> Result<ProvisionalSale, UiError> {
        let l = self.inner.cfg.locale;
        let s = self.contingency_settings()?;
        if !s.enabled {
            return Err(UiError::new(ErrorCode::Validation, l.pick(
                "Los cobros sin conexión están desactivados. Un supervisor puede habilitarlos en Supervisor (F9).",
                "Offline payments are disabled. A supervisor can enable them under Supervisor (F9).",
            )));
        }
        if self.link_state() != LinkState::Offline {
            return Err(UiError::new(
                ErrorCode::Validation,
                l.pick(
                    "El sistema de cobro responde: cobre normalmente (F5).",
                    "The hub is answering: charge normally (F5).",
                ),
            ));
        }
        let (bill, tender) = self.check_cash(bill_key, amount, received)?;
        let due = tender.due();
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
        let offline = self.offline_held()?;
        let held = offline.total;
        let after = held.checked_add(due).map_err(|e| UiError::money(&e, l))?;
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
        let row = self.journal_cash_sale(bill_key, &bill, &tender, true)?;
        let receipt = self.render_receipt(row.id, false)?;
        Ok(ProvisionalSale {
            sale: self.sale_view(&row),
            receipt,
        })
    }

    /// Money taken offline and not yet settled by the hub, read once for every figure.
    pub(crate) fn offline_held(&self) -> Result<OfflineHeld, UiError> {
        let l = self.inner.cfg.locale;
        let now = self.inner.clock.now();
        let rows = self
            .inner
            .store()
            .unresolved_provisional_sales()
            .map_err(|e| UiError::store(&e, l))?;
        let total = rows
            .iter()
            .try_fold(Money::zero(Currency::Ars), |sum, r| {
                sum.checked_add(r.amount)
            })
            .map_err(|e| UiError::money(&e, l))?;
        let oldest_hours = rows
            .iter()
            .map(|r| u64::try_from((now - r.created_at).num_hours()).unwrap_or(0))
            .max();
        Ok(OfflineHeld {
            count: rows.len() as u64,
            total,
            oldest_hours,
        })
    }

    pub(crate) fn contingency_warn_hours(&self) -> u32 {
        WARN_HOURS
    }

    fn contingency_settings(&self) -> Result<Settings, UiError> {
        let l = self.inner.cfg.locale;
        let store = self.inner.store();
        let get = |k: &str| store.setting(k).map_err(|e| UiError::store(&e, l));
        let money = |v: Option<String>, default: i64| {
            v.and_then(|t| t.parse::<Decimal>().ok())
                .and_then(|d| Money::new(d, Currency::Ars).ok())
                .unwrap_or_else(|| {
                    Money::new(Decimal::from(default), Currency::Ars)
                        .unwrap_or(Money::zero(Currency::Ars))
                })
        };
        Ok(Settings {
            enabled: get(ENABLED)?.as_deref() == Some("true"),
            per_payment_cap: money(get(PER_PAYMENT_CAP)?, DEFAULT_PER_PAYMENT_CAP),
            total_cap: money(get(TOTAL_CAP)?, DEFAULT_TOTAL_CAP),
            window_hours: get(WINDOW_HOURS)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(DEFAULT_WINDOW_HOURS),
        })
    }
}
