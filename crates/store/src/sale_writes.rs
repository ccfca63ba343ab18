//! Writing a sale: the changes that span tables, each in one durable transaction. The sale's
//! row (`sales`), its audit event (`sale_events`), its outbox row (`outbox`) and its chain record
//! (`chain`) commit together or not at all; this module uses those four, and none of them knows
//! about the others.
//!
//! The sender's writes come in batches ([`SenderWrites`]): whatever its attempts have to record
//! while the previous commit is on its way to the disk goes in the next one, so a busy queue pays
//! one `fsync` for many changes instead of one each. A batch is one transaction: every change in
//! it, each with its event and chain record, is on disk when it returns, or none is.

use chrono::{DateTime, Utc};
use ventanilla_core::payment::SaleState;

use crate::error::StoreError;
use crate::head::ChainHead;
use crate::store::Store;
use crate::tables::outbox::{self, OutboxChange, OutboxKind};
use crate::tables::sales::{self, NewSale, SaleRow};
use crate::tables::{chain, sale_events};

/// One change of a sale's state: `update_sale_state`'s arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleChange {
    pub sale_id: i64,
    pub state: SaleState,
    /// What caused it (`submit`, `answered`, ...), kept in its event and chain record.
    pub event: String,
    /// When to ask the hub next (scheduling, not money: outside the chain record).
    pub next_check_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

/// What the sender records about its operations: sale changes (each with its event and chain
/// record) and the outbox's decisions, applied in this order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenderWrites {
    pub sales: Vec<SaleChange>,
    pub outbox: Vec<OutboxChange>,
}

impl SenderWrites {
    pub fn is_empty(&self) -> bool {
        self.sales.is_empty() && self.outbox.is_empty()
    }
}

/// Writes one sale as `journaled` with its event, outbox row and chain record, inside the
/// caller's transaction; returns its id and the chain's new head (to publish after the commit).
/// `BillBusy` if the bill already has an unresolved sale.
pub(crate) fn journal_sale(
    tx: &rusqlite::Transaction<'_>,
    sale: &NewSale<'_>,
) -> Result<(i64, ChainHead), StoreError> {
    let state = SaleState::Journaled;
    // The partial unique index would refuse it too; asking first gives the sale's id.
    if let Some(id) = sales::open_for_bill(tx, &sale.bill.external_data.0)? {
        return Err(StoreError::BillBusy(id));
    }
    let id = sales::insert(tx, sale, &state)?;
    sale_events::log(tx, id, sale.at, "journaled", state.phase_name())?;
    outbox::enqueue(
        tx,
        OutboxKind::BillSale,
        id,
        &sale.bill.external_data.0,
        sale.client_transaction_id.as_str(),
        sale.at,
    )?;
    let head = chain::append(tx, id, "journaled")?;
    Ok((id, head))
}

impl Store {
    /// Writes the sale to the journal, durably, as `journaled`, together with its outbox row
    /// (one transaction: a sale is never journaled without being queued for the hub). Fails
    /// with `BillBusy` if the bill already has an unresolved sale: the database refuses it,
    /// whatever the caller thinks.
    pub fn insert_sale(&mut self, sale: &NewSale<'_>) -> Result<SaleRow, StoreError> {
        let tx = self.conn.transaction()?;
        let (id, head) = journal_sale(&tx, sale)?;
        tx.commit()?;
        self.publish(&head);
        self.sale(id)
    }

    /// Records a state change (and when to ask the hub next) in one durable commit.
    pub fn update_sale_state(
        &mut self,
        id: i64,
        state: &SaleState,
        event: &str,
        next_check_at: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let change = SaleChange {
            sale_id: id,
            state: state.clone(),
            event: event.to_string(),
            next_check_at,
            at,
        };
        self.write_sender_batch(&[SenderWrites {
            sales: vec![change],
            outbox: vec![],
        }])
    }

    /// Writes every change of `batch`, in order, in one durable transaction: all of them are on
    /// disk when this returns, or none is (a change that fails, `NotFound` for a sale or an
    /// operation that is not there, fails the whole batch). One chain head is published after
    /// the commit.
    pub fn write_sender_batch(&mut self, batch: &[SenderWrites]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let mut head = None;
        for writes in batch {
            for c in &writes.sales {
                sales::set_state(&tx, c.sale_id, &c.state, c.next_check_at, c.at)?;
                sale_events::log(&tx, c.sale_id, c.at, &c.event, c.state.phase_name())?;
                head = Some(chain::append(&tx, c.sale_id, &c.event)?);
            }
            for c in &writes.outbox {
                outbox::write_change(&tx, c)?;
            }
        }
        tx.commit()?;
        if let Some(head) = head {
            self.publish(&head);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use rust_decimal_macros::dec;
    use ventanilla_core::payment::HubRef;
    use ventanilla_core::{ClientTransactionId, Currency, Money};

    use super::*;
    use crate::tables::bill_lookups::LookupSource;
    use crate::tables::outbox::{OutboxStatus, OutboxUpdate};
    use crate::tables::sales::Tender;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap()
    }

    fn ars(v: rust_decimal::Decimal) -> Money {
        Money::new(v, Currency::Ars).unwrap()
    }

    /// A journaled sale of its own bill; its id and its outbox row's id.
    fn sale(store: &mut Store, n: u128) -> (i64, i64) {
        let bill = crate::test_bill::bill(format!("EXT-{n}"), format!("{n:010}"));
        let key = store
            .record_lookup(std::slice::from_ref(&bill), LookupSource::Barcode, at())
            .unwrap()[0];
        let ctid = ClientTransactionId::from_u128(n);
        let row = store
            .insert_sale(&NewSale {
                client_transaction_id: &ctid,
                lookup_id: key,
                bill: &bill,
                amount: ars(dec!(2748)),
                tender: Tender::Cash {
                    received: ars(dec!(2748)),
                    change: ars(dec!(0)),
                },
                counter: "Caja 1",
                cashier: "Ana",
                at: at(),
                provisional: false,
            })
            .unwrap();
        let outbox = store
            .outbox_for(OutboxKind::BillSale, row.id)
            .unwrap()
            .unwrap();
        (row.id, outbox.id)
    }

    fn change(sale_id: i64, state: SaleState, event: &str) -> SaleChange {
        SaleChange {
            sale_id,
            state,
            event: event.into(),
            next_check_at: None,
            at: at(),
        }
    }

    fn approved(n: i64) -> SaleState {
        SaleState::Approved {
            hub: HubRef {
                id: format!("HUB{n}"),
                number: Some(n),
                confirmation_id: None,
            },
        }
    }

    #[test]
    fn a_batch_of_the_sender_s_writes_commits_whole() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, a_out) = sale(&mut store, 1);
        let (b, b_out) = sale(&mut store, 2);
        let records = store.verify_chain().unwrap();
        store
            .write_sender_batch(&[
                SenderWrites {
                    sales: vec![
                        change(a, SaleState::Sending, "submit"),
                        change(a, approved(a), "answered"),
                    ],
                    outbox: vec![OutboxChange {
                        id: a_out,
                        update: OutboxUpdate::Done,
                        at: at(),
                    }],
                },
                SenderWrites {
                    sales: vec![change(b, SaleState::Sending, "submit")],
                    outbox: vec![],
                },
            ])
            .unwrap();
        assert_eq!(store.sale(a).unwrap().state, approved(a));
        assert_eq!(store.sale(b).unwrap().state, SaleState::Sending);
        let events: Vec<String> = store
            .sale_events(a)
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(events, ["journaled", "submit", "answered"]);
        assert_eq!(store.outbox_row(a_out).unwrap().status, OutboxStatus::Done);
        assert_eq!(
            store.outbox_row(b_out).unwrap().status,
            OutboxStatus::Pending
        );
        assert_eq!(
            store.verify_chain().unwrap(),
            records + 3,
            "one chain record per change, each sale its last record"
        );
    }

    #[test]
    fn a_batch_with_one_change_that_fails_leaves_the_journal_as_it_was() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, a_out) = sale(&mut store, 1);
        let records = store.verify_chain().unwrap();
        let err = store
            .write_sender_batch(&[
                SenderWrites {
                    sales: vec![change(a, approved(a), "answered")],
                    outbox: vec![OutboxChange {
                        id: a_out,
                        update: OutboxUpdate::Done,
                        at: at(),
                    }],
                },
                // An operation that is not in the journal.
                SenderWrites {
                    sales: vec![],
                    outbox: vec![OutboxChange {
                        id: a_out + 1000,
                        update: OutboxUpdate::Done,
                        at: at(),
                    }],
                },
            ])
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound), "{err:?}");
        assert_eq!(store.sale(a).unwrap().state, SaleState::Journaled);
        assert_eq!(store.sale_events(a).unwrap().len(), 1);
        assert_eq!(
            store.outbox_row(a_out).unwrap().status,
            OutboxStatus::Pending
        );
        assert_eq!(store.verify_chain().unwrap(), records, "no record added");
        // A sale that is not there fails it the same way.
        let err = store
            .write_sender_batch(&[SenderWrites {
                sales: vec![
                    change(a, SaleState::Sending, "submit"),
                    change(a + 1000, SaleState::Sending, "submit"),
                ],
                outbox: vec![],
            }])
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound), "{err:?}");
        assert_eq!(store.sale(a).unwrap().state, SaleState::Journaled);
        assert_eq!(store.verify_chain().unwrap(), records);
    }
}
