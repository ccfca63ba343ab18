//! The inbox: every inbound call a gateway made to this counter (a tax callback, a wallet's
//! consent, a card capture), written durably before the call is answered, and applied from here.
//!
//! A delivery is stored as its route made it (the raw body, or the body with its secrets taken
//! out): the listener answers the gateway only once the row is committed, so an answered call is
//! never lost, and the applier works from the row, so a crash between the two only means the
//! row is applied at the next start. A delivery that carries a key of its own is stored once per
//! source: a repeat only counts on the first row, and can never be applied twice. Rows are never
//! deleted: they end applied, kept for a person to review, or refused by their applier.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::StoreError;
use crate::schema::Schema;
use crate::store::Store;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "inbox",
    migrations: &[
        // 1: the inbox. `settled_at` and `reason` go with the status, so a row can never be
        // applied without a time, nor kept for review without a reason. NULL keys never
        // conflict in SQLite, so only deliveries with a key of their own are deduplicated.
        r#"
    CREATE TABLE inbox (
        id            INTEGER PRIMARY KEY,
        source        TEXT NOT NULL,
        received_at   TEXT NOT NULL,
        delivery_key  TEXT,
        body          BLOB NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('new', 'applied', 'review', 'refused')),
        reason        TEXT,
        settled_at    TEXT,
        duplicates    INTEGER NOT NULL DEFAULT 0,
        last_duplicate_at TEXT,
        UNIQUE (source, delivery_key),
        CHECK ((status = 'new') = (settled_at IS NULL)),
        CHECK ((status IN ('review', 'refused')) = (reason IS NOT NULL))
    );
    CREATE INDEX inbox_by_status ON inbox(status, source, id);
    "#,
    ],
};

/// One delivery as its route accepted it, to be stored.
#[derive(Debug, Clone, Copy)]
pub struct NewDelivery<'a> {
    /// The source it came from (the gateway's name), as its route registered it.
    pub source: &'a str,
    /// The gateway's own id for this delivery, when it has one: a second delivery with the same
    /// key from the same source is a repeat.
    pub delivery_key: Option<&'a str>,
    /// What the route keeps of the call: the raw body, or the body with its secrets taken out.
    pub body: &'a [u8],
    pub received_at: DateTime<Utc>,
}

/// What storing a delivery came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// Stored, durably, under this id: to be applied.
    New(i64),
    /// A repeat of the delivery stored under this id (same source and key): counted there,
    /// nothing new to apply.
    Duplicate(i64),
}

impl Received {
    /// The id of the row that holds the delivery, whether this call stored it or an earlier one.
    pub fn id(self) -> i64 {
        match self {
            Received::New(id) | Received::Duplicate(id) => id,
        }
    }
}

/// How a stored delivery ended (or that it has not yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboxState {
    /// Stored, not applied yet.
    New,
    Applied {
        at: DateTime<Utc>,
    },
    /// Its applier could not apply it on its own: a person must look (the reason says why).
    KeptForReview {
        at: DateTime<Utc>,
        reason: String,
    },
    /// Its applier refused it for good (it refers to nothing here, say): nothing to apply.
    Refused {
        at: DateTime<Utc>,
        reason: String,
    },
}

/// What an applier decided about a stored delivery: the ways out of [`InboxState::New`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    Applied,
    KeptForReview(String),
    Refused(String),
}

/// One stored delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxEntry {
    pub id: i64,
    pub source: String,
    pub received_at: DateTime<Utc>,
    pub delivery_key: Option<String>,
    pub body: Vec<u8>,
    pub state: InboxState,
    /// How many repeats of it arrived after it.
    pub duplicates: u32,
}

/// The inbox at a glance, for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InboxCounts {
    /// Stored and not applied yet.
    pub waiting: u64,
    /// Kept for a person to review.
    pub for_review: u64,
}

/// Settles the delivery `id` if it is still new (inside the caller's transaction, or on its
/// own), so that an applier can mark it in the same transaction as what applying it wrote.
/// True when this call settled it; false when it was already settled (by an earlier run,
/// say), which is left as it was. `NotFound` if there is no such delivery.
pub(crate) fn write_settlement(
    conn: &Connection,
    id: i64,
    settlement: &Settlement,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let (status, reason) = match settlement {
        Settlement::Applied => ("applied", None),
        Settlement::KeptForReview(reason) => ("review", Some(reason.as_str())),
        Settlement::Refused(reason) => ("refused", Some(reason.as_str())),
    };
    let changed = conn
        .prepare_cached(
            "UPDATE inbox SET status = ?2, reason = ?3, settled_at = ?4
             WHERE id = ?1 AND status = 'new'",
        )?
        .execute(params![id, status, reason, at.to_rfc3339()])?;
    if changed == 1 {
        return Ok(true);
    }
    let exists: Option<i64> = conn
        .prepare_cached("SELECT id FROM inbox WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    exists.map(|_| false).ok_or(StoreError::NotFound)
}

const COLUMNS: &str =
    "id, source, received_at, delivery_key, body, status, reason, settled_at, duplicates";

impl Store {
    /// Stores a delivery, durably (the commit waits for the disk: the gateway is told it was
    /// received only after this returns). A repeat of a delivery already stored (same source
    /// and key) is counted on the first one and stores nothing.
    pub fn inbox_receive(&mut self, delivery: &NewDelivery<'_>) -> Result<Received, StoreError> {
        if delivery.source.is_empty() {
            return Err(StoreError::Invalid(
                "an inbox delivery needs a source".into(),
            ));
        }
        let at = delivery.received_at.to_rfc3339();
        let tx = self.conn.transaction()?;
        let inserted = tx
            .prepare_cached(
                "INSERT INTO inbox (source, received_at, delivery_key, body, status)
                 VALUES (?1, ?2, ?3, ?4, 'new')
                 ON CONFLICT (source, delivery_key) DO NOTHING",
            )?
            .execute(params![
                delivery.source,
                at,
                delivery.delivery_key,
                delivery.body
            ])?;
        let received = if inserted == 1 {
            Received::New(tx.last_insert_rowid())
        } else {
            let id: i64 = tx
                .prepare_cached(
                    "UPDATE inbox SET duplicates = duplicates + 1, last_duplicate_at = ?3
                     WHERE source = ?1 AND delivery_key = ?2 RETURNING id",
                )?
                .query_row(params![delivery.source, delivery.delivery_key, at], |r| {
                    r.get(0)
                })?;
            Received::Duplicate(id)
        };
        tx.commit()?;
        Ok(received)
    }

    /// Deliveries not applied yet, oldest first: of one source, or of every source (`None`).
    pub fn inbox_unapplied(&self, source: Option<&str>) -> Result<Vec<InboxEntry>, StoreError> {
        match source {
            Some(source) => self.inbox_query(
                "WHERE status = 'new' AND source = ?1 ORDER BY id",
                params![source],
            ),
            None => self.inbox_query("WHERE status = 'new' ORDER BY id", params![]),
        }
    }

    /// Deliveries kept for a person to review, oldest first.
    pub fn inbox_for_review(&self) -> Result<Vec<InboxEntry>, StoreError> {
        self.inbox_query("WHERE status = 'review' ORDER BY id", params![])
    }

    pub fn inbox_entry(&self, id: i64) -> Result<InboxEntry, StoreError> {
        self.inbox_query("WHERE id = ?1", params![id])?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    /// Marks a new delivery applied. False if it was already settled (left as it was).
    pub fn inbox_mark_applied(&mut self, id: i64, at: DateTime<Utc>) -> Result<bool, StoreError> {
        self.inbox_settle(id, &Settlement::Applied, at)
    }

    /// Keeps a new delivery for a person to review, with the reason. False if it was already
    /// settled (left as it was).
    pub fn inbox_keep_for_review(
        &mut self,
        id: i64,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.inbox_settle(id, &Settlement::KeptForReview(reason.to_string()), at)
    }

    /// Settles a new delivery as its applier decided. False if it was already settled: a
    /// delivery leaves `new` once, so it is never applied twice.
    pub fn inbox_settle(
        &mut self,
        id: i64,
        settlement: &Settlement,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        write_settlement(&self.conn, id, settlement, at)
    }

    /// How many deliveries wait to be applied, and how many wait for a person.
    pub fn inbox_counts(&self) -> Result<InboxCounts, StoreError> {
        let (waiting, for_review): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT COUNT(*) FROM inbox WHERE status = 'new'),
                        (SELECT COUNT(*) FROM inbox WHERE status = 'review')",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(InboxCounts {
            waiting: u64::try_from(waiting).unwrap_or(0),
            for_review: u64::try_from(for_review).unwrap_or(0),
        })
    }

    fn inbox_query(
        &self,
        tail: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<InboxEntry>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM inbox {tail}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Vec<u8>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, u32>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, source, received, key, body, status, reason, settled, duplicates) = row?;
            out.push(InboxEntry {
                id,
                source,
                received_at: decode_time(&received)?,
                delivery_key: key,
                body,
                state: state_of(id, &status, reason, settled.as_deref())?,
                duplicates,
            });
        }
        Ok(out)
    }
}

/// A row's status columns as one state (the table's checks keep them consistent; a row that
/// is not is reported, never guessed).
fn state_of(
    id: i64,
    status: &str,
    reason: Option<String>,
    settled_at: Option<&str>,
) -> Result<InboxState, StoreError> {
    let bad = || StoreError::Decode(format!("inbox row {id}: status {status} is incomplete"));
    let at = || settled_at.map(decode_time).transpose()?.ok_or_else(bad);
    Ok(match status {
        "new" => InboxState::New,
        "applied" => InboxState::Applied { at: at()? },
        "review" => InboxState::KeptForReview {
            at: at()?,
            reason: reason.ok_or_else(bad)?,
        },
        "refused" => InboxState::Refused {
            at: at()?,
            reason: reason.ok_or_else(bad)?,
        },
        other => return Err(StoreError::Decode(format!("inbox status {other}"))),
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 10, minute, 0).unwrap()
    }

    fn delivery<'a>(source: &'a str, key: Option<&'a str>, body: &'a [u8]) -> NewDelivery<'a> {
        NewDelivery {
            source,
            delivery_key: key,
            body,
            received_at: at(0),
        }
    }

    #[test]
    fn a_delivery_is_stored_as_received_and_listed_until_applied() {
        let mut store = Store::open_in_memory().unwrap();
        let body = b"{\"order_id\":\"7\"}\xff";
        let id = store
            .inbox_receive(&delivery("arkadu", Some("7/1"), body))
            .unwrap();
        let Received::New(id) = id else {
            panic!("new: {id:?}")
        };
        let entry = store.inbox_entry(id).unwrap();
        assert_eq!(entry.body, body, "bytes as given, even when not text");
        assert_eq!(entry.state, InboxState::New);
        assert_eq!(entry.source, "arkadu");
        assert_eq!(entry.delivery_key.as_deref(), Some("7/1"));
        assert_eq!(entry.received_at, at(0));
        assert_eq!(store.inbox_unapplied(None).unwrap(), vec![entry.clone()]);
        assert_eq!(store.inbox_unapplied(Some("arkadu")).unwrap().len(), 1);
        assert!(store.inbox_unapplied(Some("quickpay")).unwrap().is_empty());
        assert_eq!(
            store.inbox_counts().unwrap(),
            InboxCounts {
                waiting: 1,
                for_review: 0
            }
        );

        assert!(store.inbox_mark_applied(id, at(1)).unwrap());
        assert_eq!(
            store.inbox_entry(id).unwrap().state,
            InboxState::Applied { at: at(1) }
        );
        assert!(store.inbox_unapplied(None).unwrap().is_empty());
        assert_eq!(store.inbox_counts().unwrap(), InboxCounts::default());
    }

    #[test]
    fn a_repeat_is_counted_on_the_first_and_never_applied_twice() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store
            .inbox_receive(&delivery("arkadu", Some("k"), b"one"))
            .unwrap();
        let again = store
            .inbox_receive(&delivery("arkadu", Some("k"), b"two"))
            .unwrap();
        assert_eq!(again, Received::Duplicate(first.id()));
        let entry = store.inbox_entry(first.id()).unwrap();
        assert_eq!((entry.body.as_slice(), entry.duplicates), (&b"one"[..], 1));
        // The same key from another source, and deliveries without a key, are deliveries of
        // their own.
        let other = store
            .inbox_receive(&delivery("quickpay", Some("k"), b"x"))
            .unwrap();
        assert!(matches!(other, Received::New(_)));
        let a = store
            .inbox_receive(&delivery("arkadu", None, b"a"))
            .unwrap();
        let b = store
            .inbox_receive(&delivery("arkadu", None, b"a"))
            .unwrap();
        assert!(matches!((a, b), (Received::New(x), Received::New(y)) if x != y));
        // Settled once; a second settlement changes nothing.
        assert!(store.inbox_mark_applied(first.id(), at(1)).unwrap());
        assert!(!store.inbox_mark_applied(first.id(), at(2)).unwrap());
        assert!(!store
            .inbox_keep_for_review(first.id(), "late", at(3))
            .unwrap());
        assert_eq!(
            store.inbox_entry(first.id()).unwrap().state,
            InboxState::Applied { at: at(1) }
        );
        // A repeat after it was applied is still only a repeat.
        let late = store
            .inbox_receive(&delivery("arkadu", Some("k"), b"three"))
            .unwrap();
        assert_eq!(late, Received::Duplicate(first.id()));
        assert_eq!(store.inbox_entry(first.id()).unwrap().duplicates, 2);
        assert!(matches!(
            store.inbox_mark_applied(999, at(1)),
            Err(StoreError::NotFound)
        ));
    }

    #[test]
    fn review_and_refusal_keep_their_reason_and_only_review_is_counted() {
        let mut store = Store::open_in_memory().unwrap();
        let kept = store
            .inbox_receive(&delivery("a", None, b"1"))
            .unwrap()
            .id();
        let refused = store
            .inbox_receive(&delivery("a", None, b"2"))
            .unwrap()
            .id();
        assert!(store
            .inbox_keep_for_review(kept, "unknown_order", at(1))
            .unwrap());
        assert!(store
            .inbox_settle(refused, &Settlement::Refused("stale".into()), at(2))
            .unwrap());
        assert_eq!(
            store.inbox_entry(kept).unwrap().state,
            InboxState::KeptForReview {
                at: at(1),
                reason: "unknown_order".into()
            }
        );
        assert_eq!(
            store.inbox_entry(refused).unwrap().state,
            InboxState::Refused {
                at: at(2),
                reason: "stale".into()
            }
        );
        assert_eq!(store.inbox_for_review().unwrap().len(), 1);
        assert_eq!(
            store.inbox_counts().unwrap(),
            InboxCounts {
                waiting: 0,
                for_review: 1
            }
        );
        assert!(matches!(
            store.inbox_receive(&delivery("", None, b"")),
            Err(StoreError::Invalid(_))
        ));
    }

    #[test]
    fn the_table_refuses_a_settled_row_without_its_time_or_reason() {
        let store = Store::open_in_memory().unwrap();
        for bad in [
            "INSERT INTO inbox (source, received_at, body, status) VALUES ('a', 't', x'', 'applied')",
            "INSERT INTO inbox (source, received_at, body, status, settled_at)
             VALUES ('a', 't', x'', 'review', 't')",
            "INSERT INTO inbox (source, received_at, body, status, settled_at)
             VALUES ('a', 't', x'', 'new', 't')",
        ] {
            assert!(store.conn.execute(bad, []).is_err(), "{bad}");
        }
    }

    #[test]
    fn what_was_received_survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite");
        let mut store = Store::open(&path).unwrap();
        let id = store
            .inbox_receive(&delivery("arkadu", Some("k"), b"body"))
            .unwrap()
            .id();
        drop(store);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.inbox_unapplied(None).unwrap()[0].id, id);
        assert_eq!(
            store
                .inbox_receive(&delivery("arkadu", Some("k"), b"body"))
                .unwrap(),
            Received::Duplicate(id)
        );
    }
}
