//! The remote systems this counter talks to, by a fixed id. Each has its own link state, its
//! own folder of use cases and its outbox handlers; adding one is a variant here.

/// A gateway, as the status bar, the outbox and the logs name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GatewayId {
    /// The bill-payment hub (`specs/traxion`).
    Traxion,
    /// The municipal tax platform (`specs/arkadu`).
    Arkadu,
    /// The card terminal and its tokenization webhook (`specs/quickpay`).
    Quickpay,
    /// The crypto wallet gateway (`specs/pennymatic`).
    Pennymatic,
}

impl GatewayId {
    /// Every gateway, in the order the status bar shows them.
    pub const ALL: &'static [GatewayId] = &[
        GatewayId::Traxion,
        GatewayId::Arkadu,
        GatewayId::Quickpay,
        GatewayId::Pennymatic,
    ];

    /// The id the journal's outbox and the screen use.
    pub fn as_str(self) -> &'static str {
        match self {
            GatewayId::Traxion => "traxion",
            GatewayId::Arkadu => "arkadu",
            GatewayId::Quickpay => "quickpay",
            GatewayId::Pennymatic => "pennymatic",
        }
    }

    pub fn parse(id: &str) -> Option<GatewayId> {
        GatewayId::ALL.iter().copied().find(|g| g.as_str() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::GatewayId;

    #[test]
    fn every_id_reads_back() {
        for g in GatewayId::ALL {
            assert_eq!(GatewayId::parse(g.as_str()), Some(*g));
        }
        assert_eq!(GatewayId::parse("nope"), None);
    }
}
