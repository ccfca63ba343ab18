//! Starting a sandbox and the handle that controls it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use std::sync::Arc;

use ventanilla_core::Secret;

use super::accept::accept_loop;
use super::router::router;
use super::state::ServerState;
use crate::arkadu::callbacks::{self, Plan};
use crate::arkadu::order::Order;
use crate::config::SandboxConfig;
use crate::error::SandboxError;
use crate::faults::plan::FaultPlan;
use crate::pennymatic::payment::WalletPayment;
use crate::persist::StateFile;
use crate::quickpay::capture::Capture;
use crate::quickpay::config::Subscription;
use crate::traxion::fixtures::catalogue;
use crate::traxion::ledger::LedgerEntry;

/// A running sandbox. Dropping it stops the server too; [`SandboxHandle::shutdown`] also waits.
#[derive(Debug)]
pub struct SandboxHandle {
    addr: SocketAddr,
    state: ServerState,
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
        self.state.faults.set(plan);
    }

    /// Appends rules to the fault plan.
    pub fn add_faults(&self, plan: FaultPlan) {
        self.state.faults.add(plan);
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.state.faults.clear();
    }

    /// The fault plan in force, with remaining counts.
    pub fn faults(&self) -> FaultPlan {
        self.state.faults.plan()
    }

    /// Every sale recorded so far, oldest first, with the state a client sees now.
    pub fn ledger(&self) -> Vec<LedgerEntry> {
        self.state.traxion.ledger_entries()
    }

    /// Registers the URL the tax platform calls back with each item's result (`None` forgets
    /// it): an app that embeds the sandbox points it at its own webhook listener. Callbacks
    /// waiting for a URL are sent to it at their next attempt.
    pub fn set_tax_callback(&self, url: Option<String>) {
        self.state.arkadu.set_callback_url(url);
    }

    /// The tax platform's registered callback URL.
    pub fn tax_callback(&self) -> Option<String> {
        self.state.arkadu.callback_url()
    }

    /// Every tax payment order, oldest first.
    pub fn tax_orders(&self) -> Vec<Order> {
        self.state.arkadu.book().orders().to_vec()
    }

    /// Subscribes (or, with `None`, unsubscribes) the card terminal's webhook: the URL each
    /// `card_captured` body is POSTed to and its bearer token. An app that embeds the sandbox
    /// points it at its own webhook listener; queued deliveries go out to it at once.
    pub fn set_card_webhook(&self, subscription: Option<(String, Secret)>) {
        self.state
            .quickpay
            .set_subscription(subscription.map(|(url, token)| Subscription { url, token }));
    }

    /// The card terminal's subscribed webhook URL (never its token).
    pub fn card_webhook(&self) -> Option<String> {
        self.state.quickpay.subscription().map(|s| s.url)
    }

    /// Every card capture, oldest first (masked card data only).
    pub fn card_captures(&self) -> Vec<Capture> {
        self.state.quickpay.captures().list().to_vec()
    }

    /// Every payment the wallet gateway made, oldest first.
    pub fn wallet_payments(&self) -> Vec<WalletPayment> {
        self.state.pennymatic.payments().clone()
    }

    /// What the state file holds (or would hold).
    pub fn snapshot(&self) -> StateFile {
        self.state.snapshot()
    }

    /// Forgets every sale (bills become payable again), tax order, card capture, wallet
    /// session and wallet payment.
    pub async fn reset(&self) {
        self.state.reset().await;
    }

    /// Stops accepting, closes every connection, and waits for the accept loop to end.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Binds `addr` (port 0 picks a free port) and serves in a background task.
pub async fn spawn(addr: SocketAddr, cfg: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
    cfg.faults.validate().map_err(SandboxError::Faults)?;
    let state = ServerState::new(&cfg)?;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| SandboxError::Bind { addr, source })?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = watch::channel(());
    state.arkadu.set_stop(stopped.clone());
    let task = tokio::spawn(accept_loop(listener, router(state.clone()), stopped));
    // Results decided before a restart whose callbacks were not all answered: send them again
    // (the agent must take repeats anyway).
    for order in state.arkadu.book().undelivered() {
        callbacks::spawn(
            Arc::clone(&state.arkadu),
            state.saver.clone(),
            order,
            Plan::default(),
        );
    }
    // Build the customer-data index off the request path.
    tokio::task::spawn_blocking(|| catalogue().warm_up());
    tracing::info!(%addr, "sandbox listening");
    Ok(SandboxHandle {
        addr,
        state,
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
