//! The module specifiers a TypeScript or Svelte file imports: `import ... from "x"` (type-only
//! too), `import "x"`, `import("x")` and `export ... from "x"`.

use super::lex::{lex, Tok};

pub fn specifiers(source: &str) -> Vec<String> {
    let toks = lex(source);
    let mut found = Vec::new();
    for (at, tok) in toks.iter().enumerate() {
        let keyword = match tok {
            Tok::Ident(word) if word == "import" || word == "export" => word.as_str(),
            _ => continue,
        };
        // `x.import` is a property, `import.meta` is not an import.
        if at > 0 && toks[at - 1] == Tok::Punct('.') {
            continue;
        }
        let spec = match (keyword, toks.get(at + 1), toks.get(at + 2)) {
            ("import", Some(Tok::Str(spec)), _) => Some(spec.clone()),
            ("import", Some(Tok::Punct('(')), Some(Tok::Str(spec))) => Some(spec.clone()),
            ("import", Some(Tok::Punct('.' | '(')), _) => None,
            ("export", Some(Tok::Punct('*' | '{')), _) => clause_then_from(&toks, at + 1),
            ("export", Some(Tok::Ident(t)), Some(Tok::Punct('*' | '{'))) if t == "type" => {
                clause_then_from(&toks, at + 2)
            }
            ("export", _, _) => None,
            _ => clause_then_from(&toks, at + 1),
        };
        found.extend(spec);
    }
    found
}

/// Walks an import/export clause (`type`, names, `* as ns`, `{ a, b as c }`, commas) up to
/// `from "spec"`; anything else means this was not a clause with a source.
fn clause_then_from(toks: &[Tok], mut at: usize) -> Option<String> {
    while let Some(tok) = toks.get(at) {
        match tok {
            Tok::Ident(word) if word == "from" => {
                if let Some(Tok::Str(spec)) = toks.get(at + 1) {
                    return Some(spec.clone());
                }
                at += 1;
            }
            Tok::Ident(_) | Tok::Punct(',' | '*') => at += 1,
            Tok::Punct('{') => {
                let close = toks[at..].iter().position(|t| *t == Tok::Punct('}'))?;
                at += close + 1;
            }
            _ => return None,
        }
    }
    None
}

/// The code of a Svelte component is inside its `<script>` blocks; markup text that happens to
/// read `import x from "y"` is not code.
pub fn svelte_scripts(source: &str) -> String {
    let mut code = String::new();
    let mut rest = source;
    while let Some(open) = rest.find("<script") {
        let after_tag = &rest[open..];
        let Some(body_start) = after_tag.find('>') else {
            break;
        };
        let body = &after_tag[body_start + 1..];
        let end = body.find("</script>").unwrap_or(body.len());
        code.push_str(&body[..end]);
        code.push('\n');
        rest = &body[end..];
    }
    code
}

#[cfg(test)]
mod tests {
    use super::{specifiers, svelte_scripts};

    #[test]
    fn every_import_form_is_found() {
        let source = r#"
            import { a, b as c } from "./one";
            import type { T } from "./two";
            import Default, * as ns from '../three';
            import "./side-effect.css";
            const lazy = await import("./four");
            export * from "./five";
            export type { U } from "./six";
            export { d } from "./seven";
            export { e };
            export const f = 1;
            console.log(import.meta.url, obj.import);
        "#;
        assert_eq!(
            specifiers(source),
            [
                "./one",
                "./two",
                "../three",
                "./side-effect.css",
                "./four",
                "./five",
                "./six",
                "./seven"
            ]
        );
    }

    #[test]
    fn svelte_imports_come_from_script_blocks_only() {
        let source = r#"
            <script lang="ts">
              import Panel from "./Panel.svelte";
            </script>
            <p>import nothing from "./text"</p>
            <script context="module">import { x } from "./x";</script>
        "#;
        assert_eq!(
            specifiers(&svelte_scripts(source)),
            ["./Panel.svelte", "./x"]
        );
    }
}
