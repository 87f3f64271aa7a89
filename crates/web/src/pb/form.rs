//! The cycle set-up form: what the coordinator typed, and turning it into a valid cycle or
//! the field messages of what the domain refused, in the reader's language.

use crate::pages::{Ctx, FieldErrors};
use chrono::NaiveDate;
use domain::pb::setup::{COFINANCING_LINES, DATE_FIELDS};
use domain::pb::{BallotType, CountingRule, ScheduleError, SetupError, SetupInput};
use serde::Deserialize;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct CycleForm {
    pub year: String,
    pub housing_spending: String,
    pub share_percent: String,
    pub cof_source_0: String,
    pub cof_amount_0: String,
    pub cof_turnout_0: String,
    pub cof_source_1: String,
    pub cof_amount_1: String,
    pub cof_turnout_1: String,
    pub cof_source_2: String,
    pub cof_amount_2: String,
    pub cof_turnout_2: String,
    pub ballot_type: String,
    pub ballot_k: String,
    pub rule: String,
    pub min_age: String,
    pub min_level: String,
    pub max_proposals: String,
    pub revision_enabled: Option<String>,
    pub votes_visible: Option<String>,
    pub changes_allowed: Option<String>,
    pub collection_start: String,
    pub collection_end: String,
    pub review_end: String,
    pub discussion_end: String,
    pub voting_start: String,
    pub voting_end: String,
}

impl CycleForm {
    /// The defaults a new form starts with: the legal practice (one vote, greedy, 18+).
    pub fn defaults(today: NaiveDate) -> CycleForm {
        use chrono::Datelike;
        let y = today.year() + 1;
        let d = |m: u32, day: u32| {
            NaiveDate::from_ymd_opt(y, m, day)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        CycleForm {
            year: y.to_string(),
            share_percent: "10".into(),
            ballot_type: BallotType::OneVote.as_str().into(),
            ballot_k: "3".into(),
            rule: CountingRule::Greedy.as_str().into(),
            min_age: "18".into(),
            min_level: domain::accounts::DEFAULT_REQUIREMENT.as_str().into(),
            max_proposals: "3".into(),
            votes_visible: Some("on".into()),
            collection_start: d(1, 20),
            collection_end: d(3, 1),
            review_end: d(3, 20),
            discussion_end: d(4, 1),
            voting_start: d(4, 2),
            voting_end: d(4, 15),
            ..CycleForm::default()
        }
    }

    pub fn ballot_is(&self, code: &str) -> bool {
        self.ballot_type.trim() == code
    }

    pub fn rule_is(&self, code: &str) -> bool {
        self.rule.trim() == code
    }

    /// The six dates, in the order of `DATE_FIELDS`.
    pub fn dates(&self) -> [&str; 6] {
        [
            &self.collection_start,
            &self.collection_end,
            &self.review_end,
            &self.discussion_end,
            &self.voting_start,
            &self.voting_end,
        ]
    }

    pub fn cofinancing(&self) -> [(&str, &str, &str); COFINANCING_LINES] {
        [
            (&self.cof_source_0, &self.cof_amount_0, &self.cof_turnout_0),
            (&self.cof_source_1, &self.cof_amount_1, &self.cof_turnout_1),
            (&self.cof_source_2, &self.cof_amount_2, &self.cof_turnout_2),
        ]
    }
}

impl CycleForm {
    /// The form as the domain's set-up parser reads it; `egov_sign_in` says whether the
    /// server may require eGov verification.
    pub fn input(&self, egov_sign_in: bool) -> SetupInput<'_> {
        SetupInput {
            year: &self.year,
            housing_spending: &self.housing_spending,
            share_percent: &self.share_percent,
            cofinancing: self.cofinancing(),
            ballot_type: &self.ballot_type,
            ballot_k: &self.ballot_k,
            rule: &self.rule,
            min_age: &self.min_age,
            min_level: &self.min_level,
            egov_available: egov_sign_in,
            max_proposals: &self.max_proposals,
            revision_enabled: self.revision_enabled.is_some(),
            votes_visible: self.votes_visible.is_some(),
            changes_allowed: self.changes_allowed.is_some(),
            dates: self.dates(),
        }
    }
}

/// The set-up's errors as field messages in the reader's language.
pub fn messages(c: &Ctx, errors: &[SetupError]) -> FieldErrors {
    let mut e = FieldErrors::default();
    for err in errors {
        let (field, message) = match *err {
            SetupError::Year => ("year", c.t("pb-err-year")),
            SetupError::Housing => ("housing_spending", c.t("pb-err-money")),
            SetupError::Share => ("share_percent", c.t("pb-err-share")),
            SetupError::ShareBelowMinimum { min_bp } => (
                "share_percent",
                c.t_str("pb-err-share-minimum", "min", &c.lang.percent(min_bp)),
            ),
            SetupError::CoFinancing(i) => (
                super::COF_AMOUNTS.get(i).copied().unwrap_or("cof_amount_0"),
                c.t("pb-err-cofinancing"),
            ),
            SetupError::Ballot => ("ballot_k", c.t("pb-err-ballot")),
            SetupError::Rule => ("rule", c.t("pb-err-rule")),
            SetupError::MinAge => ("min_age", c.t("pb-err-age")),
            SetupError::Level => ("min_level", c.t("pb-err-verification")),
            SetupError::MaxProposals => ("max_proposals", c.t("pb-err-max-proposals")),
            SetupError::Date(i) => (
                DATE_FIELDS.get(i).copied().unwrap_or("collection_start"),
                c.t("pb-err-date"),
            ),
            SetupError::Schedule(s) => match s {
                ScheduleError::Collection => ("collection_end", c.t("pb-err-schedule-collection")),
                ScheduleError::Review => ("review_end", c.t("pb-err-schedule-review")),
                ScheduleError::Discussion => ("discussion_end", c.t("pb-err-schedule-discussion")),
                ScheduleError::Voting => ("voting_end", c.t("pb-err-schedule-voting")),
            },
            SetupError::NoMrp => ("collection_start", c.t("pb-err-no-mrp")),
        };
        e.add(field, message);
    }
    e
}
