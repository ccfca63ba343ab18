//! Spotting full card numbers (PANs) in text, so none is ever kept: Ventanilla never holds one.
//!
//! A card number is 13 to 19 digits that pass the Luhn check, written together or in groups
//! split by one space or dash (`4111 1111 1111 1111`, `4111-1111-1111-1111`), the ways cards and
//! receipts print them. Within a run of such groups, any span of whole groups that is a card
//! number counts, so a number written next to another (`Ref 1234 4111111111111111`) is still
//! found. A single unbroken run of more than 19 digits is not a card number: tokens and
//! transaction ids look like that (the document's `payment_token` has 22 digits).

use super::last4::Last4;

/// What replaces a card number in text that is kept.
pub const CARD_NUMBER_PLACEHOLDER: &str = "[card number removed]";

/// Fewest and most digits a card number has (ISO/IEC 7812).
const MIN_DIGITS: usize = 13;
const MAX_DIGITS: usize = 19;

/// True when `text` contains a card number (see the module's rules).
pub fn contains_card_number(text: &str) -> bool {
    !card_spans(text).is_empty()
}

/// `8-4-4-4-12` hexadecimal digits: a GUID (a capture's id, an application's). Its digits
/// across the dashes may happen to read as a card number (about 3 GUIDs in a thousand), but a
/// GUID is never one.
fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `text` with every card number replaced by [`CARD_NUMBER_PLACEHOLDER`]; the rest unchanged.
pub fn redact_card_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in card_spans(text) {
        out.push_str(&text[at..start]);
        out.push_str(CARD_NUMBER_PLACEHOLDER);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// True when `text`, its spaces and dashes aside, is a Luhn-valid 13-19 digit number ending in
/// `last4`: the card's own number, which a sender must never pass off as a token.
pub fn card_number_ending_in(text: &str, last4: &Last4) -> bool {
    let digits: Vec<u8> = text.bytes().filter(|b| !matches!(b, b' ' | b'-')).collect();
    digits.iter().all(u8::is_ascii_digit)
        && (MIN_DIGITS..=MAX_DIGITS).contains(&digits.len())
        && digits.ends_with(last4.as_str().as_bytes())
        && luhn(&digits)
}

/// The length of the longest run of consecutive ASCII digits in `text`.
pub fn longest_digit_run(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// Byte ranges of the card numbers in `text`, in order and not overlapping. Digits, spaces and
/// dashes are ASCII, so the ranges always fall on character boundaries.
fn card_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if is_guid(text.trim()) {
        return spans;
    }
    for run in digit_runs(text.as_bytes()) {
        let mut first = 0;
        while first < run.len() {
            match longest_card_from(text.as_bytes(), &run[first..]) {
                Some(last) => {
                    spans.push((run[first].0, run[first + last].1));
                    first += last + 1;
                }
                None => first += 1,
            }
        }
    }
    spans
}

/// The index of the last group of the longest span starting at `groups[0]` that is a card
/// number, if any.
fn longest_card_from(text: &[u8], groups: &[(usize, usize)]) -> Option<usize> {
    let mut digits = Vec::with_capacity(MAX_DIGITS);
    let mut found = None;
    for (i, &(start, end)) in groups.iter().enumerate() {
        digits.extend_from_slice(&text[start..end]);
        if digits.len() > MAX_DIGITS {
            break;
        }
        if digits.len() >= MIN_DIGITS && luhn(&digits) {
            found = Some(i);
        }
    }
    found
}

/// Runs of digit groups: each group is the byte range of consecutive digits, and groups of one
/// run are split by exactly one space or dash.
fn digit_runs(text: &[u8]) -> Vec<Vec<(usize, usize)>> {
    let mut runs = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && text[i].is_ascii_digit() {
            i += 1;
        }
        run.push((start, i));
        let joined =
            i + 1 < text.len() && matches!(text[i], b' ' | b'-') && text[i + 1].is_ascii_digit();
        if joined {
            i += 1;
        } else {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs
}

/// The Luhn check over ASCII digits.
fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VISA: &str = "4111111111111111";

    #[test]
    fn finds_card_numbers_however_they_are_written() {
        #[rustfmt::skip]
        let table = [
            ("4111111111111111", true),
            ("4111 1111 1111 1111", true),
            ("4111-1111-1111-1111", true),
            ("card 4111111111111111 declined", true),
            ("x4111111111111111x", true),
            ("378282246310005", true),               // Amex, 15 digits
            ("6011000990139424", true),              // Discover
            ("4222222222222", true),                 // 13 digits
            ("6304000000000000000", true),           // 19 digits (Maestro test number)
            ("Ref 1234 4111111111111111", true),     // next to another group
            ("4111111111111111 9", true),
            ("4111111111111112", false),             // fails Luhn
            ("411111111111", false),                 // 12 digits
            ("xxxxxxxxxxxx1111", false),             // masked
            ("5042408910336785404106", false),       // the document's 22-digit token
            ("41111111111111111111", false),         // 20 digits in one run
            ("4111  1111 1111 1111", false),         // two spaces split numbers
            ("4111.1111.1111.1111", false),
            ("INCA-0000000432", false),
            ("2017-09-01T04:41:22.220Z", false),
            ("", false),
            ("Jhon Doe", false),
            ("٤١١١١١١١١١١١١١١١", false),             // only ASCII digits
        ];
        for (text, expected) in table {
            assert_eq!(contains_card_number(text), expected, "{text:?}");
        }
    }

    #[test]
    fn redaction_removes_every_card_number_and_keeps_the_rest() {
        #[rustfmt::skip]
        let table = [
            ("4111111111111111", "[card number removed]"),
            ("card 4111 1111 1111 1111.", "card [card number removed]."),
            ("a 4111111111111111 b 378282246310005 c", "a [card number removed] b [card number removed] c"),
            ("Ref 1234 4111111111111111", "Ref 1234 [card number removed]"),
            ("ñandú 4111-1111-1111-1111 ñ", "ñandú [card number removed] ñ"),
            ("no card here 1234", "no card here 1234"),
            ("5042408910336785404106", "5042408910336785404106"),
        ];
        for (text, expected) in table {
            assert_eq!(redact_card_numbers(text), expected, "{text:?}");
            assert!(!contains_card_number(&redact_card_numbers(text)));
        }
    }

    #[test]
    fn a_token_may_not_be_the_card_number_itself() {
        let last4 = Last4::new("1111").unwrap();
        #[rustfmt::skip]
        let table = [
            (VISA, true),
            ("4111 1111 1111 1111", true),
            ("4111111111111112", false),        // fails Luhn
            ("4012888888881881", false),        // another card
            ("5042408910336785404106", false),  // too long
            ("tok_4111111111111111", false),
            ("", false),
        ];
        for (text, expected) in table {
            assert_eq!(card_number_ending_in(text, &last4), expected, "{text:?}");
        }
    }

    #[test]
    fn longest_runs_of_digits() {
        assert_eq!(longest_digit_run(""), 0);
        assert_eq!(longest_digit_run("INCA-0000000432"), 10);
        assert_eq!(longest_digit_run("4111 1111"), 4);
        assert_eq!(longest_digit_run("ab1234567890123cd"), 13);
    }
}
