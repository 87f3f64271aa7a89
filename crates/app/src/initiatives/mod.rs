//! Civic initiatives (азаматтық бастама / гражданская инициатива): submitting, moderating,
//! signing (online and on paper), answering and following up, the rules per territory, and
//! the reads the pages, the API and the Atom feed need.
//!
//! Every change of status is the domain's `Status::apply`; reaching the threshold and the end
//! of collection are `after_signature` / `after_collection`; the answer's deadline is
//! `ThresholdRule::consider_deadline` and who must answer is `Addressee::answering_role`.

mod answer;
mod attachments;
mod moderate;
mod paper;
mod read;
mod rules;
mod sign;
mod submit;

pub use answer::{answer_initiative, follow_up, AnswerInput};
pub use attachments::{
    add_attachment, attachment, attachments, may_add, new_file_id, AttachOutcome, NewFile,
};
pub use moderate::{publish_initiative, return_initiative};
pub use paper::{check_paper_rows, enter_paper_signatures, PaperOutcome};
pub use read::*;
pub use rules::{rule_for, set_initiative_rules};
pub use sign::{may_sign_now, sign_initiative, withdraw_signature, SignOutcome};
pub use submit::{own_territories, resubmit_initiative, submit_initiative, DraftInput};

pub use store::initiatives::attachments::Attachment;
pub use store::initiatives::{
    Answer, Filter, HistoryItem, Initiative, MySignature, Notice, SheetOutcome, Signature,
    VillageCount,
};
pub use store::territories::{path_string, Territory};

/// What became of a step whose refusal a person can correct (or that lost a race).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome<R> {
    Done,
    Refused(R),
}

impl<R> From<Result<(), R>> for Outcome<R> {
    fn from(r: Result<(), R>) -> Outcome<R> {
        match r {
            Ok(()) => Outcome::Done,
            Err(why) => Outcome::Refused(why),
        }
    }
}
