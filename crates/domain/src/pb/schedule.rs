use chrono::NaiveDate;

/// The dates of a cycle's stages. Review covers what follows collection up to `review_end`
/// (revision and re-review included); discussion runs to `discussion_end`; then voting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub collection_start: NaiveDate,
    pub collection_end: NaiveDate,
    pub review_end: NaiveDate,
    pub discussion_end: NaiveDate,
    pub voting_start: NaiveDate,
    pub voting_end: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("collection must end after it starts")]
    Collection,
    #[error("review must end after collection ends")]
    Review,
    #[error("discussion must end after review ends")]
    Discussion,
    #[error("voting must start after discussion ends and end after it starts")]
    Voting,
}

impl Schedule {
    pub fn validate(&self) -> Result<(), ScheduleError> {
        if self.collection_end < self.collection_start {
            return Err(ScheduleError::Collection);
        }
        if self.review_end < self.collection_end {
            return Err(ScheduleError::Review);
        }
        if self.discussion_end < self.review_end {
            return Err(ScheduleError::Discussion);
        }
        if self.voting_start < self.discussion_end || self.voting_end < self.voting_start {
            return Err(ScheduleError::Voting);
        }
        Ok(())
    }

    /// The planned dates of each stage, for the public timeline.
    pub fn planned(&self, stage: super::Stage) -> Option<(NaiveDate, NaiveDate)> {
        use super::Stage::*;
        match stage {
            Collection => Some((self.collection_start, self.collection_end)),
            Review | Revision => Some((self.collection_end, self.review_end)),
            Discussion => Some((self.review_end, self.discussion_end)),
            Voting => Some((self.voting_start, self.voting_end)),
            Results | Implementation | Closed => None,
        }
    }
}

/// Whether a cycle takes ballots today (online, assisted or paper).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VotingWindow {
    /// The cycle is not at the voting stage, or its first voting day has not come.
    NotOpen,
    Open,
    /// The last voting day has passed (the date is that day).
    Closed(NaiveDate),
}

/// "Voting is open today": the cycle is at the voting stage and `today` (a Kazakhstan date)
/// lies within its voting dates. Voting closes at the end of its last day in Kazakhstan.
pub fn voting_window(stage: super::Stage, s: &Schedule, today: NaiveDate) -> VotingWindow {
    if stage != super::Stage::Voting || today < s.voting_start {
        VotingWindow::NotOpen
    } else if today > s.voting_end {
        VotingWindow::Closed(s.voting_end)
    } else {
        VotingWindow::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voting_is_open_from_the_first_to_the_end_of_the_last_day() {
        use super::super::Stage;
        let d = |s: &str| crate::time::parse_date(s).unwrap_or_default();
        let s = Schedule {
            collection_start: d("2026-01-01"),
            collection_end: d("2026-02-01"),
            review_end: d("2026-03-01"),
            discussion_end: d("2026-04-01"),
            voting_start: d("2026-04-10"),
            voting_end: d("2026-04-20"),
        };
        let w = |stage, day| voting_window(stage, &s, d(day));
        assert_eq!(w(Stage::Voting, "2026-04-09"), VotingWindow::NotOpen);
        assert_eq!(w(Stage::Voting, "2026-04-10"), VotingWindow::Open);
        assert_eq!(w(Stage::Voting, "2026-04-20"), VotingWindow::Open);
        assert_eq!(
            w(Stage::Voting, "2026-04-21"),
            VotingWindow::Closed(d("2026-04-20"))
        );
        assert_eq!(w(Stage::Discussion, "2026-04-15"), VotingWindow::NotOpen);
        assert_eq!(w(Stage::Results, "2026-04-15"), VotingWindow::NotOpen);
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }

    #[test]
    fn dates_in_order() {
        let s = Schedule {
            collection_start: d(1, 20),
            collection_end: d(3, 1),
            review_end: d(3, 20),
            discussion_end: d(4, 1),
            voting_start: d(4, 2),
            voting_end: d(4, 15),
        };
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(
            Schedule {
                collection_end: d(1, 1),
                ..s
            }
            .validate(),
            Err(ScheduleError::Collection)
        );
        assert_eq!(
            Schedule {
                review_end: d(2, 1),
                ..s
            }
            .validate(),
            Err(ScheduleError::Review)
        );
        assert_eq!(
            Schedule {
                discussion_end: d(3, 2),
                ..s
            }
            .validate(),
            Err(ScheduleError::Discussion)
        );
        assert_eq!(
            Schedule {
                voting_start: d(3, 30),
                ..s
            }
            .validate(),
            Err(ScheduleError::Voting)
        );
        assert_eq!(
            Schedule {
                voting_end: d(4, 1),
                ..s
            }
            .validate(),
            Err(ScheduleError::Voting)
        );
        assert_eq!(
            s.planned(super::super::Stage::Voting),
            Some((d(4, 2), d(4, 15)))
        );
    }
}
