//! The life of an initiative as a state machine. Every transition that is refused says why,
//! with a message id the web layer translates.

/// Where an initiative stands. The first six are the public statuses of the API; `Returned`
/// is a draft sent back to its author by a moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Written, waiting for a moderator (жоба / черновик).
    Draft,
    /// Sent back to the author with a reason; the author may edit and resubmit.
    Returned,
    /// Published; signatures are being collected until the collection deadline.
    Collecting,
    /// The threshold was reached: the addressee must answer before the consideration deadline.
    MustConsider,
    /// The official answer is published; follow-ups are recorded until the end.
    Answered,
    /// What the answer promised is done.
    Implemented,
    /// Finished without being implemented (see [`CloseReason`]).
    Closed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Returned,
        Status::Collecting,
        Status::MustConsider,
        Status::Answered,
        Status::Implemented,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Returned => "returned",
            Status::Collecting => "collecting",
            Status::MustConsider => "must_consider",
            Status::Answered => "answered",
            Status::Implemented => "implemented",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Seen by everyone (drafts and returned drafts only by the author and moderators).
    pub fn is_public(self) -> bool {
        !matches!(self, Status::Draft | Status::Returned)
    }

    /// Nothing more can happen.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Implemented | Status::Closed)
    }
}

/// The kind of the official answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerKind {
    /// қабылданды / принято
    Accepted,
    /// ішінара қабылданды / принято частично
    Partly,
    /// қабылданбады / отклонено
    Rejected,
}

impl AnswerKind {
    pub const ALL: [AnswerKind; 3] = [
        AnswerKind::Accepted,
        AnswerKind::Partly,
        AnswerKind::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AnswerKind::Accepted => "accepted",
            AnswerKind::Partly => "partly",
            AnswerKind::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<AnswerKind> {
        AnswerKind::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What happened after the answer, recorded by the addressee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FollowUp {
    /// Work has started (a decision taken, money found, a contract signed…).
    InProgress,
    /// Done: the initiative becomes `Implemented`.
    Implemented,
    /// Nothing more will be done: the initiative becomes `Closed`.
    Closed,
}

impl FollowUp {
    pub const ALL: [FollowUp; 3] = [
        FollowUp::InProgress,
        FollowUp::Implemented,
        FollowUp::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FollowUp::InProgress => "in_progress",
            FollowUp::Implemented => "implemented",
            FollowUp::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<FollowUp> {
        FollowUp::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Why an initiative closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CloseReason {
    /// The collection period ended below the threshold.
    NotEnoughSignatures,
    /// The addressee recorded that nothing more will be done.
    Ended,
}

impl CloseReason {
    pub fn as_str(self) -> &'static str {
        match self {
            CloseReason::NotEnoughSignatures => "not_enough_signatures",
            CloseReason::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<CloseReason> {
        [CloseReason::NotEnoughSignatures, CloseReason::Ended]
            .into_iter()
            .find(|x| x.as_str() == s)
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

/// Why a transition is refused; each has a message in every language.
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
    /// The message id that explains the refusal to a reader.
    pub fn message_id(self) -> &'static str {
        match self {
            Refused::NotAwaitingModeration => "initiatives-refused-not-awaiting-moderation",
            Refused::NotReturned => "initiatives-refused-not-returned",
            Refused::NotCollecting => "initiatives-refused-not-collecting",
            Refused::NotMustConsider => "initiatives-refused-not-must-consider",
            Refused::NotAnswered => "initiatives-refused-not-answered",
            Refused::RejectedNotImplementable => "initiatives-refused-rejected-not-implementable",
            Refused::Finished => "initiatives-refused-finished",
        }
    }

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
        let ids: std::collections::BTreeSet<_> =
            Refused::ALL.iter().map(|r| r.message_id()).collect();
        assert_eq!(ids.len(), Refused::ALL.len(), "one message per refusal");
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
