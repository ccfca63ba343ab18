//! The hub's mutable state: sales, and which bills they paid.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::wire::{service_product, BillData, Sale, StateDetail};

/// First sale number of a fresh ledger (the document's examples are around it).
pub const FIRST_SALE_NUMBER: u64 = 743_698_523;

/// A sale's state. Only `Approved` and `Rejected` are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SaleState {
    Pending,
    Approved,
    Rejected,
}

impl SaleState {
    pub fn as_str(self) -> &'static str {
        match self {
            SaleState::Pending => "pending",
            SaleState::Approved => "approved",
            SaleState::Rejected => "rejected",
        }
    }
}

/// A sale as stored (and persisted). Its final state is decided when it is created; while
/// `resolves_at` is in the future it shows as `pending`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SaleRecord {
    pub id: String,
    pub number: u64,
    pub client_transaction_id: String,
    pub created: DateTime<FixedOffset>,
    #[serde(default)]
    pub resolves_at: Option<DateTime<FixedOffset>>,
    #[serde(with = "super::wire::exact_amount")]
    pub amount: Decimal,
    pub final_state: SaleState,
    pub final_message: String,
    /// Empty unless approved.
    pub confirmation_id: String,
    pub bill: BillData,
}

/// What `GET /_sandbox/ledger` lists: one sale, flattened for reconciliation tests.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEntry {
    pub id: String,
    pub number: u64,
    pub client_transaction_id: String,
    pub created: DateTime<FixedOffset>,
    /// The state a client sees now.
    pub state: SaleState,
    /// The state it has or will have once `resolves_at` passes.
    pub final_state: SaleState,
    pub resolves_at: Option<DateTime<FixedOffset>>,
    #[serde(with = "super::wire::exact_amount")]
    pub amount: Decimal,
    pub message: String,
    pub confirmation_id: String,
    pub company_code: String,
    pub company_id: String,
    pub bill_barcode: String,
    pub external_data: String,
    pub customer_identifier: String,
}

impl SaleRecord {
    /// The state visible at `now`.
    pub fn state_at(&self, now: DateTime<FixedOffset>) -> SaleState {
        match self.resolves_at {
            Some(t) if now < t => SaleState::Pending,
            _ => self.final_state,
        }
    }

    /// When it became (or becomes) final.
    pub fn final_at(&self) -> DateTime<FixedOffset> {
        self.resolves_at.unwrap_or(self.created)
    }

    /// The wire shape at `now`.
    pub fn to_wire(&self, now: DateTime<FixedOffset>) -> Sale {
        let state = self.state_at(now);
        let approved = state == SaleState::Approved;
        Sale {
            id: self.id.clone(),
            number: self.number,
            created: self.created,
            confirmation_date: approved.then(|| self.final_at()),
            amount: self.amount,
            description: format!("Pago Servicio - {}", self.number),
            state: state.as_str().to_owned(),
            state_detail: StateDetail {
                message: if state == SaleState::Pending {
                    "En proceso".to_owned()
                } else {
                    self.final_message.clone()
                },
                transaction_type: "Sale".to_owned(),
            },
            transaction_type: "Sale".to_owned(),
            client_transaction_id: self.client_transaction_id.clone(),
            confirmation_id: if approved {
                self.confirmation_id.clone()
            } else {
                String::new()
            },
            product: service_product(),
            transaction_data: self.bill.clone(),
        }
    }

    pub fn ledger_entry(&self, now: DateTime<FixedOffset>) -> LedgerEntry {
        LedgerEntry {
            id: self.id.clone(),
            number: self.number,
            client_transaction_id: self.client_transaction_id.clone(),
            created: self.created,
            state: self.state_at(now),
            final_state: self.final_state,
            resolves_at: self.resolves_at,
            amount: self.amount,
            message: self.final_message.clone(),
            confirmation_id: self.confirmation_id.clone(),
            company_code: self.bill.bill_company.code.clone(),
            company_id: self.bill.bill_company.id.clone(),
            bill_barcode: self.bill.bill_bar_code.clone(),
            external_data: self.bill.external_data.clone(),
            customer_identifier: self.bill.customer_identifier.clone(),
        }
    }
}

/// The persisted form of a [`Ledger`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LedgerSnapshot {
    pub next_number: u64,
    pub sales: Vec<SaleRecord>,
}

/// [`LedgerSnapshot`] borrowed from a live [`Ledger`]: serializes to the same JSON.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerView<'a> {
    pub next_number: u64,
    pub sales: &'a [SaleRecord],
}

/// Sales, indexed by id and by `clientTransactionId`, and the bills they paid.
#[derive(Debug, Clone)]
pub struct Ledger {
    sales: Vec<SaleRecord>,
    by_id: HashMap<String, usize>,
    by_client_id: HashMap<String, usize>,
    /// externalData -> index of the approved (or to-be-approved) sale that paid it.
    paid: HashMap<String, usize>,
    next_number: u64,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger {
            sales: Vec::new(),
            by_id: HashMap::new(),
            by_client_id: HashMap::new(),
            paid: HashMap::new(),
            next_number: FIRST_SALE_NUMBER,
        }
    }
}

impl Ledger {
    pub fn from_snapshot(snapshot: LedgerSnapshot) -> Self {
        let mut ledger = Ledger {
            next_number: snapshot.next_number,
            ..Ledger::default()
        };
        for sale in snapshot.sales {
            ledger.insert(sale);
        }
        ledger
    }

    pub fn snapshot(&self) -> LedgerSnapshot {
        LedgerSnapshot {
            next_number: self.next_number,
            sales: self.sales.clone(),
        }
    }

    /// The ledger as it would be saved, without copying it.
    pub fn view(&self) -> LedgerView<'_> {
        LedgerView {
            next_number: self.next_number,
            sales: &self.sales,
        }
    }

    /// Takes the next sale number.
    pub fn take_number(&mut self) -> u64 {
        let n = self.next_number;
        self.next_number += 1;
        n
    }

    pub fn contains_id(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// Records a sale; an approved one marks its bill paid.
    pub fn insert(&mut self, sale: SaleRecord) {
        let idx = self.sales.len();
        self.next_number = self.next_number.max(sale.number + 1);
        self.by_id.insert(sale.id.clone(), idx);
        self.by_client_id
            .entry(sale.client_transaction_id.clone())
            .or_insert(idx);
        if sale.final_state == SaleState::Approved {
            self.paid
                .entry(sale.bill.external_data.clone())
                .or_insert(idx);
        }
        self.sales.push(sale);
    }

    pub fn get(&self, id: &str) -> Option<&SaleRecord> {
        self.by_id.get(id).map(|&i| &self.sales[i])
    }

    pub fn by_client_transaction_id(&self, client_id: &str) -> Option<&SaleRecord> {
        self.by_client_id.get(client_id).map(|&i| &self.sales[i])
    }

    /// The sale that paid this bill, if any.
    pub fn paid_by(&self, external_data: &str) -> Option<&SaleRecord> {
        self.paid.get(external_data).map(|&i| &self.sales[i])
    }

    pub fn sales(&self) -> &[SaleRecord] {
        &self.sales
    }

    /// Forgets every sale (bills become payable again); numbering goes on.
    pub fn reset(&mut self) {
        let next = self.next_number;
        *self = Ledger {
            next_number: next,
            ..Ledger::default()
        };
    }
}
