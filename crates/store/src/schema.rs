//! What a table module declares about its schema. Only the shape: the runner that applies it is
//! `migrate`, and the list of every module is `tables`.

/// A table module's migrations. Migration `n` (counting from 1) is `migrations[n - 1]`; the
/// journal records, per module, how many have been applied.
///
/// Migrations are only ever appended: one that has shipped is never edited, reordered or removed,
/// since journals in the field already hold its effect.
#[derive(Debug)]
pub(crate) struct Schema {
    /// The module's key in `schema_migrations`. Never renamed once shipped.
    pub name: &'static str,
    /// SQL batches (CREATE, ALTER, backfills), oldest first. Each may use the tables of modules
    /// registered before this one in `tables::ALL`, never those after.
    pub migrations: &'static [&'static str],
}

impl Schema {
    /// How many migrations this build knows for the module.
    pub fn latest(&self) -> usize {
        self.migrations.len()
    }
}
