//! The card terminal's link probe: asking for a capture that does not exist starts nothing,
//! and any answer says the terminal is there.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use ventanilla_gateways::GatewayError;

use crate::gateway_id::GatewayId;
use crate::probe::LinkProbe;
use crate::quickpay::gateway::{Quickpay, GATEWAY};

pub(crate) struct TerminalProbe(pub Arc<Quickpay>);

impl LinkProbe for TerminalProbe {
    fn gateway(&self) -> GatewayId {
        GATEWAY
    }

    fn probe(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(async move {
            let bounded = async {
                tokio::time::timeout(Duration::from_secs(10), self.0.terminal.probe())
                    .await
                    .unwrap_or(Err(GatewayError::Timeout))
            };
            let _ = self.0.ctx.call(GATEWAY, bounded).await;
        })
    }
}
