//! The tax platform's endpoints as fault rules name them (`arkadu.report`, ...). One path serves
//! five of them, told apart by method and body, so a request is counted once it is classified.

use crate::faults::target::GatewayEndpoint;

/// One of the platform's endpoints, all of them, or its outbound callbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// Every endpoint the platform serves (not its callbacks, not the admin API).
    All,
    /// `POST /api/user/access/get-token/`
    Token,
    /// `GET /api/payments/pending/` with `doc_id`
    Lookup,
    /// `POST /api/payments/pending/` `{pending_ids}`
    Create,
    /// `PUT` / `UPDATE /api/payments/pending/` `{order_id, pending_ids, action}`
    Update,
    /// `POST /api/payments/pending/` `{order_id, amount, reference, created, result}`
    Report,
    /// `POST /api/payments/pending/` `{order_id, action:"Cancel"}`
    Cancel,
    /// The per-item result callbacks the platform POSTs to the agent's URL.
    Callback,
}

impl Endpoint {
    pub const ALL: [Endpoint; 8] = [
        Endpoint::All,
        Endpoint::Token,
        Endpoint::Lookup,
        Endpoint::Create,
        Endpoint::Update,
        Endpoint::Report,
        Endpoint::Cancel,
        Endpoint::Callback,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::All => "all",
            Endpoint::Token => "token",
            Endpoint::Lookup => "lookup",
            Endpoint::Create => "create",
            Endpoint::Update => "update",
            Endpoint::Report => "report",
            Endpoint::Cancel => "cancel",
            Endpoint::Callback => "callback",
        }
    }
}

impl GatewayEndpoint for Endpoint {
    const GATEWAY: &'static str = "arkadu";

    fn every() -> &'static [Self] {
        &Endpoint::ALL
    }

    fn name(self) -> &'static str {
        self.as_str()
    }

    fn is_all(self) -> bool {
        self == Endpoint::All
    }

    fn bends(self) -> bool {
        false
    }

    fn delivers(self) -> bool {
        self == Endpoint::Callback
    }
}
