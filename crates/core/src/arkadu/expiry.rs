//! How close an order is to its expiry. The platform holds an order's items for this agent
//! until `expire_at` (4 hours by default) and refuses a payment report after it, so the
//! cashier is warned while there is still time to take the money and report it.

use chrono::{DateTime, Duration, Utc};

/// The cashier is warned this long before an order expires.
pub const WARNING_WINDOW: Duration = Duration::minutes(15);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// More than [`WARNING_WINDOW`] left.
    Open { remaining: Duration },
    /// Within the warning window: still payable, but hurry.
    Closing { remaining: Duration },
    /// At or past `expire_at`: no payment may be reported.
    Expired,
}

impl Expiry {
    pub fn is_expired(self) -> bool {
        matches!(self, Expiry::Expired)
    }
}

/// Where an order expiring at `expire_at` stands at `now`.
pub fn expiry(expire_at: DateTime<Utc>, now: DateTime<Utc>) -> Expiry {
    let remaining = expire_at - now;
    if remaining <= Duration::zero() {
        Expiry::Expired
    } else if remaining <= WARNING_WINDOW {
        Expiry::Closing { remaining }
    } else {
        Expiry::Open { remaining }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_warning_window_is_the_last_fifteen_minutes() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 16, 0, 0).unwrap();
        let before = |s: i64| at - Duration::seconds(s);
        #[rustfmt::skip]
        let table = [
            (before(4 * 3600), Expiry::Open { remaining: Duration::hours(4) }),
            (before(15 * 60 + 1), Expiry::Open { remaining: Duration::seconds(901) }),
            (before(15 * 60), Expiry::Closing { remaining: Duration::minutes(15) }),
            (before(1), Expiry::Closing { remaining: Duration::seconds(1) }),
            (at, Expiry::Expired),
            (at + Duration::seconds(1), Expiry::Expired),
        ];
        for (now, expected) in table {
            assert_eq!(expiry(at, now), expected, "{now}");
        }
    }
}
