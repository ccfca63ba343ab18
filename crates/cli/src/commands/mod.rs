//! One module per subcommand.

pub mod attention;
pub mod chaos;
mod counter;
pub mod history;
pub mod journal;
pub mod pay;
pub mod reconcile;
pub mod sandbox;
pub mod tax;
pub mod tester;
