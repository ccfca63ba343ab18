//! Journals from before table modules. Until then the schema was one list of numbered scripts
//! and `PRAGMA user_version` said how many had run (0 to 3). Those scripts were split, statement
//! for statement, into the first migrations of the table modules; this is the frozen record of
//! which version each module had reached after each script, so such a journal can be counted the
//! new way without running anything twice. Modules added later did not exist then: they are at
//! version 0 in every old journal, and this file never changes for them.

use std::collections::BTreeMap;

use crate::tables::{
    bill_lookups, chain, outbox, receipts, reprints, sale_events, sales, settings,
};

/// How many scripts the single list had when table modules replaced it.
pub(crate) const SCRIPTS: i64 = 3;

/// Each module of that time, with its version once scripts 1, 2 and 3 had run.
const REACHED: [(&str, [usize; 3]); 8] = [
    // 1: bill lookups, the sales journal, receipts and reprints, the audit of state changes.
    (bill_lookups::SCHEMA.name, [1, 1, 1]),
    (sales::SCHEMA.name, [1, 2, 2]),
    (sale_events::SCHEMA.name, [1, 1, 1]),
    (receipts::SCHEMA.name, [1, 1, 1]),
    (reprints::SCHEMA.name, [1, 1, 1]),
    // 2: the outbox (filled with the sales already there), provisional sales, settings.
    (outbox::SCHEMA.name, [0, 1, 1]),
    (settings::SCHEMA.name, [0, 1, 1]),
    // 3: the chain of sale records.
    (chain::SCHEMA.name, [0, 0, 1]),
];

/// The version of each module in a journal that had run `scripts` of the old list (0 to
/// [`SCRIPTS`]); modules at version 0 are left out.
pub(crate) fn versions_after(scripts: i64) -> BTreeMap<String, usize> {
    let Some(last) = usize::try_from(scripts)
        .ok()
        .filter(|n| (1..=SCRIPTS as usize).contains(n))
    else {
        return BTreeMap::new();
    };
    REACHED
        .iter()
        .map(|(name, reached)| (name.to_string(), reached[last - 1]))
        .filter(|&(_, version)| version > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::ALL;

    #[test]
    fn an_old_journal_never_looks_newer_than_this_build() {
        for scripts in 0..=SCRIPTS {
            for (name, version) in versions_after(scripts) {
                let module = ALL
                    .iter()
                    .find(|m| m.name == name)
                    .expect("still registered");
                assert!(version <= module.latest(), "{name} after script {scripts}");
            }
        }
    }

    #[test]
    fn versions_only_grow_from_script_to_script() {
        assert!(versions_after(0).is_empty());
        for scripts in 1..SCRIPTS {
            let (before, after) = (versions_after(scripts), versions_after(scripts + 1));
            for (name, version) in before {
                assert!(after[&name] >= version, "{name}");
            }
        }
    }
}
