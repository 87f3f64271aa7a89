//! Paper ballots typed in twice ("double entry"): a coordinator types a batch of ballots
//! (ballot number, IIN, the numbers of the chosen projects), a second coordinator types the
//! same batch without seeing the first entry, and only the ballots both typed alike count.
//! The two entries are matched by ballot number, so a skipped line shifts nothing.

use super::{BallotError, BallotType};
use crate::accounts::{Iin, IinError};
use crate::money::Tenge;
use chrono::NaiveDate;

/// One typed row: `ballot number; IIN; choices` (choices: project numbers from the ballot,
/// separated by commas or spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotLine {
    /// Upper-cased, spaces removed: `a-12` and `A - 12` are the same ballot.
    pub ballot_no: String,
    pub iin: Iin,
    /// Project numbers (from 1), sorted: the order of marks on paper means nothing.
    pub choices: Vec<u32>,
}

/// Why a typed row was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    /// Not three columns separated by `;` (or tabs).
    Columns,
    /// The ballot number is empty, too long, or has characters other than letters, digits,
    /// `-` and `/`.
    BallotNo,
    Iin(IinError),
    /// A choice is not a project number.
    Choices,
    /// The same ballot number appears twice in one entry.
    DuplicateBallotNo,
    /// Younger than the cycle's minimum age on the last voting day.
    TooYoung(u32),
    /// The choices break the ballot's rules (too many, unknown number, over the envelope…).
    Ballot(BallotError),
}

/// The rules a typed row is checked against: the cycle's ballot and who may vote.
#[derive(Debug, Clone)]
pub struct PaperRules {
    pub ballot: BallotType,
    /// Costs of the admitted projects in ballot order: project number `n` is `costs[n - 1]`.
    pub costs: Vec<Tenge>,
    pub envelope: Tenge,
    pub min_age: u32,
    pub last_voting_day: NaiveDate,
}

/// The most rows one typed batch may have.
pub const BATCH_MAX_ROWS: usize = 300;
const BALLOT_NO_MAX: usize = 20;

/// Normalise a ballot number, or `None` when it cannot be one.
pub fn ballot_no(raw: &str) -> Option<String> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let ok = !s.is_empty()
        && s.chars().count() <= BALLOT_NO_MAX
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '/');
    ok.then_some(s)
}

fn choices(raw: &str) -> Option<Vec<u32>> {
    raw.split([',', ' ', '+'])
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim().parse::<u32>().ok().filter(|n| *n >= 1))
        .collect()
}

/// Read one row without the cycle's rules (columns, ballot number, IIN, numbers).
pub fn parse_line(line: &str) -> Result<BallotLine, LineError> {
    let cols: Vec<&str> = line.split([';', '\t']).map(str::trim).collect();
    let [no, iin, marks] = cols[..] else {
        return Err(LineError::Columns);
    };
    let ballot_no = ballot_no(no).ok_or(LineError::BallotNo)?;
    let iin = Iin::parse(iin).map_err(LineError::Iin)?;
    let choices = choices(marks).ok_or(LineError::Choices)?;
    Ok(BallotLine {
        ballot_no,
        iin,
        choices,
    })
}

/// Check a read row against the cycle: the voter's age on the last voting day and the
/// ballot's rules. Returns the row with its choices sorted.
pub fn check_line(mut l: BallotLine, r: &PaperRules) -> Result<BallotLine, LineError> {
    let age = l.iin.age_on(r.last_voting_day);
    if age < r.min_age {
        return Err(LineError::TooYoung(r.min_age));
    }
    let cost = |n: &u32| {
        usize::try_from(*n)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| r.costs.get(i).copied())
    };
    r.ballot
        .validate(&l.choices, cost, r.envelope)
        .map_err(LineError::Ballot)?;
    l.choices.sort_unstable();
    Ok(l)
}

/// Read a typed batch, one row per non-empty line. Either every row is good, or every bad
/// row is listed with its line number (from 1, counting every line of the text).
pub fn read_batch(text: &str, r: &PaperRules) -> Result<Vec<BallotLine>, Vec<(usize, LineError)>> {
    let mut rows: Vec<BallotLine> = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(line).and_then(|l| check_line(l, r)) {
            Ok(l) if !seen.insert(l.ballot_no.clone()) => {
                errors.push((i + 1, LineError::DuplicateBallotNo))
            }
            Ok(l) => rows.push(l),
            Err(e) => errors.push((i + 1, e)),
        }
    }
    if rows.len() + errors.len() > BATCH_MAX_ROWS {
        errors.push((BATCH_MAX_ROWS + 1, LineError::Columns));
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The two entries of a batch compared ballot by ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared<T> {
    /// Ballots both entries typed alike, in the first entry's order.
    pub agreed: Vec<(String, T)>,
    /// Ballot numbers the entries disagree on or that only one entry has: the first entry's
    /// order, then the second's.
    pub differing: Vec<String>,
}

/// Match two entries by ballot number.
pub fn match_entries<T: PartialEq + Clone>(
    first: &[(String, T)],
    second: &[(String, T)],
) -> Compared<T> {
    let find =
        |list: &[(String, T)], no: &str| list.iter().find(|(n, _)| n == no).map(|(_, r)| r.clone());
    let mut agreed = Vec::new();
    let mut differing = Vec::new();
    for (no, row) in first {
        match find(second, no) {
            Some(other) if other == *row => agreed.push((no.clone(), row.clone())),
            _ => differing.push(no.clone()),
        }
    }
    for (no, _) in second {
        if find(first, no).is_none() {
            differing.push(no.clone());
        }
    }
    Compared { agreed, differing }
}

/// The version of a row that counts: the first one two different accounts typed alike. A row
/// typed by one account only, however often, never counts (security review H1).
pub fn counted<V: PartialEq, A: PartialEq>(typings: &[(V, A)]) -> Option<&V> {
    typings.iter().enumerate().find_map(|(i, (v, a))| {
        typings[i + 1..]
            .iter()
            .any(|(w, b)| w == v && b != a)
            .then_some(v)
    })
}

/// What a row typed again from the paper does to a ballot number still waiting to be settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settling {
    /// It agrees with a version another account typed: the row counts, as typed.
    Agrees,
    /// It agrees only with a version the same account typed: the typist of a version cannot
    /// confirm it alone; someone else must type it.
    OwnVersion,
    /// It agrees with no typed version (a third reading settles nothing).
    NoMatch,
}

/// Settle a waiting ballot number: `typed` by `by`, against every version typed so far with
/// who typed it (the first entry, the second, or only one of them). Counts only when two
/// different accounts typed it alike.
pub fn settle<V: PartialEq, A: PartialEq>(typed: &V, by: &A, typings: &[(V, A)]) -> Settling {
    let same: Vec<&A> = typings
        .iter()
        .filter(|(v, _)| v == typed)
        .map(|(_, a)| a)
        .collect();
    if same.iter().any(|a| *a != by) {
        Settling::Agrees
    } else if same.is_empty() {
        Settling::NoMatch
    } else {
        Settling::OwnVersion
    }
}

/// The label a batch is known by ("Alakol, box 3"): 1 to 40 characters on one line.
pub type BatchLabel = crate::text::BoundedText<1, 40>;

/// What is stored of a batch when an entry of it is typed: its village and who typed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchHeader<Id> {
    pub village: Id,
    pub first_by: Id,
    pub second_by: Option<Id>,
}

/// What an entry of a batch is, by the double-entry protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryStep {
    /// No entry of this label yet: this one waits for the second.
    First,
    /// The second entry: compare it with the first.
    Second,
    /// The second entry must be typed by another coordinator.
    SameCoordinator,
    /// The second entry names another village than the first.
    OtherVillage,
    /// The batch was entered twice already.
    AlreadyCompared,
}

/// Decide what an entry typed by `by` for `village` is, from the stored batch of its label.
pub fn entry_step<Id: PartialEq>(
    stored: Option<&BatchHeader<Id>>,
    by: &Id,
    village: &Id,
) -> EntryStep {
    match stored {
        None => EntryStep::First,
        Some(b) if b.second_by.is_some() => EntryStep::AlreadyCompared,
        Some(b) if b.first_by == *by => EntryStep::SameCoordinator,
        Some(b) if b.village != *village => EntryStep::OtherVillage,
        Some(_) => EntryStep::Second,
    }
}

#[cfg(test)]
mod protocol {
    use super::*;

    #[test]
    fn the_second_entry_comes_from_another_coordinator_for_the_same_village() {
        let b = |second_by| BatchHeader {
            village: 1,
            first_by: 10,
            second_by,
        };
        assert_eq!(entry_step(None, &10, &1), EntryStep::First);
        assert_eq!(entry_step(Some(&b(None)), &11, &1), EntryStep::Second);
        assert_eq!(
            entry_step(Some(&b(None)), &10, &1),
            EntryStep::SameCoordinator
        );
        assert_eq!(entry_step(Some(&b(None)), &11, &2), EntryStep::OtherVillage);
        assert_eq!(
            entry_step(Some(&b(Some(11))), &12, &1),
            EntryStep::AlreadyCompared
        );
        assert_eq!(
            entry_step(Some(&b(Some(11))), &10, &2),
            EntryStep::AlreadyCompared
        );
    }

    #[test]
    fn a_label_is_one_line_of_at_most_forty_characters() {
        assert_eq!(
            BatchLabel::parse_line(" Алакөл,\n  жәшік 3 ").map(|l| l.into_string()),
            Ok("Алакөл, жәшік 3".to_string())
        );
        assert!(BatchLabel::parse_line("   ").is_err());
        assert!(BatchLabel::parse_line(&"ж".repeat(41)).is_err());
        assert!(BatchLabel::parse_line(&"ж".repeat(40)).is_ok());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rules(ballot: BallotType) -> PaperRules {
        PaperRules {
            ballot,
            costs: vec![
                Tenge::from_tenge(400),
                Tenge::from_tenge(500),
                Tenge::from_tenge(300),
            ],
            envelope: Tenge::from_tenge(1000),
            min_age: 18,
            last_voting_day: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default(),
        }
    }

    #[test]
    fn reads_rows_and_sorts_choices() {
        let rows = read_batch(
            " a 12 ; 900101300017; 3, 1\n\n14\t850315400025\t2",
            &rules(BallotType::UpTo(2)),
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].ballot_no, "A12");
        assert_eq!(rows[0].choices, [1, 3]);
        assert_eq!(rows[1].choices, [2]);
    }

    #[test]
    fn every_bad_row_is_listed_with_its_line() {
        let errs = read_batch(
            "1; 900101300013; 1\nonly; two\n3; 900101300017; 1 2\n4; 900101300017; x\n\n5; 850315400025; 9\n6; 850315400025; 1\n6; 900101300017; 2\n7; 080601500017; 1\n8; 850315400025; ",
            &rules(BallotType::OneVote),
        )
        .unwrap_err();
        assert_eq!(errs[0], (1, LineError::Iin(IinError::CheckDigit)));
        assert_eq!(errs[1], (2, LineError::Columns));
        assert_eq!(
            errs[2],
            (3, LineError::Ballot(BallotError::TooMany { max: 1 }))
        );
        assert_eq!(errs[3], (4, LineError::Choices));
        assert_eq!(errs[4], (6, LineError::Ballot(BallotError::UnknownProject)));
        assert_eq!(errs[5], (8, LineError::DuplicateBallotNo));
        assert!(matches!(
            errs[6],
            (9, LineError::Iin(_)) | (9, LineError::TooYoung(18))
        ));
        assert_eq!(errs[7], (10, LineError::Ballot(BallotError::Empty)));
        assert_eq!(errs.len(), 8);
    }

    #[test]
    fn age_counts_on_the_last_voting_day() {
        let iin = |prefix: &str| {
            (0..10)
                .map(|k| format!("{prefix}{k}"))
                .find(|s| Iin::parse(s).is_ok())
                .unwrap_or_default()
        };
        // Born 16 April 2008: 17 on 15 April 2026, 18 a day later.
        let young = iin("08041650001");
        let r = rules(BallotType::OneVote);
        let e = read_batch(&format!("1; {young}; 1"), &r).unwrap_err();
        assert_eq!(e, [(1, LineError::TooYoung(18))]);
        let later = PaperRules {
            last_voting_day: NaiveDate::from_ymd_opt(2026, 4, 16).unwrap_or_default(),
            ..r
        };
        assert!(read_batch(&format!("1; {young}; 1"), &later).is_ok());
    }

    #[test]
    fn knapsack_rows_stay_within_the_envelope() {
        let r = rules(BallotType::Knapsack);
        assert!(read_batch("1; 900101300017; 1 2", &r).is_ok());
        let e = read_batch("1; 900101300017; 1 2 3", &r).unwrap_err();
        assert!(matches!(
            e[0].1,
            LineError::Ballot(BallotError::OverBudget { .. })
        ));
    }

    #[test]
    fn ballot_numbers_match_regardless_of_order() {
        let a = [("1".to_string(), 10), ("2".into(), 20), ("3".into(), 30)];
        let b = [
            ("3".to_string(), 30),
            ("1".into(), 10),
            ("2".into(), 21),
            ("4".into(), 40),
        ];
        let c = match_entries(&a, &b);
        assert_eq!(c.agreed, [("1".to_string(), 10), ("3".to_string(), 30)]);
        assert_eq!(c.differing, ["2", "4"]);
    }

    #[test]
    fn a_row_is_settled_only_by_a_second_account_agreeing() {
        // Ballot 2: coordinator 10 typed 20, coordinator 11 typed 21.
        let both = [(20, 10), (21, 11)];
        assert_eq!(settle(&20, &11, &both), Settling::Agrees);
        assert_eq!(settle(&20, &12, &both), Settling::Agrees);
        assert_eq!(settle(&20, &10, &both), Settling::OwnVersion);
        assert_eq!(settle(&22, &12, &both), Settling::NoMatch);
        // Ballot 4: only coordinator 11 typed it.
        let one = [(40, 11)];
        assert_eq!(settle(&40, &11, &one), Settling::OwnVersion);
        assert_eq!(settle(&40, &10, &one), Settling::Agrees);
        assert_eq!(counted(&one), None);
        assert_eq!(counted(&[(40, 11), (40, 11)]), None);
        assert_eq!(counted(&[(40, 11), (41, 10), (40, 10)]), Some(&40));
    }

    #[derive(Debug, Clone)]
    enum Op {
        /// An entry of the batch typed by an account: (ballot number, version) rows.
        Entry(u8, Vec<(u8, u8)>),
        /// A row typed again from the paper by an account: ballot number, version.
        Settle(u8, u8, u8),
    }

    /// One batch as the store keeps it: its header, the two entries, the counted rows and every
    /// typing it stored (ballot number, version, account).
    #[derive(Default)]
    struct Model {
        header: Option<BatchHeader<u8>>,
        first: Vec<(String, u8)>,
        second: Vec<(String, u8)>,
        waiting: Vec<u8>,
        counted: std::collections::BTreeMap<u8, u8>,
        stored: Vec<(u8, u8, u8)>,
    }

    impl Model {
        fn apply(&mut self, op: &Op) {
            match op {
                Op::Entry(by, rows) => {
                    let typed: Vec<(String, u8)> =
                        rows.iter().map(|(n, v)| (n.to_string(), *v)).collect();
                    match entry_step(self.header.as_ref(), by, &0) {
                        EntryStep::First => {
                            self.header = Some(BatchHeader {
                                village: 0,
                                first_by: *by,
                                second_by: None,
                            });
                            self.first = typed;
                        }
                        EntryStep::Second => {
                            let Some(h) = self.header.as_mut() else {
                                return;
                            };
                            h.second_by = Some(*by);
                            let first_by = h.first_by;
                            self.second = typed;
                            let c = match_entries(&self.first, &self.second);
                            for (no, v) in &c.agreed {
                                let n: u8 = no.parse().unwrap_or_default();
                                match counted(&[(*v, first_by), (*v, *by)]) {
                                    Some(v) => {
                                        self.counted.insert(n, *v);
                                    }
                                    None => self.waiting.push(n),
                                }
                            }
                            self.waiting.extend(
                                c.differing
                                    .iter()
                                    .map(|n| n.parse::<u8>().unwrap_or_default()),
                            );
                        }
                        _ => return,
                    }
                    self.stored.extend(rows.iter().map(|(n, v)| (*n, *v, *by)));
                }
                Op::Settle(by, no, v) => {
                    let Some(h) = self.header.filter(|h| h.second_by.is_some()) else {
                        return;
                    };
                    if !self.waiting.contains(no) || self.counted.contains_key(no) {
                        return;
                    }
                    let side = |entry: &[(String, u8)], who: u8| {
                        entry
                            .iter()
                            .find(|(n, _)| *n == no.to_string())
                            .map(|(_, v)| (*v, who))
                    };
                    let typings: Vec<(u8, u8)> = side(&self.first, h.first_by)
                        .into_iter()
                        .chain(side(&self.second, h.second_by.unwrap_or(h.first_by)))
                        .collect();
                    if settle(v, by, &typings) == Settling::Agrees {
                        self.counted.insert(*no, *v);
                        self.stored.push((*no, *v, *by));
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn every_ballot_is_either_agreed_or_differing(
            a in prop::collection::btree_map(0u8..40, 0u8..3, 0..30),
            b in prop::collection::btree_map(0u8..40, 0u8..3, 0..30),
        ) {
            let a: Vec<(String, u8)> = a.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            let b: Vec<(String, u8)> = b.into_iter().rev().map(|(k, v)| (k.to_string(), v)).collect();
            let c = match_entries(&a, &b);
            let mut all: Vec<String> = a.iter().chain(b.iter()).map(|(k, _)| k.clone()).collect();
            all.sort();
            all.dedup();
            let mut seen: Vec<String> = c.agreed.iter().map(|(k, _)| k.clone()).chain(c.differing.iter().cloned()).collect();
            seen.sort();
            prop_assert_eq!(seen, all);
            // Symmetric: who typed first does not change what is accepted.
            let d = match_entries(&b, &a);
            let mut x: Vec<_> = c.agreed.clone();
            let mut y: Vec<_> = d.agreed.clone();
            x.sort();
            y.sort();
            prop_assert_eq!(x, y);
            prop_assert!(match_entries(&a, &a).differing.is_empty());
        }

        /// Security review H1: over random sequences of entries and settlings by a small set
        /// of accounts (driven through `entry_step`, `match_entries`, `counted` and `settle`,
        /// as the store drives them), no row counts unless two different accounts typed that
        /// very version of it.
        #[test]
        fn no_row_counts_without_two_distinct_typists_agreeing(
            ops in prop::collection::vec(
                prop_oneof![
                    (0u8..3, prop::collection::btree_map(0u8..5, 0u8..3, 0..5))
                        .prop_map(|(by, rows)| Op::Entry(by, rows.into_iter().collect())),
                    (0u8..3, 0u8..5, 0u8..3).prop_map(|(by, no, v)| Op::Settle(by, no, v)),
                ],
                0..25,
            ),
        ) {
            let mut m = Model::default();
            for op in &ops {
                m.apply(op);
            }
            for (no, v) in &m.counted {
                let typists: std::collections::BTreeSet<u8> = m
                    .stored
                    .iter()
                    .filter(|(n, w, _)| n == no && w == v)
                    .map(|(_, _, by)| *by)
                    .collect();
                prop_assert!(typists.len() >= 2, "ballot {no} counted as {v} typed by {typists:?}");
            }
        }

        #[test]
        fn a_typed_row_never_panics(s in "\\PC{0,60}") {
            let _ = read_batch(&s, &rules(BallotType::UpTo(2)));
        }
    }
}
