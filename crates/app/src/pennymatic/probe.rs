//! The wallet gateway's link probe: the list of coins is its lightest authenticated call.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use ventanilla_gateways::GatewayError;

use crate::gateway_id::GatewayId;
use crate::pennymatic::gateway::{Pennymatic, GATEWAY};
use crate::probe::LinkProbe;

pub(crate) struct WalletProbe(pub Arc<Pennymatic>);

impl LinkProbe for WalletProbe {
    fn gateway(&self) -> GatewayId {
        GATEWAY
    }

    fn probe(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(async move {
            let bounded = async {
                tokio::time::timeout(Duration::from_secs(10), self.0.client.coins())
                    .await
                    .unwrap_or(Err(GatewayError::Timeout))
            };
            let _ = self.0.ctx.call(GATEWAY, bounded).await;
        })
    }
}
