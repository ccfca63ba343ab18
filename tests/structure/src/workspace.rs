//! Where the workspace keeps its sources, and listing the files in a folder.

use std::io;
use std::path::{Path, PathBuf};

/// The `src` folders of every Rust package: `crates/*/src`, `src-tauri/src`, `tests/*/src`.
pub fn rust_source_folders(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut folders = Vec::new();
    for parent in ["crates", "tests"] {
        folders.extend(
            subfolders(&root.join(parent))?
                .into_iter()
                .map(|package| package.join("src")),
        );
    }
    folders.push(root.join("src-tauri").join("src"));
    folders.retain(|src| src.is_dir());
    Ok(folders)
}

/// The `src` folders whose files must stay small: the crates' (not the shell's or the suites').
pub fn crate_source_folders(root: &Path) -> io::Result<Vec<PathBuf>> {
    Ok(subfolders(&root.join("crates"))?
        .into_iter()
        .map(|package| package.join("src"))
        .filter(|src| src.is_dir())
        .collect())
}

/// Each target's root file inside `src`, relative to it: `lib.rs`, `main.rs`, `bin/x.rs`,
/// `bin/x/main.rs`. Each is its own crate, with its own `crate::`.
pub fn crate_roots(src: &Path) -> io::Result<Vec<PathBuf>> {
    let mut roots: Vec<PathBuf> = ["lib.rs", "main.rs"]
        .into_iter()
        .map(PathBuf::from)
        .filter(|root| src.join(root).is_file())
        .collect();
    let bin = src.join("bin");
    if bin.is_dir() {
        for entry in sorted_entries(&bin)? {
            let name = entry.file_name().unwrap_or_default().to_owned();
            let relative = Path::new("bin").join(&name);
            if entry.is_dir() && entry.join("main.rs").is_file() {
                roots.push(relative.join("main.rs"));
            } else if entry.extension().is_some_and(|e| e == "rs") {
                roots.push(relative);
            }
        }
    }
    Ok(roots)
}

/// Every file under `folder`, relative to it, sorted; folders named in `skip` are not entered.
pub fn files_under(folder: &Path, skip: &[&str]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        for entry in sorted_entries(&folder.join(&relative))? {
            let name = entry.file_name().unwrap_or_default();
            let child = relative.join(name);
            if entry.is_dir() {
                if !skip.iter().any(|s| name == *s) {
                    pending.push(child);
                }
            } else {
                files.push(child);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn subfolders(folder: &Path) -> io::Result<Vec<PathBuf>> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    Ok(sorted_entries(folder)?
        .into_iter()
        .filter(|p| p.is_dir())
        .collect())
}

fn sorted_entries(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}
