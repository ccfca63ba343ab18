//! The wallet gateway's endpoints as fault rules name them (`pennymatic.pay`, ...).

use crate::faults::target::GatewayEndpoint;

/// One of the gateway's endpoints, all of them, or its outbound consent deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// Every endpoint the gateway serves (not its consent deliveries, not the admin API).
    All,
    /// `GET /coins` and `GET /bsv/coins`
    Coins,
    /// `GET /bsv/connect`
    Connect,
    /// `GET /bsv/connected`
    Connected,
    /// `POST /bsv/pay`
    Pay,
    /// `GET /bsv/isconfirmed`
    IsConfirmed,
    /// The consent the gateway sends to the operator's webhook (`GET <webhook>?usertoken=..`).
    Consent,
}

impl Endpoint {
    pub const ALL: [Endpoint; 7] = [
        Endpoint::All,
        Endpoint::Coins,
        Endpoint::Connect,
        Endpoint::Connected,
        Endpoint::Pay,
        Endpoint::IsConfirmed,
        Endpoint::Consent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::All => "all",
            Endpoint::Coins => "coins",
            Endpoint::Connect => "connect",
            Endpoint::Connected => "connected",
            Endpoint::Pay => "pay",
            Endpoint::IsConfirmed => "isconfirmed",
            Endpoint::Consent => "consent",
        }
    }
}

impl GatewayEndpoint for Endpoint {
    const GATEWAY: &'static str = "pennymatic";

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
        self == Endpoint::Consent
    }
}
