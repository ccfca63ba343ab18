//! Contingency: while the hub is unreachable, bills already looked up may be charged on a
//! provisional receipt, within a per-payment cap, a cap on all money held offline, and a time
//! window. Off until a supervisor enables it. These are its settings and its sums; taking such
//! a sale is the bill-payment gateway's (`traxion/offline_sale.rs`).

use rust_decimal::Decimal;
use ventanilla_core::{Currency, Money};

use crate::context::Context;
use crate::error::UiError;
use crate::gateway_id::GatewayId;
use crate::views::{ContingencyView, MoneyView};

/// The gateway whose sales may be taken offline: bill payments.
pub(crate) const GATEWAY: GatewayId = GatewayId::Traxion;

const ENABLED: &str = "contingency.enabled";
const PER_PAYMENT_CAP: &str = "contingency.per_payment_cap";
const TOTAL_CAP: &str = "contingency.total_cap";
const WINDOW_HOURS: &str = "contingency.window_hours";
const DEFAULT_PER_PAYMENT_CAP: i64 = 50_000;
const DEFAULT_TOTAL_CAP: i64 = 500_000;
const DEFAULT_WINDOW_HOURS: u32 = 72;
/// Offline sales older than this show a warning in the status bar.
pub(crate) const WARN_HOURS: u32 = 24;

/// The unresolved sales taken offline, summed up.
pub(crate) struct OfflineHeld {
    pub count: u64,
    pub total: Money,
    /// Age of the oldest, in whole hours.
    pub oldest_hours: Option<u64>,
}

pub(crate) struct Settings {
    pub enabled: bool,
    pub per_payment_cap: Money,
    pub total_cap: Money,
    pub window_hours: u32,
}

pub(crate) fn view(ctx: &Context, held: &OfflineHeld) -> Result<ContingencyView, UiError> {
    let l = ctx.locale();
    let s = settings(ctx)?;
    Ok(ContingencyView {
        enabled: s.enabled,
        per_payment_cap: MoneyView::new(&s.per_payment_cap, l),
        total_cap: MoneyView::new(&s.total_cap, l),
        window_hours: s.window_hours,
        held_offline: MoneyView::new(&held.total, l),
        available: s.enabled
            && ctx.links.state(GATEWAY) == ventanilla_core::link::LinkState::Offline,
    })
}

/// A supervisor's change of the contingency settings. Caps are amounts as typed.
pub(crate) fn set(
    ctx: &Context,
    enabled: bool,
    per_payment_cap: &str,
    total_cap: &str,
    window_hours: u32,
) -> Result<ContingencyView, UiError> {
    let l = ctx.locale();
    let cap = |t: &str| {
        Money::parse_input(t, Currency::Ars, l.number_style()).map_err(|e| UiError::money(&e, l))
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
    let now = ctx.now();
    {
        let mut store = ctx.store();
        let mut put = |k: &str, v: String| store.set_setting(k, &v, now);
        put(ENABLED, enabled.to_string())
            .and_then(|_| put(PER_PAYMENT_CAP, per.amount().to_string()))
            .and_then(|_| put(TOTAL_CAP, total.amount().to_string()))
            .and_then(|_| put(WINDOW_HOURS, window_hours.to_string()))
            .map_err(|e| UiError::store(&e, l))?;
    }
    ctx.status_changed();
    view(ctx, &offline_held(ctx)?)
}

/// Money taken offline and not yet settled by the hub, read once for every figure.
pub(crate) fn offline_held(ctx: &Context) -> Result<OfflineHeld, UiError> {
    let l = ctx.locale();
    let now = ctx.now();
    let rows = ctx
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

pub(crate) fn settings(ctx: &Context) -> Result<Settings, UiError> {
    let l = ctx.locale();
    let store = ctx.store();
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
