//! How much memory the running app takes: the proportional set size (PSS) of its own process
//! and of every process under it (WebKit's web and network processes), from
//! `/proc/<pid>/smaps_rollup`. PSS shares each page among the processes that map it, so the sum
//! is what the app really costs the machine.

use std::path::Path;

/// A process of the app, with its PSS in KiB.
#[derive(Debug, Clone)]
pub struct ProcessMemory {
    pub pid: u32,
    pub name: String,
    pub pss_kib: u64,
    /// Of which the process's own heap and anonymous maps (what a leak grows), as against
    /// mapped files (libraries, fonts), which PSS shares with other processes.
    pub anon_kib: u64,
}

/// The app started with `VENTANILLA_DATA_DIR=data_dir`: its pid (the process whose environment
/// names that data dir and whose parent does not).
pub fn app_pid(data_dir: &Path) -> Option<u32> {
    let needle = format!("VENTANILLA_DATA_DIR={}", data_dir.display());
    let with_env: Vec<u32> = pids()
        .into_iter()
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()))
                .unwrap_or(false)
        })
        .filter(|pid| name_of(*pid).starts_with("ventanilla"))
        .collect();
    with_env.first().copied()
}

/// The app's process and everything under it.
pub fn app_memory(app: u32) -> Vec<ProcessMemory> {
    let mut family = vec![app];
    let all = pids();
    let mut i = 0;
    while i < family.len() {
        let parent = family[i];
        family.extend(
            all.iter()
                .copied()
                .filter(|p| parent_of(*p) == Some(parent)),
        );
        i += 1;
    }
    family
        .into_iter()
        .filter_map(|pid| {
            let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
            Some(ProcessMemory {
                pid,
                name: name_of(pid),
                pss_kib: rollup_kib(&rollup, "Pss:")?,
                anon_kib: rollup_kib(&rollup, "Pss_Anon:").unwrap_or(0),
            })
        })
        .collect()
}

/// Milliseconds since the epoch at which `pid` started (from its start time in clock ticks
/// after boot), for measuring a cold start from the moment the process existed.
pub fn started_at_epoch_ms(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let ticks: u64 = rest.split(' ').nth(19)?.parse().ok()?;
    let btime: u64 = std::fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    Some(btime * 1000 + ticks * 1000 / clock_ticks_per_sec())
}

/// `getconf CLK_TCK`; 100 on every Linux this runs on, asked anyway.
fn clock_ticks_per_sec() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .filter(|t| *t > 0)
        .unwrap_or(100)
}

fn pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn name_of(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..].split(' ').nth(1)?.parse().ok()
}

/// One `Name: N kB` line of `/proc/<pid>/smaps_rollup`.
fn rollup_kib(rollup: &str, name: &str) -> Option<u64> {
    rollup
        .lines()
        .find_map(|l| l.strip_prefix(name))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
