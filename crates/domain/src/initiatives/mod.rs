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

pub use paper::{parse_sheet, reconcile, PaperLine, Reconciled, SheetError, SheetErrorKind};
pub use signing::{may_sign, may_withdraw, SignRefusal, Signer, WithdrawRefusal};
pub use status::{AnswerKind, CloseReason, Event, FollowUp, Refused, Status};
pub use threshold::{days_left, is_overdue, Progress, RuleError, ThresholdRule};

/// To whom an initiative is addressed: the executive (akim) or the representative body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Addressee {
    /// әкім / аким
    Akim,
    /// мәслихат / маслихат
    Maslikhat,
}

impl Addressee {
    pub const ALL: [Addressee; 2] = [Addressee::Akim, Addressee::Maslikhat];

    pub fn as_str(self) -> &'static str {
        match self {
            Addressee::Akim => "akim",
            Addressee::Maslikhat => "maslikhat",
        }
    }

    pub fn parse(s: &str) -> Option<Addressee> {
        Addressee::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Limits on what an author types, so one initiative cannot fill a page budget alone.
pub const TITLE_MAX: usize = 200;
pub const TEXT_MAX: usize = 8000;
