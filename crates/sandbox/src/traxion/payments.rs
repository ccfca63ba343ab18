//! Paying a bill: the rules of `POST /sales/billPayment/`, as a function of the ledger, the
//! catalogue and the request (no I/O).

use chrono::{DateTime, Duration, FixedOffset};
use rust_decimal::Decimal;

use super::catalogue::Catalogue;
use super::error::PlatformError;
use super::ledger::{Ledger, SaleRecord, SaleState};
use super::wire::PayRequest;
use crate::ids::{digits, hash_str, hex_id};

/// Longest `clientTransactionId` accepted (the platform's schema says 22, its examples use 37).
pub const MAX_CLIENT_TRANSACTION_ID: usize = 64;

/// Reasons a `reject_rate` fault picks from.
pub const REJECT_REASONS: [&str; 4] = [
    "408_COMPANY_TIMEOUT - La empresa no respondió a tiempo. Intente nuevamente más tarde.",
    "503_COMPANY_UNAVAILABLE - La empresa se encuentra momentáneamente fuera de servicio.",
    "422_BILL_EXPIRED - La factura se encuentra vencida y no puede cobrarse.",
    "402_INSUFFICIENT_CREDIT - Saldo insuficiente en la cuenta del comercio.",
];

/// Everything a payment depends on besides the request.
#[derive(Debug, Clone)]
pub struct PayContext {
    pub now: DateTime<FixedOffset>,
    pub seed: u64,
    /// Show `pending` for this many seconds before the final state.
    pub pending_secs: Option<u64>,
    /// Fraction (0..=1) of otherwise approvable payments that end rejected.
    pub reject_rate: Option<Decimal>,
}

/// What a pay request did.
#[derive(Debug, Clone, PartialEq)]
pub enum PayOutcome {
    /// The `clientTransactionId` was seen before: the original sale, untouched.
    Existing(SaleRecord),
    /// A new sale (approved, rejected or pending).
    Created(SaleRecord),
}

impl PayOutcome {
    pub fn sale(&self) -> &SaleRecord {
        match self {
            PayOutcome::Existing(s) | PayOutcome::Created(s) => s,
        }
    }
}

/// Applies a pay request to the ledger.
pub fn pay(
    ledger: &mut Ledger,
    catalogue: &Catalogue,
    req: &PayRequest,
    ctx: &PayContext,
) -> Result<PayOutcome, PlatformError> {
    let client_id = req.client_transaction_id.trim();
    if client_id.is_empty() || client_id.chars().count() > MAX_CLIENT_TRANSACTION_ID {
        return Err(PlatformError::invalid(
            "INVALID_CLIENT_TRANSACTION_ID",
            format!(
                "El clientTransactionId es obligatorio y admite como máximo {MAX_CLIENT_TRANSACTION_ID} caracteres"
            ),
        ));
    }
    if let Some(existing) = ledger.by_client_transaction_id(client_id) {
        return Ok(PayOutcome::Existing(existing.clone()));
    }
    if req.transaction_type != "Sale" {
        return Err(PlatformError::invalid(
            "INVALID_TRANSACTION_TYPE",
            format!("Tipo de transacción no soportado: {}", req.transaction_type),
        ));
    }
    if req.transaction_data.class_name != "BillPaymentData" {
        return Err(PlatformError::invalid(
            "INVALID_TRANSACTION_DATA",
            format!(
                "className no soportado: {}",
                req.transaction_data.class_name
            ),
        ));
    }
    let bill_idx = catalogue
        .find_by_external_data(&req.transaction_data.external_data)
        .ok_or_else(|| {
            PlatformError::invalid(
                "BILL_NOT_FOUND",
                "La factura indicada (externalData) no existe o ya no está disponible",
            )
        })?;
    let bill = catalogue.bill(bill_idx);
    let company = catalogue.company(bill.company);
    if req.product.id != company.id {
        return Err(PlatformError::invalid(
            "INVALID_PRODUCT",
            format!(
                "El producto {} no corresponde a la empresa de la factura ({} - {})",
                req.product.id, company.code, company.name
            ),
        ));
    }
    let amount = check_amount(req.amount, bill.total, bill.open, bill.min, bill.max)?;

    let number = ledger.take_number();
    let mut id = hex_id(ctx.seed, number, 20);
    let mut salt = 0;
    while ledger.contains_id(&id) {
        salt += 1;
        id = hex_id(ctx.seed ^ salt, number, 20);
    }
    let (final_state, final_message) = if let Some(first) = ledger.paid_by(&bill.external_data) {
        (
            SaleState::Rejected,
            format!(
                "409_BILL_ALREADY_PAID - Factura con barra: {} y código de empresa: {} ya ha sido pagada. Id de operación: {}",
                bill.barcode, company.code, first.id
            ),
        )
    } else if let Some(reason) = rejected_by_rate(ctx, client_id) {
        (SaleState::Rejected, reason.to_owned())
    } else {
        (SaleState::Approved, "Confirmada".to_owned())
    };
    let sale = SaleRecord {
        id,
        number,
        client_transaction_id: client_id.to_owned(),
        created: ctx.now,
        resolves_at: ctx
            .pending_secs
            .filter(|&s| s > 0)
            .map(|s| ctx.now + Duration::seconds(i64::try_from(s).unwrap_or(i64::MAX / 1000))),
        amount,
        final_state,
        final_message,
        confirmation_id: if final_state == SaleState::Approved {
            let n = digits(ctx.seed ^ 0xC0F1, number, 15);
            format!("2{}", &n[1..])
        } else {
            String::new()
        },
        bill: catalogue.bill_data(bill_idx),
    };
    ledger.insert(sale.clone());
    Ok(PayOutcome::Created(sale))
}

/// The amount rules: two decimals at most, positive, equal to the total unless the amount is
/// open, then within `[min, max]`. Returns the amount with scale 2.
pub fn check_amount(
    amount: Decimal,
    total: Decimal,
    open: bool,
    min: Decimal,
    max: Decimal,
) -> Result<Decimal, PlatformError> {
    if amount.normalize().scale() > 2 {
        return Err(PlatformError::invalid(
            "INVALID_AMOUNT",
            format!("El importe {amount} tiene más de dos decimales"),
        ));
    }
    let mut amount = amount;
    amount.rescale(2);
    if amount <= Decimal::ZERO {
        return Err(PlatformError::invalid(
            "INVALID_AMOUNT",
            format!("El importe {amount} debe ser mayor a cero"),
        ));
    }
    if open {
        if amount < min || amount > max {
            return Err(PlatformError::invalid(
                "INVALID_AMOUNT",
                format!("El importe {amount} está fuera del rango permitido: mínimo {min}, máximo {max}"),
            ));
        }
    } else if amount != total {
        return Err(PlatformError::invalid(
            "INVALID_AMOUNT",
            format!("El importe {amount} no coincide con el total de la factura ({total}); la factura no admite pago parcial"),
        ));
    }
    Ok(amount)
}

/// Deterministic in `(seed, clientTransactionId)`: the same run replays the same decisions.
fn rejected_by_rate(ctx: &PayContext, client_id: &str) -> Option<&'static str> {
    let rate = ctx.reject_rate?;
    let h = hash_str(ctx.seed, client_id);
    let draw = Decimal::new((h % 10_000) as i64, 4); // 0.0000 ..= 0.9999
    (draw < rate).then(|| REJECT_REASONS[((h / 10_000) % REJECT_REASONS.len() as u64) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn amount_rules() {
        let (t, lo, hi) = (d("50.00"), d("37.00"), d("999999.00"));
        assert_eq!(
            check_amount(d("50"), t, true, lo, hi).unwrap().to_string(),
            "50.00"
        );
        assert!(check_amount(d("36.99"), t, true, lo, hi).is_err());
        assert!(check_amount(d("1000000"), t, true, lo, hi).is_err());
        assert!(check_amount(d("37.001"), t, true, lo, hi).is_err());
        assert!(check_amount(d("2748.00"), d("2748.00"), false, lo, hi).is_ok());
        assert!(check_amount(d("2747.99"), d("2748.00"), false, lo, hi).is_err());
        assert!(check_amount(d("0"), t, true, d("0"), hi).is_err());
    }

    #[test]
    fn reject_rate_is_deterministic_and_roughly_proportional() {
        let ctx = PayContext {
            now: chrono::Utc::now().fixed_offset(),
            seed: 42,
            pending_secs: None,
            reject_rate: Some(d("0.25")),
        };
        let rejected = (0..2000)
            .filter(|i| rejected_by_rate(&ctx, &format!("c{i}")).is_some())
            .count();
        assert!((400..600).contains(&rejected), "{rejected}");
        assert_eq!(rejected_by_rate(&ctx, "abc"), rejected_by_rate(&ctx, "abc"));
        let none = PayContext {
            reject_rate: Some(Decimal::ZERO),
            ..ctx.clone()
        };
        assert!((0..200).all(|i| rejected_by_rate(&none, &format!("c{i}")).is_none()));
        let all = PayContext {
            reject_rate: Some(Decimal::ONE),
            ..ctx
        };
        assert!((0..200).all(|i| rejected_by_rate(&all, &format!("c{i}")).is_some()));
    }
}
