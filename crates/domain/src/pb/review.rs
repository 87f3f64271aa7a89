//! The expert council's work on a proposal: members' conclusions and the council's decision,
//! parsed once with every wrong field reported in the order of the form.

use super::{Decision, Stage};
use crate::money::Tenge;
use crate::text::BoundedText;

/// A member's comment on a proposal.
pub type ConclusionComment = BoundedText<3, 2000>;
/// Why a proposal was refused, returned or merged: at least ten characters.
pub type DecisionReason = BoundedText<10, { usize::MAX }>;

/// What is wrong with a conclusion or a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("the cycle is not at the review stage")]
    NotReview,
    #[error("the adjusted cost is not an amount")]
    Cost,
    #[error("the comment must have 3 to 2000 characters")]
    Comment,
    #[error("unknown decision")]
    Decision,
    #[error("a refusal, a return or a merge needs a reason of at least ten characters")]
    Reason,
    #[error("choose another proposal of the same cycle to merge into")]
    Merge,
}

/// A member's conclusion that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conclusion {
    pub legal: bool,
    pub feasible: bool,
    pub adjusted_cost: Option<Tenge>,
    pub comment: ConclusionComment,
}

impl Conclusion {
    /// Parse a conclusion given while the cycle is at `stage` (only during review).
    pub fn parse(
        stage: Stage,
        legal: bool,
        feasible: bool,
        adjusted_cost: &str,
        comment: &str,
    ) -> Result<Conclusion, Vec<ReviewError>> {
        let mut errors = Vec::new();
        if stage != Stage::Review {
            errors.push(ReviewError::NotReview);
        }
        let cost = if adjusted_cost.trim().is_empty() {
            Some(None)
        } else {
            adjusted_cost.parse::<Tenge>().ok().map(Some)
        };
        if cost.is_none() {
            errors.push(ReviewError::Cost);
        }
        let comment = ConclusionComment::parse(comment);
        if comment.is_err() {
            errors.push(ReviewError::Comment);
        }
        match (cost, comment) {
            (Some(adjusted_cost), Ok(comment)) if errors.is_empty() => Ok(Conclusion {
                legal,
                feasible,
                adjusted_cost,
                comment,
            }),
            _ => Err(errors),
        }
    }
}

/// The council's decision that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict<Id> {
    pub decision: Decision,
    /// Required for every decision but admission; kept when given with one.
    pub reason: Option<String>,
    /// The proposal a merged one goes into.
    pub merged_into: Option<Id>,
}

impl<Id> Verdict<Id> {
    /// Parse a decision taken while the cycle is at `stage`. `merge_target` is the proposal
    /// named to merge into when it exists, is another one and is of the same cycle.
    pub fn parse(
        stage: Stage,
        decision: &str,
        reason: &str,
        merge_target: Option<Id>,
    ) -> Result<Verdict<Id>, Vec<ReviewError>> {
        let mut errors = Vec::new();
        if stage != Stage::Review {
            errors.push(ReviewError::NotReview);
        }
        let decision = Decision::parse(decision.trim());
        let reason = reason.trim();
        match decision {
            None => errors.push(ReviewError::Decision),
            Some(d) if d.needs_reason() && DecisionReason::parse(reason).is_err() => {
                errors.push(ReviewError::Reason)
            }
            _ => {}
        }
        let merged_into = match decision {
            Some(Decision::Merge) => {
                if merge_target.is_none() {
                    errors.push(ReviewError::Merge);
                }
                merge_target
            }
            _ => None,
        };
        match decision {
            Some(decision) if errors.is_empty() => Ok(Verdict {
                decision,
                reason: (!reason.is_empty()).then(|| reason.to_string()),
                merged_into,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conclusions_are_given_during_review_with_a_comment() {
        let k = Conclusion::parse(Stage::Review, true, false, "1 000", " Дұрыс ");
        assert_eq!(
            k.map(|k| (k.adjusted_cost, k.comment.into_string())),
            Ok((Some(Tenge::from_tenge(1000)), "Дұрыс".into()))
        );
        assert_eq!(
            Conclusion::parse(Stage::Discussion, true, true, "x", "ok"),
            Err(vec![
                ReviewError::NotReview,
                ReviewError::Cost,
                ReviewError::Comment
            ])
        );
        assert!(Conclusion::parse(Stage::Review, true, true, "", &"a".repeat(2001)).is_err());
    }

    #[test]
    fn decisions_need_reasons_and_merges_a_target() {
        let v = Verdict::parse(Stage::Review, "admit", "", None::<u8>);
        assert_eq!(v.map(|v| v.decision), Ok(Decision::Admit));
        assert_eq!(
            Verdict::parse(Stage::Review, "reject", "too short", None::<u8>),
            Err(vec![ReviewError::Reason])
        );
        assert_eq!(
            Verdict::parse(Stage::Review, "merge", "the same project twice", None::<u8>),
            Err(vec![ReviewError::Merge])
        );
        let m = Verdict::parse(Stage::Review, "merge", "the same project twice", Some(7u8));
        assert_eq!(m.map(|v| v.merged_into), Ok(Some(7)));
        assert_eq!(
            Verdict::parse(Stage::Voting, "maybe", "", None::<u8>),
            Err(vec![ReviewError::NotReview, ReviewError::Decision])
        );
    }
}
