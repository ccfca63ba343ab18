//! Just enough of a Rust lexer to find paths: comments, string, char and number literals vanish,
//! so text that merely mentions `crate::x` can never count as an import.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

pub fn lex(source: &str) -> Vec<Tok> {
    let chars: Vec<char> = source.chars().collect();
    let mut lexer = Lexer {
        chars: &chars,
        at: 0,
        out: Vec::new(),
    };
    lexer.run();
    lexer.out
}

struct Lexer<'a> {
    chars: &'a [char],
    at: usize,
    out: Vec<Tok>,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            match c {
                _ if c.is_whitespace() => self.at += 1,
                '/' if self.peek(1) == Some('/') => self.skip_line(),
                '/' if self.peek(1) == Some('*') => self.skip_block_comment(),
                '"' => self.skip_string(),
                '\'' => self.skip_char_or_lifetime_quote(),
                ':' if self.peek(1) == Some(':') => {
                    self.out.push(Tok::PathSep);
                    self.at += 2;
                }
                _ if c.is_ascii_digit() => self.skip_number(),
                _ if c == '_' || c.is_alphabetic() => self.ident_or_prefixed_literal(),
                _ => {
                    self.out.push(Tok::Punct(c));
                    self.at += 1;
                }
            }
        }
    }

    fn skip_line(&mut self) {
        while self.peek(0).is_some_and(|c| c != '\n') {
            self.at += 1;
        }
    }

    /// Rust block comments nest.
    fn skip_block_comment(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek(0) {
            if c == '/' && self.peek(1) == Some('*') {
                depth += 1;
                self.at += 2;
            } else if c == '*' && self.peek(1) == Some('/') {
                depth -= 1;
                self.at += 2;
                if depth == 0 {
                    return;
                }
            } else {
                self.at += 1;
            }
        }
    }

    /// At the opening quote of an ordinary (escaped) string.
    fn skip_string(&mut self) {
        self.at += 1;
        while let Some(c) = self.peek(0) {
            self.at += if c == '\\' { 2 } else { 1 };
            if c == '"' {
                return;
            }
        }
    }

    /// At `#`s or the quote after an `r`/`br`/`cr` prefix: ends at a quote followed by as many `#`.
    fn skip_raw_string(&mut self) {
        let mut hashes = 0;
        while self.peek(0) == Some('#') {
            hashes += 1;
            self.at += 1;
        }
        self.at += 1; // the opening quote
        while let Some(c) = self.peek(0) {
            self.at += 1;
            if c == '"' && (0..hashes).all(|k| self.peek(k) == Some('#')) {
                self.at += hashes;
                return;
            }
        }
    }

    /// `'x'`, `'\n'` and `'\u{1F600}'` are literals; `'a` in `&'a str` is a lifetime, whose name
    /// is then lexed as an ordinary (harmless) identifier.
    fn skip_char_or_lifetime_quote(&mut self) {
        if self.peek(1) == Some('\\') {
            self.at += 3;
            while self.peek(0).is_some_and(|c| c != '\'') {
                self.at += 1;
            }
            self.at += 1;
        } else if self.peek(2) == Some('\'') {
            self.at += 3;
        } else {
            self.at += 1;
        }
    }

    /// Digits with their suffixes and fractions (`1_000u64`, `2.5e3`).
    fn skip_number(&mut self) {
        while let Some(c) = self.peek(0) {
            let fraction = c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit());
            if c.is_alphanumeric() || c == '_' || fraction {
                self.at += 1;
            } else {
                return;
            }
        }
    }

    fn read_ident(&mut self) -> String {
        let start = self.at;
        while self
            .peek(0)
            .is_some_and(|c| c == '_' || c.is_alphanumeric())
        {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    /// Identifiers, plus the literals that start like one: `b"..."`, `r#"..."#`, `b'x'`, and raw
    /// identifiers (`r#type`).
    fn ident_or_prefixed_literal(&mut self) {
        let ident = self.read_ident();
        let next = self.peek(0);
        let raw_capable = matches!(ident.as_str(), "r" | "br" | "cr");
        match (ident.as_str(), next) {
            ("b" | "c", Some('"')) => self.skip_string(),
            ("b", Some('\'')) => self.skip_char_or_lifetime_quote(),
            (_, Some('"')) if raw_capable => self.skip_raw_string(),
            (_, Some('#')) if raw_capable && self.raw_string_follows() => self.skip_raw_string(),
            ("r", Some('#')) if self.peek(1).is_some_and(|c| c == '_' || c.is_alphabetic()) => {
                self.at += 1;
                let raw = self.read_ident();
                self.out.push(Tok::Ident(raw));
            }
            _ => self.out.push(Tok::Ident(ident)),
        }
    }

    fn raw_string_follows(&self) -> bool {
        let mut k = 0;
        while self.peek(k) == Some('#') {
            k += 1;
        }
        self.peek(k) == Some('"')
    }
}

#[cfg(test)]
mod tests {
    use super::{lex, Tok};

    fn idents(source: &str) -> Vec<String> {
        lex(source)
            .into_iter()
            .filter_map(|t| match t {
                Tok::Ident(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn comments_and_literals_vanish() {
        let source = r##"
            // use crate::a;
            /* outer /* use crate::b; */ still comment */
            let s = "crate::c \" crate::d";
            let r = r#"crate::e "quoted" "#;
            let b = b"crate::f";
            let c = '"'; let e = '\''; let q = b'x';
            keep
        "##;
        let words = idents(source);
        assert_eq!(
            words,
            ["let", "s", "let", "r", "let", "b", "let", "c", "let", "e", "let", "q", "keep"]
        );
    }

    #[test]
    fn lifetimes_and_raw_identifiers_do_not_swallow_code() {
        assert_eq!(
            idents("fn f<'a>(x: &'a str) -> r#type"),
            ["fn", "f", "a", "x", "a", "str", "type"]
        );
    }

    #[test]
    fn path_separators_are_one_token() {
        assert_eq!(
            lex("a::b"),
            [Tok::Ident("a".into()), Tok::PathSep, Tok::Ident("b".into())]
        );
    }
}
