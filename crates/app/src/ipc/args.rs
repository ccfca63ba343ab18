//! Reading a command's arguments from the screen's JSON, one by one, so that a wrong call names
//! the argument at fault. A wrong call is a bug in the screen, never the cashier's doing, so it
//! is answered as an internal error (with the detail for support).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::typescript::camel;
use crate::error::UiError;
use crate::service::Ventanilla;

pub type Arguments = Map<String, Value>;

/// The arguments object (`{}` when the screen sent none).
pub fn arguments(app: &Ventanilla, command: &str, args: Value) -> Result<Arguments, UiError> {
    match args {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        other => Err(malformed(
            app,
            command,
            format!("arguments must be an object, not {other}"),
        )),
    }
}

/// Takes one argument, named in Rust's snake_case and sent in JavaScript's camelCase. A missing
/// argument reads as `null`, which only an `Option` accepts.
pub fn argument<T: DeserializeOwned>(
    app: &Ventanilla,
    command: &str,
    args: &mut Arguments,
    rust_name: &str,
) -> Result<T, UiError> {
    let key = camel(rust_name);
    let value = args.remove(&key).unwrap_or(Value::Null);
    serde_json::from_value(value)
        .map_err(|e| malformed(app, command, format!("argument {key}: {e}")))
}

/// Anything left over was not declared: refused, so a misspelt argument never passes unseen.
pub fn no_other_arguments(
    app: &Ventanilla,
    command: &str,
    args: &Arguments,
) -> Result<(), UiError> {
    match args.keys().next() {
        None => Ok(()),
        Some(extra) => Err(malformed(app, command, format!("unknown argument {extra}"))),
    }
}

pub fn malformed(app: &Ventanilla, command: &str, detail: String) -> UiError {
    UiError::internal(app.info().locale, format!("command {command}: {detail}"))
}

pub fn unknown(app: &Ventanilla, command: &str) -> UiError {
    UiError::internal(app.info().locale, format!("unknown command {command}"))
}
