//! The hub as its own process (as a remote hub would be, so it outlives a killed counter and
//! its faults and ledger are seen from outside), and the counter's CLI pointed at it.
#![allow(dead_code)]

pub mod chaos;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct Sandbox {
    child: Child,
    pub url: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `ventanilla sandbox` on a free port with its state in `state` and these `--fault` rules.
pub fn sandbox(state: &Path, faults: &[&str]) -> Sandbox {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ventanilla"));
    cmd.args(["sandbox", "--port", "0", "--state"]).arg(state);
    for fault in faults {
        cmd.args(["--fault", fault]);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    Sandbox { child, url }
}

/// The counter's CLI on `data`, pointed at the sandbox as a real hub, with fast status queries.
pub fn counter(sb: &Sandbox, data: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ventanilla"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("VENTANILLA_LOCALE")
        .env("VENTANILLA_HUB_URL", &sb.url)
        .env("VENTANILLA_HUB_USER", "sandbox")
        .env("VENTANILLA_HUB_PASSWORD", "sandbox")
        .env("VENTANILLA_HUB_APPLICATION_ID", "ventanilla-test")
        .env("VENTANILLA_HUB_DEVICE_ID", "caja-1")
        .env("VENTANILLA_POLL_FIRST_SECS", "1")
        .env("VENTANILLA_POLL_MAX_SECS", "1");
    cmd
}

/// A port for one test's counter listener, never one handed to another test of this binary
/// (they run at once; the OS may hand a released port out again).
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap();
    loop {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}
