//! The sender's journal writes, committed in groups. Every attempt records each change before
//! it acts on it (a sale marked as being sent before the call, the hub's answer before the
//! outbox moves on), and waits for it without holding a runtime thread: the commit runs on a
//! blocking thread. What the attempts ask to record while one commit is on its way to the disk
//! goes together in the next, as one transaction (`Store::write_sender_batch`): a busy queue
//! pays one `fsync` for many changes instead of one each, and each change is still on disk
//! before the one who asked for it goes on.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use ventanilla_store::{SenderWrites, Store, StoreError};

use crate::context::Context;

/// Most requests in one transaction; the rest wait for the next.
const MOST_PER_COMMIT: usize = 512;

/// Runs as a commit completes, while the journal is still held: nothing reads the journal
/// between the commit and it.
pub(crate) type OnCommit = Box<dyn FnOnce() + Send>;

struct Request {
    writes: SenderWrites,
    on_commit: Option<OnCommit>,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// Hands the sender's writes to the one task that commits them; the sender reads through the
/// app's reading connection (`Context::read`), which a commit on its way to the disk never
/// holds up.
pub(crate) struct JournalWriter {
    requests: mpsc::UnboundedSender<Request>,
    ctx: Arc<Context>,
}

impl JournalWriter {
    /// Starts the committing task on the app's runtime; it ends with the last handle.
    pub fn start(ctx: Arc<Context>) -> JournalWriter {
        let (requests, queue) = mpsc::unbounded_channel();
        let runtime = ctx.runtime.clone();
        runtime.spawn(commit_loop(Arc::clone(&ctx), queue));
        JournalWriter { requests, ctx }
    }

    /// Reads the journal as it stands after every commit that returned (see `Context::read`).
    pub fn read<T>(&self, read: impl Fn(&Store) -> T) -> T {
        self.ctx.read(read)
    }

    /// Records `writes` durably, in a transaction shared with whatever else was asked
    /// meanwhile: on disk when this returns `Ok`, not written at all otherwise.
    pub async fn write(&self, writes: SenderWrites) -> Result<(), StoreError> {
        self.write_then(writes, None).await
    }

    /// `write`, with what must be seen together with the commit (see [`OnCommit`]).
    pub async fn write_then(
        &self,
        writes: SenderWrites,
        on_commit: Option<OnCommit>,
    ) -> Result<(), StoreError> {
        if writes.is_empty() {
            if let Some(on_commit) = on_commit {
                on_commit();
            }
            return Ok(());
        }
        let (done, answer) = oneshot::channel();
        self.requests
            .send(Request {
                writes,
                on_commit,
                done,
            })
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

fn stopped() -> StoreError {
    StoreError::Open("the journal's writer has stopped".into())
}

async fn commit_loop(ctx: Arc<Context>, mut queue: mpsc::UnboundedReceiver<Request>) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        while batch.len() < MOST_PER_COMMIT {
            match queue.try_recv() {
                Ok(more) => batch.push(more),
                Err(_) => break,
            }
        }
        let ctx = Arc::clone(&ctx);
        // A panic while committing drops the batch's answers: each waiter hears "stopped".
        let _ = tokio::task::spawn_blocking(move || commit(&ctx, batch)).await;
    }
}

/// One transaction for the whole batch. If it fails, each request is written on its own, so a
/// change that is refused (a row that is not there) fails only the one who asked for it.
fn commit(ctx: &Context, batch: Vec<Request>) {
    let mut writes = Vec::with_capacity(batch.len());
    let mut after = Vec::with_capacity(batch.len());
    for r in batch {
        writes.push(r.writes);
        after.push((r.on_commit, r.done));
    }
    let mut store = ctx.store();
    match store.write_sender_batch(&writes) {
        Ok(()) => {
            for (on_commit, done) in after {
                if let Some(on_commit) = on_commit {
                    on_commit();
                }
                let _ = done.send(Ok(()));
            }
            return;
        }
        Err(e) if after.len() == 1 => {
            if let Some((_, done)) = after.pop() {
                let _ = done.send(Err(e));
            }
            return;
        }
        Err(_) => {}
    }
    for (w, (on_commit, done)) in writes.into_iter().zip(after) {
        let written = store.write_sender_batch(std::slice::from_ref(&w));
        if written.is_ok() {
            if let Some(on_commit) = on_commit {
                on_commit();
            }
        }
        let _ = done.send(written);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use rust_decimal_macros::dec;
    use ventanilla_core::payment::SaleState;
    use ventanilla_core::{
        AmountRule, Bill, ClientTransactionId, Company, Currency, ExternalData, Money,
    };
    use ventanilla_store::{
        LookupSource, NewSale, OutboxChange, OutboxKind, OutboxUpdate, SaleChange, Tender,
    };

    use super::*;
    use crate::app_events::NoEvents;
    use crate::config::AppConfig;
    use crate::gateway_id::GatewayId;
    use crate::journal_check::JournalCheck;

    /// A context over a journal in memory holding one journaled sale; its id and outbox row.
    fn context_with_a_sale() -> (Arc<Context>, i64, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let total = Money::new(dec!(2748), Currency::Ars).unwrap();
        let bill = Bill {
            external_data: ExternalData("EXT-1".into()),
            company: Company {
                id: "16CB1F6815771858E95F".into(),
                code: "57".into(),
                name: "DIRECT TV".into(),
                enabled: true,
                search_by_customer_data: true,
                search_by_barcode: true,
                bill_modes: vec![],
            },
            customer_identifier: "0086108279".into(),
            barcode: None,
            description: String::new(),
            amount: AmountRule::Fixed { total },
        };
        let now = chrono::Utc::now();
        let key = store
            .record_lookup(std::slice::from_ref(&bill), LookupSource::Barcode, now)
            .unwrap()[0];
        let sale = store
            .insert_sale(&NewSale {
                client_transaction_id: &ClientTransactionId::from_u128(1),
                lookup_id: key,
                bill: &bill,
                amount: total,
                tender: Tender::Cash {
                    received: total,
                    change: Money::zero(Currency::Ars),
                },
                counter: "Caja 1",
                cashier: "Ana",
                at: now,
                provisional: false,
            })
            .unwrap();
        let outbox = store
            .outbox_for(OutboxKind::BillSale, sale.id)
            .unwrap()
            .unwrap();
        let ctx = Context::new(
            AppConfig::sandbox(std::env::temp_dir()),
            store,
            Arc::new(ventanilla_core::SystemClock),
            Arc::new(ventanilla_core::RandomIds),
            Arc::new(NoEvents),
            JournalCheck::Passed,
            GatewayId::ALL,
        );
        (Arc::new(ctx), sale.id, outbox.id)
    }

    #[tokio::test]
    async fn writes_asked_together_commit_together_and_a_bad_one_fails_alone() {
        let (ctx, sale, outbox) = context_with_a_sale();
        let journal = JournalWriter::start(Arc::clone(&ctx));
        let now = ctx.now();
        let good = SenderWrites {
            sales: vec![SaleChange {
                sale_id: sale,
                state: SaleState::Sending,
                event: "submit".into(),
                next_check_at: None,
                at: now,
            }],
            outbox: vec![OutboxChange {
                id: outbox,
                update: OutboxUpdate::Retry {
                    at: now,
                    attempts: 1,
                    error: Some("timeout".into()),
                },
                at: now,
            }],
        };
        let bad = SenderWrites {
            sales: vec![],
            outbox: vec![OutboxChange {
                id: outbox + 1000,
                update: OutboxUpdate::Done,
                at: now,
            }],
        };
        let ran = Arc::new(AtomicUsize::new(0));
        let hook = |ran: &Arc<AtomicUsize>| {
            let ran = Arc::clone(ran);
            Some(Box::new(move || {
                ran.fetch_add(1, Ordering::SeqCst);
            }) as OnCommit)
        };
        // Both asked before the writer runs: one batch, which fails on the bad one, and then
        // each is written on its own.
        let (good_written, bad_written) = tokio::join!(
            journal.write_then(good, hook(&ran)),
            journal.write_then(bad, hook(&ran)),
        );
        good_written.expect("the good write is on disk");
        assert!(
            matches!(bad_written, Err(StoreError::NotFound)),
            "{bad_written:?}"
        );
        assert_eq!(
            ran.load(Ordering::SeqCst),
            1,
            "only the written one's hook ran"
        );
        let store = ctx.store();
        assert_eq!(store.sale(sale).unwrap().state, SaleState::Sending);
        assert_eq!(store.outbox_row(outbox).unwrap().queued.attempts, 1);
        assert_eq!(store.sale_events(sale).unwrap().len(), 2);
    }
}
