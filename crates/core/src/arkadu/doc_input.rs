//! Reading a document id as a cashier types it, into its canonical form.
//!
//! Tolerated: lower case, spaces anywhere, dashes or spaces between the parts or none at all
//! (`j401577482`), dots as thousands separators (`V-12.345.678`), leading zeros. A RIF's check
//! digit is recognised either as a last digit set apart by a dash or space (`J-7013380-5`,
//! whose number is then padded to eight digits) or as the ninth digit (`J401577482`); a `V` or
//! `E` id with at most eight digits and no check digit is a cédula. Anything else is refused
//! with the 1-based position of the first character that does not fit, never guessed.

use std::str::FromStr;

use super::doc_id::{Cedula, DocId, Nationality, Rif, RifKind};
use super::doc_id_error::{DocIdError, DocKind};

/// Enough for `V-12.345.678-9` with spaces around every part; more is not an id.
pub const MAX_INPUT_CHARS: usize = 32;

/// Digits in a RIF's number, without its check digit.
const RIF_DIGITS: usize = 8;

enum Prefix {
    Person(Nationality),
    RifOnly(RifKind),
}

/// Reads `text` as typed at the counter. See the module docs for what is tolerated.
pub fn parse_doc_id(text: &str) -> Result<DocId, DocIdError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.iter().all(|c| c.is_whitespace()) {
        return Err(DocIdError::Empty);
    }
    if chars.len() > MAX_INPUT_CHARS {
        return Err(DocIdError::TooLong {
            length: chars.len(),
            max: MAX_INPUT_CHARS,
        });
    }
    let start = chars
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or_default();
    let prefix = prefix(chars[start], start + 1)?;
    let groups = digit_groups(&chars, start + 1)?;
    let digits: usize = groups.iter().map(String::len).sum();
    // A last group of one digit after a separator is the check digit as RIFs are written.
    let check_apart = groups.len() >= 2 && groups.last().is_some_and(|g| g.len() == 1);

    match prefix {
        Prefix::Person(nationality) if !check_apart && digits <= RIF_DIGITS => {
            let number = number_of(&groups.concat(), DocKind::Cedula, digits)?;
            Ok(DocId::Cedula(Cedula::new(nationality, number)?))
        }
        Prefix::Person(nationality) if check_apart || digits == RIF_DIGITS + 1 => {
            let kind = match nationality {
                Nationality::Venezuelan => RifKind::Venezuelan,
                Nationality::Foreign => RifKind::Foreign,
            };
            rif(kind, &groups, check_apart, digits)
        }
        Prefix::Person(_) => Err(DocIdError::WrongLength {
            kind: DocKind::Cedula,
            min: 1,
            max: RIF_DIGITS + 1,
            found: digits,
        }),
        Prefix::RifOnly(kind) => rif(kind, &groups, check_apart, digits),
    }
}

fn prefix(c: char, position: usize) -> Result<Prefix, DocIdError> {
    match c.to_ascii_uppercase() {
        'V' => Ok(Prefix::Person(Nationality::Venezuelan)),
        'E' => Ok(Prefix::Person(Nationality::Foreign)),
        'J' => Ok(Prefix::RifOnly(RifKind::Juridical)),
        'G' => Ok(Prefix::RifOnly(RifKind::Government)),
        'P' => Ok(Prefix::RifOnly(RifKind::Passport)),
        d if d.is_ascii_digit() => Err(DocIdError::MissingPrefix),
        // As typed, so the screen shows the character the cashier sees.
        _ => Err(DocIdError::UnknownPrefix { position, found: c }),
    }
}

/// The runs of digits after the letter, split at dashes and spaces; dots are dropped because
/// they only group thousands.
fn digit_groups(chars: &[char], from: usize) -> Result<Vec<String>, DocIdError> {
    let mut groups = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate().skip(from) {
        match c {
            '0'..='9' => current.push(c),
            '.' => {}
            '-' => groups.extend(take_group(&mut current)),
            c if c.is_whitespace() => groups.extend(take_group(&mut current)),
            found => {
                return Err(DocIdError::NotDigits {
                    position: i + 1,
                    found,
                })
            }
        }
    }
    groups.extend(take_group(&mut current));
    Ok(groups)
}

fn take_group(current: &mut String) -> Option<String> {
    (!current.is_empty()).then(|| std::mem::take(current))
}

fn rif(
    kind: RifKind,
    groups: &[String],
    check_apart: bool,
    digits: usize,
) -> Result<DocId, DocIdError> {
    let all = groups.concat();
    let body_len = digits.saturating_sub(1);
    let fits = if check_apart {
        (1..=RIF_DIGITS).contains(&body_len)
    } else {
        body_len == RIF_DIGITS
    };
    if !fits {
        return Err(DocIdError::WrongLength {
            kind: DocKind::Rif,
            min: if check_apart { 2 } else { RIF_DIGITS + 1 },
            max: RIF_DIGITS + 1,
            found: digits,
        });
    }
    let (body, check) = all.split_at(body_len);
    let number = number_of(body, DocKind::Rif, digits)?;
    let check = check.bytes().next().map(|b| b - b'0').unwrap_or_default();
    Ok(DocId::Rif(Rif::with_check_digit(kind, number, check)?))
}

/// `digits` is only ASCII digits here, at most nine of them, so it always fits a `u32`.
fn number_of(digits: &str, kind: DocKind, found: usize) -> Result<u32, DocIdError> {
    digits.parse().map_err(|_| DocIdError::WrongLength {
        kind,
        min: 1,
        max: RIF_DIGITS + 1,
        found,
    })
}

impl FromStr for DocId {
    type Err = DocIdError;

    fn from_str(s: &str) -> Result<DocId, DocIdError> {
        parse_doc_id(s)
    }
}

impl<'de> serde::Deserialize<'de> for DocId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DocId, D::Error> {
        let text = String::deserialize(d)?;
        parse_doc_id(&text).map_err(serde::de::Error::custom)
    }
}
