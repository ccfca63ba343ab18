//! What a taxpayer owes, by document id.

use ventanilla_core::arkadu::{parse_doc_id, DocId};
use ventanilla_core::Money;

use crate::arkadu::gateway::Arkadu;
use crate::arkadu::view::debt_view;
use crate::arkadu::words;
use crate::error::UiError;
use crate::views::{MoneyView, TaxDebtsView};

/// Reads a document id as the cashier typed it.
pub(crate) fn read_doc_id(t: &Arkadu, typed: &str) -> Result<DocId, UiError> {
    parse_doc_id(typed).map_err(|e| words::doc_id(&e, t.locale()))
}

pub(crate) async fn debts(t: &Arkadu, typed: &str) -> Result<TaxDebtsView, UiError> {
    let l = t.locale();
    let doc = read_doc_id(t, typed)?;
    let debts = t
        .call(t.client.pending_debts(&doc))
        .await
        .map_err(|e| words::gateway(&e, l))?;
    let mut total: Option<Money> = None;
    for d in &debts {
        total = Some(match total {
            None => d.amount,
            Some(sum) => sum
                .checked_add(d.amount)
                .map_err(|e| UiError::money(&e, l))?,
        });
    }
    Ok(TaxDebtsView {
        doc_id: doc.to_string(),
        debts: debts.iter().map(|d| debt_view(d, l)).collect(),
        total: total.map(|t| MoneyView::new(&t, l)),
    })
}
