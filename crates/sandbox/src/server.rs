//! Binding, the accept loop (one hyper connection task per socket, resettable), and the handle.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower::Service;

use crate::app::{AppState, Shared};
use crate::config::SandboxConfig;
use crate::conn::{ConnCtl, ResettableStream};
use crate::error::SandboxError;
use crate::faults::FaultPlan;
use crate::traxion::{self, LedgerEntry};
use crate::{admin, persist::StateFile};

/// A running sandbox. Dropping it stops the server too; [`SandboxHandle::shutdown`] also waits.
#[derive(Debug)]
pub struct SandboxHandle {
    addr: SocketAddr,
    app: AppState,
    stop: watch::Sender<()>,
    task: JoinHandle<()>,
}

impl SandboxHandle {
    /// The bound address (the real port when asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://IP:PORT` (loopback when bound to an unspecified address), no trailing slash.
    pub fn base_url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    /// Replaces the fault plan.
    pub fn set_faults(&self, plan: FaultPlan) {
        self.app.faults.set(plan);
    }

    /// Appends rules to the fault plan.
    pub fn add_faults(&self, plan: FaultPlan) {
        self.app.faults.add(plan);
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.app.faults.clear();
    }

    /// The fault plan in force, with remaining counts.
    pub fn faults(&self) -> FaultPlan {
        self.app.faults.plan()
    }

    /// Every sale recorded so far, oldest first, with the state a client sees now.
    pub fn ledger(&self) -> Vec<LedgerEntry> {
        self.app.traxion.ledger_entries()
    }

    /// What the state file holds (or would hold).
    pub fn snapshot(&self) -> StateFile {
        self.app.snapshot()
    }

    /// Forgets every sale: bills become payable again.
    pub async fn reset(&self) {
        self.app.reset().await;
    }

    /// Stops accepting, closes every connection, and waits for the accept loop to end.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// The whole router: hub routes, admin API, platform-error 404 for the rest.
pub(crate) fn router(app: AppState) -> Router {
    traxion::router(&app)
        .merge(admin::router())
        .fallback(traxion::not_found)
        .with_state(app)
}

/// Binds `addr` (port 0 picks a free port) and serves in a background task.
pub async fn spawn(addr: SocketAddr, cfg: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
    cfg.faults.validate().map_err(SandboxError::Faults)?;
    let app = Arc::new(Shared::new(&cfg)?);
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| SandboxError::Bind { addr, source })?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = watch::channel(());
    let task = tokio::spawn(accept_loop(listener, router(app.clone()), stopped));
    // Build the customer-data index off the request path.
    tokio::task::spawn_blocking(|| crate::fixtures::catalogue().warm_up());
    tracing::info!(%addr, "sandbox listening");
    Ok(SandboxHandle {
        addr,
        app,
        stop,
        task,
    })
}

/// Serves until Ctrl-C (or SIGTERM), printing `sandbox listening on http://HOST:PORT` first.
pub async fn run_forever(addr: SocketAddr, cfg: SandboxConfig) -> Result<(), SandboxError> {
    let handle = spawn(addr, cfg).await?;
    println!("sandbox listening on {}", handle.base_url());
    wait_for_signal().await;
    handle.shutdown().await;
    Ok(())
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn accept_loop(listener: TcpListener, app: Router, mut stop: watch::Receiver<()>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(e) => {
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    continue;
                }
            },
            _ = stop.changed() => break,
        };
        let _ = stream.set_nodelay(true);
        let ctl = ConnCtl::default();
        let io = TokioIo::new(ResettableStream::new(stream, ctl.clone()));
        let request_ctl = ctl.clone();
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(request_ctl.clone());
            let mut app = app.clone();
            async move {
                let resp = app.call(req.map(Body::new)).await;
                Ok::<_, Infallible>(resp.unwrap_or_else(|never| match never {}))
            }
        });
        let mut conn_stop = stop.clone();
        tokio::spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new().serve_connection(io, service);
            tokio::select! {
                done = conn => {
                    if let Err(e) = done {
                        tracing::debug!("connection ended: {e}");
                    }
                }
                _ = ctl.reset_requested() => tracing::debug!("connection reset by fault"),
                _ = conn_stop.changed() => {}
            }
        });
    }
}
