//! The message id that explains each refusal of the domain to a reader.

use domain::initiatives::{
    Refused, RowRefusal, RuleError, SheetErrorKind, SignRefusal, WithdrawRefusal,
};

pub fn refused(r: Refused) -> &'static str {
    match r {
        Refused::NotAwaitingModeration => "initiatives-refused-not-awaiting-moderation",
        Refused::NotReturned => "initiatives-refused-not-returned",
        Refused::NotCollecting => "initiatives-refused-not-collecting",
        Refused::NotMustConsider => "initiatives-refused-not-must-consider",
        Refused::NotAnswered => "initiatives-refused-not-answered",
        Refused::RejectedNotImplementable => "initiatives-refused-rejected-not-implementable",
        Refused::Finished => "initiatives-refused-finished",
    }
}

pub fn sign(r: SignRefusal) -> &'static str {
    match r {
        SignRefusal::NotCollecting => "initiatives-sign-not-collecting",
        SignRefusal::OutsideTerritory => "initiatives-sign-outside",
        SignRefusal::TooYoung => "initiatives-sign-too-young",
        SignRefusal::NotVerified => "initiatives-sign-not-verified",
        SignRefusal::AlreadySigned => "initiatives-sign-twice",
    }
}

pub fn withdraw(r: WithdrawRefusal) -> &'static str {
    match r {
        WithdrawRefusal::Locked => "initiatives-withdraw-locked",
        WithdrawRefusal::NotSigned => "initiatives-withdraw-not-signed",
    }
}

pub fn sheet(k: SheetErrorKind) -> &'static str {
    match k {
        SheetErrorKind::Columns => "initiatives-paper-err-columns",
        SheetErrorKind::Name => "initiatives-paper-err-name",
        SheetErrorKind::Iin(_) => "initiatives-paper-err-iin",
        SheetErrorKind::Date => "initiatives-paper-err-date",
    }
}

pub fn row(r: RowRefusal) -> &'static str {
    match r {
        RowRefusal::Village => "initiatives-paper-err-village",
        RowRefusal::Age => "initiatives-paper-err-age",
        RowRefusal::Date => "initiatives-paper-err-date",
    }
}

pub fn rule(e: RuleError) -> &'static str {
    match e {
        RuleError::NoBasis => "initiatives-err-rule-no-basis",
        RuleError::ShareTooLarge => "initiatives-err-rule-share",
        RuleError::Period => "initiatives-err-rule-period",
        RuleError::ConsiderDays => "initiatives-err-rule-consider",
    }
}
