//! Public-control events (Law No. 30-VIII of 2 October 2023 on public control): a citizen or a
//! non-profit organisation holds public monitoring, a public hearing, public expertise or the
//! hearing of a report about a state body; its final document (protocol or conclusion) with
//! recommendations goes to the body within 7 working days, the body answers each
//! recommendation with reasons within 10 working days of receiving it, and a hearing on the
//! answer needs 3 working days' notice. The numbers are [`Deadlines`], defaults of the law,
//! never constants; the days are counted with the [`WorkingCalendar`].

use crate::oversight::WorkingCalendar;
use crate::text::BoundedText;
use chrono::NaiveDate;

crate::code_enum! {
    /// The four forms of public control (2021 Rules).
    pub enum EventKind {
        /// қоғамдық мониторинг / общественный мониторинг
        Monitoring = "monitoring",
        /// қоғамдық тыңдау / общественные слушания
        Hearing = "hearing",
        /// қоғамдық сараптама / общественная экспертиза
        Expertise = "expertise",
        /// есепті тыңдау / заслушивание отчёта
        ReportHearing = "report_hearing",
    }
}

crate::code_enum! {
    /// The final document of an event.
    pub enum DocumentKind {
        /// хаттама / протокол
        Protocol = "protocol",
        /// қорытынды / заключение
        Conclusion = "conclusion",
    }
}

/// The legal deadlines, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    /// From the final document to its delivery to the body.
    pub delivery: u32,
    /// From delivery to the reasoned answer to each recommendation.
    pub answer: u32,
    /// Notice before a hearing on the answer.
    pub notice: u32,
}

impl Default for Deadlines {
    fn default() -> Deadlines {
        Deadlines {
            delivery: 7,
            answer: 10,
            notice: 3,
        }
    }
}

impl Deadlines {
    /// The day the final document must reach the body.
    pub fn delivery_due(&self, cal: &WorkingCalendar, document_on: NaiveDate) -> NaiveDate {
        cal.add_working_days(document_on, self.delivery)
    }

    /// The day the body must have answered a recommendation delivered on `delivered_on`.
    pub fn answer_due(&self, cal: &WorkingCalendar, delivered_on: NaiveDate) -> NaiveDate {
        cal.add_working_days(delivered_on, self.answer)
    }

    /// The earliest day a hearing announced on `today` may be held.
    pub fn earliest_hearing(&self, cal: &WorkingCalendar, today: NaiveDate) -> NaiveDate {
        cal.add_working_days(today, self.notice)
    }

    /// A hearing announced on `today` for `on`: refused with the earliest possible day when
    /// the notice is too short.
    pub fn check_notice(
        &self,
        cal: &WorkingCalendar,
        today: NaiveDate,
        on: NaiveDate,
    ) -> Result<(), NoticeTooShort> {
        let earliest = self.earliest_hearing(cal, today);
        if on < earliest {
            Err(NoticeTooShort { earliest })
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a hearing needs more notice: the earliest day is {earliest}")]
pub struct NoticeTooShort {
    pub earliest: NaiveDate,
}

/// Where a deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// Working days left after today (0: due today).
    Left(u32),
    /// Working days late (at least 1 once the due day has passed).
    Overdue(u32),
}

impl Countdown {
    pub fn is_overdue(self) -> bool {
        matches!(self, Countdown::Overdue(_))
    }
}

/// The countdown to `due` as of `today`.
pub fn countdown(cal: &WorkingCalendar, due: NaiveDate, today: NaiveDate) -> Countdown {
    if today > due {
        Countdown::Overdue(cal.working_days_late(due, today).max(1))
    } else {
        Countdown::Left(cal.working_days_late(today, due))
    }
}

/// Limits of what is typed in.
pub const TITLE_MAX: usize = 200;
pub const TEXT_MAX: usize = 20_000;
pub const RECOMMENDATION_MAX: usize = 2_000;
pub const RECOMMENDATIONS_MAX: usize = 50;
pub const PARTICIPANTS_MAX: usize = 100;

/// The event's title, the state body it is about, a non-profit's name.
pub type Title = BoundedText<5, TITLE_MAX>;
pub type BodyName = BoundedText<3, 300>;
pub type NgoName = BoundedText<2, 300>;
/// The final document's text.
pub type DocumentText = BoundedText<20, TEXT_MAX>;
/// The body's reasoned answer to a recommendation.
pub type AnswerText = BoundedText<10, TEXT_MAX>;
/// Where the hearing is held.
pub type Place = BoundedText<3, 300>;

/// The participants of an event, one per line: 1 to [`PARTICIPANTS_MAX`], each at most 300
/// characters; `None` otherwise.
pub fn participants(text: &str) -> Option<Vec<String>> {
    items(text, PARTICIPANTS_MAX, 300)
}

/// The recommendations of a final document, one per line: 1 to [`RECOMMENDATIONS_MAX`], each
/// at most [`RECOMMENDATION_MAX`] characters; `None` otherwise.
pub fn recommendations(text: &str) -> Option<Vec<String>> {
    items(text, RECOMMENDATIONS_MAX, RECOMMENDATION_MAX)
}

fn items(text: &str, most: usize, longest: usize) -> Option<Vec<String>> {
    let list = split_items(text);
    let fits =
        !list.is_empty() && list.len() <= most && list.iter().all(|i| i.chars().count() <= longest);
    fits.then_some(list)
}

/// A delivery is recorded for a day between the document's date and today.
pub fn delivery_date_ok(on: NaiveDate, document_on: NaiveDate, today: NaiveDate) -> bool {
    on >= document_on && on <= today
}

/// Split a typed list (one item per line) into its items: trimmed, without empty lines or
/// leading list marks ("1.", "-", "•").
pub fn split_items(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let l = l.trim();
            let l = l.trim_start_matches(['-', '•', '*']).trim_start();
            let digits = l.chars().take_while(|c| c.is_ascii_digit()).count();
            let rest = &l[digits..];
            if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) {
                rest[2..].trim().to_string()
            } else {
                l.to_string()
            }
        })
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn item_lists_and_delivery_dates() {
        use super::*;
        assert_eq!(
            recommendations("1. a\n2. b"),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(recommendations("  \n"), None);
        assert_eq!(recommendations(&"x".repeat(RECOMMENDATION_MAX + 1)), None);
        let many = vec!["p"; PARTICIPANTS_MAX + 1].join("\n");
        assert_eq!(participants(&many), None);
        let d = |n| NaiveDate::from_ymd_opt(2026, 3, n).expect("date");
        assert!(delivery_date_ok(d(2), d(1), d(3)));
        assert!(!delivery_date_ok(d(4), d(1), d(3)));
        assert!(!delivery_date_ok(d(1), d(2), d(3)));
    }

    use super::*;
    use chrono::Days;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn kinds_round_trip() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EventKind::parse("party"), None);
    }

    #[test]
    fn legal_deadlines_skip_weekends_and_holidays() {
        let cal = WorkingCalendar::kazakhstan(2026..=2026);
        let d = Deadlines::default();
        // A protocol signed on Friday 20 March 2026: Nauryz (21–25 March) is skipped.
        assert_eq!(d.delivery_due(&cal, day(2026, 3, 20)), day(2026, 4, 3));
        // Delivered on Monday 16 November 2026: ten working days, two weekends.
        assert_eq!(d.answer_due(&cal, day(2026, 11, 16)), day(2026, 11, 30));
        // A hearing announced on Wednesday 25 November: Monday 30th at the earliest.
        assert_eq!(
            d.earliest_hearing(&cal, day(2026, 11, 25)),
            day(2026, 11, 30)
        );
        assert!(d
            .check_notice(&cal, day(2026, 11, 25), day(2026, 11, 30))
            .is_ok());
        assert_eq!(
            d.check_notice(&cal, day(2026, 11, 25), day(2026, 11, 28)),
            Err(NoticeTooShort {
                earliest: day(2026, 11, 30)
            })
        );
    }

    #[test]
    fn countdowns() {
        let cal = WorkingCalendar::kazakhstan(2026..=2026);
        let due = day(2026, 11, 30);
        assert_eq!(countdown(&cal, due, day(2026, 11, 30)), Countdown::Left(0));
        assert_eq!(countdown(&cal, due, day(2026, 11, 27)), Countdown::Left(1));
        assert_eq!(
            countdown(&cal, due, day(2026, 12, 1)),
            Countdown::Overdue(1)
        );
        // A Friday deadline seen on Saturday: late, though no working day has passed yet.
        assert_eq!(
            countdown(&cal, day(2026, 11, 27), day(2026, 11, 28)),
            Countdown::Overdue(1)
        );
        assert!(!Countdown::Left(0).is_overdue());
    }

    #[test]
    fn typed_lists() {
        assert_eq!(
            split_items("1. Жөндеу\n\n - Жарық \n2) Су\n2026 жыл"),
            vec!["Жөндеу", "Жарық", "Су", "2026 жыл"]
        );
        assert!(split_items("  \n ").is_empty());
    }

    proptest! {
        #[test]
        fn deadlines_are_working_days_after_the_start(offset in 0u64..1200) {
            let cal = WorkingCalendar::kazakhstan(2024..=2028);
            let d = Deadlines::default();
            let start = day(2024, 1, 1).checked_add_days(Days::new(offset)).unwrap_or_default();
            for due in [d.delivery_due(&cal, start), d.answer_due(&cal, start), d.earliest_hearing(&cal, start)] {
                prop_assert!(due > start);
                prop_assert!(cal.is_working_day(due));
            }
            prop_assert_eq!(cal.working_days_late(start, d.answer_due(&cal, start)), 10);
            prop_assert_eq!(cal.working_days_late(start, d.delivery_due(&cal, start)), 7);
        }

        #[test]
        fn countdown_counts_down_then_up(offset in 0u64..1200, n in 0u32..40, m in 1u32..40) {
            let cal = WorkingCalendar::kazakhstan(2024..=2028);
            let today = day(2024, 1, 1).checked_add_days(Days::new(offset)).unwrap_or_default();
            let due = cal.add_working_days(today, n);
            prop_assert_eq!(countdown(&cal, due, today), Countdown::Left(n));
            let later = cal.add_working_days(due, m);
            prop_assert_eq!(countdown(&cal, due, later), Countdown::Overdue(m));
        }

        #[test]
        fn notice_is_refused_exactly_before_the_earliest_day(offset in 0u64..1200, ahead in 0u64..15) {
            let cal = WorkingCalendar::kazakhstan(2024..=2028);
            let d = Deadlines::default();
            let today = day(2024, 1, 1).checked_add_days(Days::new(offset)).unwrap_or_default();
            let on = today.checked_add_days(Days::new(ahead)).unwrap_or_default();
            let ok = d.check_notice(&cal, today, on).is_ok();
            prop_assert_eq!(ok, cal.working_days_late(today, on) >= 3);
        }
    }
}
