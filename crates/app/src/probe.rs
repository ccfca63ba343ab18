//! Each gateway's link is probed when no real call has told anything about it lately: often
//! while it is down, so the status bar turns green within seconds of its return.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use ventanilla_core::link::LinkState;

use crate::context::Context;
use crate::gateway_id::GatewayId;

/// The lightest call a gateway answers; its outcome reaches the link like any other call's.
pub(crate) trait LinkProbe: Send + Sync + 'static {
    fn gateway(&self) -> GatewayId;
    fn probe(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// Probes `probe`'s gateway for as long as the app runs.
pub(crate) fn start(ctx: Arc<Context>, probe: Arc<dyn LinkProbe>) {
    let runner = Arc::clone(&ctx);
    runner.spawn(async move {
        let gateway = probe.gateway();
        // Wakes at the short interval so a link that just dropped is probed at that pace at
        // once, not after a long sleep chosen while it was up.
        let tick = ctx.cfg.probe_offline.min(ctx.cfg.probe_online);
        let mut stop = ctx.stopping();
        while !*stop.borrow() {
            tokio::select! {
                _ = tokio::time::sleep(tick) => {}
                _ = stop.changed() => continue,
            }
            let every = match ctx.links.state(gateway) {
                LinkState::Offline | LinkState::Degraded | LinkState::Unknown => {
                    ctx.cfg.probe_offline
                }
                LinkState::Online => ctx.cfg.probe_online,
            };
            if ctx.links.quiet(gateway, every) {
                probe.probe().await;
            }
        }
    });
}
