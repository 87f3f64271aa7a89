//! Setting up a cycle: what the coordinator typed, parsed once into a [`CycleSetup`] that can
//! only be valid, or the list of what is wrong, field by field ("parse, don't validate").

use super::{
    BallotType, CapRules, CoFinancing, CoFinancingSource, CountingRule, Eligibility, Envelope,
    Schedule, ScheduleError, ShareError, ShareRules,
};
use crate::accounts::Level;
use crate::money::{Mrp, Tenge};
use crate::territories::TerritoryKind;
use chrono::NaiveDate;
use std::ops::RangeInclusive;

/// Years a cycle may be set up for.
pub const YEARS: RangeInclusive<i32> = 2015..=2100;
/// Projects a voter may choose on an "up to k" ballot.
pub const BALLOT_K: RangeInclusive<u32> = 1..=50;
/// The voters' minimum age a cycle may set.
pub const MIN_AGE: RangeInclusive<u32> = 14..=100;
/// Proposals one author may submit in a cycle.
pub const PROPOSALS_PER_AUTHOR: RangeInclusive<i64> = 1..=20;
/// Co-financing lines a set-up may have.
pub const COFINANCING_LINES: usize = 3;

/// The set-up as typed (every field a string, as on the form).
#[derive(Debug, Clone, Default)]
pub struct SetupInput<'a> {
    pub year: &'a str,
    pub housing_spending: &'a str,
    pub share_percent: &'a str,
    /// (source, amount, minimum turnout in percent) per line; a line with neither source nor
    /// amount is left out.
    pub cofinancing: [(&'a str, &'a str, &'a str); COFINANCING_LINES],
    pub ballot_type: &'a str,
    pub ballot_k: &'a str,
    pub rule: &'a str,
    pub min_age: &'a str,
    /// The verification level voters need (a [`Level`] code).
    pub min_level: &'a str,
    /// Whether eGov sign-in is configured, so that `egov` may be required.
    pub egov_available: bool,
    pub max_proposals: &'a str,
    pub revision_enabled: bool,
    pub votes_visible: bool,
    pub changes_allowed: bool,
    /// The six dates in the order of [`DATE_FIELDS`].
    pub dates: [&'a str; 6],
}

/// The kind of the territory a cycle is for and of its parent: the minimum share and the cap
/// depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub kind: TerritoryKind,
    pub parent_kind: Option<TerritoryKind>,
}

impl Place {
    pub fn minimum_share_bp(self) -> u32 {
        ShareRules::default().minimum_bp(self.kind, self.parent_kind)
    }

    pub fn cap_mrp(self) -> i64 {
        CapRules::default().cap_mrp(self.kind, self.parent_kind)
    }
}

/// The six schedule dates, as the form names them.
pub const DATE_FIELDS: [&str; 6] = [
    "collection_start",
    "collection_end",
    "review_end",
    "discussion_end",
    "voting_start",
    "voting_end",
];

/// A cycle's set-up that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleSetup {
    pub year: i32,
    pub envelope: Envelope,
    /// The MRP in force when collection starts.
    pub mrp: Tenge,
    pub cap_mrp: i64,
    pub ballot: BallotType,
    pub rule: CountingRule,
    pub eligibility: Eligibility,
    pub max_proposals_per_author: i64,
    pub revision_enabled: bool,
    pub votes_visible: bool,
    pub changes_allowed: bool,
    pub schedule: Schedule,
}

/// One thing wrong with a set-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("the year must be between 2015 and 2100")]
    Year,
    #[error("housing spending is not an amount")]
    Housing,
    #[error("the share is not a percentage")]
    Share,
    #[error("the share is below the minimum of {min_bp} basis points")]
    ShareBelowMinimum { min_bp: u32 },
    #[error("co-financing line {0} is incomplete or wrong")]
    CoFinancing(usize),
    #[error("the ballot type or k is wrong")]
    Ballot,
    #[error("unknown counting rule")]
    Rule,
    #[error("the minimum age must be between 14 and 100")]
    MinAge,
    #[error("voters need a confirmed contact, an in-person check or eGov")]
    Level,
    #[error("proposals per author must be between 1 and 20")]
    MaxProposals,
    /// The date at this index of [`DATE_FIELDS`] is not a date.
    #[error("{} is not a date", DATE_FIELDS[*.0])]
    Date(usize),
    #[error(transparent)]
    Schedule(ScheduleError),
    #[error("no MRP is known for the start of collection")]
    NoMrp,
}

fn in_range<T: std::str::FromStr + PartialOrd>(s: &str, range: &RangeInclusive<T>) -> Option<T> {
    s.trim().parse().ok().filter(|v| range.contains(v))
}

/// A percentage like "10", "7,5" or "7.5" (spaces allowed) as basis points, at most 100%.
pub fn parse_percent_bp(s: &str) -> Option<u32> {
    let clean: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect::<String>()
        .replace(',', ".");
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

fn share(s: &str, place: Place) -> Result<u32, SetupError> {
    let bp = parse_percent_bp(s).ok_or(SetupError::Share)?;
    match ShareRules::default().check(bp, place.kind, place.parent_kind) {
        Ok(()) => Ok(bp),
        Err(ShareError::AboveWhole) => Err(SetupError::Share),
        Err(ShareError::BelowMinimum { min_bp }) => Err(SetupError::ShareBelowMinimum { min_bp }),
    }
}

/// One co-financing line; `Ok(None)` when it was left empty.
fn cofinancing_line(
    i: usize,
    (source, amount, turnout): (&str, &str, &str),
) -> Result<Option<CoFinancing>, SetupError> {
    if source.trim().is_empty() && amount.trim().is_empty() {
        return Ok(None);
    }
    let source = CoFinancingSource::parse(source.trim());
    let amount = amount.parse::<Tenge>().ok().filter(|t| t.tiyn() > 0);
    let min_turnout_bp = if turnout.trim().is_empty() {
        Some(None)
    } else {
        parse_percent_bp(turnout).map(Some)
    };
    match (source, amount, min_turnout_bp) {
        (Some(source), Some(amount), Some(min_turnout_bp)) => Ok(Some(CoFinancing {
            source,
            amount,
            min_turnout_bp,
        })),
        _ => Err(SetupError::CoFinancing(i)),
    }
}

fn ballot(kind: &str, k: &str) -> Result<BallotType, SetupError> {
    BallotType::parse(kind.trim(), in_range(k, &BALLOT_K)).ok_or(SetupError::Ballot)
}

/// The six dates, each a date, in order; every unparsable date is reported.
fn schedule(dates: [&str; 6], errors: &mut Vec<SetupError>) -> Option<Schedule> {
    let mut parsed = Vec::with_capacity(6);
    for (i, value) in dates.iter().enumerate() {
        match crate::time::parse_date(value) {
            Ok(d) => parsed.push(d),
            Err(_) => errors.push(SetupError::Date(i)),
        }
    }
    let [collection_start, collection_end, review_end, discussion_end, voting_start, voting_end]: [NaiveDate; 6] =
        parsed.try_into().ok()?;
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
        Err(e) => {
            errors.push(SetupError::Schedule(e));
            None
        }
    }
}

/// Collects the errors of independent fields while parsing each once.
struct Errors(Vec<SetupError>);

impl Errors {
    fn take<T>(&mut self, r: Result<T, SetupError>) -> Option<T> {
        r.map_err(|e| self.0.push(e)).ok()
    }
}

impl CycleSetup {
    /// Parse every field; on any error, all of them (in the order of the form).
    pub fn parse(
        input: &SetupInput<'_>,
        place: Place,
        mrp_table: &[Mrp],
    ) -> Result<CycleSetup, Vec<SetupError>> {
        let mut e = Errors(Vec::new());
        let year = e.take(in_range(input.year, &YEARS).ok_or(SetupError::Year));
        let housing = e.take(
            input
                .housing_spending
                .parse::<Tenge>()
                .map_err(|_| SetupError::Housing),
        );
        let share_bp = e.take(share(input.share_percent, place));
        let mut cofinancing = Vec::new();
        for (i, line) in input.cofinancing.into_iter().enumerate() {
            if let Some(Some(c)) = e.take(cofinancing_line(i, line)) {
                cofinancing.push(c);
            }
        }
        let ballot = e.take(ballot(input.ballot_type, input.ballot_k));
        let rule = e.take(CountingRule::parse(input.rule.trim()).ok_or(SetupError::Rule));
        let min_age = e.take(in_range(input.min_age, &MIN_AGE).ok_or(SetupError::MinAge));
        let min_level = e.take(
            Level::requirement(input.min_level, input.egov_available)
                .map_err(|_| SetupError::Level),
        );
        let max_proposals = e.take(
            in_range(input.max_proposals, &PROPOSALS_PER_AUTHOR).ok_or(SetupError::MaxProposals),
        );
        let schedule = schedule(input.dates, &mut e.0);
        let mrp = match schedule {
            Some(s) => {
                e.take(Mrp::in_force(mrp_table, s.collection_start).ok_or(SetupError::NoMrp))
            }
            None => None,
        };
        let (
            Some(year),
            Some(housing_spending),
            Some(share_bp),
            Some(ballot),
            Some(rule),
            Some(min_age),
            Some(min_level),
            Some(max_proposals_per_author),
            Some(schedule),
            Some(mrp),
        ) = (
            year,
            housing,
            share_bp,
            ballot,
            rule,
            min_age,
            min_level,
            max_proposals,
            schedule,
            mrp,
        )
        else {
            return Err(e.0);
        };
        if !e.0.is_empty() {
            return Err(e.0);
        }
        Ok(CycleSetup {
            year,
            envelope: Envelope {
                housing_spending,
                share_bp,
                cofinancing,
            },
            mrp: mrp.value,
            cap_mrp: place.cap_mrp(),
            ballot,
            rule,
            eligibility: Eligibility { min_age, min_level },
            max_proposals_per_author,
            revision_enabled: input.revision_enabled,
            votes_visible: input.votes_visible,
            changes_allowed: input.changes_allowed,
            schedule,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mrp() -> Vec<Mrp> {
        vec![Mrp {
            year: 2027,
            valid_from: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default(),
            value: Tenge::from_tenge(4_325),
        }]
    }

    fn okrug() -> Place {
        Place {
            kind: TerritoryKind::RuralOkrug,
            parent_kind: Some(TerritoryKind::District),
        }
    }

    fn good() -> SetupInput<'static> {
        SetupInput {
            year: "2027",
            housing_spending: "25 000 000",
            share_percent: "10",
            cofinancing: [("sponsor", "1 000 000", "20"), ("", "", ""), ("", "", "")],
            ballot_type: "up_to",
            ballot_k: "3",
            rule: "greedy",
            min_age: "18",
            min_level: "contact",
            max_proposals: "3",
            votes_visible: true,
            dates: [
                "2027-01-20",
                "2027-03-01",
                "2027-03-20",
                "2027-04-01",
                "2027-04-02",
                "2027-04-15",
            ],
            ..SetupInput::default()
        }
    }

    #[test]
    fn a_good_setup_parses() {
        let s = CycleSetup::parse(&good(), okrug(), &mrp());
        let Ok(s) = s else {
            panic!("{s:?}");
        };
        assert_eq!(s.year, 2027);
        assert_eq!(s.ballot, BallotType::UpTo(3));
        assert_eq!(s.envelope.share_bp, 1000);
        assert_eq!(s.envelope.cofinancing.len(), 1);
        assert_eq!(s.envelope.cofinancing[0].min_turnout_bp, Some(2000));
        assert_eq!(s.mrp, Tenge::from_tenge(4_325));
        assert_eq!(s.cap_mrp, okrug().cap_mrp());
        assert!(s.votes_visible && !s.revision_enabled);
    }

    #[test]
    fn limits_at_their_edges() {
        type Case = (fn(&mut SetupInput<'static>), Option<SetupError>);
        let cases: [Case; 12] = [
            (|i| i.year = "2014", Some(SetupError::Year)),
            (|i| i.year = "2100", None),
            (|i| i.ballot_k = "51", Some(SetupError::Ballot)),
            (|i| i.ballot_k = "50", None),
            (|i| i.min_age = "13", Some(SetupError::MinAge)),
            (|i| i.min_age = "100", None),
            (|i| i.min_level = "self", Some(SetupError::Level)),
            (|i| i.min_level = "egov", Some(SetupError::Level)),
            (|i| i.max_proposals = "0", Some(SetupError::MaxProposals)),
            (|i| i.max_proposals = "20", None),
            (
                |i| i.share_percent = "9,5",
                Some(SetupError::ShareBelowMinimum { min_bp: 1000 }),
            ),
            (|i| i.share_percent = "100.01", Some(SetupError::Share)),
        ];
        for (change, want) in cases {
            let mut input = good();
            change(&mut input);
            let got = CycleSetup::parse(&input, okrug(), &mrp()).err();
            assert_eq!(got, want.map(|e| vec![e]), "{input:?}");
        }
    }

    #[test]
    fn every_wrong_field_is_reported_in_form_order() {
        let mut input = good();
        input.year = "x";
        input.cofinancing[1] = ("sponsor", "0", "");
        input.rule = "nope";
        input.dates[2] = "soon";
        assert_eq!(
            CycleSetup::parse(&input, okrug(), &mrp()),
            Err(vec![
                SetupError::Year,
                SetupError::CoFinancing(1),
                SetupError::Rule,
                SetupError::Date(2)
            ])
        );
    }

    #[test]
    fn dates_out_of_order_and_no_mrp() {
        let mut input = good();
        input.dates[1] = "2027-01-01";
        assert_eq!(
            CycleSetup::parse(&input, okrug(), &mrp()),
            Err(vec![SetupError::Schedule(ScheduleError::Collection)])
        );
        assert_eq!(
            CycleSetup::parse(&good(), okrug(), &[]),
            Err(vec![SetupError::NoMrp])
        );
    }

    #[test]
    fn percentages_as_people_type_them() {
        assert_eq!(parse_percent_bp("10"), Some(1000));
        assert_eq!(parse_percent_bp("7,5"), Some(750));
        assert_eq!(parse_percent_bp("0.25"), Some(25));
        assert_eq!(parse_percent_bp("100.5"), None);
        assert_eq!(parse_percent_bp("1.234"), None);
        assert_eq!(parse_percent_bp(""), None);
    }
}
