//! The cycle set-up form: what the coordinator typed, and turning it into a valid cycle or
//! a list of field errors in the reader's language.

use crate::pages::{Ctx, FieldErrors};
use chrono::NaiveDate;
use domain::money::{Mrp, Tenge};
use domain::pb::{
    BallotType, CapRules, CoFinancing, CoFinancingSource, CountingRule, Eligibility, Envelope,
    Schedule, ScheduleError, ShareError, ShareRules,
};
use domain::TerritoryKind;
use serde::Deserialize;
use store::pb::NewCycle;
use uuid::Uuid;

/// Co-financing lines offered on the form.
pub const COFINANCING_LINES: usize = 3;

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
    pub min_verification: String,
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
            min_verification: "0".into(),
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

/// The territory the cycle is for, as the rules need it.
pub struct Place {
    pub id: Uuid,
    pub kind: TerritoryKind,
    pub parent_kind: Option<TerritoryKind>,
}

fn digits_only(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect()
}

/// Whole tenge, with spaces allowed between groups (`Tenge`'s own parser).
pub fn parse_tenge(s: &str) -> Option<Tenge> {
    s.parse().ok()
}

/// A percentage like "10", "7,5" or "7.5" as basis points.
pub fn parse_percent_bp(s: &str) -> Option<u32> {
    let clean = digits_only(s).replace(',', ".");
    let (whole, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if frac.len() > 2 || whole.is_empty() {
        return None;
    }
    let w: u32 = whole.parse().ok()?;
    let f: u32 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    w.checked_mul(100)?
        .checked_add(f)
        .filter(|bp| *bp <= 10_000)
}

fn date(s: &str) -> Option<NaiveDate> {
    domain::time::parse_date(s).ok()
}

/// Percent with up to two decimals, for messages: 500 → "5", 750 → "7.5".
pub fn percent(bp: u32) -> String {
    if bp.is_multiple_of(100) {
        (bp / 100).to_string()
    } else {
        format!("{}.{:02}", bp / 100, bp % 100)
            .trim_end_matches('0')
            .to_string()
    }
}

/// Check everything; on success the cycle to store.
pub fn validate(
    c: &Ctx,
    f: &CycleForm,
    place: &Place,
    mrp_table: &[Mrp],
) -> Result<NewCycle, FieldErrors> {
    let mut e = FieldErrors::default();
    let year = f
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2015..=2100).contains(y));
    if year.is_none() {
        e.add("year", c.t("pb-err-year"));
    }
    let housing = parse_tenge(&f.housing_spending);
    if housing.is_none() {
        e.add("housing_spending", c.t("pb-err-money"));
    }
    let share = parse_percent_bp(&f.share_percent);
    match share.map(|bp| ShareRules::default().check(bp, place.kind, place.parent_kind)) {
        None | Some(Err(ShareError::AboveWhole)) => e.add("share_percent", c.t("pb-err-share")),
        Some(Err(ShareError::BelowMinimum { min_bp })) => e.add(
            "share_percent",
            c.t_str("pb-err-share-minimum", "min", &percent(min_bp)),
        ),
        Some(Ok(())) => {}
    }
    let mut cofinancing = Vec::new();
    for (i, (source, amount, turnout)) in f.cofinancing().into_iter().enumerate() {
        if source.trim().is_empty() && amount.trim().is_empty() {
            continue;
        }
        let field = super::COF_AMOUNTS[i];
        let src = CoFinancingSource::parse(source.trim());
        let amt = parse_tenge(amount).filter(|t| t.tiyn() > 0);
        let min_turnout_bp = if turnout.trim().is_empty() {
            Some(None)
        } else {
            parse_percent_bp(turnout).map(Some)
        };
        match (src, amt, min_turnout_bp) {
            (Some(source), Some(amount), Some(min_turnout_bp)) => cofinancing.push(CoFinancing {
                source,
                amount,
                min_turnout_bp,
            }),
            _ => e.add(field, c.t("pb-err-cofinancing")),
        }
    }
    let k = f
        .ballot_k
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|k| (1..=50).contains(k));
    let ballot = BallotType::parse(f.ballot_type.trim(), k);
    if ballot.is_none() {
        e.add("ballot_k", c.t("pb-err-ballot"));
    }
    let rule = CountingRule::parse(f.rule.trim());
    if rule.is_none() {
        e.add("rule", c.t("pb-err-rule"));
    }
    let min_age = f
        .min_age
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|a| (14..=100).contains(a));
    if min_age.is_none() {
        e.add("min_age", c.t("pb-err-age"));
    }
    let min_verification = f
        .min_verification
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|v| (0..=2).contains(v));
    if min_verification.is_none() {
        e.add("min_verification", c.t("pb-err-verification"));
    }
    let max_proposals = f
        .max_proposals
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=20).contains(n));
    if max_proposals.is_none() {
        e.add("max_proposals", c.t("pb-err-max-proposals"));
    }
    let schedule = schedule(c, f, &mut e);
    let mrp = schedule.and_then(|s| Mrp::in_force(mrp_table, s.collection_start));
    if schedule.is_some() && mrp.is_none() {
        e.add("collection_start", c.t("pb-err-no-mrp"));
    }
    match (
        year,
        housing,
        share,
        ballot,
        rule,
        min_age,
        min_verification,
        max_proposals,
        schedule,
        mrp,
    ) {
        (
            Some(year),
            Some(housing),
            Some(share_bp),
            Some(ballot),
            Some(rule),
            Some(min_age),
            Some(min_v),
            Some(max_p),
            Some(schedule),
            Some(mrp),
        ) if e.is_empty() => Ok(NewCycle {
            territory_id: place.id,
            year,
            envelope: Envelope {
                housing_spending: housing,
                share_bp,
                cofinancing,
            },
            mrp: mrp.value,
            cap_mrp: CapRules::default().cap_mrp(place.kind, place.parent_kind),
            ballot,
            rule,
            eligibility: Eligibility {
                min_age,
                min_verification: min_v,
            },
            max_proposals_per_author: max_p,
            revision_enabled: f.revision_enabled.is_some(),
            votes_visible: f.votes_visible.is_some(),
            changes_allowed: f.changes_allowed.is_some(),
            schedule,
        }),
        _ => Err(e),
    }
}

fn schedule(c: &Ctx, f: &CycleForm, e: &mut FieldErrors) -> Option<Schedule> {
    let fields = [
        ("collection_start", &f.collection_start),
        ("collection_end", &f.collection_end),
        ("review_end", &f.review_end),
        ("discussion_end", &f.discussion_end),
        ("voting_start", &f.voting_start),
        ("voting_end", &f.voting_end),
    ];
    let mut dates = Vec::new();
    for (name, value) in fields {
        match date(value) {
            Some(d) => dates.push(d),
            None => e.add(name, c.t("pb-err-date")),
        }
    }
    let [collection_start, collection_end, review_end, discussion_end, voting_start, voting_end] =
        dates[..]
    else {
        return None;
    };
    let s = Schedule {
        collection_start,
        collection_end,
        review_end,
        discussion_end,
        voting_start,
        voting_end,
    };
    match s.validate() {
        Ok(()) => Some(s),
        Err(err) => {
            let (field, id) = match err {
                ScheduleError::Collection => ("collection_end", "pb-err-schedule-collection"),
                ScheduleError::Review => ("review_end", "pb-err-schedule-review"),
                ScheduleError::Discussion => ("discussion_end", "pb-err-schedule-discussion"),
                ScheduleError::Voting => ("voting_end", "pb-err-schedule-voting"),
            };
            e.add(field, c.t(id));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_type_them() {
        assert_eq!(
            parse_tenge("25 000 000"),
            Some(Tenge::from_tenge(25_000_000))
        );
        assert_eq!(parse_tenge("-5"), None);
        assert_eq!(parse_tenge("abc"), None);
        assert_eq!(parse_percent_bp("10"), Some(1000));
        assert_eq!(parse_percent_bp("7,5"), Some(750));
        assert_eq!(parse_percent_bp("0.25"), Some(25));
        assert_eq!(parse_percent_bp("100.5"), None);
        assert_eq!(parse_percent_bp("1.234"), None);
        assert_eq!(parse_percent_bp(""), None);
        assert_eq!(percent(500), "5");
        assert_eq!(percent(750), "7.5");
        assert_eq!(percent(1025), "10.25");
    }
}
