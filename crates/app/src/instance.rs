//! One counter window per journal. The window that owns the journal listens on a local socket
//! in the data folder; a second launch (a cashier double-clicking the icon again) asks it to
//! come to the front and then quits, instead of fighting it for the journal.
//!
//! The socket is only a courtesy: what keeps two writers off the journal is the store's lock.
//! A launch that finds no window to focus (a CLI holds the journal, say) goes on to start and
//! is refused by that lock, with the holder named.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::context::Context;
use crate::error::UiError;

const REQUEST: &str = "focus";
const ANSWER: &str = "ok";

fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join("window.sock")
}

/// Asks the window that owns the journal in `data_dir` to come to the front. True when a window
/// answered: the caller should then quit.
pub fn ask_running_window_to_focus(data_dir: &Path) -> bool {
    let ask = || -> std::io::Result<bool> {
        let stream = std::os::unix::net::UnixStream::connect(socket_path(data_dir))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.set_write_timeout(Some(Duration::from_secs(2)))?;
        (&stream).write_all(format!("{REQUEST}\n").as_bytes())?;
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line)?;
        Ok(line.trim() == ANSWER)
    };
    // A stale socket (its window died) refuses the connection: nobody to focus.
    ask().unwrap_or(false)
}

/// Serves focus requests for as long as the app runs; each one reaches
/// `AppEvents::focus_requested`. Only the desktop window asks for this.
pub(crate) fn listen_for_focus_requests(ctx: &Arc<Context>) -> Result<(), UiError> {
    let l = ctx.locale();
    let path = socket_path(&ctx.cfg.data_dir);
    // This process holds the journal's lock, so any socket file here is a dead window's.
    let _ = std::fs::remove_file(&path);
    let listener = {
        let _guard = ctx.runtime.enter();
        tokio::net::UnixListener::bind(&path)
            .map_err(|e| UiError::internal(l, format!("{}: {e}", path.display())))?
    };
    let app = Arc::clone(ctx);
    ctx.spawn(async move {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
        let mut stop = app.stopping();
        while !*stop.borrow() {
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                _ = stop.changed() => continue,
            };
            let Ok((stream, _)) = accepted else {
                continue;
            };
            let (read, mut write) = stream.into_split();
            let mut line = String::new();
            let mut reader = tokio::io::BufReader::new(read);
            let read = tokio::time::timeout(Duration::from_secs(2), reader.read_line(&mut line));
            if matches!(read.await, Ok(Ok(_))) && line.trim() == REQUEST {
                tracing::info!("another launch asked this window to come to the front");
                app.events.focus_requested();
                let _ = write.write_all(format!("{ANSWER}\n").as_bytes()).await;
            }
        }
    });
    Ok(())
}
