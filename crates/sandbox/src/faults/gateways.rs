//! The gateways rules can name, read from text: the one list to extend when a gateway is
//! simulated, as the server's router is for its routes. A rule that names no gateway is
//! Traxion's, so every rule written before gateways were named keeps its meaning.

use super::target::{GatewayEndpoint, Target};
use crate::arkadu::endpoint::Endpoint as Arkadu;
use crate::pennymatic::endpoint::Endpoint as Pennymatic;
use crate::quickpay::endpoint::Endpoint as Quickpay;
use crate::traxion::endpoint::Endpoint as Traxion;

/// The gateway of a rule that names none.
pub const DEFAULT_GATEWAY: &str = Traxion::GATEWAY;

/// Every gateway rules can name.
pub const NAMES: [&str; 4] = [
    Traxion::GATEWAY,
    Arkadu::GATEWAY,
    Pennymatic::GATEWAY,
    Quickpay::GATEWAY,
];

/// `endpoint` of `gateway` (of [`DEFAULT_GATEWAY`] when `None`). Names are read without regard
/// to case, and `-` as `_`.
pub fn target(gateway: Option<&str>, endpoint: &str) -> Result<Target, String> {
    let gateway = gateway.map(normalise);
    match gateway.as_deref().unwrap_or(DEFAULT_GATEWAY) {
        Traxion::GATEWAY => find::<Traxion>(endpoint),
        Arkadu::GATEWAY => find::<Arkadu>(endpoint),
        Pennymatic::GATEWAY => find::<Pennymatic>(endpoint),
        Quickpay::GATEWAY => find::<Quickpay>(endpoint),
        other => Err(format!(
            "unknown gateway {other:?} (one of {})",
            NAMES.join(", ")
        )),
    }
}

/// `gateway.endpoint`, or a bare `endpoint` of the default gateway.
pub fn parse(text: &str) -> Result<Target, String> {
    match text.split_once('.') {
        Some((gateway, endpoint)) => target(Some(gateway), endpoint),
        None => target(None, text),
    }
}

fn normalise(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace('-', "_")
}

fn find<E: GatewayEndpoint>(name: &str) -> Result<Target, String> {
    let name = normalise(name);
    E::every()
        .iter()
        .find(|e| e.name() == name)
        .map(|e| Target::of(*e))
        .ok_or_else(|| {
            let names: Vec<&str> = E::every().iter().map(|e| e.name()).collect();
            format!(
                "unknown {} endpoint {name:?} (one of {})",
                E::GATEWAY,
                names.join(", ")
            )
        })
}
