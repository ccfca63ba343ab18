//! The UI graph on small fake `src` folders.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{import_graph, resolve};

fn files(names: &[&str]) -> BTreeSet<PathBuf> {
    names.iter().map(PathBuf::from).collect()
}

#[test]
fn specifiers_resolve_like_vite() {
    let known = files(&[
        "a.ts",
        "panel/Ticket.svelte",
        "panel/index.ts",
        "util/x.ts",
        "lib/state.svelte.ts",
    ]);
    let from = Path::new("panel/Ticket.svelte");
    assert_eq!(resolve(from, "../a", &known), Some("a.ts".into()));
    assert_eq!(resolve(from, "../a.js", &known), Some("a.ts".into()));
    assert_eq!(
        resolve(from, "./Ticket.svelte", &known),
        Some("panel/Ticket.svelte".into())
    );
    assert_eq!(
        resolve(Path::new("a.ts"), "./panel", &known),
        Some("panel/index.ts".into())
    );
    assert_eq!(
        resolve(from, "../util/./x", &known),
        Some("util/x.ts".into())
    );
    // Svelte 5 rune modules are imported without their `.ts`.
    assert_eq!(
        resolve(from, "../lib/state.svelte", &known),
        Some("lib/state.svelte.ts".into())
    );
    assert_eq!(resolve(from, "svelte", &known), None);
    assert_eq!(resolve(from, "../../outside", &known), None);
}

#[test]
fn type_only_cycles_count_and_generated_files_are_left_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path();
    std::fs::create_dir_all(src.join("generated")).expect("folders");
    std::fs::create_dir_all(src.join("ticket")).expect("folders");
    for (path, text) in [
        ("state.ts", "import type { View } from './ticket/View.svelte';\nimport { ipc } from './generated/ipc';"),
        ("ticket/View.svelte", "<script lang=\"ts\">import { S } from '../state';</script>"),
        ("generated/ipc.ts", "import { S } from '../state';"),
        ("main.ts", "import './state';"),
    ] {
        std::fs::write(src.join(path), text).expect("write");
    }
    let graph = import_graph(src).expect("graph");
    assert_eq!(
        graph.cycles(),
        [["state.ts", "ticket/View.svelte", "state.ts"]]
    );
}
