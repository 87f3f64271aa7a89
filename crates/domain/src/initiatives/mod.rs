//! Civic initiatives (азаматтық бастама / гражданская инициатива), after Finland's
//! Kuntalaisaloite: a resident writes to the akim or the maslikhat of a territory, others sign,
//! and at a threshold the addressee must answer within a deadline; the answer and what follows
//! are tracked until the initiative is implemented or closed.
//!
//! Everything here is pure: the clock and the territory's figures are passed in.

mod paper;
mod signing;
mod status;
mod threshold;

pub use paper::{
    check_row, parse_sheet, reconcile, PaperLine, Reconciled, RowRefusal, SheetError,
    SheetErrorKind,
};
pub use signing::{may_sign, may_withdraw, SignRefusal, Signer, WithdrawRefusal};
pub use status::{
    after_collection, after_signature, deadline, AnswerKind, CloseReason, Event, EventKind,
    FollowUp, Refused, Status,
};

use crate::text::BoundedText;
use crate::Role;
pub use threshold::{days_left, is_overdue, Progress, RuleError, ThresholdRule};

crate::code_enum! {
    /// To whom an initiative is addressed: the executive (akim) or the representative body.
    pub enum Addressee {
        /// әкім / аким
        Akim = "akim",
        /// мәслихат / маслихат
        Maslikhat = "maslikhat",
    }
}

impl Addressee {
    /// Who must answer once the threshold is reached: the akimat's officials or the
    /// maslikhat's deputies (they are notified, and they hold `AnswerInitiative`).
    pub fn answering_role(self) -> Role {
        match self {
            Addressee::Akim => Role::Official,
            Addressee::Maslikhat => Role::Deputy,
        }
    }
}

crate::code_enum! {
    /// How a signature was given.
    pub enum Channel {
        Online = "online",
        Paper = "paper",
    }
}

/// Limits on what an author types, so one initiative cannot fill a page budget alone.
pub const TITLE_MAX: usize = 200;
pub const TEXT_MAX: usize = 8000;

/// An initiative's title.
pub type Title = BoundedText<5, TITLE_MAX>;
/// What is asked, and why (the two long texts of an initiative).
pub type Body = BoundedText<20, TEXT_MAX>;
/// The text of the official answer.
pub type AnswerText = BoundedText<10, TEXT_MAX>;
/// A moderator's reason for returning a draft, or the note of a follow-up.
pub type Note = BoundedText<5, 2000>;
/// The number written on a paper signature sheet.
pub type SheetNo = BoundedText<1, 40>;

/// May the author still add files? Not once the initiative is finished.
pub fn may_attach(status: Status) -> bool {
    !status.is_final()
}

/// Is there room for one more file next to `attached` ones?
pub fn room_for_file(attached: usize) -> bool {
    attached < crate::uploads::INITIATIVE_ATTACHMENTS.files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_addressee_decides_who_answers() {
        assert_eq!(Addressee::Akim.answering_role(), Role::Official);
        assert_eq!(Addressee::Maslikhat.answering_role(), Role::Deputy);
    }

    #[test]
    fn texts_are_bounded() {
        assert!(Title::parse("  Shade ").is_ok());
        assert!(Title::parse("four").is_err());
        assert!(AnswerText::parse("too short").is_err());
        assert!(Note::parse(&"x".repeat(2001)).is_err());
        assert!(SheetNo::parse(" ").is_err());
    }

    #[test]
    fn files_until_finished_and_the_limit() {
        assert!(may_attach(Status::Draft));
        assert!(may_attach(Status::Answered));
        assert!(!may_attach(Status::Closed));
        assert!(!may_attach(Status::Implemented));
        assert!(room_for_file(4));
        assert!(!room_for_file(5));
    }
}
