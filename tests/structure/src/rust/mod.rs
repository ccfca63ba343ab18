//! Rust crates: each target's files and the imports between them.

mod lex;
mod scan;
mod tree;

pub use tree::crate_graph;

#[cfg(test)]
mod tests;
