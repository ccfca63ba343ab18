//! The migration runner: applies each table module's pending migrations (in the order of
//! `tables::ALL`) and records, per module, how many it has had.
//!
//! The record is `schema_migrations`: one row per module, `version` being the number of its
//! migrations applied. `PRAGMA user_version` says how the journal keeps count: 0 to 3 is the
//! old single list of scripts (see `legacy`), [`PER_MODULE`] is `schema_migrations`. A journal
//! still counted the old way is translated once, in the same transaction as the migrations that
//! follow, without touching its data; a crash leaves it as it was. Builds from before table
//! modules refuse a journal whose user_version is 4 as written by a newer Ventanilla, as it was.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::error::StoreError;
use crate::legacy;
use crate::schema::Schema;
use crate::store::Store;
use crate::tables::ALL;

/// `user_version` of a journal whose versions are kept in `schema_migrations`.
const PER_MODULE: i64 = 4;

const CREATE_RECORD: &str = "
    CREATE TABLE IF NOT EXISTS schema_migrations (
        module  TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version > 0)
    );
    -- A journal set back to an old user_version by hand keeps a stale record: the number wins,
    -- as it always did.
    DELETE FROM schema_migrations;";

/// What a journal has had, as it records it.
enum Recorded {
    /// This many scripts of the old single list.
    Legacy(i64),
    /// Each module's version; a module not named has had no migration.
    PerModule(BTreeMap<String, usize>),
}

impl Recorded {
    fn versions(&self) -> BTreeMap<String, usize> {
        match self {
            Recorded::Legacy(scripts) => legacy::versions_after(*scripts),
            Recorded::PerModule(versions) => versions.clone(),
        }
    }
}

/// Brings the journal's schema up to date with every registered table module.
pub(crate) fn apply(conn: &mut Connection) -> Result<(), StoreError> {
    apply_modules(conn, ALL)
}

/// How many of `module`'s migrations the journal has had. Reads only: the trust checks ask it
/// before anything is migrated.
pub(crate) fn applied(conn: &Connection, module: &Schema) -> Result<usize, StoreError> {
    Ok(recorded(conn)?
        .versions()
        .get(module.name)
        .copied()
        .unwrap_or(0))
}

impl Store {
    /// How many migrations the journal has had: scripts of the old single list (1 to 3) until it
    /// is first opened by a build with table modules, the sum of every module's version after.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(match recorded(&self.conn)? {
            Recorded::Legacy(scripts) => scripts,
            Recorded::PerModule(versions) => versions.values().map(|&v| v as i64).sum(),
        })
    }
}

fn apply_modules(conn: &mut Connection, modules: &[&Schema]) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    let recorded = recorded(&tx)?;
    let versions = recorded.versions();
    refuse_newer(&versions, modules)?;
    let legacy = match recorded {
        Recorded::Legacy(scripts) => Some(scripts),
        Recorded::PerModule(_) => None,
    };
    let pending = modules
        .iter()
        .any(|m| versions.get(m.name).copied().unwrap_or(0) < m.latest());
    if legacy.is_none() && !pending {
        // Nothing to write: the transaction ends without having taken the write lock.
        return Ok(());
    }
    if let Some(scripts) = legacy {
        tx.execute_batch(CREATE_RECORD)?;
        if scripts > 0 {
            tracing::info!(
                scripts,
                "the journal's schema is now counted per table module"
            );
        }
    }
    for module in modules {
        let from = versions.get(module.name).copied().unwrap_or(0);
        for (done, sql) in module.migrations.iter().enumerate().skip(from) {
            tx.execute_batch(sql).inspect_err(|e| {
                tracing::error!(module = module.name, version = done + 1, error = %e, "migration failed");
            })?;
        }
        if module.latest() > from || (legacy.is_some() && from > 0) {
            tx.execute(
                "INSERT INTO schema_migrations (module, version) VALUES (?1, ?2)
                 ON CONFLICT (module) DO UPDATE SET version = excluded.version",
                rusqlite::params![module.name, module.latest() as i64],
            )?;
        }
    }
    if legacy.is_some() {
        tx.pragma_update(None, "user_version", PER_MODULE)?;
    }
    tx.commit()?;
    Ok(())
}

fn recorded(conn: &Connection) -> Result<Recorded, StoreError> {
    let layout: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if (0..=legacy::SCRIPTS).contains(&layout) {
        return Ok(Recorded::Legacy(layout));
    }
    if layout != PER_MODULE {
        return Err(newer(format!(
            "schema layout {layout}, this one knows up to {PER_MODULE}"
        )));
    }
    let has_record: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master
                        WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |r| r.get(0),
    )?;
    if !has_record {
        return Err(StoreError::Open(
            "the journal counts its schema per table module, but has no schema_migrations table"
                .into(),
        ));
    }
    let mut stmt = conn.prepare("SELECT module, version FROM schema_migrations")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut versions = BTreeMap::new();
    for row in rows {
        let (module, version) = row?;
        let version = usize::try_from(version)
            .map_err(|_| StoreError::Decode(format!("schema version {version} of {module}")))?;
        versions.insert(module, version);
    }
    Ok(Recorded::PerModule(versions))
}

/// A journal that had migrations this build does not know was written by a newer build, which
/// may have changed what this one reads and writes: it is refused, not guessed at.
fn refuse_newer(versions: &BTreeMap<String, usize>, modules: &[&Schema]) -> Result<(), StoreError> {
    for (name, &version) in versions {
        match modules.iter().find(|m| m.name == name) {
            None => {
                return Err(newer(format!(
                    "table module {name}, which this one does not know"
                )))
            }
            Some(m) if version > m.latest() => {
                return Err(newer(format!(
                    "table module {name} at version {version}, this one knows {}",
                    m.latest()
                )))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn newer(what: String) -> StoreError {
    StoreError::Open(format!(
        "the journal was written by a newer Ventanilla ({what})"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gateway's module as it would be registered after the others.
    const GATEWAY: Schema = Schema {
        name: "gateway_orders",
        migrations: &[
            "CREATE TABLE gateway_orders (id INTEGER PRIMARY KEY, sale_id INTEGER NOT NULL REFERENCES sales(id));",
            "ALTER TABLE gateway_orders ADD COLUMN status TEXT NOT NULL DEFAULT 'open';",
        ],
    };

    fn with_gateway() -> Vec<&'static Schema> {
        let mut modules = ALL.to_vec();
        modules.push(&GATEWAY);
        modules
    }

    fn versions(conn: &Connection) -> BTreeMap<String, usize> {
        recorded(conn).unwrap().versions()
    }

    #[test]
    fn fresh_and_reopened_journals_reach_the_latest_schema() {
        let latest: i64 = ALL.iter().map(|m| m.latest() as i64).sum();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite");
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), latest);
        for module in ALL {
            assert_eq!(
                applied(&s.conn, module).unwrap(),
                module.latest(),
                "{}",
                module.name
            );
        }
        drop(s);
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), latest);
    }

    #[test]
    fn a_module_added_later_is_migrated_once_and_the_others_are_left_alone() {
        let mut store = Store::open_in_memory().unwrap();
        let before = versions(&store.conn);
        apply_modules(&mut store.conn, &with_gateway()).unwrap();
        let after = versions(&store.conn);
        assert_eq!(after["gateway_orders"], 2);
        assert_eq!(
            after
                .iter()
                .filter(|(name, _)| *name != "gateway_orders")
                .collect::<Vec<_>>(),
            before.iter().collect::<Vec<_>>()
        );
        // Run again: its CREATE would fail if it ran twice.
        apply_modules(&mut store.conn, &with_gateway()).unwrap();
        let status: String = store
            .conn
            .query_row(
                "SELECT dflt_value FROM pragma_table_info('gateway_orders') WHERE name = 'status'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(status, "'open'");
    }

    #[test]
    fn a_journal_from_a_newer_build_is_refused_untouched() {
        // It knows a module this build does not.
        let mut store = Store::open_in_memory().unwrap();
        apply_modules(&mut store.conn, &with_gateway()).unwrap();
        let err = apply(&mut store.conn).unwrap_err();
        assert!(
            matches!(&err, StoreError::Open(m) if m.contains("newer") && m.contains("gateway_orders")),
            "{err:?}"
        );
        // It is further along in a module this build knows.
        let mut store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute(
                "UPDATE schema_migrations SET version = 9 WHERE module = 'sales'",
                [],
            )
            .unwrap();
        let err = apply(&mut store.conn).unwrap_err();
        assert!(
            matches!(&err, StoreError::Open(m) if m.contains("newer")),
            "{err:?}"
        );
        assert_eq!(versions(&store.conn)["sales"], 9, "nothing rewritten");
        // It keeps count some way this build has never heard of.
        let mut store = Store::open_in_memory().unwrap();
        store.conn.pragma_update(None, "user_version", 5).unwrap();
        assert!(matches!(apply(&mut store.conn), Err(StoreError::Open(_))));
    }

    #[test]
    fn a_failed_migration_leaves_the_journal_as_it_was() {
        const BROKEN: Schema = Schema {
            name: "broken",
            migrations: &["CREATE TABLE broken (id INTEGER PRIMARY KEY);", "NOT SQL"],
        };
        let mut conn = Connection::open_in_memory().unwrap();
        let mut modules = ALL.to_vec();
        modules.push(&BROKEN);
        assert!(apply_modules(&mut conn, &modules).is_err());
        let tables: i64 = conn
            .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0, "not even the modules before it were kept");
        let layout: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(layout, 0);
    }
}
