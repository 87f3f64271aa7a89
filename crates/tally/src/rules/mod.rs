//! Counting rules, each giving exactly the projects pabutools 1.2.3 selects, in the same order.

mod greedy;
pub mod max_welfare;
mod mes;
mod phragmen;
mod ratio;

use crate::election::{Election, Scaled};
use crate::outcome::{Amount, Comparison, EqualSharesReport, Outcome, ProjectOutcome};
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// By votes (total points for cumulative ballots), skipping projects that no longer fit.
    Greedy,
    /// By votes, stopping at the first project that does not fit.
    GreedyNoSkip,
    /// Greedy among projects with at least META `min_project_score_threshold` votes.
    GreedyThreshold,
    /// By votes per unit of cost.
    GreedyRatio,
    /// Method of Equal Shares, no completion.
    Mes,
    /// pabutools' Add1: from B/n, +1 per voter, stop at the first exhaustive outcome.
    MesAdd1,
    /// The Pabulib checker's Add1, which produced the official MES outcomes.
    MesAdd1Pabulib,
    /// Add1, then greedy by votes (equalshares.net).
    MesAdd1Greedy,
    /// Sequential Phragmén, stopping at the first project that does not fit.
    Phragmen,
    /// Greatest total cost-satisfaction (exact knapsack).
    MaxWelfare,
}

impl Rule {
    pub const ALL: [Rule; 10] = [
        Rule::Greedy,
        Rule::GreedyNoSkip,
        Rule::GreedyThreshold,
        Rule::GreedyRatio,
        Rule::Mes,
        Rule::MesAdd1,
        Rule::MesAdd1Pabulib,
        Rule::MesAdd1Greedy,
        Rule::Phragmen,
        Rule::MaxWelfare,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::GreedyNoSkip => "greedy-no-skip",
            Rule::GreedyThreshold => "greedy-threshold",
            Rule::GreedyRatio => "greedy-ratio",
            Rule::Mes => "mes",
            Rule::MesAdd1 => "mes-add1",
            Rule::MesAdd1Pabulib => "mes-add1-pabulib",
            Rule::MesAdd1Greedy => "mes-add1-greedy",
            Rule::Phragmen => "phragmen",
            Rule::MaxWelfare => "max-welfare",
        }
    }

    pub fn is_equal_shares(self) -> bool {
        matches!(
            self,
            Rule::Mes | Rule::MesAdd1 | Rule::MesAdd1Pabulib | Rule::MesAdd1Greedy
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule `{0}`")]
pub struct UnknownRule(pub String);

impl FromStr for Rule {
    type Err = UnknownRule;
    fn from_str(s: &str) -> Result<Rule, UnknownRule> {
        Rule::ALL
            .into_iter()
            .find(|r| r.label() == s)
            .ok_or_else(|| UnknownRule(s.to_string()))
    }
}

/// What a voter gains from a funded project, for the Method of Equal Shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Utility {
    /// Cost for approval and ordinal ballots, points for cumulative and scoring ballots.
    #[default]
    Default,
    /// The project's cost (pabutools `Cost_Sat`).
    Cost,
    /// 1 per approved project (pabutools `Cardinality_Sat`).
    Approval,
}

/// How ties are broken. Every variant falls back to the smaller project id (as a string).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieBreak {
    /// The smaller project id (pabutools' default).
    #[default]
    Id,
    /// More votes first.
    Votes,
    Cheapest,
    Costliest,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub utility: Utility,
    pub tie: TieBreak,
}

/// Orders projects by the tie-breaking rule; the order is total (ids are unique).
pub(crate) struct Ties<'e> {
    election: &'e Election,
    votes: Vec<u64>,
    tie: TieBreak,
}

impl<'e> Ties<'e> {
    pub(crate) fn new(election: &'e Election, tie: TieBreak) -> Ties<'e> {
        Ties {
            election,
            votes: election.approval_counts(),
            tie,
        }
    }

    pub(crate) fn cmp(&self, a: usize, b: usize) -> Ordering {
        let (pa, pb) = (&self.election.projects[a], &self.election.projects[b]);
        let first = match self.tie {
            TieBreak::Id => Ordering::Equal,
            TieBreak::Votes => self.votes[b].cmp(&self.votes[a]),
            TieBreak::Cheapest => pa.cost.cmp(&pb.cost),
            TieBreak::Costliest => pb.cost.cmp(&pa.cost),
        };
        first.then_with(|| pa.id.as_bytes().cmp(pb.id.as_bytes()))
    }

    pub(crate) fn first(&self, tied: &[usize]) -> Option<usize> {
        tied.iter().copied().min_by(|&a, &b| self.cmp(a, b))
    }
}

/// What a rule returns before it is dressed as an [`Outcome`].
pub(crate) struct Selection {
    pub order: Vec<usize>,
    pub equal_shares: Option<EqualSharesReport>,
}

impl Selection {
    fn plain(order: Vec<usize>) -> Selection {
        Selection {
            order,
            equal_shares: None,
        }
    }
}

/// Counts the election with the given rule.
pub fn count(election: &Election, rule: Rule, opts: &Options) -> Outcome {
    let ties = Ties::new(election, opts.tie);
    let selection = match rule {
        Rule::Greedy => {
            Selection::plain(greedy::by_votes(election, &ties, greedy::Fit::Skip, None))
        }
        Rule::GreedyNoSkip => {
            Selection::plain(greedy::by_votes(election, &ties, greedy::Fit::Stop, None))
        }
        Rule::GreedyThreshold => {
            let threshold = election.meta("min_project_score_threshold");
            Selection::plain(greedy::by_votes(
                election,
                &ties,
                greedy::Fit::Skip,
                threshold,
            ))
        }
        Rule::GreedyRatio => Selection::plain(ratio::by_votes_per_cost(election, &ties)),
        Rule::Mes => mes::plain(election, &ties, opts.utility),
        Rule::MesAdd1 => mes::add1(election, &ties, opts.utility),
        Rule::MesAdd1Pabulib => mes::add1_pabulib(election, opts.utility),
        Rule::MesAdd1Greedy => mes::add1_then_greedy(election, &ties, opts.utility),
        Rule::Phragmen => Selection::plain(phragmen::sequential(election, &ties)),
        Rule::MaxWelfare => Selection::plain(max_welfare::knapsack(election, &ties)),
    };
    dress(election, rule, selection)
}

/// Counts the election with every rule, beside its official outcome.
pub fn compare(election: &Election, opts: &Options) -> Comparison {
    Comparison {
        official_rule: election.meta("rule").map(str::to_string),
        official: election
            .official_selection()
            .map(|v| v.iter().map(|&p| election.projects[p].id.clone()).collect()),
        outcomes: Rule::ALL
            .iter()
            .map(|&r| count(election, r, opts))
            .collect(),
    }
}

fn dress(election: &Election, rule: Rule, selection: Selection) -> Outcome {
    let votes = election.approval_counts();
    let points = election
        .vote_type()
        .has_points()
        .then(|| election.point_totals());
    let mut round = vec![None; election.projects.len()];
    for (k, &p) in selection.order.iter().enumerate() {
        round[p] = Some(k + 1);
    }
    let spent: u64 = selection
        .order
        .iter()
        .map(|&p| election.projects[p].cost)
        .sum();
    let money = |units| {
        Amount(Scaled {
            units,
            scale: election.money_scale,
        })
    };
    Outcome {
        rule,
        budget: money(election.budget),
        selected: selection
            .order
            .iter()
            .map(|&p| election.projects[p].id.clone())
            .collect(),
        spent: money(spent),
        projects: election
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| ProjectOutcome {
                id: p.id.clone(),
                cost: money(p.cost),
                votes: votes[i],
                score: points.as_ref().map(|t| {
                    Scaled {
                        units: t[i],
                        scale: election.points_scale,
                    }
                    .to_f64()
                }),
                selected: round[i].is_some(),
                round: round[i],
            })
            .collect(),
        equal_shares: selection.equal_shares,
    }
}

#[cfg(test)]
mod proptests;

#[cfg(test)]
mod spec_examples {
    use super::*;

    /// The toy instance of SPEC.md §4, checked there against pabutools.
    const TOY: &str = "META\nkey;value\nvote_type;approval\nbudget;100\n\
                       PROJECTS\nproject_id;cost\na;60\nb;50\nc;10\nz;0\nzz;0\nbig;200\nd;5\n\
                       VOTES\nvoter_id;vote\n1;a\n2;a,b\n3;b,c,z\n4;a,big\n5;\n";

    fn run(rule: Rule) -> Vec<String> {
        let e = match crate::pb::read_str(TOY) {
            Ok(e) => e,
            Err(err) => panic!("{err}"),
        };
        count(&e, rule, &Options::default()).selected
    }

    #[test]
    fn toy_instance_matches_pabutools() {
        assert_eq!(run(Rule::Greedy), ["a", "c", "d", "z", "zz"]);
        assert_eq!(run(Rule::Mes), ["a", "c"]);
        assert_eq!(run(Rule::MesAdd1), ["a", "c"]);
        assert_eq!(run(Rule::Phragmen), ["z", "c", "a"]);
    }

    #[test]
    fn ids_tie_as_strings() {
        let text = "META\nkey;value\nvote_type;approval\nbudget;10\nPROJECTS\nproject_id;cost\n9;10\n10;10\n\
                    VOTES\nvoter_id;vote\n1;9,10\n2;10,9\n";
        let e = match crate::pb::read_str(text) {
            Ok(e) => e,
            Err(err) => panic!("{err}"),
        };
        for rule in [Rule::Greedy, Rule::Mes, Rule::Phragmen, Rule::GreedyRatio] {
            assert_eq!(
                count(&e, rule, &Options::default()).selected,
                ["10"],
                "{rule}"
            );
        }
        let by_votes = Options {
            tie: TieBreak::Votes,
            ..Options::default()
        };
        assert_eq!(count(&e, Rule::Mes, &by_votes).selected, ["10"]);
    }
}
