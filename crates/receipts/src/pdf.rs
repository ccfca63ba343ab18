//! Draws the laid-out lines on one PDF page, 80 mm wide and as tall as the receipt.
//!
//! Geometry is kept in integer millipoints (1/1000 pt) and turned into printpdf's `Pt` only
//! at the call ([`pt`]). The font is the PDF builtin Courier, which printpdf writes with
//! `/WinAnsiEncoding`: every Spanish character (á é í ó ú ñ Ñ ü ¿ ¡), `$`, `€` and `—` is
//! encoded and extracts as text; anything outside WinAnsi is transliterated in [`printable`].

use std::time::{SystemTime, UNIX_EPOCH};

use printpdf::{
    BuiltinFont, DateTime, Op, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use crate::error::ReceiptError;
use crate::layout::{width, Align, Line, Style, COLUMNS};

/// 80 mm in millipoints (80 / 25.4 * 72 pt).
const PAGE_WIDTH: i32 = 226_772;
/// Courier advances 600/1000 em per glyph.
const ADVANCE_PER_MILLE: i32 = 600;
/// Regular text: 8 pt on 10 pt lines. 42 columns take 201.6 pt (71.1 mm), inside the 72 mm
/// that an 80 mm thermal head prints.
const REGULAR_SIZE: i32 = 8_000;
const REGULAR_LINE: i32 = 10_000;
/// Marks: 11 pt bold on 15 pt lines; 30 columns take 198 pt.
const MARK_SIZE: i32 = 11_000;
const MARK_LINE: i32 = 15_000;
/// Printed text width and the margins either side of it.
const TEXT_WIDTH: i32 = REGULAR_SIZE * ADVANCE_PER_MILLE / 1000 * COLUMNS as i32;
const LEFT: i32 = (PAGE_WIDTH - TEXT_WIDTH) / 2;
const TOP: i32 = 12_000;
/// A little more paper below the last line, so the cutter does not touch it.
const BOTTOM: i32 = 24_000;
/// Beyond 14 400 pt (200 in) some viewers refuse a page (PDF 32000-1, Annex C).
const MAX_PAGE_HEIGHT: i32 = 14_400_000;

/// The most lines a receipt can have and still fit on its one page.
pub const MAX_LINES: usize = ((MAX_PAGE_HEIGHT - TOP - BOTTOM) / REGULAR_LINE) as usize;

// The page's geometry, checked when the crate compiles.
const _: () = {
    assert!(TEXT_WIDTH == 201_600);
    assert!(LEFT > 9_920, "margins of at least 3.5 mm");
    assert!(
        MARK_SIZE * ADVANCE_PER_MILLE / 1000 * crate::layout::MARK_COLUMNS as i32 <= TEXT_WIDTH
    );
    assert!(MAX_LINES > 1000);
};

fn size(style: Style) -> i32 {
    match style {
        Style::Regular | Style::Bold => REGULAR_SIZE,
        Style::Mark => MARK_SIZE,
    }
}

fn line_height(style: Style) -> i32 {
    match style {
        Style::Regular | Style::Bold => REGULAR_LINE,
        Style::Mark => MARK_LINE,
    }
}

fn font(style: Style) -> BuiltinFont {
    match style {
        Style::Regular => BuiltinFont::Courier,
        Style::Bold | Style::Mark => BuiltinFont::CourierBold,
    }
}

/// Millipoints to printpdf's `Pt`: the one place layout meets floating point.
#[allow(clippy::float_arithmetic)] // layout only, never money: i32 millipoints -> f32 points
fn pt(millipoints: i32) -> Pt {
    Pt(millipoints as f32 / 1000.0)
}

/// `c` if the builtin fonts' WinAnsiEncoding has it, else a look-alike or `?`, always exactly
/// one char so the columns stay where they were laid out.
fn printable(c: char) -> char {
    match c as u32 {
        0x20..=0x7E | 0xA1..=0xFF => return c,
        _ => {}
    }
    match c {
        '€' | '‚' | 'ƒ' | '„' | '…' | '†' | '‡' | 'ˆ' | '‰' | 'Š' | '‹' | 'Œ' | 'Ž' | '‘' | '’'
        | '“' | '”' | '•' | '–' | '—' | '˜' | '™' | 'š' | '›' | 'œ' | 'ž' | 'Ÿ' => {
            c
        }
        // No-break and other spaces.
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        '\u{2010}'..='\u{2012}' | '\u{2015}' | '\u{2212}' => '-',
        '\u{2032}' | '\u{201B}' => '\'',
        '\u{2033}' | '\u{201F}' => '"',
        '→' | '⇒' | '►' | '▶' => '>',
        '←' | '⇐' | '◄' | '◀' => '<',
        '✓' | '✔' => 'v',
        '✗' | '✘' | '×' => 'x',
        '─' | '━' | '═' => '-',
        '│' | '┃' | '║' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => '+',
        _ => '?',
    }
}

/// `t` as printpdf's date, in UTC: printpdf writes the fields as they are and always marks them
/// `+00'00'`, so they must be UTC for viewers to show the right local time.
fn pdf_date(t: SystemTime) -> Result<DateTime, ReceiptError> {
    let secs = match t.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    };
    DateTime::from_unix_timestamp(secs)
        .map_err(|e| ReceiptError::Pdf(format!("the sale's date is out of range ({e})")))
}

pub fn render(lines: &[Line], title: &str, issued_at: SystemTime) -> Result<Vec<u8>, ReceiptError> {
    let date = pdf_date(issued_at)?;
    let content: i32 = lines.iter().map(|l| line_height(l.style)).sum();
    let height = TOP + content + BOTTOM;
    if height > MAX_PAGE_HEIGHT {
        return Err(ReceiptError::TooLong {
            lines: lines.len(),
            max: MAX_LINES,
        });
    }

    let mut ops = Vec::with_capacity(lines.len() * 5);
    let mut top_of_line = height - TOP;
    for line in lines {
        let lh = line_height(line.style);
        let fs = size(line.style);
        // Baseline: the glyphs' descenders fit in the leading under it.
        let baseline = top_of_line - lh + (lh - fs) / 2 + fs / 5;
        top_of_line -= lh;
        if line.text.is_empty() {
            continue;
        }
        let advance = fs * ADVANCE_PER_MILLE / 1000;
        let text_width = advance * width(&line.text) as i32;
        let x = match line.align {
            Align::Left => LEFT,
            Align::Center => (PAGE_WIDTH - text_width) / 2,
        };
        let text: String = line.text.chars().map(printable).collect();
        ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::Builtin(font(line.style)),
                size: pt(fs),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: pt(x),
                    y: pt(baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]);
    }

    let area = Rect::from_wh(pt(PAGE_WIDTH), pt(height));
    let page = PdfPage {
        media_box: area.clone(),
        trim_box: area.clone(),
        crop_box: area,
        ops,
    };
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = "Ventanilla".to_string();
    // printpdf's default is the Unix epoch: every receipt would say it was made in 1970.
    doc.metadata.info.creation_date = date;
    doc.metadata.info.modification_date = date;
    doc.metadata.info.metadata_date = date;
    let mut warnings = Vec::new();
    let bytes = doc
        .with_pages(vec![page])
        .save(&PdfSaveOptions::default(), &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(ReceiptError::Pdf(w.msg.clone()));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_and_money_characters_are_kept() {
        for c in "áéíóúÁÉÍÓÚñÑüÜ¿¡$€—°ªº".chars() {
            assert_eq!(printable(c), c, "{c}");
        }
    }

    #[test]
    fn dates_are_the_instant_in_utc() {
        let d = pdf_date(UNIX_EPOCH + std::time::Duration::from_secs(1_773_500_966)).unwrap();
        assert_eq!(
            (
                d.year(),
                u8::from(d.month()),
                d.day(),
                d.hour(),
                d.minute(),
                d.second()
            ),
            (2026, 3, 14, 15, 9, 26)
        );
        let before = pdf_date(UNIX_EPOCH - std::time::Duration::from_secs(86_400)).unwrap();
        assert_eq!((before.year(), before.day()), (1969, 31));
    }

    #[test]
    fn others_become_one_char() {
        assert_eq!(printable('→'), '>');
        assert_eq!(printable('\u{A0}'), ' ');
        assert_eq!(printable('漢'), '?');
    }
}
