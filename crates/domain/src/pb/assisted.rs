//! Assisted voting (дауыс беруге көмек / голосование с помощью координатора): at a
//! participation centre a coordinator records the choice of a resident who is there. These are
//! its rules (security review H2): what a look-up by IIN may show, who may be the witness, how
//! the resident confirms that it is them, and the limits on look-ups and password tries.
//!
//! Account ids are generic (`Id`): the domain knows no storage.

use super::Ineligible;
use crate::code_enum;

/// Look-ups by IIN one coordinator may make within [`LOOKUP_WINDOW_MINUTES`]: enough for a
/// busy centre (every step of one resident's visit counts), too few to sweep a village.
pub const LOOKUPS_PER_WINDOW: i64 = 60;
pub const LOOKUP_WINDOW_MINUTES: i64 = 60;

/// Passwords typed for one account at the centre (the resident's, the witness's, the
/// registrar's) within [`PASSWORD_WINDOW_MINUTES`], as the login allows per account.
pub const PASSWORD_TRIES: i64 = 5;
pub const PASSWORD_WINDOW_MINUTES: i64 = 15;

code_enum! {
    /// How the resident at the centre confirmed that the ballot is theirs.
    pub enum Confirmation {
        /// They typed their own account password.
        Password = "password",
        /// They typed the one-time code sent to their confirmed phone or e-mail.
        Code = "code",
        /// They have neither: a registrar checked their identity document at that moment and
        /// confirmed with the registrar's own password.
        Document = "document",
    }
}

/// What a look-up by IIN may show the coordinator. Nothing about a person is shown unless
/// they are a registered resident of the cycle's territory; an earlier ballot is only a fact
/// ("has voted"), never its receipt; name, village and age only for someone who may vote now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupAnswer {
    /// No registered resident of the cycle's territory has this IIN: the same answer whether
    /// the IIN is unknown or its holder lives elsewhere.
    NotHere,
    /// The resident has a ballot in this cycle already.
    Voted,
    /// The resident lives here but may not vote (too young, not verified enough).
    Ineligible(Ineligible),
    /// The resident may vote: their details are shown so the coordinator can check them
    /// against the identity document.
    MayVote,
}

/// The answer for a look-up: `eligible` is the eligibility check of the account with the IIN
/// (`None`: no account has it), which checks the territory first; `voted` whether that person
/// has a ballot in the cycle.
pub fn lookup_answer(eligible: Option<Result<(), Ineligible>>, voted: bool) -> LookupAnswer {
    match eligible {
        None | Some(Err(Ineligible::NotResident)) => LookupAnswer::NotHere,
        Some(_) if voted => LookupAnswer::Voted,
        Some(Err(e)) => LookupAnswer::Ineligible(e),
        Some(Ok(())) => LookupAnswer::MayVote,
    }
}

/// The witness of an assisted ballot: a registered account, never a typed name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Witness<Id>(Id);

/// Why a witness is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WitnessError {
    #[error("the witness is given by the phone or e-mail they log in with")]
    NotAContact,
    /// No account has this contact, or the password or presence code typed is not theirs
    /// (one answer for both).
    #[error("no account with this contact and password or presence code")]
    NotConfirmed,
    #[error("the coordinator cannot be the witness")]
    IsCoordinator,
    #[error("the resident cannot be their own witness")]
    IsVoter,
    #[error("the registrar who checked the document cannot also be the witness")]
    IsRegistrar,
}

impl<Id: PartialEq + Copy> Witness<Id> {
    /// `account` as the witness of a ballot that `coordinator` records for `voter`, whose
    /// identity document `registrar` checked (when it was checked): three different people.
    pub fn accept(
        account: Id,
        coordinator: Id,
        voter: Id,
        registrar: Option<Id>,
    ) -> Result<Witness<Id>, WitnessError> {
        if account == coordinator {
            Err(WitnessError::IsCoordinator)
        } else if account == voter {
            Err(WitnessError::IsVoter)
        } else if registrar == Some(account) {
            Err(WitnessError::IsRegistrar)
        } else {
            Ok(Witness(account))
        }
    }

    pub fn account(&self) -> Id {
        self.0
    }
}

/// Why the resident's confirmation is refused; the ballot is not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConfirmRefusal {
    #[error("choose how the resident confirms, and fill it in")]
    Missing,
    #[error("this is not the resident's password")]
    PasswordWrong,
    #[error("the code is not accepted: {0}")]
    Code(crate::accounts::CodeRefusal),
    #[error("too many passwords typed for this account: wait {minutes} minutes")]
    Throttled { minutes: i64 },
    /// No account has the registrar's contact, or the password is not theirs.
    #[error("no account with this contact and password")]
    RegistrarNotConfirmed,
    #[error("this account is not a registrar of the resident's territory")]
    NotRegistrar,
    #[error("the coordinator cannot also confirm the document check")]
    RegistrarIsCoordinator,
    #[error("the resident cannot check their own document")]
    RegistrarIsVoter,
}

/// May `registrar` (whose grants `may_verify` in the resident's territory) record the document
/// check of `voter`'s ballot, which `coordinator` records? Someone other than both.
pub fn registrar_check<Id: PartialEq>(
    registrar: Id,
    coordinator: Id,
    voter: Id,
    may_verify: bool,
) -> Result<(), ConfirmRefusal> {
    if registrar == coordinator {
        Err(ConfirmRefusal::RegistrarIsCoordinator)
    } else if registrar == voter {
        Err(ConfirmRefusal::RegistrarIsVoter)
    } else if !may_verify {
        Err(ConfirmRefusal::NotRegistrar)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Level;

    #[test]
    fn nothing_is_shown_of_someone_who_lives_elsewhere_or_has_voted() {
        let elsewhere = Some(Err(Ineligible::NotResident));
        assert_eq!(lookup_answer(None, false), LookupAnswer::NotHere);
        assert_eq!(
            lookup_answer(elsewhere.clone(), false),
            LookupAnswer::NotHere
        );
        // Voted elsewhere (or moved away since): still nothing about them.
        assert_eq!(lookup_answer(elsewhere, true), LookupAnswer::NotHere);
        assert_eq!(lookup_answer(Some(Ok(())), true), LookupAnswer::Voted);
        let young = Some(Err(Ineligible::TooYoung(18)));
        assert_eq!(lookup_answer(young.clone(), true), LookupAnswer::Voted);
        assert_eq!(
            lookup_answer(young, false),
            LookupAnswer::Ineligible(Ineligible::TooYoung(18))
        );
        assert_eq!(
            lookup_answer(Some(Err(Ineligible::NotVerified(Level::InPerson))), false),
            LookupAnswer::Ineligible(Ineligible::NotVerified(Level::InPerson))
        );
        assert_eq!(lookup_answer(Some(Ok(())), false), LookupAnswer::MayVote);
    }

    #[test]
    fn the_witness_is_a_third_person() {
        let (coordinator, voter, registrar, other) = (1, 2, 3, 4);
        assert_eq!(
            Witness::accept(other, coordinator, voter, None).map(|w| w.account()),
            Ok(other)
        );
        assert_eq!(
            Witness::accept(coordinator, coordinator, voter, None),
            Err(WitnessError::IsCoordinator)
        );
        assert_eq!(
            Witness::accept(voter, coordinator, voter, None),
            Err(WitnessError::IsVoter)
        );
        assert_eq!(
            Witness::accept(registrar, coordinator, voter, Some(registrar)),
            Err(WitnessError::IsRegistrar)
        );
        assert!(Witness::accept(registrar, coordinator, voter, None).is_ok());
    }

    #[test]
    fn the_registrar_is_neither_the_coordinator_nor_the_resident() {
        assert_eq!(registrar_check(3, 1, 2, true), Ok(()));
        assert_eq!(
            registrar_check(1, 1, 2, true),
            Err(ConfirmRefusal::RegistrarIsCoordinator)
        );
        assert_eq!(
            registrar_check(2, 1, 2, true),
            Err(ConfirmRefusal::RegistrarIsVoter)
        );
        assert_eq!(
            registrar_check(3, 1, 2, false),
            Err(ConfirmRefusal::NotRegistrar)
        );
    }

    #[test]
    fn confirmations_are_stored_as_codes() {
        for c in Confirmation::ALL {
            assert_eq!(Confirmation::parse(c.as_str()), Some(c));
        }
        assert_eq!(Confirmation::Document.as_str(), "document");
    }
}
