//! Companies and bill searches (by barcode, by customer data).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::Json;

use super::catalogue::CustomerSearchError;
use super::error::{parse_json, PlatformError};
use super::hub::Hub;
use super::wire::{BillData, CompaniesQuery, Company, FindByBarCode, FindByCustomerData};

pub async fn companies(
    State(hub): State<Arc<Hub>>,
    Query(q): Query<CompaniesQuery>,
) -> Json<Vec<Company>> {
    let found = hub
        .catalogue
        .find_companies(q.company_name.as_deref(), q.company_code.as_deref());
    Json(found.into_iter().cloned().collect())
}

pub async fn find_by_barcode(
    State(hub): State<Arc<Hub>>,
    body: Bytes,
) -> Result<Json<Vec<BillData>>, PlatformError> {
    let req: FindByBarCode = parse_json(&body)?;
    if req.bill_bar_code.trim().is_empty() {
        return Err(PlatformError::invalid(
            "MISSING_BARCODE",
            "El código de barras es obligatorio",
        ));
    }
    let cat = hub.catalogue;
    let code = req.bill_company.as_ref().map(|c| c.code.as_str());
    let bills = cat.find_by_barcode(&req.bill_bar_code, code);
    Ok(Json(bills.into_iter().map(|i| cat.bill_data(i)).collect()))
}

pub async fn find_by_customer_data(
    State(hub): State<Arc<Hub>>,
    body: Bytes,
) -> Result<Json<Vec<BillData>>, PlatformError> {
    let req: FindByCustomerData = parse_json(&body)?;
    let cat = hub.catalogue;
    let params: Vec<(String, String)> = req
        .parameters
        .into_iter()
        .map(|p| (p.id, p.value))
        .collect();
    let bills = cat
        .find_by_customer_data(&req.bill_company.code, &req.bill_mode.id, &params)
        .map_err(|e| match e {
            CustomerSearchError::UnknownCompany(code) => PlatformError::invalid(
                "COMPANY_NOT_FOUND",
                format!("No existe una empresa habilitada con código {code}"),
            ),
            CustomerSearchError::UnknownMode(id) => PlatformError::invalid(
                "BILL_MODE_NOT_FOUND",
                format!(
                    "La empresa {} no tiene el tipo de factura {id}",
                    req.bill_company.code
                ),
            ),
            CustomerSearchError::MissingParameter(id) => PlatformError::invalid(
                "MISSING_PARAMETER",
                format!("Falta el parámetro obligatorio {id}"),
            ),
            CustomerSearchError::InvalidParameter { reason, .. } => {
                PlatformError::invalid("INVALID_PARAMETER", reason)
            }
        })?;
    Ok(Json(bills.into_iter().map(|i| cat.bill_data(i)).collect()))
}
