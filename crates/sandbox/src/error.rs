//! Errors of starting and running the sandbox.

use std::net::SocketAddr;
use std::path::PathBuf;

/// What can stop the sandbox from starting.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("state file {path}: {reason}")]
    State { path: PathBuf, reason: String },
    #[error("invalid fault plan: {0}")]
    Faults(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
