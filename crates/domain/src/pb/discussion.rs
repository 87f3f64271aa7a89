//! Discussion of proposals (талқылау / обсуждение): who may comment when, the limits of a
//! comment, the moderator's public reason, and what a face-to-face meeting's record needs.

use super::{ProposalStatus, Stage};
use crate::text::BoundedText;
use chrono::NaiveDate;

pub use crate::text::Length;

/// A comment's text, trimmed; plain text (the page escapes it).
pub type CommentText = BoundedText<2, 1000>;
/// The moderator's public reason for hiding a comment (required) or restoring it.
pub type ModerationReason = BoundedText<5, 300>;
/// Where a face-to-face meeting was held.
pub type MeetingPlace = BoundedText<3, 200>;
/// A meeting's minutes.
pub type Minutes = BoundedText<10, 10_000>;
/// The most people a meeting's record may count.
pub const MAX_ATTENDANCE: i64 = 100_000;

/// Why a comment cannot be written on this proposal now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CommentRefused {
    #[error("only proposals admitted by the expert council are discussed")]
    NotAdmitted,
    #[error("comments open when discussion starts")]
    NotYet,
    #[error("comments closed when voting ended")]
    Closed,
}

/// Comments are written on admitted proposals while the cycle is in discussion or voting.
pub fn may_comment(stage: Stage, status: ProposalStatus) -> Result<(), CommentRefused> {
    if status != ProposalStatus::Admitted {
        return Err(CommentRefused::NotAdmitted);
    }
    match stage {
        Stage::Discussion | Stage::Voting => Ok(()),
        s if s < Stage::Discussion => Err(CommentRefused::NotYet),
        _ => Err(CommentRefused::Closed),
    }
}

/// What is wrong with a meeting's record; each variant names one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeetingError {
    #[error("the date is missing or not a date")]
    Date,
    #[error("the meeting cannot be recorded before it happens")]
    FutureDate,
    #[error("the place: {0}")]
    Place(Length),
    #[error("attendance must be a whole number from 1 to {0}")]
    Attendance(i64),
    #[error("the minutes: {0}")]
    Minutes(Length),
}

/// A face-to-face meeting as typed in, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRecord {
    pub held_on: NaiveDate,
    pub place: MeetingPlace,
    pub attendance: i64,
    pub minutes: Minutes,
}

/// Check a meeting's date, place, attendance and minutes; every problem is listed.
pub fn check_meeting(
    held_on: &str,
    place: &str,
    attendance: &str,
    minutes: &str,
    today: NaiveDate,
) -> Result<MeetingRecord, Vec<MeetingError>> {
    let mut errors = Vec::new();
    let date = crate::time::parse_date(held_on).ok();
    match date {
        None => errors.push(MeetingError::Date),
        Some(d) if d > today => errors.push(MeetingError::FutureDate),
        Some(_) => {}
    }
    let place = MeetingPlace::parse(place).map_err(|e| errors.push(MeetingError::Place(e)));
    let attendance = attendance
        .trim()
        .replace([' ', '\u{a0}'], "")
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_ATTENDANCE).contains(n));
    if attendance.is_none() {
        errors.push(MeetingError::Attendance(MAX_ATTENDANCE));
    }
    let minutes = Minutes::parse(minutes).map_err(|e| errors.push(MeetingError::Minutes(e)));
    match (date, place, attendance, minutes) {
        (Some(held_on), Ok(place), Some(attendance), Ok(minutes)) if errors.is_empty() => {
            Ok(MeetingRecord {
                held_on,
                place,
                attendance,
                minutes,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_follow_the_stage_and_the_status() {
        use ProposalStatus as P;
        assert_eq!(may_comment(Stage::Discussion, P::Admitted), Ok(()));
        assert_eq!(may_comment(Stage::Voting, P::Admitted), Ok(()));
        assert_eq!(
            may_comment(Stage::Review, P::Admitted),
            Err(CommentRefused::NotYet)
        );
        assert_eq!(
            may_comment(Stage::Results, P::Admitted),
            Err(CommentRefused::Closed)
        );
        for s in [P::Submitted, P::Rejected, P::Returned, P::Merged] {
            assert_eq!(
                may_comment(Stage::Discussion, s),
                Err(CommentRefused::NotAdmitted)
            );
        }
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(
            CommentText::parse("  Жақсы ой!  ").map(|t| t.into_string()),
            Ok("Жақсы ой!".into())
        );
        assert!(CommentText::parse(" a ").is_err());
        assert!(CommentText::parse(&"ә".repeat(1001)).is_err());
        assert!(CommentText::parse(&"ә".repeat(1000)).is_ok());
        assert!(ModerationReason::parse("   ").is_err());
        assert!(ModerationReason::parse("Балағат сөз").is_ok());
    }

    #[test]
    fn meetings_need_a_past_date_people_and_minutes() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 10).unwrap_or_default();
        let ok = check_meeting(
            "2026-05-09",
            "Мәдениет үйі",
            "1 200",
            "Жиналыс екі ұсынысты талқылады.",
            today,
        );
        assert_eq!(ok.map(|m| m.attendance), Ok(1200));
        let bad = check_meeting("2026-05-11", "", "0", "қысқа", today);
        let errors = bad.err().unwrap_or_default();
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors.contains(&MeetingError::FutureDate));
        assert!(matches!(
            check_meeting("ертең", "Клуб", "5", "Хаттама мәтіні осында.", today),
            Err(e) if e == vec![MeetingError::Date]
        ));
    }
}
