//! Finding bills: by barcode (with the company chooser when one barcode fits several
//! companies) and by customer data (the form comes from the company's bill modes).

use ventanilla_core::{Barcode, Bill};
use ventanilla_store::LookupSource;

use crate::error::UiError;
use crate::traxion::bill_view::bill_view;
use crate::traxion::earlier::Found;
use crate::traxion::gateway::Traxion;
use crate::traxion::params::check_param;
use crate::views::{BarcodeLookup, BillView, CompanyChoice, MoneyView, ParamValue};

impl Traxion {
    /// What a scan (or a typed barcode) finds.
    pub async fn find_by_barcode(&self, raw: &str) -> Result<BarcodeLookup, UiError> {
        let l = self.locale();
        let barcode = Barcode::parse(raw).map_err(|e| UiError::barcode(&e, l))?;
        let bills = self
            .call(self.client.find_by_barcode(&barcode, None))
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
        let l = self.locale();
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
            .call(self.client.find_by_barcode(&barcode, Some(code)))
            .await
            .map_err(|e| UiError::gateway(&e, l))?;
        self.keep(bills, LookupSource::Barcode)
    }

    /// Finds bills by the fields of one of the company's bill modes.
    pub async fn find_by_customer_data(
        &self,
        company_code: &str,
        mode_id: &str,
        values: &[ParamValue],
    ) -> Result<Vec<BillView>, UiError> {
        let l = self.locale();
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
            .call(
                self.client
                    .find_by_customer_data(&company.code, &mode.id, &mode.name, &params),
            )
            .await
            .map_err(|e| UiError::gateway(&e, l))?;
        self.keep(bills, LookupSource::CustomerData)
    }

    /// Journals what the hub showed, so payment refers to it by key and never re-sends
    /// anything the screen could have altered; each bill says whether this counter already
    /// charged it.
    fn keep(&self, bills: Vec<Bill>, source: LookupSource) -> Result<Vec<BillView>, UiError> {
        let l = self.locale();
        if bills.is_empty() {
            return Err(UiError::bill_not_found(l));
        }
        let now = self.ctx.now();
        let mut store = self.ctx.store();
        let keys = store
            .record_lookup(&bills, source, now)
            .map_err(|e| UiError::store(&e, l))?;
        bills
            .iter()
            .zip(keys)
            .map(|(bill, key)| {
                let earlier = match self
                    .earlier
                    .find(&store, &bill.external_data.0)
                    .map_err(|e| UiError::store(&e, l))?
                {
                    Found::Sale(row) => Some(*row),
                    // Still reading a large journal: charging waits for it, not the lookup.
                    Found::NotChecked | Found::Nothing => None,
                };
                Ok(bill_view(bill, key, earlier.as_ref(), l))
            })
            .collect()
    }
}
