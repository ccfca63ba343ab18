//! Structure checks over the whole workspace, run by `cargo test --workspace`:
//! - no two source files import each other, directly or around a circle (per Rust crate target,
//!   and in the UI), because a cycle means neither file can be understood or moved alone;
//! - no file in `crates/*/src` or `ui/src` is over [`MAX_LINES`] lines.
//!
//! The parsers are deliberately small: they read this codebase's Rust and TypeScript well enough to
//! find `use`/`import` edges, and are unit-tested on fake trees.

mod graph;
mod long_files;
mod report;
mod rust;
mod ui;
mod workspace;

use std::collections::BTreeSet;
use std::io;
use std::path::Path;

pub use long_files::MAX_LINES;
pub use report::{CyclesReport, Findings, GraphCycles, LongFile, LongFilesReport};

/// Runs both checks over the workspace at `root`.
pub fn check(root: &Path) -> io::Result<Findings> {
    let mut cycles = Vec::new();
    let mut rust_test_only = BTreeSet::new();
    for src in workspace::rust_source_folders(root)? {
        let shown = src.strip_prefix(root).unwrap_or(&src).to_string_lossy();
        for crate_root in workspace::crate_roots(&src)? {
            let crate_graph = rust::crate_graph(&src, &crate_root)?;
            rust_test_only.extend(crate_graph.test_only.iter().map(|p| src.join(p)));
            cycles.push(GraphCycles {
                graph: format!("{shown} ({})", crate_root.display()),
                cycles: crate_graph.graph.cycles(),
            });
        }
    }
    let ui_src = root.join("ui").join("src");
    if ui_src.is_dir() {
        cycles.push(GraphCycles {
            graph: "ui/src".to_owned(),
            cycles: ui::import_graph(&ui_src)?.cycles(),
        });
    }
    cycles.retain(|graph| !graph.cycles.is_empty());
    Ok(Findings {
        cycles,
        long_files: long_files::long_files(root, &rust_test_only)?,
    })
}
