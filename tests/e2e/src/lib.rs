//! Drives the real Ventanilla window: a private Xvfb display, `tauri-driver` (which starts
//! `WebKitWebDriver` and the app), WebDriver over plain HTTP JSON, and `xdotool` typing into
//! the window the way a USB barcode scanner does.
//!
//! Every process started here belongs to a [`Window`] and is killed (with its whole process
//! group) when the `Window` is dropped, also when a test fails. Missing tools make the test
//! fail with a message saying what to install; nothing is skipped.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub mod memory;

use base64::Engine as _;
use serde_json::{json, Value};

/// A 1 px, nearly transparent corner that flickers for a second: it gives WebKit a frame to
/// render, so a screenshot of a static page does not wait forever.
const NUDGE_PAINT: &str = "const d = document.createElement('div');\
    d.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;opacity:0.01';\
    document.body.appendChild(d); let n = 0;\
    const t = setInterval(() => { d.style.opacity = n % 2 ? '0.01' : '0.02';\
      if (++n > 20) { clearInterval(t); d.remove(); } }, 50);";

/// The real windows are heavy on a 2-core machine: one at a time.
static ONE_WINDOW: Mutex<()> = Mutex::new(());

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The desktop binary the tests run: `VENTANILLA_DESKTOP_BIN`, or
/// `<target dir>/debug/ventanilla-desktop`.
pub fn desktop_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("VENTANILLA_DESKTOP_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug/ventanilla-desktop")
}

/// Finds `name` on PATH (and in ~/.cargo/bin, where `cargo install` puts tauri-driver).
pub fn find_tool(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn require_tool(name: &str, how: &str) -> PathBuf {
    find_tool(name).unwrap_or_else(|| {
        panic!("`{name}` is required for the window tests and was not found: {how}")
    })
}

/// A free loopback TCP port (bound and released at once).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn wait_for_port(port: u16, within: Duration, what: &str) {
    let deadline = Instant::now() + within;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start listening on port {port} within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A child process in its own process group; dropping it kills the whole group.
struct Proc {
    name: &'static str,
    child: Child,
}

impl Proc {
    fn spawn(name: &'static str, cmd: &mut Command) -> Proc {
        cmd.process_group(0);
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {name}: {e}"));
        Proc { name, child }
    }

    fn signal_group(&self, sig: &str) {
        let _ = Command::new("kill")
            .args([sig, "--", &format!("-{}", self.child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            self.signal_group("-KILL"); // its children may still be around
            return;
        }
        self.signal_group("-TERM");
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.signal_group("-KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
        eprintln!("[e2e] stopped {}", self.name);
    }
}

/// One running app in its own display, with its own data dir and sandbox port.
pub struct Window {
    http: reqwest::blocking::Client,
    base: String,
    session: Option<String>,
    // Dropped in this order: the driver (and with it WebKitWebDriver and the app), X, then the
    // data dir, and last the lock that lets the next test start.
    _driver: Proc,
    _xvfb: Proc,
    pub display: String,
    pub data_dir: tempfile::TempDir,
    pub sandbox_port: u16,
    _lock: Option<MutexGuard<'static, ()>>,
}

/// How a test wants its app started.
pub struct Launch<'a> {
    /// Extra `VENTANILLA_*` (or other) variables for the app.
    pub env: &'a [(&'a str, &'a str)],
    /// Runs on the empty data dir before the app starts (e.g. to damage the journal).
    pub prepare: &'a dyn Fn(&Path),
    /// A script returning non-null once the page is ready.
    pub ready: &'a str,
}

/// Probes every second and short retries, so the link's changes show within a few seconds.
pub const FAST_LINK: &[(&str, &str)] = &[
    ("VENTANILLA_PROBE_ONLINE_SECS", "1"),
    ("VENTANILLA_PROBE_OFFLINE_SECS", "1"),
    ("VENTANILLA_BACKOFF_FIRST_SECS", "1"),
    ("VENTANILLA_BACKOFF_MAX_SECS", "2"),
    ("VENTANILLA_POLL_FIRST_SECS", "1"),
    ("VENTANILLA_POLL_MAX_SECS", "2"),
];

/// The main screen is up and has the keyboard focus.
pub const MAIN_SCREEN_READY: &str =
    "return !!document.querySelector('.statusbar') && document.hasFocus() ? true : null";

impl Default for Launch<'_> {
    fn default() -> Self {
        Launch {
            env: &[],
            prepare: &|_| {},
            ready: MAIN_SCREEN_READY,
        }
    }
}

impl Window {
    /// Starts Xvfb, tauri-driver and the app, and waits until the page is ready and has the
    /// keyboard focus.
    pub fn launch() -> Window {
        Window::launch_with(&Launch::default())
    }

    /// [`Window::launch`] with extra environment, a prepared data dir, or another readiness test.
    pub fn launch_with(opts: &Launch<'_>) -> Window {
        let lock = ONE_WINDOW.lock().unwrap_or_else(|e| e.into_inner());
        let data_dir = tempfile::Builder::new()
            .prefix("ventanilla-e2e-")
            .tempdir()
            .expect("data dir");
        (opts.prepare)(data_dir.path());
        Window::start(opts, lock, data_dir, free_port())
    }

    /// Kills the app as a power cut would (SIGKILL, nothing flushed or said), then starts it
    /// again on the same data dir and sandbox port: what a cashier sees after a crash.
    pub fn crash_and_restart(mut self, opts: &Launch<'_>) -> Window {
        let pid = memory::app_pid(self.data_dir.path()).expect("the app's process");
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
        let data_dir = std::mem::replace(
            &mut self.data_dir,
            tempfile::tempdir().expect("placeholder dir"),
        );
        let port = self.sandbox_port;
        let lock = self._lock.take().expect("the window lock");
        drop(self);
        Window::start(opts, lock, data_dir, port)
    }

    fn start(
        opts: &Launch<'_>,
        lock: MutexGuard<'static, ()>,
        data_dir: tempfile::TempDir,
        sandbox_port: u16,
    ) -> Window {
        let app = desktop_binary();
        assert!(
            app.is_file(),
            "{} does not exist. Build it first: (cd ui && npm ci && npm run build) && cargo build -p ventanilla-desktop",
            app.display()
        );
        let xvfb_bin = require_tool("Xvfb", "apt-get install -y xvfb");
        let driver_bin = require_tool(
            "tauri-driver",
            "cargo install --locked tauri-driver --version 2.1.0",
        );
        let native = require_tool("WebKitWebDriver", "apt-get install -y webkit2gtk-driver");
        require_tool("xdotool", "apt-get install -y xdotool");

        // Xvfb picks a free display itself and tells us which on stdout.
        let mut xvfb = Proc::spawn(
            "Xvfb",
            Command::new(xvfb_bin)
                .args([
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    "1366x768x24",
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        );
        let stdout = xvfb.child.stdout.take().expect("Xvfb stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let display_no = rx
            .recv_timeout(Duration::from_secs(15))
            .expect("Xvfb did not report its display within 15 s");
        let display = format!(":{}", display_no.trim());
        assert!(display.len() > 1, "Xvfb reported no display");

        let port = free_port();
        let native_port = free_port();
        let log_dir = workspace_root().join("target/e2e");
        std::fs::create_dir_all(&log_dir).expect("target/e2e");
        let log =
            std::fs::File::create(log_dir.join(format!("tauri-driver-{port}.log"))).expect("log");
        let mut cmd = Command::new(driver_bin);
        cmd.envs(opts.env.iter().copied());
        let driver = Proc::spawn(
            "tauri-driver",
            cmd.args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .arg("--native-driver")
            .arg(native)
            .env("DISPLAY", &display)
            .env("VENTANILLA_DATA_DIR", data_dir.path())
            .env("VENTANILLA_SANDBOX_PORT", sandbox_port.to_string())
            .env("VENTANILLA_LOCALE", "es")
            // The webview's own storage (where the customer's screen remembers its place and
            // whether it was open) is the test's, not the machine's: tests do not leak into each
            // other.
            .env("XDG_DATA_HOME", data_dir.path().join("webview"))
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("RUST_LOG", "info")
            .stdout(log.try_clone().expect("log"))
            .stderr(log),
        );
        let mut w = Window {
            http: reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(120))
                .build()
                .expect("http client"),
            base: format!("http://127.0.0.1:{port}"),
            session: None,
            _driver: driver,
            _xvfb: xvfb,
            display,
            data_dir,
            sandbox_port,
            _lock: Some(lock),
        };
        // tauri-driver listens first; WebKitWebDriver comes up behind it on the native port.
        wait_for_port(port, Duration::from_secs(20), "tauri-driver");
        wait_for_port(native_port, Duration::from_secs(20), "WebKitWebDriver");
        let caps =
            json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": app}}}});
        let deadline = Instant::now() + Duration::from_secs(60);
        let id = loop {
            match w.post("/session", &caps) {
                Ok(v) if v["sessionId"].is_string() => {
                    break v["sessionId"].as_str().unwrap_or_default().to_string()
                }
                other => {
                    assert!(Instant::now() < deadline, "no WebDriver session: {other:?}");
                    std::thread::sleep(Duration::from_millis(500));
                }
            }
        };
        w.session = Some(id);
        w.wait_for(
            "the page to load and take the keyboard focus",
            opts.ready,
            Duration::from_secs(60),
        );
        w
    }

    fn post(&self, path: &str, body: &Value) -> Result<Value, String> {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .map_err(|e| e.to_string())?;
        let ok = r.status().is_success();
        let v: Value = r.json().map_err(|e| e.to_string())?;
        if ok {
            Ok(v["value"].clone())
        } else {
            Err(v["value"].to_string())
        }
    }

    fn session_path(&self, rest: &str) -> String {
        format!(
            "/session/{}{rest}",
            self.session.as_deref().unwrap_or("none")
        )
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page.
    pub fn js(&self, script: &str, args: &[Value]) -> Value {
        self.post(
            &self.session_path("/execute/sync"),
            &json!({"script": script, "args": args}),
        )
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls `script` until it returns something other than null/false; returns that.
    pub fn wait_for(&self, what: &str, script: &str, within: Duration) -> Value {
        let deadline = Instant::now() + within;
        loop {
            let v = self.post(
                &self.session_path("/execute/sync"),
                &json!({"script": script, "args": []}),
            );
            match v {
                Ok(Value::Null) | Ok(Value::Bool(false)) | Err(_) => {}
                Ok(v) => return v,
            }
            if Instant::now() > deadline {
                let page = self
                    .post(&self.session_path("/execute/sync"), &json!({"script": "return document.body.innerText + '\\nfields: ' + Array.from(document.querySelectorAll('input')).map(i => i.id + '=' + JSON.stringify(i.value)).join(' ') + '\\nkeys:\\n' + (window.__ventanillaKeyLog || []).slice(-80).join('\\n')", "args": []}))
                    .unwrap_or_default();
                let shot = workspace_root().join("target/e2e/failure.png");
                self.screenshot(&shot);
                panic!(
                    "timed out waiting for {what} ({within:?}); screenshot {}; page:\n{page}",
                    shot.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The trimmed visible text of the first element matching `selector`, if there is one.
    pub fn text(&self, selector: &str) -> Option<String> {
        self.js(
            "const n = document.querySelector(arguments[0]); return n ? n.innerText.trim() : null;",
            &[json!(selector)],
        )
        .as_str()
        .map(|s| s.replace('\u{a0}', " "))
    }

    /// Waits until the element with this id has the keyboard focus.
    pub fn wait_focus(&self, id: &str, what: &str) {
        self.wait_for(
            what,
            &format!(
                "return document.activeElement && document.activeElement.id === '{id}' || null"
            ),
            Duration::from_secs(30),
        );
    }

    /// Scans `barcode` from the empty scan field and waits for the cash field: a bill of one
    /// company, on screen and ready to charge.
    pub fn scan_to_cash(&self, barcode: &str) {
        self.wait_focus("barcode", "the scan field");
        self.scan(barcode);
        self.wait_focus("received", "the cash field");
    }

    /// Waits for the company chooser of a barcode several companies share; the codes it
    /// offers, in order.
    pub fn chooser_codes(&self) -> Vec<String> {
        self.wait_for(
            "the company chooser",
            "const b = document.querySelectorAll('#chooser [data-code]');\
             return b.length > 1 ? Array.from(b).map(x => x.dataset.code) : null",
            Duration::from_secs(30),
        )
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
    }

    /// The window's frame on the X screen (x, y, width, height), as xdotool reads it.
    pub fn geometry(&self) -> (i32, i32, u32, u32) {
        let out = Command::new("xdotool")
            .args([
                "search",
                "--onlyvisible",
                "--name",
                "Ventanilla",
                "getwindowgeometry",
                "--shell",
            ])
            .env("DISPLAY", &self.display)
            .output()
            .expect("xdotool");
        let text = String::from_utf8_lossy(&out.stdout);
        let get = |k: &str| {
            text.lines()
                .filter_map(|l| l.strip_prefix(k))
                .next_back()
                .and_then(|v| v.trim().parse::<i64>().ok())
                .unwrap_or_else(|| panic!("no {k} in xdotool's answer: {text}"))
        };
        let (x, y) = (get("X="), get("Y="));
        let (w, h) = (get("WIDTH="), get("HEIGHT="));
        (
            i32::try_from(x).unwrap_or(i32::MIN),
            i32::try_from(y).unwrap_or(i32::MIN),
            u32::try_from(w).unwrap_or(0),
            u32::try_from(h).unwrap_or(0),
        )
    }

    /// Saves a PNG of the window.
    pub fn screenshot(&self, path: &Path) {
        // WebKitWebDriver's snapshot waits for the next rendering update, which a page that
        // changes nothing (the start-up error screen) never has: nudge one, invisibly.
        let _ = self.post(
            &self.session_path("/execute/sync"),
            &json!({"script": NUDGE_PAINT, "args": []}),
        );
        let v = self
            .http
            .get(format!("{}{}", self.base, self.session_path("/screenshot")))
            .send()
            .and_then(|r| r.json::<Value>());
        let Ok(v) = v else { return };
        let Some(b64) = v["value"].as_str() else {
            return;
        };
        if let Ok(png) = base64::engine::general_purpose::STANDARD.decode(b64) {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = std::fs::write(path, png);
        }
    }

    fn xdotool(&self, args: &[&str]) {
        let ok = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "xdotool {args:?} failed");
    }

    /// Types like a USB scanner: the digits 10 ms apart, then Enter.
    pub fn scan(&self, code: &str) {
        self.xdotool(&["type", "--delay", "10", code]);
        self.xdotool(&["key", "Return"]);
    }

    /// Types like a person: one key every `delay_ms` (well above the scanner's gap).
    pub fn type_slowly(&self, text: &str, delay_ms: u32) {
        self.xdotool(&["type", "--delay", &delay_ms.to_string(), text]);
    }

    /// Presses keys (xdotool names: Return, Down, F2, Escape...).
    pub fn key(&self, keys: &[&str]) {
        let mut args = vec!["key", "--delay", "120"];
        args.extend_from_slice(keys);
        self.xdotool(&args);
    }

    /// A request with a JSON body to the embedded sandbox's admin API, e.g.
    /// `PUT /_sandbox/faults` (take the hub down) or `DELETE /_sandbox/faults` (bring it back).
    pub fn sandbox_send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("http://127.0.0.1:{}{path}", self.sandbox_port);
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("HTTP method");
        let mut req = self.http.request(method.clone(), &url);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req
            .send()
            .unwrap_or_else(|e| panic!("sandbox {method} {path}: {e}"));
        assert!(
            r.status().is_success(),
            "sandbox {method} {path}: {}",
            r.status()
        );
        r.json().unwrap_or(Value::Null)
    }

    /// GET on the embedded sandbox hub (its admin API lives under `/_sandbox/`).
    pub fn sandbox_get(&self, path: &str) -> Value {
        self.http
            .get(format!("http://127.0.0.1:{}{path}", self.sandbox_port))
            .send()
            .and_then(|r| r.json())
            .unwrap_or_else(|e| panic!("sandbox {path}: {e}"))
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            let _ = self
                .http
                .delete(format!("{}/session/{id}", self.base))
                .timeout(Duration::from_secs(10))
                .send();
        }
    }
}

impl Window {
    /// The frame (x, y, width, height) of the visible window whose title is `title`, once one
    /// is on the X screen (e.g. the customer's screen, a second window of the app).
    pub fn window_titled(&self, title: &str, within: Duration) -> (i32, i32, u32, u32) {
        let deadline = Instant::now() + within;
        loop {
            let out = Command::new("xdotool")
                .args([
                    "search",
                    "--onlyvisible",
                    "--name",
                    &format!("^{title}$"),
                    "getwindowgeometry",
                    "--shell",
                ])
                .env("DISPLAY", &self.display)
                .output()
                .expect("xdotool");
            let text = String::from_utf8_lossy(&out.stdout);
            let get = |k: &str| {
                text.lines()
                    .filter_map(|l| l.strip_prefix(k))
                    .next_back()
                    .and_then(|v| v.trim().parse::<i64>().ok())
            };
            if let (Some(x), Some(y), Some(w), Some(h)) =
                (get("X="), get("Y="), get("WIDTH="), get("HEIGHT="))
            {
                if w > 1 && h > 1 {
                    return (
                        i32::try_from(x).unwrap_or(i32::MIN),
                        i32::try_from(y).unwrap_or(i32::MIN),
                        u32::try_from(w).unwrap_or(0),
                        u32::try_from(h).unwrap_or(0),
                    );
                }
            }
            assert!(
                Instant::now() < deadline,
                "no visible window titled {title:?} within {within:?}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Whether a visible window titled `title` is on the X screen now.
    pub fn has_window_titled(&self, title: &str) -> bool {
        Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", &format!("^{title}$")])
            .env("DISPLAY", &self.display)
            .output()
            .map(|o| o.status.success() && !o.stdout.is_empty())
            .unwrap_or(false)
    }

    /// Saves a PNG of what the X screen shows in `frame` (x, y, width, height), every window as
    /// it is stacked there (ImageMagick's `import`): what a person in front of it would see.
    pub fn screen_area_png(&self, frame: (i32, i32, u32, u32), path: &Path) {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let (x, y, w, h) = frame;
        let ok = Command::new(require_tool("import", "apt-get install -y imagemagick"))
            .args([
                "-window",
                "root",
                "-crop",
                &format!("{w}x{h}+{x}+{y}"),
                "+repage",
            ])
            .arg(path)
            .env("DISPLAY", &self.display)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "import could not save {}", path.display());
    }
}

/// The QR codes `zbarimg` reads in an image, their text each.
pub fn qr_codes(path: &Path) -> Vec<String> {
    let out = Command::new(require_tool("zbarimg", "apt-get install -y zbar-tools"))
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(path)
        .output()
        .expect("zbarimg");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// An amount as the screen and the receipts write it in Spanish, after `symbol`:
/// `es_amount("$", 12345.6)` is `$ 12.345,60`.
pub fn es_amount(symbol: &str, d: rust_decimal::Decimal) -> String {
    let text = d.round_dp(2).to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{symbol} {grouped},{frac:0<2}")
}

/// The text of a PDF as `pdftotext -layout` reads it.
pub fn pdftotext(path: &str) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", path, "-"])
        .output()
        .expect("pdftotext (apt-get install -y poppler-utils)");
    assert!(out.status.success(), "pdftotext {path}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
