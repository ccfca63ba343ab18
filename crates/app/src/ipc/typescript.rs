//! Pieces of the generated TypeScript: the file's head, names, and the declarations of every
//! type reachable from a command or an event (found through ts-rs, so a new view type needs no
//! list of its own).

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{TypeVisitor, TS};

pub const HEADER: &str = r#"// Generated from crates/app/src/ipc by crates/app/tests/bindings.rs. Do not edit: run
// UPDATE_BINDINGS=1 cargo test -p ventanilla-app --test bindings

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

/** Every command goes through the one `ipc` command of the desktop shell. */
function call<R>(command: string, args: Record<string, unknown>): Promise<R> {
  return invoke<R>("ipc", { command, args });
}
"#;

/// `find_by_barcode` -> `findByBarcode`.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript name of `T` as it crosses IPC. Ids are `i64` in Rust and travel as JSON
/// numbers (all below 2^53), so they are `number` on the screen, not ts-rs's `bigint`.
pub fn name_of<T: TS>() -> String {
    match T::name().as_str() {
        "bigint" => "number".to_owned(),
        other => other.to_owned(),
    }
}

/// The declarations to emit, sorted by name: ts-rs visits a type's dependencies in an order
/// that changes from one compilation to the next, and the checked-in file must not.
#[derive(Default)]
pub struct Types {
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
}

impl Types {
    /// Adds `T` and everything it refers to.
    pub fn add<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
    }

    pub fn declarations(&self) -> String {
        let mut out = String::new();
        for d in self.decls.values() {
            out.push_str("\nexport ");
            out.push_str(d);
            out.push('\n');
        }
        out
    }
}

impl TypeVisitor for Types {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Only types derived with ts-rs have a file of their own, and so a declaration;
        // primitives and wrappers (Vec, Option) are written inline where they are used.
        if T::output_path().is_some() {
            let decl = T::decl();
            if let Some(other) = self.decls.insert(T::ident(), decl.clone()) {
                // Two Rust types the screen would see under one name: rename one.
                assert_eq!(other, decl, "two types named {} cross IPC", T::ident());
            }
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_becomes_camel_case() {
        assert_eq!(camel("find_by_barcode"), "findByBarcode");
        assert_eq!(camel("status"), "status");
        assert_eq!(camel("pay_cash_offline"), "payCashOffline");
    }
}
