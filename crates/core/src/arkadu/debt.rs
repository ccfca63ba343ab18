//! What the tax platform owes a taxpayer for: pending debt items, and the opaque ids the
//! platform gives them and its orders. The document shows ids as integers and as UUIDs, so
//! both are kept as the text the platform sent, never as numbers.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::money::Money;

/// The platform's id of a pending debt item (`Id`, `item_id`, `pending_ids[]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DebtId(String);

/// The platform's id of a payment order (`order`, `order_id`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrderId(String);

/// Our reference for a payment report (`Reference`): chosen once, before the first attempt,
/// and sent unchanged on every retry so the platform can never count the payment twice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PaymentReference(String);

/// Trimmed text, or `None` when nothing is left: an empty id names nothing.
fn opaque(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

macro_rules! opaque_id {
    ($name:ident) => {
        impl $name {
            /// The id as the platform (or we) wrote it; `None` when blank.
            pub fn new(text: &str) -> Option<$name> {
                opaque(text).map($name)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// Read back through [`Self::new`], so a blank id cannot sneak in from storage.
        impl TryFrom<String> for $name {
            type Error = &'static str;

            fn try_from(text: String) -> Result<$name, Self::Error> {
                $name::new(&text).ok_or("a blank id")
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

opaque_id!(DebtId);
opaque_id!(OrderId);
opaque_id!(PaymentReference);

/// One thing a taxpayer owes, as the platform lists it: a tax, a fee, a purchase from the
/// platform's store ("consulta transversal a través de todos los módulos").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DebtItem {
    pub id: DebtId,
    /// The platform's own words, shown as they are.
    pub description: String,
    /// The platform module the debt belongs to, when it says (the document's examples do not).
    pub kind: Option<String>,
    pub amount: Money,
}
