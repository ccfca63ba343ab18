//! The hub's link probe: asking for a sale no one has is its lightest authenticated call.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use ventanilla_core::ClientTransactionId;
use ventanilla_gateways::GatewayError;

use crate::gateway_id::GatewayId;
use crate::probe::LinkProbe;
use crate::traxion::gateway::{Traxion, GATEWAY};

/// A `clientTransactionId` no sale ever has.
const PROBE_ID: u128 = 0;

pub(crate) struct HubProbe(pub Arc<Traxion>);

impl LinkProbe for HubProbe {
    fn gateway(&self) -> GatewayId {
        GATEWAY
    }

    fn probe(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(async move {
            let id = ClientTransactionId::from_u128(PROBE_ID);
            let bounded = async {
                tokio::time::timeout(
                    Duration::from_secs(10),
                    self.0.client.sale_by_client_id(&id),
                )
                .await
                .unwrap_or(Err(GatewayError::Timeout))
            };
            let _ = self.0.call(bounded).await;
        })
    }
}
