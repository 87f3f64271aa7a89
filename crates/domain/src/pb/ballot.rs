use crate::money::Tenge;
use std::collections::HashSet;
use std::hash::Hash;

/// The kind of ballot (бюллетень) a cycle uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotType {
    /// One vote for one project, as in eGov Mobile today (the default).
    OneVote,
    /// Choose up to `k` projects.
    UpTo(u32),
    /// Choose projects whose costs fit in the envelope.
    Knapsack,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotError {
    #[error("choose at least one project")]
    Empty,
    #[error("choose at most {max} projects")]
    TooMany { max: u32 },
    #[error("a project is chosen twice")]
    Duplicate,
    #[error("a chosen project is not on this ballot")]
    UnknownProject,
    #[error("the chosen projects cost {spent:?}, more than the envelope {budget:?}")]
    OverBudget { spent: Tenge, budget: Tenge },
}

impl BallotType {
    pub fn max_choices(self) -> Option<u32> {
        match self {
            BallotType::OneVote => Some(1),
            BallotType::UpTo(k) => Some(k),
            BallotType::Knapsack => None,
        }
    }

    /// Check a voter's choices against the ballot's rules; `cost` looks a project up
    /// (`None`: not on the ballot).
    pub fn validate<Id: Eq + Hash>(
        self,
        choices: &[Id],
        cost: impl Fn(&Id) -> Option<Tenge>,
        envelope: Tenge,
    ) -> Result<(), BallotError> {
        if choices.is_empty() {
            return Err(BallotError::Empty);
        }
        let mut seen = HashSet::new();
        let mut spent: i64 = 0;
        for c in choices {
            if !seen.insert(c) {
                return Err(BallotError::Duplicate);
            }
            let price = cost(c).ok_or(BallotError::UnknownProject)?;
            spent = spent.saturating_add(price.tiyn());
        }
        if let Some(max) = self.max_choices() {
            if choices.len() > max as usize {
                return Err(BallotError::TooMany { max });
            }
        }
        if self == BallotType::Knapsack && spent > envelope.tiyn() {
            return Err(BallotError::OverBudget {
                spent: Tenge::from_tiyn(spent),
                budget: envelope,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(id: &u32) -> Option<Tenge> {
        match id {
            1 => Some(Tenge::from_tenge(400)),
            2 => Some(Tenge::from_tenge(500)),
            3 => Some(Tenge::from_tenge(300)),
            _ => None,
        }
    }

    #[test]
    fn each_ballot_type() {
        let env = Tenge::from_tenge(1000);
        assert_eq!(BallotType::OneVote.validate(&[1], cost, env), Ok(()));
        assert_eq!(
            BallotType::OneVote.validate(&[1, 2], cost, env),
            Err(BallotError::TooMany { max: 1 })
        );
        assert_eq!(
            BallotType::OneVote.validate::<u32>(&[], cost, env),
            Err(BallotError::Empty)
        );
        assert_eq!(
            BallotType::UpTo(2).validate(&[1, 1], cost, env),
            Err(BallotError::Duplicate)
        );
        assert_eq!(
            BallotType::UpTo(2).validate(&[1, 9], cost, env),
            Err(BallotError::UnknownProject)
        );
        assert_eq!(BallotType::UpTo(3).validate(&[1, 2, 3], cost, env), Ok(()));
        assert_eq!(BallotType::Knapsack.validate(&[1, 2], cost, env), Ok(()));
        assert_eq!(
            BallotType::Knapsack.validate(&[1, 2, 3], cost, env),
            Err(BallotError::OverBudget {
                spent: Tenge::from_tenge(1200),
                budget: env
            })
        );
    }
}

impl BallotType {
    /// Stored as `one_vote`, `up_to` (with k) or `knapsack`.
    pub fn as_str(self) -> &'static str {
        match self {
            BallotType::OneVote => "one_vote",
            BallotType::UpTo(_) => "up_to",
            BallotType::Knapsack => "knapsack",
        }
    }

    pub fn parse(s: &str, k: Option<u32>) -> Option<BallotType> {
        match (s, k) {
            ("one_vote", _) => Some(BallotType::OneVote),
            ("up_to", Some(k)) if k >= 1 => Some(BallotType::UpTo(k)),
            ("knapsack", _) => Some(BallotType::Knapsack),
            _ => None,
        }
    }
}

/// How winners are chosen (the `tally` crate does the counting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountingRule {
    /// Most votes first while money lasts, skipping what no longer fits: the legal default.
    Greedy,
    /// Method of Equal Shares.
    EqualShares,
    /// Sequential Phragmén.
    Phragmen,
}

impl CountingRule {
    pub const ALL: [CountingRule; 3] = [
        CountingRule::Greedy,
        CountingRule::EqualShares,
        CountingRule::Phragmen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CountingRule::Greedy => "greedy",
            CountingRule::EqualShares => "mes",
            CountingRule::Phragmen => "phragmen",
        }
    }

    pub fn parse(s: &str) -> Option<CountingRule> {
        CountingRule::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[cfg(test)]
mod names {
    use super::*;

    #[test]
    fn round_trip() {
        for b in [
            BallotType::OneVote,
            BallotType::UpTo(3),
            BallotType::Knapsack,
        ] {
            let k = match b {
                BallotType::UpTo(k) => Some(k),
                _ => None,
            };
            assert_eq!(BallotType::parse(b.as_str(), k), Some(b));
        }
        assert_eq!(BallotType::parse("up_to", None), None);
        assert_eq!(BallotType::parse("up_to", Some(0)), None);
        for r in CountingRule::ALL {
            assert_eq!(CountingRule::parse(r.as_str()), Some(r));
        }
    }
}
