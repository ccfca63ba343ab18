//! The cashier screens' import graph: `.ts` and `.svelte` files under `ui/src`, joined by their
//! relative imports.

mod imports;
mod lex;

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::graph::Graph;
use crate::workspace::files_under;

/// Folders under `ui/src` that are not ours to structure: generated bindings and build output.
pub const SKIPPED_FOLDERS: &[&str] = &["generated", "node_modules", "dist"];

/// Node names are paths relative to `src`.
pub fn import_graph(src: &Path) -> io::Result<Graph> {
    let files: BTreeSet<PathBuf> = files_under(src, SKIPPED_FOLDERS)?
        .into_iter()
        .filter(|file| is_module(file))
        .collect();
    let mut graph = Graph::default();
    for file in &files {
        let name = display(file);
        graph.add_node(&name);
        let source = std::fs::read_to_string(src.join(file))?;
        let code = if file.extension().is_some_and(|e| e == "svelte") {
            imports::svelte_scripts(&source)
        } else {
            source
        };
        for spec in imports::specifiers(&code) {
            if let Some(target) = resolve(file, &spec, &files) {
                graph.add_edge(&name, &display(&target));
            }
        }
    }
    Ok(graph)
}

fn is_module(file: &Path) -> bool {
    file.extension().is_some_and(|e| e == "ts" || e == "svelte")
}

fn display(file: &Path) -> String {
    file.to_string_lossy().replace('\\', "/")
}

/// A relative specifier resolved the way Vite and TypeScript do for this project: the exact file,
/// then with `.ts` or `.svelte` added, a `.js` written for its `.ts`, then a folder's `index.ts`.
/// Package imports (`svelte`, `@tauri-apps/api`) and files outside the graph are not edges.
pub fn resolve(importer: &Path, spec: &str, files: &BTreeSet<PathBuf>) -> Option<PathBuf> {
    if !(spec.starts_with("./") || spec.starts_with("../")) {
        return None;
    }
    let base = normalize(&importer.parent().unwrap_or(Path::new("")).join(spec))?;
    let base_text = base.to_string_lossy().into_owned();
    let mut candidates = vec![
        base.clone(),
        PathBuf::from(format!("{base_text}.ts")),
        PathBuf::from(format!("{base_text}.svelte")),
    ];
    if let Some(stem) = base_text.strip_suffix(".js") {
        candidates.push(PathBuf::from(format!("{stem}.ts")));
    }
    candidates.push(base.join("index.ts"));
    candidates.into_iter().find(|c| files.contains(c))
}

/// Lexically folds `.` and `..`; `None` when the path climbs out of `src`.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

#[cfg(test)]
mod tests;
