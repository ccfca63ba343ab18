//! The fiat currencies a payment may be asked in, each with its scale and a fixed, fake price
//! of one BSV, and the conversion into satoshis. The rates are the sandbox's own, made up and
//! round, so a test can work out every answer:
//!
//! | currency | decimals | 1 BSV = |
//! |---|---|---|
//! | ARS | 2 | 42000.00 |
//! | VES | 2 | 1650.00 |
//! | EUR | 2 | 42.50 |
//! | CLP | 0 | 45000 |
//! | USD | 2 | 46.00 |

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Satoshis in one BSV.
pub const SATOSHIS_PER_BSV: i64 = 100_000_000;
/// The network fee of every payment, flat, in satoshis.
pub const SATOSHI_FEES: u64 = 50;

/// One fiat currency the gateway takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub code: &'static str,
    pub scale: u32,
    /// The price of one BSV in this currency.
    pub per_bsv: Decimal,
}

const RATES: [Rate; 5] = [
    Rate {
        code: "ARS",
        scale: 2,
        per_bsv: Decimal::from_parts(4_200_000, 0, 0, false, 2),
    },
    Rate {
        code: "VES",
        scale: 2,
        per_bsv: Decimal::from_parts(165_000, 0, 0, false, 2),
    },
    Rate {
        code: "EUR",
        scale: 2,
        per_bsv: Decimal::from_parts(4_250, 0, 0, false, 2),
    },
    Rate {
        code: "CLP",
        scale: 0,
        per_bsv: Decimal::from_parts(45_000, 0, 0, false, 0),
    },
    Rate {
        code: "USD",
        scale: 2,
        per_bsv: Decimal::from_parts(4_600, 0, 0, false, 2),
    },
];

/// The rate of `code` (any case), or `None` for a currency the gateway does not take.
pub fn of(code: &str) -> Option<Rate> {
    RATES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Every currency taken, for messages.
pub fn codes() -> String {
    RATES.iter().map(|r| r.code).collect::<Vec<_>>().join(", ")
}

impl Rate {
    /// `amount` of this currency in satoshis, to the nearest (halves away from zero); `None`
    /// when it does not fit.
    pub fn satoshis(&self, amount: Decimal) -> Option<u64> {
        amount
            .checked_mul(Decimal::from(SATOSHIS_PER_BSV))?
            .checked_div(self.per_bsv)?
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .to_u64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn satoshis_are_exact_and_rounded() {
        let eur = of("eur").unwrap();
        // 0.01 / 42.50 BSV = 23529.41... satoshis
        assert_eq!(eur.satoshis("0.01".parse().unwrap()), Some(23_529));
        let ars = of("ARS").unwrap();
        assert_eq!(ars.satoshis("4200".parse().unwrap()), Some(10_000_000));
        assert_eq!(of("CLP").unwrap().per_bsv.to_string(), "45000");
        assert_eq!(of("VES").unwrap().per_bsv.to_string(), "1650.00");
        assert!(of("XYZ").is_none());
        assert!(of("BSV").is_none());
    }
}
