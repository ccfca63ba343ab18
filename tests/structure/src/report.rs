//! What the checks found, printed so that a reader knows which import or file to change.

use std::fmt;

/// The cycles of one import graph (a crate target, or the UI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphCycles {
    /// e.g. `crates/core/src (lib.rs)` or `ui/src`; the cycle's files are relative to its folder.
    pub graph: String,
    /// Each cycle closed: `[a.rs, b.rs, a.rs]`.
    pub cycles: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongFile {
    /// Relative to the workspace root.
    pub path: String,
    pub lines: usize,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Findings {
    /// Only graphs that have cycles.
    pub cycles: Vec<GraphCycles>,
    pub long_files: Vec<LongFile>,
}

/// Displays the cycles, one chain per line under its graph's name.
pub struct CyclesReport<'a>(pub &'a [GraphCycles]);

impl fmt::Display for CyclesReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: usize = self.0.iter().map(|g| g.cycles.len()).sum();
        writeln!(
            f,
            "{total} import cycle(s): a file must not import a file that imports it back, \
             directly or around a circle. Move what both need into a third file, or pass it in."
        )?;
        for graph in self.0 {
            writeln!(f, "{}:", graph.graph)?;
            for cycle in &graph.cycles {
                writeln!(f, "    {}", cycle.join(" -> "))?;
            }
        }
        Ok(())
    }
}

/// Displays the oversized files with their line counts.
pub struct LongFilesReport<'a>(pub &'a [LongFile], pub usize);

impl fmt::Display for LongFilesReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} file(s) over {} lines: split each into files named for their one job.",
            self.0.len(),
            self.1
        )?;
        for file in self.0 {
            writeln!(f, "    {} ({} lines)", file.path, file.lines)?;
        }
        Ok(())
    }
}
