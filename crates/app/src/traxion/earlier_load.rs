//! Reading the journal's sales by bill at start: at once for a small journal, behind the open
//! window for a large one (charging waits for it, lookups do not).

use std::sync::Arc;

use ventanilla_store::Store;

use crate::error::UiError;
use crate::traxion::gateway::Traxion;

impl Traxion {
    pub fn load_earlier_sales(self: &Arc<Self>, behind: bool) -> Result<(), UiError> {
        if !behind {
            let rows = self
                .ctx
                .store()
                .all_sales()
                .map_err(|e| UiError::store(&e, self.locale()))?;
            self.earlier.load(&rows);
            return Ok(());
        }
        let hub = Arc::clone(self);
        let path = self.ctx.cfg.journal_path();
        self.ctx.runtime.spawn_blocking(move || {
            let started = std::time::Instant::now();
            match Store::open_read_only(&path).and_then(|s| s.all_sales()) {
                Ok(rows) => {
                    hub.earlier.load(&rows);
                    tracing::info!(
                        sales = rows.len(),
                        secs = started.elapsed().as_secs_f32(),
                        "earlier sales read"
                    );
                }
                // Charging stays refused, with the journal's own warning on the status bar
                // when the journal is at fault.
                Err(e) => tracing::error!(error = %e, "earlier sales unreadable"),
            }
        });
        Ok(())
    }
}
