//! One crate target (a `lib.rs`, `main.rs` or `bin/*.rs` root): its module tree, found by
//! following `mod` declarations from the root, and the file-to-file import graph that its paths
//! resolve to.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use super::lex::lex;
use super::scan::{scan, FileFacts, PathRef};
use crate::graph::Graph;

/// The import graph of one crate target. Node names are paths relative to its `src` folder.
#[derive(Debug)]
pub struct CrateGraph {
    pub graph: Graph,
    /// Files (or folders) that are only test modules, relative to the `src` folder.
    pub test_only: Vec<PathBuf>,
}

struct Loaded {
    name: String,
    module: Vec<String>,
    facts: FileFacts,
}

/// Reads the crate target rooted at `src/root` (e.g. `lib.rs`, `bin/tool.rs`).
pub fn crate_graph(src: &Path, root: &Path) -> io::Result<CrateGraph> {
    let mut files: Vec<Loaded> = Vec::new();
    // Module path -> index of the file that holds it (inline modules map to their file).
    let mut modules: HashMap<Vec<String>, usize> = HashMap::new();
    let mut test_only = Vec::new();
    let mut pending = vec![(root.to_path_buf(), Vec::new())];

    while let Some((relative, module)) = pending.pop() {
        let facts = scan(&lex(&std::fs::read_to_string(src.join(&relative))?));
        let index = files.len();
        modules.insert(module.clone(), index);
        for inline in &facts.inline_mods {
            modules.insert(join(&module, inline), index);
        }
        let children = children_folder(&relative, module.is_empty());
        for decl in &facts.mods {
            let mut folder = children.clone();
            folder.extend(&decl.within);
            if decl.test_only {
                // Whether written as `tests.rs` or `tests/mod.rs`, nothing there is production.
                test_only.push(folder.join(format!("{}.rs", decl.name)));
                test_only.push(folder.join(&decl.name));
            } else if let Some(file) = module_file(src, &folder, &decl.name) {
                let mut child = join(&module, &decl.within);
                child.push(decl.name.clone());
                pending.push((file, child));
            }
        }
        files.push(Loaded {
            name: display(&relative),
            module,
            facts,
        });
    }

    let mut graph = Graph::default();
    for file in &files {
        graph.add_node(&file.name);
        for path in &file.facts.paths {
            let Some(absolute) = absolute(&file.module, path, &modules) else {
                continue;
            };
            let target = deepest_file(&absolute, &modules);
            graph.add_edge(&file.name, &files[target].name);
        }
    }
    Ok(CrateGraph { graph, test_only })
}

fn join(base: &[String], more: &[String]) -> Vec<String> {
    base.iter().chain(more).cloned().collect()
}

fn display(relative: &Path) -> String {
    relative.to_string_lossy().replace('\\', "/")
}

/// A crate root and `mod.rs` keep their children beside them; `a.rs` keeps them in `a/`.
fn children_folder(relative: &Path, is_root: bool) -> PathBuf {
    let parent = relative.parent().unwrap_or(Path::new("")).to_path_buf();
    let is_mod_rs = relative.file_name().and_then(|n| n.to_str()) == Some("mod.rs");
    if is_root || is_mod_rs {
        parent
    } else {
        parent.join(relative.file_stem().unwrap_or_default())
    }
}

/// `folder/name.rs` or `folder/name/mod.rs`, relative to `src`; a missing file is the compiler's
/// business, not ours.
fn module_file(src: &Path, folder: &Path, name: &str) -> Option<PathBuf> {
    [
        folder.join(format!("{name}.rs")),
        folder.join(name).join("mod.rs"),
    ]
    .into_iter()
    .find(|candidate| src.join(candidate).is_file())
}

/// The module path a written path starts from, or `None` when it names something outside the
/// crate (`std::..`, `serde::..`, a type's associated item like `String::new`).
fn absolute(
    file_module: &[String],
    path: &PathRef,
    modules: &HashMap<Vec<String>, usize>,
) -> Option<Vec<String>> {
    let scope = join(file_module, &path.within);
    let segments = &path.segments;
    let (first, rest) = segments.split_first()?;
    let mut absolute = match first.as_str() {
        "crate" => rest.to_vec(),
        "self" => join(&scope, rest),
        "super" => {
            let mut base = scope;
            let mut rest = rest;
            base.pop()?;
            while let Some(("super", more)) = rest.split_first().map(|(s, m)| (s.as_str(), m)) {
                base.pop()?;
                rest = more;
            }
            join(&base, rest)
        }
        child => {
            let mut declared = scope.clone();
            declared.push(child.to_owned());
            if !modules.contains_key(&declared) {
                return None;
            }
            join(&scope, segments)
        }
    };
    // `use a::{self, b}` names `a` itself.
    absolute.retain(|s| s != "self");
    Some(absolute)
}

/// The file of the longest module prefix of `path`: `a::b::Item` lands in `a/b.rs` when that
/// module exists, else in `a.rs`, else in the root.
fn deepest_file(path: &[String], modules: &HashMap<Vec<String>, usize>) -> usize {
    (0..=path.len())
        .rev()
        .find_map(|len| modules.get(&path[..len]).copied())
        .unwrap_or(0)
}
