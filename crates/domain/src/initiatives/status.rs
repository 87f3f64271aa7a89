//! The life of an initiative as a state machine. Every transition that is refused says why,
//! as a plain value the web layer puts into words.

use chrono::{DateTime, Utc};

crate::code_enum! {
    /// Where an initiative stands. The first six are the public statuses of the API;
    /// `Returned` is a draft sent back to its author by a moderator.
    pub enum Status {
        /// Written, waiting for a moderator (жоба / черновик).
        Draft = "draft",
        /// Sent back to the author with a reason; the author may edit and resubmit.
        Returned = "returned",
        /// Published; signatures are being collected until the collection deadline.
        Collecting = "collecting",
        /// The threshold was reached: the addressee must answer before the deadline.
        MustConsider = "must_consider",
        /// The official answer is published; follow-ups are recorded until the end.
        Answered = "answered",
        /// What the answer promised is done.
        Implemented = "implemented",
        /// Finished without being implemented (see [`CloseReason`]).
        Closed = "closed",
    }
}

impl Status {
    /// Seen by everyone (drafts and returned drafts only by the author and moderators).
    pub fn is_public(self) -> bool {
        !matches!(self, Status::Draft | Status::Returned)
    }

    /// Nothing more can happen.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Implemented | Status::Closed)
    }

    /// Does a new signature of `channel` count in this status? Online signatures count only
    /// while collecting; paper ones also after others reached the threshold, since the sheet
    /// was signed during collection.
    pub fn counts_signature(self, channel: super::Channel) -> bool {
        match self {
            Status::Collecting => true,
            Status::MustConsider => channel == super::Channel::Paper,
            _ => false,
        }
    }

    /// The statuses in which a signature of `channel` counts.
    pub fn counting(channel: super::Channel) -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|s| s.counts_signature(channel))
            .collect()
    }
}

crate::code_enum! {
    /// The kind of the official answer.
    pub enum AnswerKind {
        /// қабылданды / принято
        Accepted = "accepted",
        /// ішінара қабылданды / принято частично
        Partly = "partly",
        /// қабылданбады / отклонено
        Rejected = "rejected",
    }
}

crate::code_enum! {
    /// What happened after the answer, recorded by the addressee.
    pub enum FollowUp {
        /// Work has started (a decision taken, money found, a contract signed…).
        InProgress = "in_progress",
        /// Done: the initiative becomes `Implemented`.
        Implemented = "implemented",
        /// Nothing more will be done: the initiative becomes `Closed`.
        Closed = "closed",
    }
}

crate::code_enum! {
    /// Why an initiative closed.
    pub enum CloseReason {
        /// The collection period ended below the threshold.
        NotEnoughSignatures = "not_enough_signatures",
        /// The addressee recorded that nothing more will be done.
        Ended = "ended",
    }
}

crate::code_enum! {
    /// A step in an initiative's history, as its public timeline lists it.
    pub enum EventKind {
        Submitted = "submitted",
        Resubmitted = "resubmitted",
        Published = "published",
        Returned = "returned",
        /// Signatures reached the threshold.
        Threshold = "threshold",
        /// Collection ended below the threshold.
        Expired = "expired",
        Answered = "answered",
        InProgress = "in_progress",
        Implemented = "implemented",
        Closed = "closed",
    }
}

impl From<FollowUp> for EventKind {
    fn from(step: FollowUp) -> EventKind {
        match step {
            FollowUp::InProgress => EventKind::InProgress,
            FollowUp::Implemented => EventKind::Implemented,
            FollowUp::Closed => EventKind::Closed,
        }
    }
}

/// Something that moves an initiative on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A moderator publishes the draft: collection starts.
    Publish,
    /// A moderator returns the draft to its author with a reason.
    Return,
    /// The author edits a returned draft and sends it again.
    Resubmit,
    /// Signatures reached the threshold.
    ThresholdReached,
    /// The collection period ended below the threshold.
    CollectionEnded,
    /// The addressee publishes the official answer.
    Answer(AnswerKind),
    /// The addressee records what followed the answer. `answer` is the answer given.
    FollowUp { step: FollowUp, answer: AnswerKind },
}

/// Why a transition is refused (the web has a message for each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("only a draft waiting for moderation can be published or returned")]
    NotAwaitingModeration,
    #[error("only a returned draft can be resubmitted")]
    NotReturned,
    #[error("signatures are not being collected")]
    NotCollecting,
    #[error("only an initiative that must be considered can be answered")]
    NotMustConsider,
    #[error("follow-ups are recorded only after the answer")]
    NotAnswered,
    #[error("a rejected initiative cannot be marked implemented")]
    RejectedNotImplementable,
    #[error("the initiative is finished")]
    Finished,
}

impl Refused {
    pub const ALL: [Refused; 7] = [
        Refused::NotAwaitingModeration,
        Refused::NotReturned,
        Refused::NotCollecting,
        Refused::NotMustConsider,
        Refused::NotAnswered,
        Refused::RejectedNotImplementable,
        Refused::Finished,
    ];
}

impl Status {
    /// The status after `event`, or why the event cannot happen now.
    pub fn apply(self, event: Event) -> Result<Status, Refused> {
        use Status as S;
        if self.is_final() {
            return Err(Refused::Finished);
        }
        match (self, event) {
            (S::Draft, Event::Publish) => Ok(S::Collecting),
            (S::Draft, Event::Return) => Ok(S::Returned),
            (_, Event::Publish | Event::Return) => Err(Refused::NotAwaitingModeration),
            (S::Returned, Event::Resubmit) => Ok(S::Draft),
            (_, Event::Resubmit) => Err(Refused::NotReturned),
            (S::Collecting, Event::ThresholdReached) => Ok(S::MustConsider),
            (S::Collecting, Event::CollectionEnded) => Ok(S::Closed),
            (_, Event::ThresholdReached | Event::CollectionEnded) => Err(Refused::NotCollecting),
            (S::MustConsider, Event::Answer(_)) => Ok(S::Answered),
            (_, Event::Answer(_)) => Err(Refused::NotMustConsider),
            (S::Answered, Event::FollowUp { step, answer }) => match (step, answer) {
                (FollowUp::Implemented, AnswerKind::Rejected) => {
                    Err(Refused::RejectedNotImplementable)
                }
                (FollowUp::Implemented, _) => Ok(S::Implemented),
                (FollowUp::Closed, _) => Ok(S::Closed),
                (FollowUp::InProgress, AnswerKind::Rejected) => {
                    Err(Refused::RejectedNotImplementable)
                }
                (FollowUp::InProgress, _) => Ok(S::Answered),
            },
            (_, Event::FollowUp { .. }) => Err(Refused::NotAnswered),
        }
    }
}

/// After a signature was counted: the status the initiative moves to when `signatures`
/// reached `required` (`ThresholdReached`), `None` when nothing changes.
pub fn after_signature(status: Status, signatures: i64, required: Option<i64>) -> Option<Status> {
    if required.is_none_or(|r| signatures < r) {
        return None;
    }
    status.apply(Event::ThresholdReached).ok()
}

/// At `now`: the status an initiative moves to because its collection period is over
/// (`CollectionEnded`), `None` when it is not (or it is not collecting).
pub fn after_collection(
    status: Status,
    collect_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Status> {
    if collect_until.is_none_or(|u| u > now) {
        return None;
    }
    status.apply(Event::CollectionEnded).ok()
}

/// The deadline that matters now: the end of collection, or the day the answer is due.
pub fn deadline(
    status: Status,
    collect_until: Option<DateTime<Utc>>,
    consider_due: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    match status {
        Status::Collecting => collect_until,
        Status::MustConsider => consider_due,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_happy_path_from_draft_to_implemented() {
        let steps = [
            (Event::Publish, Status::Collecting),
            (Event::ThresholdReached, Status::MustConsider),
            (Event::Answer(AnswerKind::Partly), Status::Answered),
            (
                Event::FollowUp {
                    step: FollowUp::InProgress,
                    answer: AnswerKind::Partly,
                },
                Status::Answered,
            ),
            (
                Event::FollowUp {
                    step: FollowUp::Implemented,
                    answer: AnswerKind::Partly,
                },
                Status::Implemented,
            ),
        ];
        let mut s = Status::Draft;
        for (e, want) in steps {
            s = s.apply(e).unwrap();
            assert_eq!(s, want, "{e:?}");
        }
    }

    #[test]
    fn returned_drafts_come_back_and_short_collections_close() {
        assert_eq!(Status::Draft.apply(Event::Return), Ok(Status::Returned));
        assert_eq!(Status::Returned.apply(Event::Resubmit), Ok(Status::Draft));
        assert_eq!(
            Status::Collecting.apply(Event::CollectionEnded),
            Ok(Status::Closed)
        );
    }

    #[test]
    fn every_refusal_is_explained() {
        let cases = [
            (
                Status::Collecting,
                Event::Publish,
                Refused::NotAwaitingModeration,
            ),
            (
                Status::Returned,
                Event::Return,
                Refused::NotAwaitingModeration,
            ),
            (Status::Draft, Event::Resubmit, Refused::NotReturned),
            (
                Status::Draft,
                Event::ThresholdReached,
                Refused::NotCollecting,
            ),
            (
                Status::MustConsider,
                Event::CollectionEnded,
                Refused::NotCollecting,
            ),
            (
                Status::Collecting,
                Event::Answer(AnswerKind::Accepted),
                Refused::NotMustConsider,
            ),
            (
                Status::MustConsider,
                Event::FollowUp {
                    step: FollowUp::Implemented,
                    answer: AnswerKind::Accepted,
                },
                Refused::NotAnswered,
            ),
            (
                Status::Answered,
                Event::FollowUp {
                    step: FollowUp::Implemented,
                    answer: AnswerKind::Rejected,
                },
                Refused::RejectedNotImplementable,
            ),
            (Status::Closed, Event::Publish, Refused::Finished),
            (
                Status::Implemented,
                Event::ThresholdReached,
                Refused::Finished,
            ),
        ];
        for (from, e, why) in cases {
            assert_eq!(from.apply(e), Err(why), "{from:?} {e:?}");
        }
    }

    #[test]
    fn threshold_and_collection_end() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            after_signature(Status::Collecting, 10, Some(10)),
            Some(Status::MustConsider)
        );
        assert_eq!(after_signature(Status::Collecting, 9, Some(10)), None);
        assert_eq!(after_signature(Status::MustConsider, 11, Some(10)), None);
        assert_eq!(after_signature(Status::Collecting, 10, None), None);
        let until = Some(at("2026-03-01T00:00:00Z"));
        assert_eq!(
            after_collection(Status::Collecting, until, at("2026-03-01T00:00:00Z")),
            Some(Status::Closed)
        );
        assert_eq!(
            after_collection(Status::Collecting, until, at("2026-02-28T23:59:59Z")),
            None
        );
        assert_eq!(
            after_collection(Status::MustConsider, until, at("2027-01-01T00:00:00Z")),
            None
        );
        assert_eq!(
            after_collection(Status::Collecting, None, at("2027-01-01T00:00:00Z")),
            None
        );
        let due = Some(at("2026-04-01T00:00:00Z"));
        assert_eq!(deadline(Status::Collecting, until, due), until);
        assert_eq!(deadline(Status::MustConsider, until, due), due);
        assert_eq!(deadline(Status::Answered, until, due), None);
    }

    #[test]
    fn which_signatures_count() {
        use super::super::Channel;
        assert_eq!(Status::counting(Channel::Online), vec![Status::Collecting]);
        assert_eq!(
            Status::counting(Channel::Paper),
            vec![Status::Collecting, Status::MustConsider]
        );
    }

    #[test]
    fn names_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for a in AnswerKind::ALL {
            assert_eq!(AnswerKind::parse(a.as_str()), Some(a));
        }
        for f in FollowUp::ALL {
            assert_eq!(FollowUp::parse(f.as_str()), Some(f));
            assert_eq!(
                EventKind::from(f).as_str(),
                f.as_str(),
                "a follow-up is its own event"
            );
        }
        assert_eq!(Status::parse("approved"), None);
    }

    fn any_event() -> impl Strategy<Value = Event> {
        let kind = prop::sample::select(AnswerKind::ALL.to_vec());
        let step = prop::sample::select(FollowUp::ALL.to_vec());
        prop_oneof![
            Just(Event::Publish),
            Just(Event::Return),
            Just(Event::Resubmit),
            Just(Event::ThresholdReached),
            Just(Event::CollectionEnded),
            kind.clone().prop_map(Event::Answer),
            (step, kind).prop_map(|(step, answer)| Event::FollowUp { step, answer }),
        ]
    }

    proptest! {
        /// Whatever happens, an initiative never goes back to collecting once it has left it,
        /// never leaves a final status, and only public statuses follow a public one.
        #[test]
        fn no_way_back(events in prop::collection::vec(any_event(), 0..40)) {
            let mut s = Status::Draft;
            let mut left_collecting = false;
            for e in events {
                let before = s;
                if let Ok(next) = s.apply(e) {
                    prop_assert!(!before.is_final());
                    if before.is_public() { prop_assert!(next.is_public()); }
                    if left_collecting { prop_assert_ne!(next, Status::Collecting); }
                    if before == Status::Collecting && next != Status::Collecting { left_collecting = true; }
                    s = next;
                }
            }
        }
    }
}
