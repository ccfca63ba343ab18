//! Reading an amount as a cashier types it: one strict rule per screen language, refusals that
//! point at the first bad character.

use rust_decimal::Decimal;

use super::{Money, MoneyError, MAX_INTEGER_DIGITS};
use crate::currency::Currency;
use crate::number_style::NumberStyle;

impl Money {
    /// Reads an amount as a cashier types it on a screen that writes numbers in `style`.
    ///
    /// The one rule, the same one `format_es` / `format_en` write by (so what is shown always
    /// reads back):
    /// - optional whitespace around everything;
    /// - optionally a symbol before the number (`$` or the currency's own, like `Bs.` or `€`)
    ///   followed by optional spaces, or else the currency's symbol or ISO code after it (`BSV`);
    /// - digits, either with no thousands separator at all or with every group separated: the
    ///   first group 1 to 3 digits (not starting with `0`), every later group exactly 3;
    /// - optionally the decimal mark followed by 1 to `scale` digits (`,5` reads as `0,50`; a
    ///   currency without decimals, CLP, takes no decimal mark at all).
    ///
    /// Everything else is refused, never guessed or rounded, and the error says the 1-based
    /// position of the first character that breaks the rule: inner spaces (`4 0`), the other
    /// style's separators where they do not fit, more decimals than the currency has (even zeros:
    /// `36,999` and `1,000` on a Spanish screen), signs, letters, underscores, exponents, and
    /// more than 18 integer digits. A misread amount is money lost.
    pub fn parse_input(
        text: &str,
        currency: Currency,
        style: NumberStyle,
    ) -> Result<Money, MoneyError> {
        let chars: Vec<char> = text.chars().collect();
        let end = chars.len();
        let skip_spaces = |mut i: usize| {
            while i < end && chars[i].is_whitespace() {
                i += 1;
            }
            i
        };
        // `at(i)` is the 1-based position the cashier sees for index `i`.
        let at = |i: usize| i + 1;
        let bad = |i: usize| MoneyError::BadCharacter {
            position: at(i),
            found: chars[i],
        };

        let mut i = skip_spaces(0);
        if i == end {
            return Err(MoneyError::Empty);
        }
        let leading_symbol = [currency.symbol(), "$"]
            .into_iter()
            .find_map(|symbol| starts_with_at(&chars, i, symbol));
        if let Some(len) = leading_symbol {
            i = skip_spaces(i + len);
            if i == end {
                return Err(MoneyError::Empty);
            }
        }

        let (sep, mark, scale) = (
            style.thousands_separator(),
            style.decimal_mark(),
            currency.scale(),
        );
        if chars[i] == '-' {
            return Err(MoneyError::Negative { position: at(i) });
        }
        // Integer part. `group` counts the digits since the last separator (or the start).
        let mut int_digits = String::new();
        let mut group = 0usize;
        let mut last_sep: Option<usize> = None;
        while i < end {
            let c = chars[i];
            if c.is_ascii_digit() {
                if let Some(s) = last_sep {
                    if group == 3 {
                        return Err(MoneyError::Grouping {
                            position: at(s),
                            separator: sep,
                        });
                    }
                }
                int_digits.push(c);
                group += 1;
            } else if c == sep {
                let misplaced = match last_sep {
                    // `0.500` is not five hundred: a grouped number never starts with a zero.
                    None => group == 0 || group > 3 || int_digits.starts_with('0'),
                    Some(_) => group != 3,
                };
                if misplaced {
                    let position = at(last_sep.unwrap_or(i));
                    return Err(MoneyError::Grouping {
                        position,
                        separator: sep,
                    });
                }
                last_sep = Some(i);
                group = 0;
            } else {
                break;
            }
            i += 1;
        }
        // A character that belongs in no amount is pointed at before any grouping that it cut
        // short: in `2.7x8` the slip is the `x`, not the `.`.
        let trailing_symbol = |i: usize| {
            if leading_symbol.is_some() {
                return None;
            }
            [currency.symbol(), currency.iso()]
                .into_iter()
                .find_map(|symbol| starts_with_at(&chars, i, symbol))
        };
        if i < end && chars[i] != mark && !chars[i].is_whitespace() && trailing_symbol(i).is_none()
        {
            return Err(bad(i));
        }
        if let Some(s) = last_sep {
            if group != 3 {
                return Err(MoneyError::Grouping {
                    position: at(s),
                    separator: sep,
                });
            }
        }

        // Fraction: at most `scale` digits, and at least one after a mark.
        let mut frac_digits = String::new();
        if i < end && chars[i] == mark {
            let mark_at = i;
            if scale == 0 {
                return Err(MoneyError::TooPrecise {
                    currency,
                    scale,
                    position: Some(at(mark_at)),
                });
            }
            i += 1;
            while i < end && chars[i].is_ascii_digit() {
                if frac_digits.len() == scale as usize {
                    return Err(MoneyError::TooPrecise {
                        currency,
                        scale,
                        position: Some(at(i)),
                    });
                }
                frac_digits.push(chars[i]);
                i += 1;
            }
            if frac_digits.is_empty() {
                return Err(if i == end || chars[i].is_whitespace() {
                    MoneyError::MissingDecimals {
                        position: at(mark_at),
                    }
                } else {
                    bad(i)
                });
            }
        }
        if int_digits.is_empty() && frac_digits.is_empty() {
            return Err(bad(i));
        }

        // What follows the number: spaces, and the currency after it if none came before.
        let number_end = i;
        i = skip_spaces(i);
        if i < end {
            if let Some(len) = trailing_symbol(i) {
                i = skip_spaces(i + len);
            }
        }
        if i < end {
            let c = chars[i];
            // `4 0`: the space is what is wrong, not the digit after it.
            let inner_space = i > number_end && (c.is_ascii_digit() || c == sep || c == mark);
            return Err(bad(if inner_space { number_end } else { i }));
        }

        let significant = int_digits.trim_start_matches('0');
        if significant.len() > MAX_INTEGER_DIGITS {
            return Err(MoneyError::Overflow);
        }
        // At most 18 + 8 digits: an i128 holds them exactly, and so does a Decimal.
        let mantissa: i128 = format!("0{significant}{frac_digits}")
            .parse()
            .map_err(|_| MoneyError::Overflow)?;
        let value = Decimal::try_from_i128_with_scale(mantissa, frac_digits.len() as u32)
            .map_err(|_| MoneyError::Overflow)?;
        Money::new(value, currency)
    }
}

/// How many characters `symbol` spans if `chars` spells it from `i` on.
fn starts_with_at(chars: &[char], i: usize, symbol: &str) -> Option<usize> {
    let len = symbol.chars().count();
    let found = chars.get(i..i + len)?;
    found.iter().copied().eq(symbol.chars()).then_some(len)
}
