//! Per-connection control: lets a handler abort its own TCP connection with a reset (RST), the way
//! a crashed proxy or a dropped NAT entry looks to a client.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Notify;

#[derive(Debug, Default)]
struct Signal {
    reset: AtomicBool,
    notify: Notify,
}

/// Put into every request's extensions by the accept loop.
#[derive(Debug, Clone, Default)]
pub struct ConnCtl(Arc<Signal>);

impl ConnCtl {
    /// Asks the connection task to drop the connection with SO_LINGER 0 (sends RST, no response).
    pub fn reset(&self) {
        self.0.reset.store(true, Ordering::SeqCst);
        self.0.notify.notify_one();
    }

    /// Resolves once [`ConnCtl::reset`] was called.
    pub async fn reset_requested(&self) {
        self.0.notify.notified().await;
    }

    fn is_reset(&self) -> bool {
        self.0.reset.load(Ordering::SeqCst)
    }
}

/// A `TcpStream` that, when dropped after [`ConnCtl::reset`], closes with RST instead of FIN.
#[derive(Debug)]
pub struct ResettableStream {
    inner: TcpStream,
    ctl: ConnCtl,
}

impl ResettableStream {
    pub fn new(inner: TcpStream, ctl: ConnCtl) -> Self {
        ResettableStream { inner, ctl }
    }
}

impl Drop for ResettableStream {
    fn drop(&mut self) {
        if self.ctl.is_reset() {
            let sock = socket2::SockRef::from(&self.inner);
            if let Err(e) = sock.set_linger(Some(Duration::ZERO)) {
                tracing::warn!("could not set SO_LINGER 0 for a reset: {e}");
            }
        }
    }
}

impl AsyncRead for ResettableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for ResettableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
