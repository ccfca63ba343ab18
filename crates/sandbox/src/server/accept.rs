//! The accept loop: one hyper HTTP/1 connection task per socket, each resettable by a fault
//! (the connection's `ConnCtl` travels in the request's extensions).

use std::convert::Infallible;

use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::Service;

use crate::conn::{ConnCtl, ResettableStream};

/// Serves `app` on every accepted connection until `stop` changes.
pub async fn accept_loop(listener: TcpListener, app: Router, mut stop: watch::Receiver<()>) {
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
