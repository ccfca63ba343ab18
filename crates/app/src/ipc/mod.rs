//! Everything that crosses to the screen, declared once: the commands in [`commands`] and the
//! events in [`events`]. The desktop shell forwards one generic call to [`dispatch`] and emits
//! [`Event`]s by name, so it never changes when a command or event is added; the screen's
//! TypeScript (`ui/src/generated/ipc.ts`) is generated from the same declarations by
//! [`typescript_module`], and a test fails when the checked-in file is stale.

#[macro_use]
mod declare;
mod args;
mod commands;
pub(crate) mod events;
mod typescript;

pub use commands::{dispatch, COMMANDS};
pub use events::Event;

/// The whole generated TypeScript module: every type the commands and events carry, one typed
/// function per command, and one listener per event.
pub fn typescript_module() -> String {
    let mut types = typescript::Types::default();
    types.add::<crate::error::UiError>();
    commands::visit_types(&mut types);
    events::visit_types(&mut types);
    let mut out = String::from(typescript::HEADER);
    out.push_str(&types.declarations());
    out.push_str(&commands::typescript());
    out.push_str(&events::typescript());
    out
}
