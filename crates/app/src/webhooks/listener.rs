//! The listener itself: bound at start (loopback by default, port 0 for any free one), serving
//! every registered route until the app stops, and telling the rest of the app where it is.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Path, Request};
use axum::routing::{on, MethodFilter};
use axum::Router;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use ventanilla_core::Secret;

use crate::context::Context;
use crate::webhooks::apply_loop;
use crate::webhooks::auth::RouteAuth;
use crate::webhooks::receive::{receive, Mounted};
use crate::webhooks::registry::WebhookRoutes;

/// How long calls under way get to finish when the app stops.
const DRAIN: Duration = Duration::from_secs(5);

/// The running listener.
pub(crate) struct WebhookListener {
    /// `http://host:port`, where this process can be reached (loopback when bound to every
    /// address).
    base_url: String,
    /// Each route's source with the URL its gateway is to call (holding the route's secret
    /// when that travels in the path).
    callbacks: Vec<(&'static str, Secret)>,
    served: Mutex<Option<JoinHandle<()>>>,
}

impl WebhookListener {
    /// Binds `addr`, starts each route's applier (which first applies what the inbox holds
    /// unapplied), and serves until `ctx` stops.
    pub async fn start(
        ctx: Arc<Context>,
        addr: SocketAddr,
        routes: &WebhookRoutes,
    ) -> std::io::Result<WebhookListener> {
        let socket = tokio::net::TcpListener::bind(addr).await?;
        let bound = socket.local_addr()?;
        let base_url = format!("http://{}", reachable(bound));
        let mut router = Router::new();
        let mut callbacks = Vec::new();
        for registered in routes.all() {
            let route = Arc::clone(&registered.route);
            let wake = Arc::new(Notify::new());
            let mounted = Arc::new(Mounted {
                route: Arc::clone(&route),
                check: route.auth().check(),
                ctx: Arc::clone(&ctx),
                wake: Arc::clone(&wake),
            });
            let filter = MethodFilter::try_from(route.method()).map_err(std::io::Error::other)?;
            let limit = DefaultBodyLimit::max(route.max_body());
            let bare = Arc::clone(&mounted);
            // The bare path too, so a call without the secret is told 401, not 404.
            router = router.route(
                route.path(),
                on(filter, move |req: Request| receive(bare, None, req)).layer(limit),
            );
            if let RouteAuth::InPath(_) | RouteAuth::InPathAny(_) = route.auth() {
                let with = Arc::clone(&mounted);
                router = router.route(
                    &format!("{}/{{secret}}", route.path()),
                    on(filter, move |Path(secret): Path<String>, req: Request| {
                        receive(with, Some(secret), req)
                    })
                    .layer(limit),
                );
            }
            callbacks.push((
                route.source(),
                route.auth().url(&format!("{base_url}{}", route.path())),
            ));
            apply_loop::start(
                Arc::clone(&ctx),
                route.source(),
                Arc::clone(&registered.applier),
                wake,
            );
        }
        tracing::info!(url = %base_url, routes = callbacks.len(), "webhook listener up");
        let mut stop = ctx.stopping();
        let served = ctx.runtime.spawn(async move {
            let stopped = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            if let Err(e) = axum::serve(socket, router)
                .with_graceful_shutdown(stopped)
                .await
            {
                tracing::error!(error = %e, "webhook listener stopped");
            }
        });
        Ok(WebhookListener {
            base_url,
            callbacks,
            served: Mutex::new(Some(served)),
        })
    }

    /// Where the listener is: `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The URL the gateway of `source` is to call, secret included when it travels in the path.
    pub fn callback_url(&self, source: &str) -> Option<Secret> {
        self.callbacks
            .iter()
            .find(|(s, _)| *s == source)
            .map(|(_, url)| url.clone())
    }

    /// Waits (a few seconds at most) for the listener to close once the app is stopping, so
    /// its port is free and no delivery is being stored when the journal is let go.
    pub async fn stopped(&self) {
        let served = self.served.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(served) = served {
            if tokio::time::timeout(DRAIN, served).await.is_err() {
                tracing::warn!("webhook calls still under way when the app stopped");
            }
        }
    }
}

/// An address this process can call the listener at: loopback when it is bound to every
/// address.
fn reachable(bound: SocketAddr) -> SocketAddr {
    match bound.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => (Ipv4Addr::LOCALHOST, bound.port()).into(),
        IpAddr::V6(ip) if ip.is_unspecified() => (Ipv6Addr::LOCALHOST, bound.port()).into(),
        _ => bound,
    }
}
