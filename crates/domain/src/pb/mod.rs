//! The People's Participation Budget (Халық қатысатын бюджет, ХҚБ / Бюджет народного
//! участия, БНУ): the rules of a budget cycle as pure functions. Every figure the law sets is a
//! configurable default here (the legal basis changed in 2025 and will change again).

pub mod assisted;
mod ballot;
mod category;
pub mod count;
pub mod discussion;
mod envelope;
mod limits;
pub mod paper;
mod proposal;
pub mod review;
mod schedule;
pub mod setup;
mod stage;

pub use ballot::{
    receipt_code, replaceable, typed_receipt, votes_public, BallotError, BallotType, CountingRule,
    RECEIPT_ALPHABET, RECEIPT_LEN,
};
pub use category::Category;
pub use envelope::{
    cap, fixed_split, mrp_row, mrp_value, percent, population_split, quotas_by_population,
    split_editable, CoFinancing, CoFinancingSource, Envelope, MrpRowError, MrpYearError, Quota,
    QuotaSplit, SplitError, SplitKind, SplitMode,
};
pub use limits::{CapRules, Eligibility, Ineligible, ShareError, ShareRules};
pub use proposal::{
    check as check_proposal, cost_total, council_balanced, editable, may_edit, AuthorName, Channel,
    Decision, DraftError, DraftInput, PaperEntry, PaperEntryError, PlaceText, ProposalError,
    ProposalLimits, ProposalStatus, ProposalText,
};
pub use schedule::{voting_window, Schedule, ScheduleError, VotingWindow};
pub use setup::{CycleSetup, SetupError, SetupInput};
pub use stage::{check as check_stage, Stage, StageError, StageFacts};
