//! The receipt as a list of lines on a fixed grid of monospaced columns.
//!
//! Both renderers (plain text and PDF) draw from the same [`Line`]s, so what a test reads in
//! [`crate::render_text`] is what the printer puts on paper.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::document::ReceiptDocument;

/// Columns of the regular font across the printable width of an 80 mm roll.
pub const COLUMNS: usize = 42;

/// Columns of the larger bold font used for the training and copy marks.
pub const MARK_COLUMNS: usize = 30;

/// Tab stops in the body, as on a terminal.
const TAB_WIDTH: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Courier, `COLUMNS` across.
    Regular,
    /// Courier Bold, `COLUMNS` across.
    Bold,
    /// Courier Bold, larger: `MARK_COLUMNS` across.
    Mark,
}

impl Style {
    pub fn columns(self) -> usize {
        match self {
            Style::Regular | Style::Bold => COLUMNS,
            Style::Mark => MARK_COLUMNS,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Starts at the first column; leading spaces in the text are kept.
    Left,
    /// Centred on the paper.
    Center,
}

/// One printed line. `text` never has more chars than `style.columns()`, and has no control
/// characters and no trailing whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub style: Style,
    pub align: Align,
}

impl Line {
    fn new(text: String, style: Style, align: Align) -> Self {
        debug_assert!(width(&text) <= style.columns());
        Line {
            text: text.trim_end().to_string(),
            style,
            align,
        }
    }

    fn blank() -> Self {
        Line::new(String::new(), Style::Regular, Align::Left)
    }

    fn rule(c: char) -> Self {
        Line::new(c.to_string().repeat(COLUMNS), Style::Regular, Align::Left)
    }
}

/// Width of `s` in columns: one per char (the text has been cleaned by [`clean`]).
pub fn width(s: &str) -> usize {
    s.chars().count()
}

/// NFC-normalises `s` (so a decomposed "é" is one column), expands tabs and drops control
/// characters and combining marks that have no precomposed form.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col = 0;
    for c in s.nfc() {
        if c == '\t' {
            let spaces = TAB_WIDTH - col % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            col += spaces;
        } else if c.is_control() || is_combining_mark(c) || is_invisible(c) {
            continue;
        } else {
            out.push(c);
            col += 1;
        }
    }
    out
}

/// Zero-width characters that would take a column in our count but none on paper.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Splits `text` into pieces of at most `cols` columns, verbatim: spaces are kept, so columns
/// of figures stay aligned.
fn wrap_hard(text: &str, cols: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars
        .chunks(cols)
        .map(|chunk| chunk.iter().collect::<String>().trim_end().to_string())
        .collect()
}

/// Greedy word wrap at `cols` columns; a word longer than a line is split.
pub fn wrap_words(text: &str, cols: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let used = width(&current);
            let needed = if used == 0 {
                width(&word)
            } else {
                used + 1 + width(&word)
            };
            if needed <= cols {
                if used > 0 {
                    current.push(' ');
                }
                current.push_str(&word);
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut current));
                continue;
            }
            // An empty line and the word still does not fit: split it.
            let head: String = word.chars().take(cols).collect();
            let tail: String = word.chars().skip(cols).collect();
            lines.push(head);
            word = tail;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn centered(text: &str, style: Style) -> Vec<Line> {
    wrap_words(&clean(text), style.columns())
        .into_iter()
        .map(|l| Line::new(l, style, Align::Center))
        .collect()
}

/// "Label:" at the left and the value at the right of one line; when both do not fit, the
/// label on one line and the value, right-aligned, on the next ones.
fn pair(label: &str, value: &str) -> Vec<Line> {
    let label = clean(label).trim().to_string();
    let value = clean(value).trim().to_string();
    let label = if label.is_empty() || label.ends_with(':') {
        label
    } else {
        format!("{label}:")
    };
    let right = |v: &str| {
        let pad = COLUMNS.saturating_sub(width(v));
        Line::new(
            format!("{}{v}", " ".repeat(pad)),
            Style::Regular,
            Align::Left,
        )
    };
    if label.is_empty() {
        return wrap_words(&value, COLUMNS)
            .iter()
            .map(|v| right(v))
            .collect();
    }
    if value.is_empty() {
        return wrap_words(&label, COLUMNS)
            .into_iter()
            .map(|l| Line::new(l, Style::Regular, Align::Left))
            .collect();
    }
    let (lw, vw) = (width(&label), width(&value));
    if lw + 1 + vw <= COLUMNS {
        let pad = COLUMNS - lw - vw;
        return vec![Line::new(
            format!("{label}{}{value}", " ".repeat(pad)),
            Style::Regular,
            Align::Left,
        )];
    }
    let mut lines: Vec<Line> = wrap_words(&label, COLUMNS)
        .into_iter()
        .map(|l| Line::new(l, Style::Regular, Align::Left))
        .collect();
    lines.extend(wrap_words(&value, COLUMNS).iter().map(|v| right(v)));
    lines
}

/// The hub's text, line by line and verbatim; the whole block is centred as one piece (every
/// line gets the same indent) so its own alignment survives.
fn body(text: &str) -> Vec<Line> {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let raw: Vec<String> = normalized
        .split('\n')
        .map(|l| clean(l).trim_end().to_string())
        .collect();
    let first = raw.iter().position(|l| !l.is_empty());
    let last = raw.iter().rposition(|l| !l.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let raw = &raw[first..=last];
    let widest = raw.iter().map(|l| width(l)).max().unwrap_or(0);
    let indent = " ".repeat(COLUMNS.saturating_sub(widest) / 2);
    raw.iter()
        .flat_map(|l| wrap_hard(l, COLUMNS))
        .map(|l| {
            let text = if l.is_empty() || width(&indent) + width(&l) > COLUMNS {
                l
            } else {
                format!("{indent}{l}")
            };
            Line::new(text, Style::Regular, Align::Left)
        })
        .collect()
}

/// A mark in the caller's words, large and centred between two rules of `frame`; a long one
/// wraps at [`MARK_COLUMNS`].
fn mark(text: &str, frame: char) -> Vec<Line> {
    let mut lines = vec![Line::rule(frame)];
    lines.extend(centered(text, Style::Mark));
    lines.push(Line::rule(frame));
    lines
}

/// The whole receipt, top to bottom.
pub fn lay_out(doc: &ReceiptDocument) -> Vec<Line> {
    let mut marks = Vec::new();
    if let Some(text) = &doc.training_mark {
        marks.extend(mark(text, '*'));
    }
    if let Some(text) = &doc.copy_mark {
        marks.extend(mark(text, '='));
    }

    let mut lines = marks.clone();
    if !marks.is_empty() {
        lines.push(Line::blank());
    }

    let name = centered(&doc.business_name, Style::Bold);
    if !name.is_empty() {
        lines.extend(name);
    }

    let header: Vec<Line> = doc.header.iter().flat_map(|(l, v)| pair(l, v)).collect();
    if !header.is_empty() {
        lines.push(Line::rule('-'));
        lines.extend(header);
    }

    let body = body(&doc.body);
    if !body.is_empty() {
        lines.push(Line::rule('-'));
        lines.extend(body);
    }

    let footer: Vec<Line> = doc
        .footer
        .iter()
        .flat_map(|f| centered(f, Style::Regular))
        .collect();
    if !footer.is_empty() {
        lines.push(Line::rule('-'));
        lines.extend(footer);
    }

    if !marks.is_empty() {
        lines.push(Line::blank());
        lines.extend(marks);
    }
    lines
}

/// The receipt as plain text, `COLUMNS` wide, lines separated by "\n".
pub fn to_text(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        let text = match line.align {
            Align::Left => line.text.clone(),
            Align::Center => {
                let pad = COLUMNS.saturating_sub(width(&line.text)) / 2;
                format!("{}{}", " ".repeat(pad), line.text)
            }
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_and_long_words_split() {
        assert_eq!(wrap_words("uno dos tres", 7), vec!["uno dos", "tres"]);
        assert_eq!(wrap_words("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap_words("   ", 4), Vec::<String>::new());
    }

    #[test]
    fn hard_wrap_keeps_spaces() {
        assert_eq!(wrap_hard("ab  cd  ef", 4), vec!["ab", "cd", "ef"]);
        assert_eq!(wrap_hard("a   b", 10), vec!["a   b"]);
    }

    #[test]
    fn decomposed_accents_are_one_column() {
        let decomposed = "Operacio\u{301}n";
        assert_eq!(clean(decomposed), "Operación");
        assert_eq!(width(&clean(decomposed)), 9);
    }

    #[test]
    fn tabs_expand_and_controls_go() {
        assert_eq!(clean("a\tb"), "a       b");
        assert_eq!(clean("a\u{7}b\u{200B}c"), "abc");
    }

    #[test]
    fn pair_fits_on_one_line() {
        let lines = pair("Importe", "$ 2.748,00");
        assert_eq!(lines.len(), 1);
        assert_eq!(width(&lines[0].text), COLUMNS);
        assert!(lines[0].text.starts_with("Importe:"));
        assert!(lines[0].text.ends_with("$ 2.748,00"));
    }

    #[test]
    fn pair_too_long_goes_on_two_lines() {
        let value = "Juan Carlos Rodríguez de la Fuente y Peña";
        let lines = pair("Cajero", value);
        assert_eq!(lines[0].text, "Cajero:");
        assert!(lines.iter().all(|l| width(&l.text) <= COLUMNS));
        let joined: Vec<&str> = lines[1..].iter().map(|l| l.text.trim()).collect();
        assert_eq!(joined.join(" "), value);
    }

    #[test]
    fn body_block_is_centred_as_one_piece() {
        let lines = body("\r\nAB\r\nABCD\r\n\r\n");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        let indent = " ".repeat((COLUMNS - 4) / 2);
        assert_eq!(texts, vec![format!("{indent}AB"), format!("{indent}ABCD")]);
    }

    #[test]
    fn every_line_fits_its_style() {
        let doc = ReceiptDocument {
            title: "t".repeat(100),
            business_name: "x".repeat(100),
            header: vec![("y".repeat(60), "z".repeat(90))],
            body: "w".repeat(200),
            footer: vec!["v ".repeat(70)],
            training_mark: Some("u".repeat(70)),
            copy_mark: Some("s ".repeat(40)),
            issued_at: std::time::SystemTime::UNIX_EPOCH,
        };
        for line in lay_out(&doc) {
            assert!(width(&line.text) <= line.style.columns(), "{line:?}");
        }
    }
}
