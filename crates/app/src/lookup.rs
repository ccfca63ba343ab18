//! Finding bills: by barcode (with the company chooser when one barcode fits several
//! companies) and by customer data (the form comes from the company's bill modes).

use ventanilla_core::{Barcode, Bill, Company, InputType};
use ventanilla_store::LookupSource;

use crate::error::UiError;
use crate::service::Ventanilla;
use crate::views::{
    BarcodeLookup, BillModeView, BillView, CompanyChoice, CompanyView, MoneyView, ParamValue,
    ParamView,
};

/// How long the company catalogue is reused before asking the hub again.
const COMPANIES_TTL: std::time::Duration = std::time::Duration::from_secs(300);

/// Longest value accepted in a customer-data field when the hub gives no length.
const MAX_PARAM_LEN: usize = 64;

impl Ventanilla {
    /// What a scan (or a typed barcode) finds.
    pub async fn find_by_barcode(&self, raw: &str) -> Result<BarcodeLookup, UiError> {
        let l = self.inner.cfg.locale;
        let barcode = Barcode::parse(raw).map_err(|e| UiError::barcode(&e, l))?;
        let bills = self
            .call_hub(self.inner.hub.find_by_barcode(&barcode, None))
            .await
            .map_err(|e| UiError::gateway(&e, l))?;
        let mut codes: Vec<&str> = bills.iter().map(|b| b.company.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.len() > 1 {
            let companies = bills
                .iter()
                .map(|b| CompanyChoice {
                    code: b.company.code.clone(),
                    name: b.company.name.clone(),
                    customer_id: b.customer_identifier.clone(),
                    total: MoneyView::new(&b.amount.total(), l),
                })
                .collect();
            return Ok(BarcodeLookup::ChooseCompany {
                barcode: barcode.as_str().to_string(),
                companies,
            });
        }
        let bills = self.keep(bills, LookupSource::Barcode)?;
        Ok(BarcodeLookup::Bills { bills })
    }

    /// The barcode again, now with the company the cashier picked.
    pub async fn find_by_barcode_for_company(
        &self,
        raw: &str,
        company_code: &str,
    ) -> Result<Vec<BillView>, UiError> {
        let l = self.inner.cfg.locale;
        let barcode = Barcode::parse(raw).map_err(|e| UiError::barcode(&e, l))?;
        let code = company_code.trim();
        if code.is_empty() || code.len() > 32 {
            return Err(UiError::validation(
                l,
                "Elija una empresa.",
                "Choose a company.",
            ));
        }
        let bills = self
            .call_hub(self.inner.hub.find_by_barcode(&barcode, Some(code)))
            .await
            .map_err(|e| UiError::gateway(&e, l))?;
        self.keep(bills, LookupSource::Barcode)
    }

    /// Companies whose name or code contains `filter` (all when empty).
    pub async fn companies(&self, filter: &str) -> Result<Vec<CompanyView>, UiError> {
        let l = self.inner.cfg.locale;
        let filter = filter.trim();
        if filter.chars().count() > 60 {
            return Err(UiError::validation(
                l,
                "El filtro es demasiado largo.",
                "The filter is too long.",
            ));
        }
        let all = self.all_companies().await?;
        let needle = filter.to_lowercase();
        let mut out: Vec<CompanyView> = all
            .into_iter()
            .filter(|c| c.enabled && c.search_by_customer_data && !c.bill_modes.is_empty())
            .filter(|c| {
                needle.is_empty() || c.name.to_lowercase().contains(&needle) || c.code == filter
            })
            .map(company_view)
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Finds bills by the fields of one of the company's bill modes.
    pub async fn find_by_customer_data(
        &self,
        company_code: &str,
        mode_id: &str,
        values: &[ParamValue],
    ) -> Result<Vec<BillView>, UiError> {
        let l = self.inner.cfg.locale;
        let company = self
            .all_companies()
            .await?
            .into_iter()
            .find(|c| c.code == company_code.trim())
            .ok_or_else(|| UiError::validation(l, "Esa empresa no existe.", "No such company."))?;
        let mode = company
            .bill_modes
            .iter()
            .find(|m| m.id == mode_id)
            .ok_or_else(|| {
                UiError::validation(l, "Elija el tipo de factura.", "Choose the kind of bill.")
            })?;
        let mut params = Vec::with_capacity(mode.parameters.len());
        for p in &mode.parameters {
            let value = values
                .iter()
                .find(|v| v.id == p.id)
                .map(|v| v.value.trim())
                .unwrap_or("");
            if value.is_empty() {
                if p.optional {
                    continue;
                }
                return Err(UiError::validation(
                    l,
                    format!("Complete «{}».", p.name),
                    format!("Fill in '{}'.", p.name),
                ));
            }
            check_param(value, p.input_type, p.max_length, &p.name, l)?;
            params.push((p.id.clone(), value.to_string()));
        }
        let bills = self
            .call_hub(self.inner.hub.find_by_customer_data(
                &company.code,
                &mode.id,
                &mode.name,
                &params,
            ))
            .await
            .map_err(|e| UiError::gateway(&e, l))?;
        self.keep(bills, LookupSource::CustomerData)
    }

    /// The hub's companies, from a cache of a few minutes.
    async fn all_companies(&self) -> Result<Vec<Company>, UiError> {
        let l = self.inner.cfg.locale;
        {
            let cache = self
                .inner
                .companies
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if let Some((at, list)) = cache.as_ref() {
                if at.elapsed() < COMPANIES_TTL {
                    return Ok(list.clone());
                }
            }
        }
        let list = self
            .call_hub(self.inner.hub.companies(None, None))
            .await
            .map_err(|e| UiError::gateway(&e, l))?;
        *self
            .inner
            .companies
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some((std::time::Instant::now(), list.clone()));
        Ok(list)
    }

    /// Journals what the hub showed, so payment refers to it by key and never re-sends
    /// anything the screen could have altered.
    fn keep(&self, bills: Vec<Bill>, source: LookupSource) -> Result<Vec<BillView>, UiError> {
        let l = self.inner.cfg.locale;
        if bills.is_empty() {
            return Err(UiError::bill_not_found(l));
        }
        let now = self.inner.clock.now();
        let mut store = self.inner.store();
        let keys = store
            .record_lookup(&bills, source, now)
            .map_err(|e| UiError::store(&e, l))?;
        bills
            .iter()
            .zip(keys)
            .map(|(bill, key)| {
                let busy = store
                    .open_sale_for_bill(&bill.external_data.0)
                    .map_err(|e| UiError::store(&e, l))?;
                Ok(bill_view(bill, key, busy, l))
            })
            .collect()
    }
}

fn check_param(
    value: &str,
    kind: InputType,
    max_len: usize,
    name: &str,
    l: crate::Locale,
) -> Result<(), UiError> {
    let limit = if max_len == 0 {
        MAX_PARAM_LEN
    } else {
        max_len.min(MAX_PARAM_LEN)
    };
    let len = value.chars().count();
    if len > limit {
        return Err(UiError::validation(
            l,
            format!("«{name}» admite hasta {limit} caracteres y tiene {len}."),
            format!("'{name}' takes at most {limit} characters and has {len}."),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(UiError::validation(
            l,
            format!("«{name}» tiene caracteres no válidos."),
            format!("'{name}' has invalid characters."),
        ));
    }
    let ok = match kind {
        InputType::Text => true,
        InputType::Integer => value.chars().all(|c| c.is_ascii_digit()),
        InputType::Decimal => {
            value
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && value.chars().filter(|c| *c == ',' || *c == '.').count() <= 1
        }
        InputType::Date => is_date(value),
    };
    if ok {
        Ok(())
    } else {
        let (es, en) = match kind {
            InputType::Integer => ("solo números", "digits only"),
            InputType::Decimal => ("un número", "a number"),
            InputType::Date => ("una fecha (AAAA-MM-DD)", "a date (YYYY-MM-DD)"),
            InputType::Text => ("texto", "text"),
        };
        Err(UiError::validation(
            l,
            format!("«{name}» debe ser {es}."),
            format!("'{name}' must be {en}."),
        ))
    }
}

fn is_date(v: &str) -> bool {
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()
        || chrono::NaiveDate::parse_from_str(v, "%d/%m/%Y").is_ok()
}

fn company_view(c: Company) -> CompanyView {
    CompanyView {
        code: c.code,
        name: c.name,
        bill_modes: c
            .bill_modes
            .into_iter()
            .map(|m| BillModeView {
                id: m.id,
                name: m.name,
                parameters: m
                    .parameters
                    .into_iter()
                    .map(|p| ParamView {
                        id: p.id,
                        name: p.name,
                        input_type: match p.input_type {
                            InputType::Text => "text",
                            InputType::Integer => "integer",
                            InputType::Decimal => "decimal",
                            InputType::Date => "date",
                        }
                        .into(),
                        max_length: u32::try_from(p.max_length).unwrap_or(u32::MAX),
                        read_only: p.read_only,
                        optional: p.optional,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn bill_view(bill: &Bill, key: i64, busy: Option<i64>, l: crate::Locale) -> BillView {
    use ventanilla_core::AmountRule;
    let (open, min, max) = match bill.amount {
        AmountRule::Fixed { total } => (false, total, total),
        AmountRule::Open { min, max, .. } => (true, min, max),
    };
    BillView {
        key,
        company_code: bill.company.code.clone(),
        company_name: bill.company.name.clone(),
        customer_id: bill.customer_identifier.clone(),
        barcode: bill.barcode.clone(),
        description: bill.description.trim().to_string(),
        total: MoneyView::new(&bill.amount.total(), l),
        open_amount: open,
        min: MoneyView::new(&min, l),
        max: MoneyView::new(&max, l),
        busy_sale_id: busy,
    }
}
