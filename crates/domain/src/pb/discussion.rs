//! Discussion of proposals (талқылау / обсуждение): who may comment when, the limits of a
//! comment, the moderator's public reason, and what a face-to-face meeting's record needs.

use super::{ProposalStatus, Stage};
use chrono::NaiveDate;

/// Limits of comments, moderation reasons and meeting records; defaults, configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscussionLimits {
    pub comment_chars: (usize, usize),
    pub reason_chars: (usize, usize),
    pub place_chars: (usize, usize),
    pub minutes_chars: (usize, usize),
    pub max_attendance: i64,
}

impl Default for DiscussionLimits {
    fn default() -> DiscussionLimits {
        DiscussionLimits {
            comment_chars: (2, 1000),
            reason_chars: (5, 300),
            place_chars: (3, 200),
            minutes_chars: (10, 10_000),
            max_attendance: 100_000,
        }
    }
}

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

/// A text outside its length limits (counted in characters, after trimming).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the text must have {min} to {max} characters")]
pub struct Length {
    pub min: usize,
    pub max: usize,
}

fn within(text: &str, (min, max): (usize, usize)) -> Result<String, Length> {
    let t = text.trim();
    if (min..=max).contains(&t.chars().count()) {
        Ok(t.to_string())
    } else {
        Err(Length { min, max })
    }
}

/// A comment's text, trimmed; plain text (the page escapes it).
pub fn check_comment(text: &str, l: &DiscussionLimits) -> Result<String, Length> {
    within(text, l.comment_chars)
}

/// The moderator's public reason for hiding a comment (required) or restoring it.
pub fn check_reason(text: &str, l: &DiscussionLimits) -> Result<String, Length> {
    within(text, l.reason_chars)
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
    pub place: String,
    pub attendance: i64,
    pub minutes: String,
}

/// Check a meeting's date, place, attendance and minutes; every problem is listed.
pub fn check_meeting(
    held_on: &str,
    place: &str,
    attendance: &str,
    minutes: &str,
    today: NaiveDate,
    l: &DiscussionLimits,
) -> Result<MeetingRecord, Vec<MeetingError>> {
    let mut errors = Vec::new();
    let date = crate::time::parse_date(held_on).ok();
    match date {
        None => errors.push(MeetingError::Date),
        Some(d) if d > today => errors.push(MeetingError::FutureDate),
        Some(_) => {}
    }
    let place = within(place, l.place_chars).map_err(|e| errors.push(MeetingError::Place(e)));
    let attendance = attendance
        .trim()
        .replace([' ', '\u{a0}'], "")
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=l.max_attendance).contains(n));
    if attendance.is_none() {
        errors.push(MeetingError::Attendance(l.max_attendance));
    }
    let minutes =
        within(minutes, l.minutes_chars).map_err(|e| errors.push(MeetingError::Minutes(e)));
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
        let l = DiscussionLimits::default();
        assert_eq!(check_comment("  Жақсы ой!  ", &l), Ok("Жақсы ой!".into()));
        assert!(check_comment(" a ", &l).is_err());
        assert!(check_comment(&"ә".repeat(1001), &l).is_err());
        assert!(check_comment(&"ә".repeat(1000), &l).is_ok());
        assert!(check_reason("   ", &l).is_err());
        assert!(check_reason("Балағат сөз", &l).is_ok());
    }

    #[test]
    fn meetings_need_a_past_date_people_and_minutes() {
        let l = DiscussionLimits::default();
        let today = NaiveDate::from_ymd_opt(2026, 5, 10).unwrap_or_default();
        let ok = check_meeting(
            "2026-05-09",
            "Мәдениет үйі",
            "1 200",
            "Жиналыс екі ұсынысты талқылады.",
            today,
            &l,
        );
        assert_eq!(ok.map(|m| m.attendance), Ok(1200));
        let bad = check_meeting("2026-05-11", "", "0", "қысқа", today, &l);
        let errors = bad.err().unwrap_or_default();
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors.contains(&MeetingError::FutureDate));
        assert!(matches!(
            check_meeting("ертең", "Клуб", "5", "Хаттама мәтіні осында.", today, &l),
            Err(e) if e == vec![MeetingError::Date]
        ));
    }
}
