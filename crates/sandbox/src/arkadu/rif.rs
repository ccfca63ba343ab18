//! Venezuelan document ids: the cédula (`V-12345678`, `E-84512397`) and the RIF
//! (`J-40157748-2`), with SENIAT's check digit.

use std::fmt;

/// The letter of a document id: natural persons (`V` Venezuelan, `E` foreign), legal persons
/// (`J`), government bodies (`G`), passports (`P`) and communal councils (`C`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    V,
    E,
    J,
    G,
    P,
    C,
}

impl Kind {
    fn from_char(c: char) -> Option<Kind> {
        Some(match c {
            'V' => Kind::V,
            'E' => Kind::E,
            'J' => Kind::J,
            'G' => Kind::G,
            'P' => Kind::P,
            'C' => Kind::C,
            _ => return None,
        })
    }

    fn letter(self) -> char {
        match self {
            Kind::V => 'V',
            Kind::E => 'E',
            Kind::J => 'J',
            Kind::G => 'G',
            Kind::P => 'P',
            Kind::C => 'C',
        }
    }

    /// SENIAT's value of the letter in the check-digit sum.
    fn weight(self) -> u32 {
        match self {
            Kind::V => 1,
            Kind::E => 2,
            Kind::J | Kind::C => 3,
            Kind::P => 4,
            Kind::G => 5,
        }
    }

    /// Natural persons are known by their cédula alone; everyone else by a full RIF.
    fn is_person(self) -> bool {
        matches!(self, Kind::V | Kind::E)
    }
}

/// SENIAT's RIF check digit of `kind` and up to eight digits: the letter's value times 4 plus
/// the digits (left-padded to eight) times 3,2,7,6,5,4,3,2; then 11 minus the sum modulo 11,
/// where 10 and 11 become 0.
pub fn check_digit(kind: Kind, number: u32) -> u8 {
    const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    let digits = format!("{number:08}");
    let sum = kind.weight() * 4
        + digits
            .bytes()
            .zip(WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum::<u32>();
    let check = 11 - sum % 11;
    if check >= 10 {
        0
    } else {
        check as u8
    }
}

/// A well-formed document id, with its number and (for legal persons, or a person's RIF) a
/// valid check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId {
    pub kind: Kind,
    pub number: u32,
}

/// Why a text is not a document id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocIdError {
    Malformed,
    CheckDigit { expected: u8 },
}

impl DocId {
    /// A fixture's id, known to be well formed.
    pub const fn new(kind: Kind, number: u32) -> DocId {
        DocId { kind, number }
    }

    /// Reads `V-12345678`, `V12345678`, `v-12.345.678`, `V-12345678-1`, `J-40157748-2`,
    /// `J401577482`. Persons may leave out the check digit; a RIF's must be right.
    pub fn parse(text: &str) -> Result<DocId, DocIdError> {
        let clean: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, '-' | '.' | ' '))
            .collect::<String>()
            .to_ascii_uppercase();
        let mut chars = clean.chars();
        let kind = chars
            .next()
            .and_then(Kind::from_char)
            .ok_or(DocIdError::Malformed)?;
        let digits = chars.as_str();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DocIdError::Malformed);
        }
        // Eight digits (or fewer, for a person) are a bare number; nine end in the check digit.
        let (number, check) = match digits.len() {
            1..=8 if kind.is_person() => (digits, None),
            9 => (&digits[..8], Some(digits.as_bytes()[8] - b'0')),
            _ => return Err(DocIdError::Malformed),
        };
        let number: u32 = number.parse().map_err(|_| DocIdError::Malformed)?;
        if number == 0 {
            return Err(DocIdError::Malformed);
        }
        let id = DocId { kind, number };
        match check {
            Some(c) if c != id.check_digit() => Err(DocIdError::CheckDigit {
                expected: id.check_digit(),
            }),
            _ => Ok(id),
        }
    }

    pub fn check_digit(self) -> u8 {
        check_digit(self.kind, self.number)
    }

    /// The full RIF: `V-12345678-1`, `J-40157748-2`.
    pub fn rif(self) -> String {
        format!(
            "{}-{:08}-{}",
            self.kind.letter(),
            self.number,
            self.check_digit()
        )
    }
}

/// As the platform shows it: a person's cédula (`V-12345678`), anyone else's RIF.
impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind.is_person() {
            write!(f, "{}-{}", self.kind.letter(), self.number)
        } else {
            f.write_str(&self.rif())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_rifs_have_their_check_digit() {
        // Published RIFs: SENIAT's own (G-20000303-0) and CANTV's (J-00124134-5).
        assert_eq!(check_digit(Kind::G, 20_000_303), 0);
        assert_eq!(check_digit(Kind::J, 124_134), 5);
        assert_eq!(check_digit(Kind::J, 40_157_748), 2);
        assert_eq!(check_digit(Kind::V, 12_345_678), 1);
    }

    #[test]
    fn parses_the_usual_spellings() {
        let v = DocId::new(Kind::V, 12_345_678);
        for text in [
            "V-12345678",
            "v12345678",
            "V-12.345.678",
            "V-12345678-1",
            " V123456781 ",
        ] {
            assert_eq!(DocId::parse(text), Ok(v), "{text}");
        }
        let j = DocId::new(Kind::J, 40_157_748);
        assert_eq!(DocId::parse("J-40157748-2"), Ok(j));
        assert_eq!(DocId::parse("J401577482"), Ok(j));
        assert_eq!(j.to_string(), "J-40157748-2");
        assert_eq!(v.to_string(), "V-12345678");
        assert_eq!(
            DocId::parse("J-40157748-3"),
            Err(DocIdError::CheckDigit { expected: 2 })
        );
        for bad in [
            "",
            "12345678",
            "X-1234",
            "J-40157748",
            "V-",
            "V-12a45678",
            "V-0",
            "V-1234567890",
        ] {
            assert_eq!(DocId::parse(bad), Err(DocIdError::Malformed), "{bad}");
        }
    }
}
