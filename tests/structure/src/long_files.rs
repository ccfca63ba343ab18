//! Files that have outgrown one job: more than [`MAX_LINES`] lines in `crates/*/src` or `ui/src`.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::report::LongFile;
use crate::workspace::{crate_source_folders, files_under};

pub const MAX_LINES: usize = 600;

/// The text sources that count; images and fonts are not read.
const SOURCE_EXTENSIONS: &[&str] = &["rs", "ts", "svelte", "js", "css"];

/// `rust_test_only` holds absolute paths of Rust test modules (files, or folders whose every file
/// is test code); they and UI test files (`*.test.ts`, `*.spec.ts`) may be long.
pub fn long_files(root: &Path, rust_test_only: &BTreeSet<PathBuf>) -> io::Result<Vec<LongFile>> {
    let mut folders: Vec<(PathBuf, &[&str])> = crate_source_folders(root)?
        .into_iter()
        .map(|src| (src, &[][..]))
        .collect();
    let ui_src = root.join("ui").join("src");
    if ui_src.is_dir() {
        folders.push((ui_src, crate::ui::SKIPPED_FOLDERS));
    }

    let mut long = Vec::new();
    for (folder, skip) in folders {
        for relative in files_under(&folder, skip)? {
            let path = folder.join(&relative);
            if !counts(&path, rust_test_only) {
                continue;
            }
            let lines = std::fs::read_to_string(&path)?.lines().count();
            if lines > MAX_LINES {
                let shown = path.strip_prefix(root).unwrap_or(&path);
                long.push(LongFile {
                    path: shown.to_string_lossy().replace('\\', "/"),
                    lines,
                });
            }
        }
    }
    Ok(long)
}

fn counts(path: &Path, rust_test_only: &BTreeSet<PathBuf>) -> bool {
    let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let ui_test = name.contains(".test.") || name.contains(".spec.");
    let rust_test = path.ancestors().any(|p| rust_test_only.contains(p));
    SOURCE_EXTENSIONS.contains(&extension) && !ui_test && !rust_test
}
