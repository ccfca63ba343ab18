//! One module per subcommand.

mod counter;
pub mod history;
pub mod pay;
pub mod reconcile;
pub mod sandbox;
