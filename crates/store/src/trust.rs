//! The checks a journal passes before it is trusted: SQLite's own, and the chain of sale records
//! against itself and against its head file. Each only reads; `open` decides what follows.

use std::path::Path;

use rusqlite::Connection;

use crate::error::StoreError;
use crate::head::{head_path, ChainHead, HeadFile};
use crate::migrate;
use crate::store::Store;
use crate::tables::chain;

impl Store {
    /// The whole chain verified again (start-up does it once; tools may ask any time).
    pub fn verify_chain(&self) -> Result<u64, StoreError> {
        Ok(chain::verify(&self.conn)?.seq)
    }
}

/// `PRAGMA quick_check`. A file that is not a database fails here, before anything is written
/// to it.
pub(crate) fn check_quick(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if check != "ok" {
        return Err(StoreError::Corrupt(check));
    }
    Ok(())
}

/// The journal's chain against itself and against its head file (`None`: there is no head
/// file). Read-only. Returns the chain's tip, which the head file must then hold.
pub(crate) fn check_chain(
    conn: &Connection,
    remembered: Option<&ChainHead>,
) -> Result<ChainHead, StoreError> {
    if migrate::applied(conn, &chain::SCHEMA)? == 0 {
        // A new journal, or one from before the chain (sealed once migrated).
        return Ok(ChainHead::genesis());
    }
    let tip = chain::verify(conn)?;
    let Some(remembered) = remembered else {
        if tip.seq > 0 {
            return Err(StoreError::HeadMissing { records: tip.seq });
        }
        return Ok(tip);
    };
    if remembered.seq > tip.seq {
        return Err(StoreError::Behind {
            journal: tip.seq,
            remembered: remembered.seq,
        });
    }
    if remembered.seq > 0
        && chain::hash_at(conn, remembered.seq)?.as_deref() != Some(&remembered.hash)
    {
        return Err(StoreError::Altered(format!(
            "record {} is not the one that was committed",
            remembered.seq
        )));
    }
    // The journal may be ahead: the process died between a commit and its head write.
    Ok(tip)
}

/// What the head file beside `journal` remembers: `None` when there is no head file, or none
/// of its slots can be read (a journal that holds records is then refused, not trusted).
pub(crate) fn remembered_head(journal: &Path) -> Result<Option<ChainHead>, StoreError> {
    let path = head_path(journal);
    if path.exists() {
        Ok(HeadFile::open(&path)?.read())
    } else {
        Ok(None)
    }
}

/// A journal that is missing or empty while its head says it held records was lost.
pub(crate) fn check_present(
    journal: &Path,
    remembered: Option<&ChainHead>,
) -> Result<(), StoreError> {
    let len = std::fs::metadata(journal).map(|m| m.len()).ok();
    match (len, remembered) {
        (None | Some(0), Some(h)) if h.seq > 0 => Err(StoreError::Vanished {
            records: h.seq,
            emptied: len == Some(0),
        }),
        _ => Ok(()),
    }
}
