//! Just enough of a TypeScript lexer to find import specifiers: comments, template literals and
//! regular expressions vanish, string literals are kept because specifiers are strings.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Ident(String),
    Str(String),
    Number,
    Punct(char),
}

pub fn lex(source: &str) -> Vec<Tok> {
    let chars: Vec<char> = source.chars().collect();
    let mut lexer = Lexer {
        chars: &chars,
        at: 0,
        out: Vec::new(),
    };
    lexer.run(false);
    lexer.out
}

struct Lexer<'a> {
    chars: &'a [char],
    at: usize,
    out: Vec<Tok>,
}

fn ident_char(c: char) -> bool {
    c == '_' || c == '$' || c.is_alphanumeric()
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    /// Lexes to the end, or (inside `${ ... }` of a template) to the brace that closes it.
    fn run(&mut self, until_closing_brace: bool) {
        let mut braces = 0usize;
        while let Some(c) = self.peek(0) {
            match c {
                _ if c.is_whitespace() => self.at += 1,
                '/' if self.peek(1) == Some('/') => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.at += 1;
                    }
                }
                '/' if self.peek(1) == Some('*') => self.skip_block_comment(),
                '/' if self.regex_may_start() => self.skip_regex(),
                '"' | '\'' => {
                    let text = self.read_string(c);
                    self.out.push(Tok::Str(text));
                }
                '`' => self.skip_template(),
                _ if c.is_ascii_digit() => {
                    while self.peek(0).is_some_and(|c| ident_char(c) || c == '.') {
                        self.at += 1;
                    }
                    self.out.push(Tok::Number);
                }
                _ if ident_char(c) => {
                    let start = self.at;
                    while self.peek(0).is_some_and(ident_char) {
                        self.at += 1;
                    }
                    let word = self.chars[start..self.at].iter().collect();
                    self.out.push(Tok::Ident(word));
                }
                _ => {
                    self.at += 1;
                    if until_closing_brace && c == '}' {
                        if braces == 0 {
                            return;
                        }
                        braces -= 1;
                    } else if c == '{' {
                        braces += 1;
                    }
                    self.out.push(Tok::Punct(c));
                }
            }
        }
    }

    fn skip_block_comment(&mut self) {
        self.at += 2;
        while self.peek(0).is_some() && !(self.peek(0) == Some('*') && self.peek(1) == Some('/')) {
            self.at += 1;
        }
        self.at += 2;
    }

    /// A `/` after a value (name, literal, closing bracket) divides; anywhere else it opens a
    /// regular expression. Keywords that precede expressions are the usual exception.
    fn regex_may_start(&self) -> bool {
        match self.out.last() {
            None => true,
            Some(Tok::Ident(word)) => matches!(
                word.as_str(),
                "return" | "typeof" | "case" | "in" | "of" | "new" | "delete" | "void" | "throw"
            ),
            Some(Tok::Str(_) | Tok::Number) => false,
            Some(Tok::Punct(p)) => !matches!(p, ')' | ']' | '}'),
        }
    }

    fn skip_regex(&mut self) {
        self.at += 1;
        let mut in_class = false;
        while let Some(c) = self.peek(0) {
            self.at += 1;
            match c {
                '\\' => self.at += 1,
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => break,
                '\n' => return,
                _ => {}
            }
        }
        while self.peek(0).is_some_and(ident_char) {
            self.at += 1;
        }
        // A regex is a value: what follows it divides rather than starts another regex.
        self.out.push(Tok::Number);
    }

    fn read_string(&mut self, quote: char) -> String {
        self.at += 1;
        let mut text = String::new();
        while let Some(c) = self.peek(0) {
            self.at += 1;
            match c {
                '\\' => {
                    if let Some(escaped) = self.peek(0) {
                        text.push(escaped);
                        self.at += 1;
                    }
                }
                _ if c == quote => break,
                _ => text.push(c),
            }
        }
        text
    }

    /// Template literals can nest code (`${ f(`inner`) }`); the code inside is lexed so that its
    /// own strings and templates are skipped correctly, and then dropped.
    fn skip_template(&mut self) {
        self.at += 1;
        while let Some(c) = self.peek(0) {
            match c {
                '\\' => self.at += 2,
                '`' => {
                    self.at += 1;
                    break;
                }
                '$' if self.peek(1) == Some('{') => {
                    self.at += 2;
                    let kept = self.out.len();
                    self.run(true);
                    self.out.truncate(kept);
                }
                _ => self.at += 1,
            }
        }
        // Like a string, a template is a value.
        self.out.push(Tok::Number);
    }
}

#[cfg(test)]
mod tests {
    use super::{lex, Tok};

    fn strings(source: &str) -> Vec<String> {
        lex(source)
            .into_iter()
            .filter_map(|t| match t {
                Tok::Str(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn comments_templates_and_regexes_hide_their_text() {
        let source = r#"
            // import "./a";
            /* import "./b"; */
            const t = `import "./c" ${ f(`"./d"`) } "./e"`;
            const r = /"\/\/"/g;
            const half = 1 / 2; const q = "./f";
            const x = a[0] / b / "./g";
        "#;
        assert_eq!(strings(source), ["./f", "./g"]);
    }

    #[test]
    fn escaped_quotes_stay_inside_the_string() {
        assert_eq!(strings(r#"'it\'s' "./x""#), ["it's", "./x"]);
    }
}
