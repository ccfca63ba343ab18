//! The cashier's words for the states and reasons that core and the gateways give as data:
//! a sale's phase, a rejection, a link, a gateway's name.

use ventanilla_core::link::LinkState;

use crate::gateway_id::GatewayId;
use crate::i18n::Locale;

impl Locale {
    pub fn phase_label(self, phase: &str) -> String {
        let (es, en) = match phase {
            "journaled" => ("Registrado", "Recorded"),
            "sending" => ("Enviando", "Sending"),
            "querying" => ("Consultando estado", "Checking status"),
            "approved" => ("Aprobado", "Approved"),
            "rejected" => ("Rechazado", "Rejected"),
            _ => ("Desconocido", "Unknown"),
        };
        self.pick(es, en)
    }

    /// What the hub's rejection means, in the cashier's words (the hub's own text travels
    /// beside it, whole, for support staff). It says what happened, not what to do: whether
    /// money goes back now depends on when the screen shows it.
    pub fn explain_rejection(self, hub_message: &str) -> String {
        let code = hub_message.split([' ', '-']).next().unwrap_or("");
        let (es, en) = match code {
            "409_BILL_ALREADY_PAID" => (
                "La factura ya estaba pagada: no se cobró.",
                "The bill was already paid: nothing was charged.",
            ),
            _ => (
                "El sistema de cobro rechazó el pago: no se cobró.",
                "The bill-payment system rejected the payment: nothing was charged.",
            ),
        };
        self.pick(es, en)
    }

    /// A gateway as the cashier calls it; the built-in simulator says so in their language.
    pub fn gateway_name(self, gateway: GatewayId, sandbox: bool) -> String {
        let name = match gateway {
            GatewayId::Traxion => self.pick("Sistema de cobro", "Bill-payment hub"),
            GatewayId::Arkadu => self.pick("Impuestos municipales", "Municipal taxes"),
            GatewayId::Quickpay => self.pick("Terminal de tarjetas", "Card terminal"),
            GatewayId::Pennymatic => self.pick("Billetera cripto", "Crypto wallet"),
        };
        if sandbox {
            self.pick(format!("{name} (simulador)"), format!("{name} (sandbox)"))
        } else {
            name
        }
    }

    /// The banner of a counter that runs against the built-in simulator.
    pub fn sandbox_mode(self) -> String {
        self.pick(
            "Modo prueba (simulador): nada se cobra de verdad",
            "Test mode (sandbox): nothing is really charged",
        )
    }

    /// The link's state as the status bar says it.
    pub fn link_label(self, state: LinkState) -> String {
        match state {
            LinkState::Unknown => self.pick("comprobando conexión", "checking the link"),
            LinkState::Online => self.pick("conectado", "online"),
            LinkState::Degraded => self.pick("lento o con fallas", "slow or failing"),
            LinkState::Offline => self.pick("sin conexión", "offline"),
        }
    }
}

/// The link's state as the screen branches on it.
pub fn link_state_id(state: LinkState) -> &'static str {
    match state {
        LinkState::Unknown => "unknown",
        LinkState::Online => "online",
        LinkState::Degraded => "degraded",
        LinkState::Offline => "offline",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulator_has_the_cashier_s_word_in_each_language() {
        let es = Locale::Es.gateway_name(GatewayId::Traxion, true);
        assert_eq!(es, "Sistema de cobro (simulador)");
        assert!(!es.contains("sandbox"));
        assert_eq!(
            Locale::En.gateway_name(GatewayId::Traxion, true),
            "Bill-payment hub (sandbox)"
        );
        assert_eq!(
            Locale::Es.gateway_name(GatewayId::Traxion, false),
            "Sistema de cobro"
        );
        assert!(!Locale::Es.sandbox_mode().contains("sandbox"));
    }

    #[test]
    fn a_rejection_says_what_happened_not_what_to_do() {
        for l in [Locale::Es, Locale::En] {
            for hub in ["409_BILL_ALREADY_PAID - ya pagada", "500 - otra cosa"] {
                let words = l.explain_rejection(hub);
                assert!(!words.to_lowercase().contains("devuelva"), "{words}");
                assert!(!words.to_lowercase().contains("give"), "{words}");
            }
        }
    }
}
