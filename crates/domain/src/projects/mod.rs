//! Implementation of funded projects (іске асыру / реализация) and their public control:
//! progress and lateness, the monitoring group's acceptance, residents' monitoring reports and
//! the 10-working-day answer deadline on the Kazakhstan calendar ([`WorkingCalendar`]).

use crate::money::Tenge;
pub use crate::oversight::{Bin, BinError, WorkingCalendar};
use crate::text::BoundedText;
use chrono::{DateTime, NaiveDate, Utc};

/// An official answers a resident's monitoring report within this many working days.
pub const ANSWER_WORKING_DAYS: u32 = 10;
/// A project has at most this many documents and photos of its own.
pub const MAX_DOCUMENTS: usize = 30;
/// A monitoring group has 5 to 7 members (бақылау тобы).
pub const GROUP_MIN: usize = 5;
pub const GROUP_MAX: usize = 7;

pub use crate::time::kz_date;

/// The day an answer to a report filed at `filed` is due.
pub fn answer_due(cal: &WorkingCalendar, filed: DateTime<Utc>) -> NaiveDate {
    cal.add_working_days(kz_date(filed), ANSWER_WORKING_DAYS)
}

/// Calendar days after `due` up to `today`; 0 when not yet due. Accountability lists count
/// in calendar days for every kind of item, so that they compare.
pub fn days_overdue(due: NaiveDate, today: NaiveDate) -> i64 {
    (today - due).num_days().max(0)
}

crate::code_enum! {
    /// A resident's judgement of the work on the ground.
    pub enum Judgement {
        NotStarted = "not_started",
        PoorQuality = "poor_quality",
        DoneWell = "done_well",
    }
}

crate::code_enum! {
    /// A monitoring group member's signature on the acceptance of finished work.
    pub enum Verdict {
        Accepted = "accepted",
        AcceptedWithRemarks = "remarks",
        NotAccepted = "not_accepted",
    }
}

crate::code_enum! {
    /// What a line of a project's public log records (each has a `projects-log-<code>`
    /// message).
    pub enum LogKind {
        Record = "record",
        Milestone = "milestone",
        Progress = "progress",
        Payment = "payment",
        File = "file",
        AcceptanceAccepted = "acceptance_accepted",
        AcceptanceRemarks = "acceptance_remarks",
        AcceptanceNotAccepted = "acceptance_not_accepted",
        Answer = "answer",
    }
}

impl LogKind {
    /// The log line of a member's signature with this verdict.
    pub fn acceptance(v: Verdict) -> LogKind {
        match v {
            Verdict::Accepted => LogKind::AcceptanceAccepted,
            Verdict::AcceptedWithRemarks => LogKind::AcceptanceRemarks,
            Verdict::NotAccepted => LogKind::AcceptanceNotAccepted,
        }
    }
}

/// The longest report, answer or acceptance remark, in characters.
pub const TEXT_MAX: usize = 4000;
/// A resident's monitoring report or an official's answer to it: 1 to [`TEXT_MAX`] characters.
pub type ReportText = BoundedText<1, TEXT_MAX>;
/// Acceptance remarks: up to [`TEXT_MAX`] characters, required unless the work is accepted.
pub type Remarks = BoundedText<0, TEXT_MAX>;
/// A payment's note is cut to this many characters.
pub const NOTE_MAX: usize = 300;

/// A report or answer as typed: `Required` when empty, `TooLong` past [`TEXT_MAX`].
pub fn report_text(s: &str) -> Result<ReportText, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::Required);
    }
    ReportText::parse(s).map_err(|_| FieldError::TooLong)
}

/// A payment's note: trimmed and cut to [`NOTE_MAX`] characters.
pub fn payment_note(s: &str) -> String {
    s.trim().chars().take(NOTE_MAX).collect()
}

impl Verdict {
    /// Remarks are required unless the work is accepted as it is.
    pub fn needs_remarks(self) -> bool {
        self != Verdict::Accepted
    }
}

/// The progress of the whole work: the mean of its milestones' percentages (0 without any,
/// 100 once the work is finished).
pub fn progress(milestones: &[u8], finished: bool) -> u8 {
    if finished {
        return 100;
    }
    if milestones.is_empty() {
        return 0;
    }
    let sum: u32 = milestones.iter().map(|p| u32::from((*p).min(100))).sum();
    u8::try_from(sum / milestones.len() as u32).unwrap_or(100)
}

/// What the public page highlights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Health {
    /// Finished after the planned end, or not finished and the planned end has passed.
    pub late: bool,
    /// More paid than the contract sum.
    pub over_budget: bool,
}

pub fn health(
    planned_end: Option<NaiveDate>,
    actual_end: Option<NaiveDate>,
    today: NaiveDate,
    contract: Tenge,
    paid: Tenge,
) -> Health {
    let late = match (planned_end, actual_end) {
        (Some(p), Some(a)) => a > p,
        (Some(p), None) => today > p,
        _ => false,
    };
    Health {
        late,
        over_budget: paid.tiyn() > contract.tiyn(),
    }
}

/// Why a field of an implementation record is refused (each has a `projects-err-<code>` message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("required")]
    Required,
    #[error("not a BIN")]
    Bin,
    #[error("not an amount")]
    Amount,
    #[error("not a date")]
    Date,
    #[error("ends before it starts")]
    Order,
    #[error("not a percentage")]
    Percent,
    #[error("not coordinates")]
    Coordinates,
    #[error("too long")]
    TooLong,
}

impl FieldError {
    pub const ALL: [FieldError; 8] = [
        FieldError::Required,
        FieldError::Bin,
        FieldError::Amount,
        FieldError::Date,
        FieldError::Order,
        FieldError::Percent,
        FieldError::Coordinates,
        FieldError::TooLong,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FieldError::Required => "required",
            FieldError::Bin => "bin",
            FieldError::Amount => "amount",
            FieldError::Date => "date",
            FieldError::Order => "order",
            FieldError::Percent => "percent",
            FieldError::Coordinates => "coordinates",
            FieldError::TooLong => "too-long",
        }
    }
}

/// Whole tenge as people type them ("12 500 000"), at most a trillion.
pub fn parse_amount(s: &str) -> Result<Tenge, FieldError> {
    s.parse().map_err(|e| match e {
        crate::money::TengeError::Empty => FieldError::Required,
        crate::money::TengeError::Invalid => FieldError::Amount,
    })
}

/// An end date never comes before its start date (both optional).
pub fn check_period(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<(), FieldError> {
    match (start, end) {
        (Some(a), Some(b)) if b < a => Err(FieldError::Order),
        _ => Ok(()),
    }
}

/// Remarks on a signature with this verdict: `Required` when missing where needed, `TooLong`
/// past [`TEXT_MAX`].
pub fn acceptance_remarks(verdict: Verdict, remarks: &str) -> Result<Remarks, RemarksError> {
    let r = Remarks::parse(remarks).map_err(|_| RemarksError::TooLong)?;
    if verdict.needs_remarks() && r.as_str().is_empty() {
        return Err(RemarksError::Required);
    }
    Ok(r)
}

/// Why acceptance remarks are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RemarksError {
    #[error("remarks are required unless the work is accepted as it is")]
    Required,
    #[error("too long")]
    TooLong,
}

/// An optional date from a date field (`YYYY-MM-DD`, or `DD.MM.YYYY` typed by hand).
pub fn parse_date(s: &str) -> Result<Option<NaiveDate>, FieldError> {
    crate::time::parse_optional_date(s).map_err(|_| FieldError::Date)
}

pub fn parse_percent(s: &str) -> Result<u8, FieldError> {
    match s.trim().trim_end_matches('%').trim().parse::<u8>() {
        Ok(p) if p <= 100 => Ok(p),
        _ => Err(FieldError::Percent),
    }
}

/// Optional coordinates ("51.1694", "71.4491"); both or neither.
pub fn parse_coordinates(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, FieldError> {
    let (lat, lon) = (lat.trim().replace(',', "."), lon.trim().replace(',', "."));
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    match (lat.parse::<f64>(), lon.parse::<f64>()) {
        (Ok(a), Ok(o)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&o) => {
            Ok(Some((a, o)))
        }
        _ => Err(FieldError::Coordinates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_remarks() {
        let (a, b) = (day(2026, 1, 1), day(2026, 2, 1));
        assert_eq!(check_period(Some(a), Some(b)), Ok(()));
        assert_eq!(check_period(Some(b), Some(a)), Err(FieldError::Order));
        assert_eq!(check_period(None, Some(a)), Ok(()));
        assert!(acceptance_remarks(Verdict::Accepted, " ").is_ok());
        assert_eq!(
            acceptance_remarks(Verdict::NotAccepted, " "),
            Err(RemarksError::Required)
        );
        assert_eq!(
            acceptance_remarks(Verdict::Accepted, &"x".repeat(TEXT_MAX + 1)),
            Err(RemarksError::TooLong)
        );
    }

    #[test]
    fn texts_notes_and_log_kinds() {
        assert_eq!(report_text("  "), Err(FieldError::Required));
        assert_eq!(
            report_text(&"ж".repeat(TEXT_MAX + 1)),
            Err(FieldError::TooLong)
        );
        assert_eq!(
            report_text(&"ж".repeat(TEXT_MAX)).map(|t| t.as_str().chars().count()),
            Ok(TEXT_MAX)
        );
        assert_eq!(
            payment_note(&format!("  {}", "a".repeat(400))).len(),
            NOTE_MAX
        );
        for v in Verdict::ALL {
            let k = LogKind::acceptance(v);
            assert_eq!(k.as_str(), format!("acceptance_{}", v.as_str()));
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn progress_and_health() {
        assert_eq!(progress(&[], false), 0);
        assert_eq!(progress(&[100, 50, 0], false), 50);
        assert_eq!(progress(&[10], true), 100);
        let c = Tenge::from_tenge(1_000);
        let h = health(
            Some(day(2026, 6, 1)),
            None,
            day(2026, 6, 2),
            c,
            Tenge::from_tenge(1_001),
        );
        assert!(h.late && h.over_budget);
        let h = health(
            Some(day(2026, 6, 1)),
            Some(day(2026, 5, 30)),
            day(2026, 9, 1),
            c,
            c,
        );
        assert_eq!(h, Health::default());
        assert!(
            health(
                Some(day(2026, 6, 1)),
                Some(day(2026, 6, 3)),
                day(2026, 6, 3),
                c,
                c
            )
            .late
        );
    }

    #[test]
    fn answer_deadline_in_working_days() {
        let cal = WorkingCalendar::kazakhstan(2026..=2026);
        // Filed on Friday 20 March 2026 at 10:00 in Astana (05:00 UTC): Nauryz is skipped.
        let filed = day(2026, 3, 20)
            .and_hms_opt(5, 0, 0)
            .unwrap_or_default()
            .and_utc();
        assert_eq!(answer_due(&cal, filed), day(2026, 4, 8));
        // 22:00 UTC on the 19th is already the 20th in Kazakhstan.
        let late_evening = day(2026, 3, 19)
            .and_hms_opt(22, 0, 0)
            .unwrap_or_default()
            .and_utc();
        assert_eq!(kz_date(late_evening), day(2026, 3, 20));
        assert_eq!(days_overdue(day(2026, 4, 8), day(2026, 4, 1)), 0);
        assert_eq!(days_overdue(day(2026, 4, 8), day(2026, 4, 11)), 3);
    }

    #[test]
    fn parsing_what_people_type() {
        assert_eq!(
            parse_amount("12 500 000").map(|t| t.tiyn()),
            Ok(1_250_000_000)
        );
        assert_eq!(parse_amount(""), Err(FieldError::Required));
        assert_eq!(parse_amount("12,5"), Err(FieldError::Amount));
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("2026-02-30"), Err(FieldError::Date));
        assert_eq!(parse_percent("75 %"), Ok(75));
        assert_eq!(parse_percent("101"), Err(FieldError::Percent));
        assert_eq!(parse_coordinates("", ""), Ok(None));
        assert_eq!(
            parse_coordinates("51,17", "71.45"),
            Ok(Some((51.17, 71.45)))
        );
        assert_eq!(parse_coordinates("51.17", ""), Err(FieldError::Coordinates));
        assert_eq!(
            Verdict::parse("remarks"),
            Some(Verdict::AcceptedWithRemarks)
        );
        assert!(!Verdict::Accepted.needs_remarks());
        assert_eq!(Judgement::parse("done_well"), Some(Judgement::DoneWell));
    }
}
