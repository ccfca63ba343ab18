//! Venezuelan document ids as the tax platform takes them (`doc_id`: "CI o RIF"): a person's
//! cédula (`V-12345678`) or a RIF with its SENIAT check digit (`J-40157748-2`).
//!
//! The fields are private and every constructor checks them, so a value of these types is
//! always a well-formed id: a RIF's check digit is computed, never stored as typed. Reading
//! what a cashier types lives in `doc_input`.

use serde::Serialize;
use std::fmt;

use super::doc_id_error::{DocIdError, DocKind};

/// The largest number either id carries: eight digits.
pub const MAX_NUMBER: u32 = 99_999_999;

/// The letter of a cédula: Venezuelan or foreign resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nationality {
    /// `V`
    Venezuelan,
    /// `E`
    Foreign,
}

impl Nationality {
    pub const fn letter(self) -> char {
        match self {
            Nationality::Venezuelan => 'V',
            Nationality::Foreign => 'E',
        }
    }
}

/// A person's identity card number: `V-12345678`, `E-84123456`. Written without leading zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cedula {
    nationality: Nationality,
    number: u32,
}

impl Cedula {
    /// `number` must be 1 to [`MAX_NUMBER`].
    pub fn new(nationality: Nationality, number: u32) -> Result<Cedula, DocIdError> {
        check_number(number, DocKind::Cedula)?;
        Ok(Cedula {
            nationality,
            number,
        })
    }

    pub fn nationality(&self) -> Nationality {
        self.nationality
    }

    pub fn number(&self) -> u32 {
        self.number
    }

    /// The RIF SENIAT gives this person: the same letter and number, with its check digit.
    pub fn rif(&self) -> Rif {
        let kind = match self.nationality {
            Nationality::Venezuelan => RifKind::Venezuelan,
            Nationality::Foreign => RifKind::Foreign,
        };
        Rif {
            kind,
            number: self.number,
        }
    }
}

/// The letter of a RIF (Registro Único de Información Fiscal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RifKind {
    /// `V`: a Venezuelan person (the cédula number).
    Venezuelan,
    /// `E`: a foreign resident (the cédula number).
    Foreign,
    /// `J`: a company.
    Juridical,
    /// `P`: a person known by passport.
    Passport,
    /// `G`: a government body.
    Government,
}

impl RifKind {
    pub const fn letter(self) -> char {
        match self {
            RifKind::Venezuelan => 'V',
            RifKind::Foreign => 'E',
            RifKind::Juridical => 'J',
            RifKind::Passport => 'P',
            RifKind::Government => 'G',
        }
    }

    /// The letter's value in SENIAT's check digit.
    const fn weight_value(self) -> u32 {
        match self {
            RifKind::Venezuelan => 1,
            RifKind::Foreign => 2,
            RifKind::Juridical => 3,
            RifKind::Passport => 4,
            RifKind::Government => 5,
        }
    }
}

/// A RIF: a letter, eight digits (leading zeros are part of it: `J-00002961-0`) and the check
/// digit. Only the letter and number are stored; the check digit is always computed, so a RIF
/// with a wrong one cannot exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rif {
    kind: RifKind,
    number: u32,
}

impl Rif {
    /// `number` must be 1 to [`MAX_NUMBER`].
    pub fn new(kind: RifKind, number: u32) -> Result<Rif, DocIdError> {
        check_number(number, DocKind::Rif)?;
        Ok(Rif { kind, number })
    }

    /// A RIF as written, refusing a check digit that does not match.
    pub fn with_check_digit(kind: RifKind, number: u32, check: u8) -> Result<Rif, DocIdError> {
        let rif = Rif::new(kind, number)?;
        let expected = rif.check_digit();
        if check != expected {
            return Err(DocIdError::WrongCheckDigit {
                expected,
                found: check,
            });
        }
        Ok(rif)
    }

    pub fn kind(&self) -> RifKind {
        self.kind
    }

    pub fn number(&self) -> u32 {
        self.number
    }

    pub fn check_digit(&self) -> u8 {
        check_digit(self.kind, self.number)
    }
}

/// SENIAT's check digit (modulo 11): the letter's value weighs 4 and the eight digits weigh
/// 3, 2, 7, 6, 5, 4, 3, 2; the digit is 11 minus the sum's remainder, and 0 when that gives 10
/// or 11. Checked against published RIFs in the tests (SENIAT `G-20000303-0`, banks...).
pub fn check_digit(kind: RifKind, number: u32) -> u8 {
    const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    let mut sum = kind.weight_value() * 4;
    let mut rest = number;
    // From the last digit to the first, so leading zeros count as the zeros they are.
    for weight in WEIGHTS.iter().rev() {
        sum += (rest % 10) * weight;
        rest /= 10;
    }
    let digit = 11 - sum % 11;
    if digit >= 10 {
        0
    } else {
        digit as u8
    }
}

fn check_number(number: u32, kind: DocKind) -> Result<(), DocIdError> {
    if number == 0 {
        return Err(DocIdError::Zero);
    }
    if number > MAX_NUMBER {
        return Err(DocIdError::WrongLength {
            kind,
            min: 1,
            max: 8,
            found: number.to_string().len(),
        });
    }
    Ok(())
}

/// What the platform's `doc_id` takes: either id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocId {
    Cedula(Cedula),
    Rif(Rif),
}

impl DocId {
    pub fn kind(&self) -> DocKind {
        match self {
            DocId::Cedula(_) => DocKind::Cedula,
            DocId::Rif(_) => DocKind::Rif,
        }
    }
}

impl fmt::Display for Cedula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.nationality.letter(), self.number)
    }
}

impl fmt::Display for Rif {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:08}-{}",
            self.kind.letter(),
            self.number,
            self.check_digit()
        )
    }
}

impl fmt::Display for DocId {
    /// The canonical form: `V-12345678`, `J-40157748-2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocId::Cedula(c) => c.fmt(f),
            DocId::Rif(r) => r.fmt(f),
        }
    }
}

impl From<Cedula> for DocId {
    fn from(c: Cedula) -> DocId {
        DocId::Cedula(c)
    }
}

impl From<Rif> for DocId {
    fn from(r: Rif) -> DocId {
        DocId::Rif(r)
    }
}

/// Written in its canonical form; read back through `doc_input`'s tolerant parser.
impl Serialize for DocId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
