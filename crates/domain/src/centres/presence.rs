//! The presence code (қатысу коды / код присутствия): six digits shown on a person's own
//! account page, which they read aloud to the registrar. It proves that the person at the
//! desk controls the account the registrar is about to raise, without storing anything: the
//! app derives it from a key, the account and the current ten-minute window. This module is
//! the arithmetic; the keyed hash is the app's.

use chrono::{DateTime, TimeZone, Utc};

/// How long one code is shown before the next replaces it.
pub const WINDOW_SECS: i64 = 600;
/// Digits in a code.
pub const DIGITS: usize = 6;

/// The window `now` falls in (counted from the Unix epoch).
pub fn window_of(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(WINDOW_SECS)
}

/// The windows whose codes the desk accepts at `now`: the current one, and the previous one
/// for a code read out just before the window turned.
pub fn accepted_windows(now: DateTime<Utc>) -> [i64; 2] {
    let w = window_of(now);
    [w, w - 1]
}

/// Until when the code shown at `now` is accepted: the end of the next window.
pub fn valid_until(now: DateTime<Utc>) -> DateTime<Utc> {
    let end = (window_of(now) + 2) * WINDOW_SECS;
    Utc.timestamp_opt(end, 0).single().unwrap_or(now)
}

/// Six decimal digits from a keyed hash (at least four bytes), by the truncation of HOTP
/// (RFC 4226 §5.3), so every code is about equally likely.
pub fn digits(mac: &[u8]) -> String {
    let offset = mac.last().map_or(0, |b| usize::from(b & 0x0f));
    let word = |i: usize| u32::from(mac.get(offset + i).copied().unwrap_or(0));
    let n = ((word(0) & 0x7f) << 24) | (word(1) << 16) | (word(2) << 8) | word(3);
    format!("{:06}", n % 1_000_000)
}

/// A code as a person types it: six digits, spaces and dashes ignored; `None` otherwise.
pub fn normalize(typed: &str) -> Option<String> {
    let d: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (d.len() == DIGITS && d.bytes().all(|b| b.is_ascii_digit())).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(secs, 0)
            .single()
            .expect("a valid instant")
    }

    #[test]
    fn windows_are_ten_minutes_and_the_previous_one_is_accepted() {
        assert_eq!(window_of(at(0)), 0);
        assert_eq!(window_of(at(599)), 0);
        assert_eq!(window_of(at(600)), 1);
        assert_eq!(accepted_windows(at(1_200)), [2, 1]);
        assert_eq!(valid_until(at(1_250)), at(2_400));
    }

    #[test]
    fn digits_follow_rfc_4226() {
        // RFC 4226 §5.4: this HMAC-SHA-1 value truncates to 0x50ef7f19 = 1357872921.
        let mac = [
            0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85, 0x50, 0xef, 0x7f, 0x19,
            0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
        ];
        assert_eq!(digits(&mac), "872921");
    }

    #[test]
    fn typed_codes_are_six_digits() {
        assert_eq!(normalize(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(normalize("123-456").as_deref(), Some("123456"));
        assert_eq!(normalize("12345"), None);
        assert_eq!(normalize("12345a"), None);
    }

    proptest! {
        #[test]
        fn a_code_is_accepted_for_at_least_ten_minutes(t in 0i64..4_000_000_000, later in 0i64..600) {
            let shown = window_of(at(t));
            prop_assert!(accepted_windows(at(t + later)).contains(&shown));
            prop_assert!(valid_until(at(t)) > at(t + later));
        }

        #[test]
        fn digits_are_always_six(mac in prop::collection::vec(any::<u8>(), 20..40)) {
            let d = digits(&mac);
            prop_assert_eq!(d.len(), 6);
            prop_assert!(d.bytes().all(|b| b.is_ascii_digit()));
        }
    }
}
