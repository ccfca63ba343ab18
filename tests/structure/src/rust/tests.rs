//! The resolver on small fake crates written to temporary folders.

use std::path::Path;

use super::crate_graph;

/// Writes `files` (path relative to `src`, contents) and returns the crate's edges from `root`.
fn edges_of(files: &[(&str, &str)], root: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(path, text).expect("write");
    }
    let graph = crate_graph(dir.path(), Path::new(root))
        .expect("crate graph")
        .graph;
    graph
        .edges()
        .map(|(from, to)| (from.to_owned(), to.to_owned()))
        .collect()
}

fn edges(files: &[(&str, &str)]) -> Vec<(String, String)> {
    edges_of(files, "lib.rs")
}

fn edge(from: &str, to: &str) -> (String, String) {
    (from.to_owned(), to.to_owned())
}

#[test]
fn declaring_a_module_is_not_importing_it() {
    assert!(edges(&[
        ("lib.rs", "pub mod a; mod b;"),
        ("a.rs", ""),
        ("b/mod.rs", "")
    ])
    .is_empty());
}

#[test]
fn paths_land_in_the_deepest_file_that_exists() {
    let found = edges(&[
        ("lib.rs", "mod a; mod c; mod user;"),
        ("a.rs", "mod b; pub struct Top;"),
        ("a/b.rs", "pub struct Deep;"),
        ("c/mod.rs", "pub fn f() {}"),
        (
            "user.rs",
            "use crate::a::b::Deep; use crate::a::Top; fn g() { crate::c::f(); }",
        ),
    ]);
    assert_eq!(
        found,
        [
            edge("user.rs", "a.rs"),
            edge("user.rs", "a/b.rs"),
            edge("user.rs", "c/mod.rs")
        ]
    );
}

#[test]
fn an_item_of_the_root_lands_in_the_root() {
    let found = edges(&[
        ("lib.rs", "mod a; pub use a::Money;"),
        ("a.rs", "use crate::Currency; pub struct Money;"),
    ]);
    assert_eq!(found, [edge("a.rs", "lib.rs"), edge("lib.rs", "a.rs")]);
}

#[test]
fn super_self_and_child_paths_are_relative_to_the_module() {
    let found = edges(&[
        ("lib.rs", "mod outer; mod sibling;"),
        ("sibling.rs", "pub struct S;"),
        (
            "outer/mod.rs",
            "mod inner; mod kid; use self::kid::K; fn f() { inner::go(); }",
        ),
        ("outer/kid.rs", "pub struct K;"),
        (
            "outer/inner.rs",
            "use super::super::sibling::S; use super::kid::K;",
        ),
    ]);
    assert_eq!(
        found,
        [
            edge("outer/inner.rs", "outer/kid.rs"),
            edge("outer/inner.rs", "sibling.rs"),
            edge("outer/mod.rs", "outer/inner.rs"),
            edge("outer/mod.rs", "outer/kid.rs"),
        ]
    );
}

#[test]
fn nested_use_trees_are_expanded() {
    let found = edges(&[
        ("lib.rs", "mod a; mod b; mod c; mod user;"),
        ("a.rs", ""),
        ("b.rs", ""),
        ("c.rs", ""),
        ("user.rs", "use crate::{a::X, b::{self, Y as Z}, c::*};"),
    ]);
    assert_eq!(
        found,
        [
            edge("user.rs", "a.rs"),
            edge("user.rs", "b.rs"),
            edge("user.rs", "c.rs")
        ]
    );
}

#[test]
fn tests_comments_strings_and_visibility_are_not_imports() {
    let found = edges(&[
        ("lib.rs", "mod a; mod b;"),
        (
            "a.rs",
            r#"
            // use crate::b::X;
            /* crate::b::X */
            const S: &str = "crate::b::X";
            pub(in crate::b) fn f() {}
            macro_rules! m { () => { $crate::b::X } }
            #[cfg(test)]
            fn only_in_tests() { crate::b::X; }
            #[cfg(test)]
            mod tests { use crate::b::X; }
            #[cfg(test)]
            mod more_tests;
            "#,
        ),
        ("a/more_tests.rs", "use crate::b::X;"),
        ("b.rs", "pub struct X;"),
    ]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn test_module_files_are_reported_as_test_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("lib.rs"), "#[cfg(test)]\nmod tests;").expect("write");
    std::fs::write(dir.path().join("tests.rs"), "use super::*;").expect("write");
    let crate_graph = crate_graph(dir.path(), Path::new("lib.rs")).expect("crate graph");
    assert!(crate_graph
        .test_only
        .contains(&Path::new("tests.rs").to_path_buf()));
    assert_eq!(crate_graph.graph.edges().count(), 0);
}

#[test]
fn external_crates_and_types_are_not_files() {
    let found = edges(&[
        ("lib.rs", "mod a; mod serde;"),
        ("serde.rs", ""),
        (
            "a.rs",
            "use std::fmt; use ::serde::Serialize; fn f() { String::new(); }",
        ),
    ]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn inline_modules_resolve_to_their_file() {
    let found = edges(&[
        ("lib.rs", "mod a; mod b;"),
        (
            "a.rs",
            "pub mod shapes { use crate::b::X; pub struct Round; }",
        ),
        ("b.rs", "use crate::a::shapes::Round; pub struct X;"),
    ]);
    assert_eq!(found, [edge("a.rs", "b.rs"), edge("b.rs", "a.rs")]);
}

#[test]
fn a_cycle_around_three_files_is_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in [
        ("lib.rs", "mod a; mod b; mod c;"),
        ("a.rs", "use crate::b::B; pub struct A;"),
        ("b.rs", "use super::c::C; pub struct B;"),
        ("c.rs", "fn f() { crate::a::A; }"),
    ] {
        std::fs::write(dir.path().join(path), text).expect("write");
    }
    let graph = crate_graph(dir.path(), Path::new("lib.rs"))
        .expect("crate graph")
        .graph;
    assert_eq!(graph.cycles(), [["a.rs", "b.rs", "c.rs", "a.rs"]]);
}

#[test]
fn a_binary_root_is_its_own_crate() {
    let files = [
        ("lib.rs", "mod a;"),
        ("a.rs", ""),
        ("main.rs", "mod cli; fn main() {}"),
        ("cli.rs", "use crate::a::X;"),
    ];
    // The binary has no module `a`: `crate::a::X` can only be an item of its own root.
    assert_eq!(edges_of(&files, "main.rs"), [edge("cli.rs", "main.rs")]);
    assert!(edges_of(&files, "lib.rs").is_empty());
}
