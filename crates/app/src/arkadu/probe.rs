//! The tax platform's link probe: a lookup without a document id is its lightest authenticated
//! call (refused, which is an answer: the link works).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use ventanilla_gateways::GatewayError;

use crate::arkadu::gateway::{Arkadu, GATEWAY};
use crate::gateway_id::GatewayId;
use crate::probe::LinkProbe;

pub(crate) struct TaxProbe(pub Arc<Arkadu>);

impl LinkProbe for TaxProbe {
    fn gateway(&self) -> GatewayId {
        GATEWAY
    }

    fn probe(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(async move {
            let bounded = async {
                tokio::time::timeout(Duration::from_secs(10), self.0.client.probe())
                    .await
                    .unwrap_or(Err(GatewayError::Timeout))
            };
            let _ = self.0.call(bounded).await;
        })
    }
}
