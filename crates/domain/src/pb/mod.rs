//! The People's Participation Budget (Халықтық қатысу бюджеті, ХҚБ / Бюджет народного
//! участия, БНУ): the rules of a budget cycle as pure functions. Every figure the law sets is a
//! configurable default here (the legal basis changed in 2025 and will change again).

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

pub use ballot::{BallotError, BallotType, CountingRule};
pub use category::Category;
pub use envelope::{
    quotas_by_population, CoFinancing, CoFinancingSource, Envelope, Quota, QuotaSplit,
};
pub use limits::{CapRules, Eligibility, Ineligible, ShareError, ShareRules};
pub use proposal::{
    check as check_proposal, cost_total, council_balanced, editable, may_edit, AuthorName, Channel,
    Decision, DraftError, DraftInput, PaperEntry, PaperEntryError, PlaceText, ProposalError,
    ProposalLimits, ProposalStatus, ProposalText,
};
pub use schedule::{Schedule, ScheduleError};
pub use setup::{CycleSetup, SetupError, SetupInput};
pub use stage::{check as check_stage, Stage, StageError, StageFacts};
