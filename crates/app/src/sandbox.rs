//! The built-in simulator of every gateway, served from this process on loopback when no real
//! gateway is configured.

use std::net::SocketAddr;

use ventanilla_sandbox::{SandboxConfig, SandboxHandle};

use crate::config::{AppConfig, HubTarget};
use crate::error::UiError;

/// Starts the simulator if the configuration asks for it.
pub(crate) async fn start(cfg: &AppConfig) -> Result<Option<SandboxHandle>, UiError> {
    let HubTarget::Sandbox { port } = &cfg.hub else {
        return Ok(None);
    };
    let mut sandbox_cfg = SandboxConfig {
        state_file: Some(cfg.sandbox_state_path()),
        ..SandboxConfig::default()
    };
    if let Some(ttl) = cfg.sandbox_tax_order_ttl {
        sandbox_cfg.arkadu.order_ttl = ttl;
    }
    let addr = SocketAddr::from(([127, 0, 0, 1], *port));
    ventanilla_sandbox::spawn(addr, sandbox_cfg)
        .await
        .map(Some)
        .map_err(|e| UiError::internal(cfg.locale, format!("sandbox: {e}")))
}
