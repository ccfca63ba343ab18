//! What a fault rule is keyed to: one endpoint of one simulated gateway, or all of them.

use std::fmt;

/// Implemented by each simulated gateway's endpoint enum, which lives in the gateway's folder.
/// The enum has one value that stands for all of the gateway's endpoints (`all`).
pub trait GatewayEndpoint: Copy + 'static {
    /// The gateway's name in rules (`traxion`).
    const GATEWAY: &'static str;
    /// Every value, the one standing for all endpoints included.
    fn every() -> &'static [Self];
    /// The endpoint's name in rules (`pay`, `sales_query`, `all`).
    fn name(self) -> &'static str;
    /// True for the value that stands for all of the gateway's endpoints.
    fn is_all(self) -> bool;
    /// True for an endpoint that takes payments, whose outcome a rule may bend (pending,
    /// rejected, crossed echoes).
    fn bends(self) -> bool;
    /// True for a gateway's outbound deliveries (callbacks it POSTs to the agent), which no
    /// request reaches: a rule bends them only when it names them (`all` does not cover them).
    fn delivers(self) -> bool {
        false
    }
}

/// One endpoint of one gateway (a request is counted as one), or all of a gateway's endpoints (a
/// rule may cover them). Made only from a gateway's own endpoint enum, so a target always names
/// an endpoint its gateway has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    gateway: &'static str,
    endpoint: &'static str,
    all: bool,
    bends: bool,
    delivers: bool,
}

impl Target {
    pub fn of<E: GatewayEndpoint>(endpoint: E) -> Target {
        Target {
            gateway: E::GATEWAY,
            endpoint: endpoint.name(),
            all: endpoint.is_all(),
            bends: endpoint.bends(),
            delivers: endpoint.delivers(),
        }
    }

    pub fn gateway(self) -> &'static str {
        self.gateway
    }

    pub fn endpoint(self) -> &'static str {
        self.endpoint
    }

    /// True when a rule keyed to `self` applies to a request to `hit`: same gateway, and the
    /// same endpoint or all of them (all the endpoints it serves: not its outbound deliveries).
    /// Never across gateways.
    pub fn covers(self, hit: Target) -> bool {
        self.gateway == hit.gateway
            && (self.endpoint == hit.endpoint || (self.all && !hit.delivers))
    }

    /// True when a request to this endpoint may have its outcome bent.
    pub fn bends(self) -> bool {
        self.bends
    }

    /// True for a gateway's outbound deliveries (callbacks).
    pub fn delivers(self) -> bool {
        self.delivers
    }
}

/// `gateway.endpoint`, as spec strings write it.
impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.gateway, self.endpoint)
    }
}
