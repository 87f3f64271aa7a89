use chrono::NaiveDate;

crate::code_enum! {
    /// A stage (кезең / этап) of a cycle, in the order of the rural model (seed 000).
    #[derive(PartialOrd, Ord)]
    pub enum Stage {
        /// ұсыныстар жинау / сбор предложений
        Collection = "collection",
        /// сараптама / экспертиза
        Review = "review",
        /// пысықтау / доработка (optional)
        Revision = "revision",
        /// талқылау / обсуждение
        Discussion = "discussion",
        /// дауыс беру / голосование
        Voting = "voting",
        /// қорытындылар / итоги
        Results = "results",
        /// іске асыру / реализация
        Implementation = "implementation",
        /// жабық / закрыт
        Closed = "closed",
    }
}

impl Stage {
    /// The stages a cycle may move to from this one.
    pub fn successors(self) -> &'static [Stage] {
        match self {
            Stage::Collection => &[Stage::Review],
            Stage::Review => &[Stage::Revision, Stage::Discussion],
            // After revision the council looks again.
            Stage::Revision => &[Stage::Review],
            Stage::Discussion => &[Stage::Voting],
            Stage::Voting => &[Stage::Results],
            Stage::Results => &[Stage::Implementation],
            Stage::Implementation => &[Stage::Closed],
            Stage::Closed => &[],
        }
    }
}

/// What a stage change depends on, gathered by the caller from storage.
#[derive(Debug, Clone)]
pub struct StageFacts {
    pub today: NaiveDate,
    pub proposals_submitted: usize,
    pub proposals_admitted: usize,
    /// Proposals the expert council has not decided yet.
    pub proposals_undecided: usize,
    pub revision_enabled: bool,
    pub voting_starts: Option<NaiveDate>,
    pub voting_ends: Option<NaiveDate>,
    pub results_published: bool,
}

/// Why a stage change was refused; each variant is a sentence for the coordinator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    #[error("a cycle goes from {from:?} only to {allowed:?}")]
    NotNext { from: Stage, allowed: Vec<Stage> },
    #[error("no proposals were submitted")]
    NoProposals,
    #[error("the expert council has not decided on {0} proposals")]
    Undecided(usize),
    #[error("no proposal was admitted, so there is nothing to vote on")]
    NoAdmittedProposals,
    #[error("this cycle has no revision stage")]
    RevisionDisabled,
    #[error("the voting dates are not set")]
    NoVotingDates,
    #[error("voting would end on {0}, which is already past")]
    VotingEndsInPast(NaiveDate),
    #[error("voting is open until {0}")]
    VotingStillOpen(NaiveDate),
    #[error("the results are not published yet")]
    ResultsNotPublished,
}

/// May a cycle move from `from` to `to` now? The answer names the first obstacle.
pub fn check(from: Stage, to: Stage, f: &StageFacts) -> Result<(), StageError> {
    if !from.successors().contains(&to) {
        return Err(StageError::NotNext {
            from,
            allowed: from.successors().to_vec(),
        });
    }
    match to {
        Stage::Review if f.proposals_submitted == 0 => Err(StageError::NoProposals),
        Stage::Revision if !f.revision_enabled => Err(StageError::RevisionDisabled),
        Stage::Revision | Stage::Discussion if f.proposals_undecided > 0 => {
            Err(StageError::Undecided(f.proposals_undecided))
        }
        Stage::Discussion if f.proposals_admitted == 0 => Err(StageError::NoAdmittedProposals),
        Stage::Voting => match (f.voting_starts, f.voting_ends) {
            _ if f.proposals_admitted == 0 => Err(StageError::NoAdmittedProposals),
            (Some(_), Some(end)) if end < f.today => Err(StageError::VotingEndsInPast(end)),
            (Some(_), Some(_)) => Ok(()),
            _ => Err(StageError::NoVotingDates),
        },
        Stage::Results => match f.voting_ends {
            Some(end) if end >= f.today => Err(StageError::VotingStillOpen(end)),
            _ => Ok(()),
        },
        Stage::Implementation if !f.results_published => Err(StageError::ResultsNotPublished),
        _ => Ok(()),
    }
}

impl Stage {
    /// Convenience for [`check`].
    pub fn can_move_to(self, to: Stage, facts: &StageFacts) -> Result<(), StageError> {
        check(self, to, facts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    fn facts() -> StageFacts {
        StageFacts {
            today: day(3, 1),
            proposals_submitted: 5,
            proposals_admitted: 3,
            proposals_undecided: 0,
            revision_enabled: true,
            voting_starts: Some(day(4, 1)),
            voting_ends: Some(day(4, 15)),
            results_published: false,
        }
    }

    #[test]
    fn the_whole_path_is_allowed_with_good_facts() {
        let mut f = facts();
        let path = [
            Stage::Collection,
            Stage::Review,
            Stage::Revision,
            Stage::Review,
            Stage::Discussion,
            Stage::Voting,
        ];
        for w in path.windows(2) {
            assert_eq!(
                w[0].can_move_to(w[1], &f),
                Ok(()),
                "{:?} → {:?}",
                w[0],
                w[1]
            );
        }
        f.today = day(4, 16);
        assert_eq!(Stage::Voting.can_move_to(Stage::Results, &f), Ok(()));
        f.results_published = true;
        assert_eq!(
            Stage::Results.can_move_to(Stage::Implementation, &f),
            Ok(())
        );
        assert_eq!(Stage::Implementation.can_move_to(Stage::Closed, &f), Ok(()));
    }

    #[test]
    fn every_refusal_says_why() {
        let f = facts();
        assert!(matches!(
            Stage::Collection.can_move_to(Stage::Voting, &f),
            Err(StageError::NotNext { .. })
        ));
        assert_eq!(Stage::Closed.successors(), &[] as &[Stage]);
        let none = StageFacts {
            proposals_submitted: 0,
            ..facts()
        };
        assert_eq!(
            Stage::Collection.can_move_to(Stage::Review, &none),
            Err(StageError::NoProposals)
        );
        let undecided = StageFacts {
            proposals_undecided: 2,
            ..facts()
        };
        assert_eq!(
            Stage::Review.can_move_to(Stage::Discussion, &undecided),
            Err(StageError::Undecided(2))
        );
        let no_rev = StageFacts {
            revision_enabled: false,
            ..facts()
        };
        assert_eq!(
            Stage::Review.can_move_to(Stage::Revision, &no_rev),
            Err(StageError::RevisionDisabled)
        );
        let nothing = StageFacts {
            proposals_admitted: 0,
            ..facts()
        };
        assert_eq!(
            Stage::Review.can_move_to(Stage::Discussion, &nothing),
            Err(StageError::NoAdmittedProposals)
        );
        assert_eq!(
            Stage::Discussion.can_move_to(Stage::Voting, &nothing),
            Err(StageError::NoAdmittedProposals)
        );
        let past = StageFacts {
            today: day(5, 1),
            ..facts()
        };
        assert_eq!(
            Stage::Discussion.can_move_to(Stage::Voting, &past),
            Err(StageError::VotingEndsInPast(day(4, 15)))
        );
        let undated = StageFacts {
            voting_ends: None,
            ..facts()
        };
        assert_eq!(
            Stage::Discussion.can_move_to(Stage::Voting, &undated),
            Err(StageError::NoVotingDates)
        );
        let open = StageFacts {
            today: day(4, 10),
            ..facts()
        };
        assert_eq!(
            Stage::Voting.can_move_to(Stage::Results, &open),
            Err(StageError::VotingStillOpen(day(4, 15)))
        );
        assert_eq!(
            Stage::Results.can_move_to(Stage::Implementation, &f),
            Err(StageError::ResultsNotPublished)
        );
    }

    #[test]
    fn names_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
    }
}
