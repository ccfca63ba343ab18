//! The hub's company catalogue, for the customer-data form.

use ventanilla_core::{Company, InputType};

use crate::error::UiError;
use crate::traxion::gateway::Traxion;
use crate::views::{BillModeView, CompanyView, ParamView};

/// How long the company catalogue is reused before asking the hub again.
const COMPANIES_TTL: std::time::Duration = std::time::Duration::from_secs(300);

impl Traxion {
    /// Companies whose name or code contains `filter` (all when empty).
    pub async fn companies(&self, filter: &str) -> Result<Vec<CompanyView>, UiError> {
        let l = self.locale();
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

    /// The hub's companies, from a cache of a few minutes.
    pub async fn all_companies(&self) -> Result<Vec<Company>, UiError> {
        let l = self.locale();
        {
            let cache = self.companies.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, list)) = cache.as_ref() {
                if at.elapsed() < COMPANIES_TTL {
                    return Ok(list.clone());
                }
            }
        }
        let list = self
            .call(self.client.companies(None, None))
            .await
            .map_err(|e| UiError::gateway(&e, l))?;
        *self.companies.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((std::time::Instant::now(), list.clone()));
        Ok(list)
    }
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
