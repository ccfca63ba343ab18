//! Settings for the web engine, read by WebKit's web process from the environment it inherits
//! from this one (so they must be in place before the window is created).

/// Runs the screen's JavaScript without JavaScriptCore's JIT compilers, unless the operator set
/// `JSC_useJIT` themselves.
///
/// Why: the screen runs a few kilobytes of script per scan, far too little for compiled code
/// to pay back. Measured with `bench/window.sh --sales 500` (release build, 1366x768): scan to
/// bill painted stays at p95 29-32 ms (27-30 ms with the JIT); the web process starts 6 MiB
/// smaller (107 against 113 MiB) and grows 14-16 MiB over 500 sales, where with the JIT it
/// grew 27 MiB over 300 as the compilers tiered code up; cold start does not get slower. It
/// also leaves no writable-and-executable memory in the process that shows customers' data.
pub fn apply() {
    if std::env::var_os("JSC_useJIT").is_none() {
        // Called first thing in `run`, before any thread exists, so nothing reads the
        // environment while it changes.
        std::env::set_var("JSC_useJIT", "false");
    }
}
