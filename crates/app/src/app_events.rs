//! Where the screen (or the CLI) hears about changes made in the background.

use crate::ipc::events::Event;

/// Where the screen (or the CLI) hears about changes made in the background. The events are
/// declared once in `ipc/events.rs`; whoever listens forwards them by name, so a new event
/// never changes an implementation of this trait.
pub trait AppEvents: Send + Sync + 'static {
    fn emit(&self, event: Event);
    /// Another launch of the app asked the window that owns the journal to come forward.
    fn focus_requested(&self) {}
}

/// For callers that poll instead of listening.
pub struct NoEvents;

impl AppEvents for NoEvents {
    fn emit(&self, _: Event) {}
}
