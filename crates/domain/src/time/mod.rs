//! Kazakhstan time. The whole country keeps one zone, UTC+5, since 1 March 2024: every date a
//! person sees and every deadline is a date in that zone. Instants are stored in UTC; this
//! module turns them into Kazakhstan dates and back. Reading the current time is not done here
//! (the domain has no I/O): callers pass "now" in, from the one clock in `app`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// Kazakhstan's offset from UTC, in seconds.
pub const KZ_OFFSET_SECONDS: i32 = 5 * 3600;

/// The zone itself, for formatting instants with `+05:00`.
pub fn kz_zone() -> FixedOffset {
    FixedOffset::east_opt(KZ_OFFSET_SECONDS)
        .unwrap_or_else(|| unreachable!("five hours is a valid offset"))
}

/// An instant as Kazakhstan local time.
pub fn kz_time(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&kz_zone())
}

/// The date in Kazakhstan at an instant: from 19:00 UTC it is already tomorrow there.
pub fn kz_date(at: DateTime<Utc>) -> NaiveDate {
    kz_time(at).date_naive()
}

/// The first instant of a Kazakhstan date (00:00 in Kazakhstan), in UTC.
pub fn kz_day_start(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::MIN);
    match kz_zone().from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        // A fixed offset has exactly one mapping; keep a total function anyway.
        _ => Utc.from_utc_datetime(&local),
    }
}

/// The instant a Kazakhstan date ends (24:00 there, i.e. 00:00 of the next day), in UTC.
/// "Voting closes at the end of its last day" means this instant.
pub fn kz_day_end(day: NaiveDate) -> DateTime<Utc> {
    kz_day_start(day.succ_opt().unwrap_or(day))
}

/// A date as a form sends it: `YYYY-MM-DD` (date inputs) or `DD.MM.YYYY` (typed by hand, as
/// dates are written in Kazakhstan). The one date parser of the platform.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| DateError::Invalid)
}

/// An optional date: empty is `None`, anything else must be a date.
pub fn parse_optional_date(s: &str) -> Result<Option<NaiveDate>, DateError> {
    match parse_date(s) {
        Ok(d) => Ok(Some(d)),
        Err(DateError::Empty) => Ok(None),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("no date")]
    Empty,
    #[error("not a date (YYYY-MM-DD or DD.MM.YYYY)")]
    Invalid,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn dates_are_read_in_both_usual_forms() {
        let d = NaiveDate::from_ymd_opt(2027, 11, 17).unwrap();
        assert_eq!(parse_date("2027-11-17"), Ok(d));
        assert_eq!(parse_date(" 17.11.2027 "), Ok(d));
        assert_eq!(parse_date("31.02.2027"), Err(DateError::Invalid));
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_optional_date("  "), Ok(None));
        assert_eq!(parse_optional_date("17.11.2027"), Ok(Some(d)));
    }

    #[test]
    fn the_kazakhstan_date_turns_at_19_utc() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(kz_date(utc("2026-12-05T18:59:59Z")), d);
        assert_eq!(kz_date(utc("2026-12-05T19:00:00Z")), d.succ_opt().unwrap());
    }

    #[test]
    fn a_day_ends_at_midnight_in_kazakhstan() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(kz_day_start(d), utc("2026-12-04T19:00:00Z"));
        assert_eq!(kz_day_end(d), utc("2026-12-05T19:00:00Z"));
        assert_eq!(kz_date(kz_day_end(d) - chrono::Duration::seconds(1)), d);
    }

    proptest::proptest! {
        #[test]
        fn every_instant_lies_within_its_kazakhstan_day(secs in 0i64..4_102_444_800) {
            let at = DateTime::from_timestamp(secs, 0).unwrap();
            let day = kz_date(at);
            proptest::prop_assert!(kz_day_start(day) <= at && at < kz_day_end(day));
        }
    }
}
