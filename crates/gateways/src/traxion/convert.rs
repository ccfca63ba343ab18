//! The hub's wire types into core types. Every check that decides whether an answer can be
//! trusted lives here: currency, exact amounts, known states. Whatever fails is a `BadAnswer`.

use rust_decimal::Decimal;
use serde_json::Value;
use ventanilla_core::payment::{HubAnswer, HubRef, HubVerdict};
use ventanilla_core::{
    AmountRule, Bill, BillMode, BillParameter, Company, Currency, ExternalData, InputType, Money,
};

use super::wire;
use crate::error::GatewayError;

fn bad(reason: impl Into<String>) -> GatewayError {
    GatewayError::BadAnswer(reason.into())
}

/// Trimmed text, or `None` when there is nothing in it.
fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

pub fn company(w: wire::Company) -> Company {
    // The document asks to show `externalName`; older entries may carry only `name`.
    let name = non_empty(w.external_name.as_deref())
        .or_else(|| non_empty(w.name.as_deref()))
        .or_else(|| non_empty(w.description.as_deref()))
        .unwrap_or(&w.code)
        .to_string();
    Company {
        id: w.id,
        code: w.code,
        name,
        enabled: w.enable,
        search_by_customer_data: w.allow_bill_manual_payment,
        search_by_barcode: w.allow_bill_relation_payment,
        bill_modes: w.bill_modes.into_iter().map(bill_mode).collect(),
    }
}

fn bill_mode(w: wire::BillModeEntry) -> BillMode {
    let mut parameters: Vec<BillParameter> = w.parameters.into_iter().map(parameter).collect();
    // Stable, so fields with the same `order` keep the hub's sequence.
    parameters.sort_by_key(|p| p.order);
    BillMode {
        id: w.bill_mode.id,
        name: w.bill_mode.name,
        parameters,
    }
}

fn parameter(w: wire::Parameter) -> BillParameter {
    // Text accepts anything the cashier types, so an unknown type degrades to the safest form
    // field instead of hiding the company.
    let input_type = InputType::from_code(&w.input_type).unwrap_or_else(|| {
        tracing::warn!(parameter = %w.id, input_type = %w.input_type, "unknown inputType, using text");
        InputType::Text
    });
    BillParameter {
        id: w.id,
        name: w.name,
        input_type,
        order: w.order,
        max_length: w.length as usize,
        read_only: w.read_only,
        optional: w.optional,
    }
}

fn money(amount: wire::WireAmount, currency: Currency, field: &str) -> Result<Money, GatewayError> {
    if amount.0 < Decimal::ZERO {
        return Err(bad(format!("{field} {} is negative", amount.0)));
    }
    Money::new(amount.0, currency).map_err(|e| bad(format!("{field} {}: {e}", amount.0)))
}

pub fn bill(w: wire::Bill) -> Result<Bill, GatewayError> {
    let currency = Currency::from_iso(&w.currency_iso)
        .ok_or_else(|| bad(format!("unknown currency '{}'", w.currency_iso)))?;
    if w.external_data.trim().is_empty() {
        return Err(bad("a bill without externalData cannot be paid"));
    }
    let total = money(w.total_amount, currency, "totalAmount")?;
    let amount = if w.open_amount {
        let min = w
            .min_amount
            .ok_or_else(|| bad("an open-amount bill without minAmount"))?;
        let max = w
            .max_amount
            .ok_or_else(|| bad("an open-amount bill without maxAmount"))?;
        let (min, max) = (
            money(min, currency, "minAmount")?,
            money(max, currency, "maxAmount")?,
        );
        if min.amount() > max.amount() {
            return Err(bad(format!("minAmount {min} is above maxAmount {max}")));
        }
        AmountRule::Open { total, min, max }
    } else {
        AmountRule::Fixed { total }
    };
    Ok(Bill {
        // Byte for byte: the hub identifies the bill by it.
        external_data: ExternalData(w.external_data),
        company: company(w.bill_company),
        customer_identifier: w.customer_identifier.unwrap_or_default(),
        barcode: non_empty(w.bill_bar_code.as_deref()).map(str::to_string),
        description: w.description.unwrap_or_default(),
        amount,
    })
}

pub fn bills(ws: Vec<wire::Bill>) -> Result<Vec<Bill>, GatewayError> {
    ws.into_iter().map(bill).collect()
}

pub fn sale(w: wire::Sale) -> Result<HubAnswer, GatewayError> {
    if w.id.trim().is_empty() {
        return Err(bad("a sale without id"));
    }
    // Only the hub decides a final state, so anything we do not recognise stays unknown
    // (a transient error, asked again) rather than being guessed.
    let verdict = match w.state.trim().to_ascii_lowercase().as_str() {
        "pending" => HubVerdict::Pending,
        "approved" => HubVerdict::Approved,
        "rejected" => HubVerdict::Rejected {
            message: non_empty(w.state_detail.as_ref().and_then(|d| d.message.as_deref()))
                .map(str::to_string),
        },
        other => return Err(bad(format!("unknown sale state '{other}'"))),
    };
    Ok(HubAnswer {
        hub: HubRef {
            id: w.id,
            number: w.number,
            confirmation_id: non_empty(w.confirmation_id.as_deref()).map(str::to_string),
        },
        verdict,
    })
}

/// The platform's own refusal, if the body has its shape and says something.
pub fn refusal(w: wire::PlatformError) -> Option<GatewayError> {
    let data = w.data.as_ref();
    let message = non_empty(data.and_then(|d| d.message_text.as_deref()))
        .or_else(|| non_empty(w.message.as_deref()))?
        .to_string();
    // `errorCode` names the reason (`INVALID_AMOUNT`); `code` is often just the HTTP status.
    let code = data
        .and_then(|d| d.error_code.as_ref())
        .map(code_text)
        .filter(|c| !c.trim().is_empty())
        .or_else(|| w.code.as_ref().map(code_text))
        .unwrap_or_default();
    Some(GatewayError::Refused { code, message })
}

fn code_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
