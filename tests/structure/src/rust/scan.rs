//! What one Rust file declares (its `mod`s) and which paths it names (`use` trees and paths in
//! code), before anything is resolved against the crate's module tree.

use super::lex::Tok;

/// A `mod name;` whose body lives in another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModDecl {
    /// Inline modules (`mod a { ... }`) around the declaration, outermost first.
    pub within: Vec<String>,
    pub name: String,
    /// Declared under `#[cfg(test)]`: a test module, which naturally uses its parent.
    pub test_only: bool,
}

/// A path as written (`crate::a::B`, `super::x`, `child::Item`), with the inline modules it was
/// written in, because `super` and child names are relative to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRef {
    pub within: Vec<String>,
    pub segments: Vec<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileFacts {
    pub mods: Vec<ModDecl>,
    /// Non-test inline modules, each as its path inside the file.
    pub inline_mods: Vec<Vec<String>>,
    pub paths: Vec<PathRef>,
}

pub fn scan(toks: &[Tok]) -> FileFacts {
    let mut scanner = Scanner {
        toks,
        facts: FileFacts::default(),
        depth: 0,
        inline: Vec::new(),
    };
    scanner.run();
    scanner.facts
}

struct Scanner<'a> {
    toks: &'a [Tok],
    facts: FileFacts,
    /// Brace depth, to know when an inline module ends.
    depth: usize,
    /// Open inline modules with the depth just inside their braces.
    inline: Vec<(String, usize)>,
}

impl Scanner<'_> {
    fn ident(&self, at: usize) -> Option<&str> {
        match self.toks.get(at) {
            Some(Tok::Ident(s)) => Some(s),
            _ => None,
        }
    }

    fn is(&self, at: usize, tok: &Tok) -> bool {
        self.toks.get(at) == Some(tok)
    }

    fn within(&self) -> Vec<String> {
        self.inline.iter().map(|(name, _)| name.clone()).collect()
    }

    fn run(&mut self) {
        let mut at = 0;
        let mut under_cfg_test = false;
        while at < self.toks.len() {
            if self.is(at, &Tok::Punct('#')) {
                if let Some((end, cfg_test)) = self.attribute(at) {
                    under_cfg_test |= cfg_test;
                    at = end;
                    continue;
                }
            }
            if under_cfg_test {
                under_cfg_test = false;
                at = self.skip_test_item(at);
                continue;
            }
            at = self.step(at);
        }
    }

    /// Handles the token at `at` and returns where to continue.
    fn step(&mut self, at: usize) -> usize {
        match &self.toks[at] {
            Tok::Punct('{') => self.depth += 1,
            Tok::Punct('}') => {
                if self.inline.last().is_some_and(|(_, d)| *d == self.depth) {
                    self.inline.pop();
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Tok::Ident(word) if word == "mod" => return self.mod_item(at),
            Tok::Ident(word) if word == "use" => return self.use_item(at + 1),
            // `pub(crate)`, `pub(in crate::a)`: visibility, not an import.
            Tok::Ident(word) if word == "pub" && self.is(at + 1, &Tok::Punct('(')) => {
                return self.skip_balanced(at + 1);
            }
            Tok::Ident(_) if self.starts_path(at) => return self.code_path(at),
            _ => {}
        }
        at + 1
    }

    /// `#[...]` or `#![...]` at `at`: its end, and whether it is exactly `#[cfg(test)]`.
    fn attribute(&self, at: usize) -> Option<(usize, bool)> {
        let inner = self.is(at + 1, &Tok::Punct('!'));
        let open = if inner { at + 2 } else { at + 1 };
        if !self.is(open, &Tok::Punct('[')) {
            return None;
        }
        let end = self.skip_balanced(open);
        let body = &self.toks[open + 1..end - 1];
        let cfg_test = !inner
            && body
                == [
                    Tok::Ident("cfg".into()),
                    Tok::Punct('('),
                    Tok::Ident("test".into()),
                    Tok::Punct(')'),
                ];
        Some((end, cfg_test))
    }

    /// From an opening bracket of any kind to just past its partner.
    fn skip_balanced(&self, open: usize) -> usize {
        let mut depth = 0usize;
        for (k, tok) in self.toks.iter().enumerate().skip(open) {
            match tok {
                Tok::Punct('(' | '[' | '{') => depth += 1,
                Tok::Punct(')' | ']' | '}') => {
                    depth -= 1;
                    if depth == 0 {
                        return k + 1;
                    }
                }
                _ => {}
            }
        }
        self.toks.len()
    }

    /// The item after `#[cfg(test)]` is left out entirely; a `mod name;` is remembered so its
    /// file is known to be a test module.
    fn skip_test_item(&mut self, at: usize) -> usize {
        let mut k = at;
        if self.ident(k) == Some("pub") {
            k = if self.is(k + 1, &Tok::Punct('(')) {
                self.skip_balanced(k + 1)
            } else {
                k + 1
            };
        }
        if self.ident(k) == Some("mod") && self.is(k + 2, &Tok::Punct(';')) {
            if let Some(name) = self.ident(k + 1) {
                self.facts.mods.push(ModDecl {
                    within: self.within(),
                    name: name.to_owned(),
                    test_only: true,
                });
                return k + 3;
            }
        }
        // Ends at a `;` outside brackets (`fn f();`, `use x;`) or when the first brace block
        // closes (`fn f() { .. }`, `mod tests { .. }`).
        let mut depth = 0usize;
        for (k, tok) in self.toks.iter().enumerate().skip(at) {
            match tok {
                Tok::Punct(';') if depth == 0 => return k + 1,
                Tok::Punct('(' | '[' | '{') => depth += 1,
                Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
                Tok::Punct('}') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return k + 1;
                    }
                }
                _ => {}
            }
        }
        self.toks.len()
    }

    fn mod_item(&mut self, at: usize) -> usize {
        let Some(name) = self.ident(at + 1).map(str::to_owned) else {
            return at + 1;
        };
        if self.is(at + 2, &Tok::Punct(';')) {
            self.facts.mods.push(ModDecl {
                within: self.within(),
                name,
                test_only: false,
            });
            return at + 3;
        }
        if self.is(at + 2, &Tok::Punct('{')) {
            self.depth += 1;
            self.inline.push((name, self.depth));
            self.facts.inline_mods.push(self.within());
            return at + 3;
        }
        at + 1
    }

    /// `use` tree starting at `at`, expanded into one path per leaf.
    fn use_item(&mut self, at: usize) -> usize {
        let mut leaves = Vec::new();
        let end = self.use_tree(at, Vec::new(), &mut leaves);
        let within = self.within();
        for segments in leaves {
            self.facts.paths.push(PathRef {
                within: within.clone(),
                segments,
            });
        }
        // Past the `;`; anything else that stopped the tree is left for the main loop, so a
        // brace is never lost from the depth count.
        if self.is(end, &Tok::Punct(';')) {
            end + 1
        } else {
            end
        }
    }

    fn use_tree(
        &self,
        mut at: usize,
        mut prefix: Vec<String>,
        leaves: &mut Vec<Vec<String>>,
    ) -> usize {
        // `use ::name` is always an external crate: keep a marker nothing resolves.
        if prefix.is_empty() && self.is(at, &Tok::PathSep) {
            prefix.push("::".into());
            at += 1;
        }
        loop {
            match self.toks.get(at) {
                Some(Tok::Ident(name)) => {
                    prefix.push(name.clone());
                    at += 1;
                    if self.is(at, &Tok::PathSep) {
                        at += 1;
                        continue;
                    }
                    if self.ident(at) == Some("as") {
                        at += 2;
                    }
                    leaves.push(prefix);
                    return at;
                }
                Some(Tok::Punct('*')) => {
                    leaves.push(prefix);
                    return at + 1;
                }
                Some(Tok::Punct('{')) => {
                    at += 1;
                    while at < self.toks.len() && !self.is(at, &Tok::Punct('}')) {
                        at = self.use_tree(at, prefix.clone(), leaves);
                        if self.is(at, &Tok::Punct(',')) {
                            at += 1;
                        }
                    }
                    return at + 1;
                }
                _ => return at,
            }
        }
    }

    /// An identifier followed by `::` that is not itself the tail of a longer path (`a::b`'s `b`)
    /// nor a macro's `$crate`.
    fn starts_path(&self, at: usize) -> bool {
        let tail = at > 0 && matches!(self.toks[at - 1], Tok::PathSep | Tok::Punct('$'));
        !tail && self.is(at + 1, &Tok::PathSep)
    }

    fn code_path(&mut self, at: usize) -> usize {
        let mut segments = Vec::new();
        let mut k = at;
        while let Some(name) = self.ident(k) {
            segments.push(name.to_owned());
            if self.is(k + 1, &Tok::PathSep) && self.ident(k + 2).is_some() {
                k += 2;
            } else {
                break;
            }
        }
        self.facts.paths.push(PathRef {
            within: self.within(),
            segments,
        });
        k + 1
    }
}
