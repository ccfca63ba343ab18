//! The hub's read-only world: companies and the bills they have for collection, with O(1) lookups
//! by barcode, by `externalData` and by customer data.

use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::wire::{parse_plain_decimal, BillData, BillModeEntry, Company, Parameter};
use crate::ids::FastMap;

/// A bill of the catalogue (payable unless a sale paid it).
#[derive(Debug, Clone)]
pub struct CatalogueBill {
    /// Index into [`Catalogue::companies`].
    pub company: usize,
    pub external_data: String,
    /// Digits only; empty for bills reachable only by customer data.
    pub barcode: String,
    pub customer_identifier: String,
    pub description: String,
    pub total: Decimal,
    pub open: bool,
    pub min: Decimal,
    pub max: Decimal,
    /// The bill mode whose parameters find this bill.
    pub mode_id: String,
    /// Values of that mode's required, editable parameters, as a cashier would type them.
    pub parameters: Vec<(String, String)>,
    /// False for the examples of the hub's document, true for the generated catalogue.
    pub generated: bool,
}

/// Why a customer-data search could not run (a platform error, not "no bill").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerSearchError {
    UnknownCompany(String),
    UnknownMode(String),
    MissingParameter(String),
    InvalidParameter { id: String, reason: String },
}

/// Companies and bills, indexed.
#[derive(Debug, Default)]
pub struct Catalogue {
    companies: Vec<Company>,
    company_by_code: FastMap<String, usize>,
    bills: Vec<CatalogueBill>,
    by_barcode: FastMap<String, Vec<usize>>,
    by_external: FastMap<String, usize>,
    /// Built on the first customer-data search (it is the costliest index to build).
    by_customer: OnceLock<FastMap<String, Vec<usize>>>,
}

impl Catalogue {
    /// An empty catalogue with room for this many companies and bills.
    pub fn with_capacity(companies: usize, bills: usize) -> Self {
        Catalogue {
            companies: Vec::with_capacity(companies),
            company_by_code: FastMap::with_capacity_and_hasher(companies, Default::default()),
            bills: Vec::with_capacity(bills),
            by_barcode: FastMap::with_capacity_and_hasher(bills, Default::default()),
            by_external: FastMap::with_capacity_and_hasher(bills, Default::default()),
            by_customer: OnceLock::new(),
        }
    }

    /// Adds a company; its code must be new.
    pub fn add_company(&mut self, company: Company) -> usize {
        let idx = self.companies.len();
        let prev = self.company_by_code.insert(company.code.clone(), idx);
        assert!(prev.is_none(), "duplicate company code {}", company.code);
        self.companies.push(company);
        idx
    }

    /// Adds a bill; its `externalData` must be new and its mode must be one of its company's.
    /// (Its parameters are checked when the customer-data index is built.)
    pub fn add_bill(&mut self, bill: CatalogueBill) -> usize {
        let idx = self.bills.len();
        let company = &self.companies[bill.company];
        assert!(
            find_mode(company, &bill.mode_id).is_some(),
            "bill mode {} not in company {}",
            bill.mode_id,
            company.code
        );
        self.by_customer = OnceLock::new();
        if !bill.barcode.is_empty() {
            self.by_barcode
                .entry(bill.barcode.clone())
                .or_default()
                .push(idx);
        }
        let prev = self.by_external.insert(bill.external_data.clone(), idx);
        assert!(
            prev.is_none(),
            "duplicate externalData {}",
            bill.external_data
        );
        self.bills.push(bill);
        idx
    }

    pub fn companies(&self) -> &[Company] {
        &self.companies
    }

    pub fn bills(&self) -> &[CatalogueBill] {
        &self.bills
    }

    pub fn company(&self, idx: usize) -> &Company {
        &self.companies[idx]
    }

    pub fn company_by_code(&self, code: &str) -> Option<&Company> {
        self.company_by_code
            .get(code.trim())
            .map(|&i| &self.companies[i])
    }

    /// Companies filtered as `availablesCompanies` does: name is a case-insensitive substring of
    /// `name` (or `externalName`), code is exact.
    pub fn find_companies(&self, name: Option<&str>, code: Option<&str>) -> Vec<&Company> {
        let name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_uppercase);
        let code = code.map(str::trim).filter(|c| !c.is_empty());
        self.companies
            .iter()
            .filter(|c| code.is_none_or(|code| c.code == code))
            .filter(|c| {
                name.as_deref().is_none_or(|n| {
                    c.name.to_uppercase().contains(n) || c.external_name.to_uppercase().contains(n)
                })
            })
            .collect()
    }

    /// Bills with this barcode, optionally only those of one company code.
    pub fn find_by_barcode(&self, barcode: &str, company_code: Option<&str>) -> Vec<usize> {
        let code = company_code.map(str::trim).filter(|c| !c.is_empty());
        self.by_barcode
            .get(barcode.trim())
            .map(|ids| {
                ids.iter()
                    .copied()
                    .filter(|&i| {
                        code.is_none_or(|c| self.companies[self.bills[i].company].code == c)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn find_by_external_data(&self, external_data: &str) -> Option<usize> {
        self.by_external.get(external_data).copied()
    }

    /// Bills found by a company's bill mode and the values of its parameters.
    pub fn find_by_customer_data(
        &self,
        company_code: &str,
        mode_id: &str,
        parameters: &[(String, String)],
    ) -> Result<Vec<usize>, CustomerSearchError> {
        let company = self
            .company_by_code(company_code)
            .ok_or_else(|| CustomerSearchError::UnknownCompany(company_code.to_owned()))?;
        let entry = find_mode(company, mode_id)
            .ok_or_else(|| CustomerSearchError::UnknownMode(mode_id.to_owned()))?;
        let key = customer_key(company, entry, parameters)?;
        Ok(self.customer_index().get(&key).cloned().unwrap_or_default())
    }

    fn customer_index(&self) -> &FastMap<String, Vec<usize>> {
        self.by_customer.get_or_init(|| {
            let mut index = FastMap::with_capacity_and_hasher(self.bills.len(), Default::default());
            for (idx, bill) in self.bills.iter().enumerate() {
                let company = &self.companies[bill.company];
                let entry = find_mode(company, &bill.mode_id).expect("checked by add_bill");
                let key = customer_key(company, entry, &bill.parameters).unwrap_or_else(|e| {
                    panic!(
                        "bad parameters in bill {} of {}: {e:?}",
                        bill.external_data, company.code
                    )
                });
                index.entry(key).or_insert_with(Vec::new).push(idx);
            }
            index
        })
    }

    /// Builds the customer-data index now instead of on the first search.
    pub fn warm_up(&self) {
        self.customer_index();
    }

    pub fn bill(&self, idx: usize) -> &CatalogueBill {
        &self.bills[idx]
    }

    /// The bill as the hub shows it.
    pub fn bill_data(&self, idx: usize) -> BillData {
        let b = &self.bills[idx];
        BillData {
            class_name: "BillPaymentData".to_owned(),
            external_data: b.external_data.clone(),
            bill_company: self.companies[b.company].clone(),
            currency_iso: "ARS".to_owned(),
            customer_identifier: b.customer_identifier.clone(),
            bill_bar_code: b.barcode.clone(),
            description: b.description.clone(),
            total_amount: b.total,
            open_amount: b.open,
            require_aditional_data: false,
            aditional_data: Vec::new(),
            min_amount: b.min,
            max_amount: b.max,
        }
    }
}

fn find_mode<'a>(company: &'a Company, mode_id: &str) -> Option<&'a BillModeEntry> {
    let mode_id = mode_id.trim();
    company
        .bill_modes
        .iter()
        .find(|m| m.bill_mode.id == mode_id)
}

/// The parameters a search must match: required and editable, in form order.
pub fn key_parameters(entry: &BillModeEntry) -> Vec<&Parameter> {
    let mut params: Vec<&Parameter> = entry
        .parameters
        .iter()
        .filter(|p| !p.optional && !p.read_only)
        .collect();
    params.sort_by_key(|p| p.order);
    params
}

fn customer_key(
    company: &Company,
    entry: &BillModeEntry,
    values: &[(String, String)],
) -> Result<String, CustomerSearchError> {
    let mut key = format!("{}\u{1f}{}", company.code, entry.bill_mode.id);
    for p in key_parameters(entry) {
        let value = values
            .iter()
            .find(|(id, _)| id == &p.id)
            .or_else(|| values.iter().find(|(id, _)| id.eq_ignore_ascii_case(&p.id)))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| CustomerSearchError::MissingParameter(p.id.clone()))?;
        key.push('\u{1f}');
        key.push_str(&normalize(p, value)?);
    }
    Ok(key)
}

/// Canonical form of a typed value, so `0004537876` matches `4537876` for an integer field and
/// `15/03/2024` matches `2024-03-15` for a date.
fn normalize(p: &Parameter, value: &str) -> Result<String, CustomerSearchError> {
    let invalid = |reason: String| CustomerSearchError::InvalidParameter {
        id: p.id.clone(),
        reason,
    };
    if value.chars().count() > p.length as usize {
        return Err(invalid(format!(
            "El dato \"{}\" admite como máximo {} caracteres",
            p.name, p.length
        )));
    }
    match p.input_type.as_str() {
        "N" => {
            if !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(format!("El dato \"{}\" debe ser numérico", p.name)));
            }
            let trimmed = value.trim_start_matches('0');
            Ok(if trimmed.is_empty() {
                "0".to_owned()
            } else {
                trimmed.to_owned()
            })
        }
        // Typed with either mark (`12,50` or `12.50`), but otherwise a plain decimal: `1_0`
        // and `5.` are not amounts here either.
        "I" => parse_plain_decimal(&value.replace(',', "."))
            .map(|d| d.normalize().to_string())
            .ok_or_else(|| invalid(format!("El dato \"{}\" debe ser un importe", p.name))),
        "D" => ["%Y-%m-%d", "%d/%m/%Y", "%Y%m%d", "%d-%m-%Y"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(value, f).ok())
            .map(|d| d.format("%Y-%m-%d").to_string())
            .ok_or_else(|| invalid(format!("El dato \"{}\" debe ser una fecha", p.name))),
        _ => Ok(value.to_uppercase()),
    }
}
