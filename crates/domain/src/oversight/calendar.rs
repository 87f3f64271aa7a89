use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// A public holiday. Secular holidays that fall on a weekend move the day off to the next
/// working day (Labour Code); religious ones (Orthodox Christmas, Kurban Ait) do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub carries_over: bool,
}

/// Kazakhstan's working days, for legal deadlines such as "answer within 10 working days".
/// Built from a table of holidays and of the government's day transfers, both editable:
/// the defaults are a starting point, never the law itself.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    days_off: BTreeSet<NaiveDate>,
    /// Weekend days declared working by a transfer.
    working_weekends: BTreeSet<NaiveDate>,
}

/// The first day of Kurban Ait, by year (lunar calendar; announced each year).
const KURBAN_AIT: [(i32, u32, u32); 6] = [
    (2022, 7, 9),
    (2023, 6, 28),
    (2024, 6, 16),
    (2025, 6, 6),
    (2026, 5, 27),
    (2027, 5, 16),
];

/// Fixed-date holidays: (month, day, carries over).
const FIXED: [(u32, u32, bool); 14] = [
    (1, 1, true),
    (1, 2, true),
    (1, 7, false),
    (3, 8, true),
    (3, 21, true),
    (3, 22, true),
    (3, 23, true),
    (5, 1, true),
    (5, 7, true),
    (5, 9, true),
    (7, 6, true),
    (8, 30, true),
    (10, 25, true),
    (12, 16, true),
];

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A transfer makes a weekday a day off and a weekend day a working day: the working day it
/// names must fall on a Saturday or Sunday.
pub fn transfer_allowed(working_day: NaiveDate) -> bool {
    is_weekend(working_day)
}

/// The year of the holiday table someone asked for (2000–2100), or this year.
pub fn table_year(text: &str, today: NaiveDate) -> i32 {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| today.year())
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX)
}

impl WorkingCalendar {
    /// The default holidays of the given years.
    pub fn default_holidays(years: std::ops::RangeInclusive<i32>) -> Vec<Holiday> {
        let mut out = Vec::new();
        for y in years {
            for (m, d, carries_over) in FIXED {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    out.push(Holiday { date, carries_over });
                }
            }
            for (ky, m, d) in KURBAN_AIT.iter().filter(|k| k.0 == y) {
                if let Some(date) = NaiveDate::from_ymd_opt(*ky, *m, *d) {
                    out.push(Holiday {
                        date,
                        carries_over: false,
                    });
                }
            }
        }
        out
    }

    /// `transfers`: (weekday made a day off, weekend day made a working day).
    pub fn new(holidays: &[Holiday], transfers: &[(NaiveDate, NaiveDate)]) -> WorkingCalendar {
        let mut cal = WorkingCalendar::default();
        let mut sorted = holidays.to_vec();
        sorted.sort_by_key(|h| h.date);
        for h in &sorted {
            cal.days_off.insert(h.date);
        }
        for h in sorted
            .iter()
            .filter(|h| h.carries_over && is_weekend(h.date))
        {
            let mut d = next_day(h.date);
            while is_weekend(d) || cal.days_off.contains(&d) {
                d = next_day(d);
            }
            cal.days_off.insert(d);
        }
        for (off, worked) in transfers {
            cal.days_off.insert(*off);
            cal.working_weekends.insert(*worked);
        }
        cal
    }

    /// The default calendar for the years around today's.
    pub fn kazakhstan(years: std::ops::RangeInclusive<i32>) -> WorkingCalendar {
        WorkingCalendar::new(&WorkingCalendar::default_holidays(years), &[])
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.working_weekends.contains(&d) {
            return true;
        }
        !is_weekend(d) && !self.days_off.contains(&d)
    }

    /// The `n`-th working day after `from` (so a 10-working-day answer to a report filed on
    /// `from` is due on `add_working_days(from, 10)`); `from` itself when `n` is 0.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = next_day(d);
            if d == NaiveDate::MAX {
                return d;
            }
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days after `due` up to and including `today`: how late something is.
    pub fn working_days_late(&self, due: NaiveDate, today: NaiveDate) -> u32 {
        let mut d = due;
        let mut n = 0;
        while d < today {
            d = next_day(d);
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn transfers_and_table_years() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert!(super::transfer_allowed(d(2026, 3, 7)));
        assert!(!super::transfer_allowed(d(2026, 3, 9)));
        assert_eq!(super::table_year("2027", d(2026, 1, 1)), 2027);
        assert_eq!(super::table_year(" 1999", d(2026, 1, 1)), 2026);
        assert_eq!(super::table_year("x", d(2026, 1, 1)), 2026);
    }

    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn holidays_weekends_and_carry_over() {
        let cal = WorkingCalendar::kazakhstan(2025..=2027);
        // Nauryz 2026: 21 March is a Saturday, 22 a Sunday: both carry over, after the 23rd.
        assert!(!cal.is_working_day(day(2026, 3, 23)));
        assert!(!cal.is_working_day(day(2026, 3, 24)));
        assert!(!cal.is_working_day(day(2026, 3, 25)));
        assert!(cal.is_working_day(day(2026, 3, 26)));
        // Orthodox Christmas on a Sunday (2024 is outside; 2029 is not loaded): 2027-01-07 is a Thursday.
        assert!(!cal.is_working_day(day(2027, 1, 7)));
        // Kurban Ait 2026 (religious) on a Wednesday.
        assert!(!cal.is_working_day(day(2026, 5, 27)));
        assert!(!cal.is_working_day(day(2026, 11, 28)), "a Saturday");
        assert!(cal.is_working_day(day(2026, 11, 27)));
    }

    #[test]
    fn religious_holidays_do_not_carry_over() {
        // 7 January 2024 was a Sunday: Monday the 8th stayed a working day.
        let cal = WorkingCalendar::kazakhstan(2024..=2024);
        assert!(cal.is_working_day(day(2024, 1, 8)));
        // 16 December 2023 was a Saturday: Monday the 18th was a day off.
        let cal = WorkingCalendar::kazakhstan(2023..=2023);
        assert!(!cal.is_working_day(day(2023, 12, 18)));
    }

    #[test]
    fn deadlines_in_working_days() {
        let cal = WorkingCalendar::kazakhstan(2026..=2026);
        // A report filed on Friday 20 March 2026: Nauryz and its carry-over days are skipped.
        assert_eq!(cal.add_working_days(day(2026, 3, 20), 1), day(2026, 3, 26));
        assert_eq!(cal.add_working_days(day(2026, 3, 20), 10), day(2026, 4, 8));
        assert_eq!(
            cal.add_working_days(day(2026, 11, 27), 0),
            day(2026, 11, 27)
        );
        assert_eq!(
            cal.working_days_late(day(2026, 11, 20), day(2026, 11, 28)),
            5
        );
        assert_eq!(
            cal.working_days_late(day(2026, 11, 28), day(2026, 11, 20)),
            0
        );
    }

    #[test]
    fn transfers_move_days() {
        let cal = WorkingCalendar::new(&[], &[(day(2026, 1, 5), day(2026, 1, 3))]);
        assert!(!cal.is_working_day(day(2026, 1, 5)));
        assert!(cal.is_working_day(day(2026, 1, 3)));
    }

    proptest! {
        #[test]
        fn a_deadline_is_never_a_day_off(offset in 0u64..1000, n in 1u32..120) {
            let cal = WorkingCalendar::kazakhstan(2024..=2028);
            let start = day(2024, 1, 1).checked_add_days(Days::new(offset)).unwrap_or_default();
            let due = cal.add_working_days(start, n);
            prop_assert!(cal.is_working_day(due));
            prop_assert!(due > start);
        }

        #[test]
        fn adding_n_then_m_equals_adding_n_plus_m(offset in 0u64..1000, n in 0u32..80, m in 0u32..80) {
            let cal = WorkingCalendar::kazakhstan(2024..=2028);
            let start = day(2024, 1, 1).checked_add_days(Days::new(offset)).unwrap_or_default();
            prop_assert_eq!(cal.add_working_days(cal.add_working_days(start, n), m), cal.add_working_days(start, n + m));
        }

        #[test]
        fn a_deadline_is_never_a_weekend_or_listed_holiday(offset in 0u64..2000, n in 1u32..60) {
            let holidays = WorkingCalendar::default_holidays(2024..=2030);
            let cal = WorkingCalendar::new(&holidays, &[]);
            let start = day(2024, 1, 1).checked_add_days(Days::new(offset)).unwrap_or_default();
            let due = cal.add_working_days(start, n);
            prop_assert!(!is_weekend(due));
            prop_assert!(holidays.iter().all(|h| h.date != due));
        }

        #[test]
        fn deadlines_are_monotone(offset in 0u64..1000, gap in 0u64..40, n in 0u32..60, m in 0u32..60) {
            let cal = WorkingCalendar::kazakhstan(2024..=2028);
            let a = day(2024, 1, 1).checked_add_days(Days::new(offset)).unwrap_or_default();
            let b = a.checked_add_days(Days::new(gap)).unwrap_or_default();
            // A later filing or a longer period never gives an earlier deadline.
            prop_assert!(cal.add_working_days(a, n) <= cal.add_working_days(b, n));
            prop_assert!(cal.add_working_days(a, n.min(m)) <= cal.add_working_days(a, n.max(m)));
        }

        #[test]
        fn lateness_counts_the_working_days_added(offset in 0u64..1000, n in 0u32..60) {
            let cal = WorkingCalendar::kazakhstan(2024..=2028);
            let start = day(2024, 1, 1).checked_add_days(Days::new(offset)).unwrap_or_default();
            prop_assert_eq!(cal.working_days_late(start, cal.add_working_days(start, n)), n);
        }
    }
}
