//! The card terminal's endpoints as fault rules name them (`quickpay.present`, ...).

use crate::faults::target::GatewayEndpoint;

/// One of the terminal's endpoints, all of them, or its outbound webhook deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// Every endpoint the terminal serves (not its webhook deliveries).
    All,
    /// `POST`/`GET /_sandbox/quickpay/captures[/{reference_id}]` and the terminal page.
    Captures,
    /// `POST /_sandbox/quickpay/captures/{reference_id}/present` and the page's form.
    Present,
    /// The `card_captured` bodies the proxy POSTs to the subscription URL.
    Webhook,
}

impl Endpoint {
    pub const ALL: [Endpoint; 4] = [
        Endpoint::All,
        Endpoint::Captures,
        Endpoint::Present,
        Endpoint::Webhook,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::All => "all",
            Endpoint::Captures => "captures",
            Endpoint::Present => "present",
            Endpoint::Webhook => "webhook",
        }
    }
}

impl GatewayEndpoint for Endpoint {
    const GATEWAY: &'static str = "quickpay";

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
        self == Endpoint::Webhook
    }
}
