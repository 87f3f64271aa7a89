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

/// Whether a person may replace their ballot: one-vote ballots are irrevocable, as in eGov
/// Mobile; the others follow the cycle's setting.
pub fn replaceable(ballot: BallotType, changes_allowed: bool) -> bool {
    changes_allowed && ballot != BallotType::OneVote
}

/// Whether vote counts are public now: cities differ on showing live counts during voting;
/// after voting they are always public.
pub fn votes_public(stage: super::Stage, votes_visible: bool) -> bool {
    (stage == super::Stage::Voting && votes_visible) || stage > super::Stage::Voting
}

/// The letters of a receipt code: no look-alikes (0/O, 1/I, 2/Z, 5/S, 8/B), easy to read out
/// over the phone.
pub const RECEIPT_ALPHABET: &[u8] = b"ACDEFGHJKLMNPQRTUVWXY3479";
/// The length of an online or assisted receipt code.
pub const RECEIPT_LEN: usize = 10;

/// A receipt code from random bytes: each byte below the largest multiple of the alphabet's
/// size picks a letter (the others are skipped, so every letter is equally likely); `None`
/// when the bytes run out first.
pub fn receipt_code(random: impl IntoIterator<Item = u8>) -> Option<String> {
    let n = RECEIPT_ALPHABET.len();
    let limit = 256 / n * n;
    let code: String = random
        .into_iter()
        .filter(|b| usize::from(*b) < limit)
        .take(RECEIPT_LEN)
        .map(|b| char::from(RECEIPT_ALPHABET[usize::from(b) % n]))
        .collect();
    (code.len() == RECEIPT_LEN).then_some(code)
}

/// A receipt code as typed (read out over the phone, copied with spaces or dashes):
/// upper-cased, letters and digits only, at most 20 of them.
pub fn typed_receipt(typed: &str) -> String {
    typed
        .trim()
        .to_uppercase()
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric())
        .take(20)
        .collect()
}

#[cfg(test)]
mod voting {
    use super::*;
    use crate::pb::Stage;

    #[test]
    fn one_vote_ballots_are_never_replaced() {
        assert!(!replaceable(BallotType::OneVote, true));
        assert!(replaceable(BallotType::UpTo(3), true));
        assert!(!replaceable(BallotType::Knapsack, false));
    }

    #[test]
    fn votes_are_public_during_voting_only_when_the_cycle_says_so() {
        assert!(!votes_public(Stage::Voting, false));
        assert!(votes_public(Stage::Voting, true));
        assert!(!votes_public(Stage::Discussion, true));
        assert!(votes_public(Stage::Results, false));
    }

    #[test]
    fn receipt_codes_use_the_alphabet_and_skip_biased_bytes() {
        assert_eq!(receipt_code(0..10).as_deref(), Some("ACDEFGHJKL"));
        // 250…255 would favour the first letters: they are skipped.
        let code = receipt_code([250, 255, 249, 24, 25, 26, 27, 28, 29, 30, 31, 32]);
        assert_eq!(code.as_deref(), Some("99ACDEFGHJ"));
        assert_eq!(receipt_code([0u8; 9]), None);
        let all = receipt_code([0u8, 24, 25, 49, 50, 74, 75, 99, 100, 124]).unwrap_or_default();
        assert!(all.bytes().all(|b| RECEIPT_ALPHABET.contains(&b)));
    }

    #[test]
    fn typed_receipts_are_cleaned() {
        assert_eq!(typed_receipt(" acd-efg 79 "), "ACDEFG79");
        assert_eq!(typed_receipt(&"A".repeat(30)).len(), 20);
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
