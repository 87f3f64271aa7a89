//! How sure the platform is that an account is one real, living resident (тексеру деңгейі /
//! уровень проверки), and what raises or lowers it.
//!
//! A vote or a signature is worth something only when it belongs to one real person: a
//! self-declared IIN can be generated or squatted, so cycles and initiative rules require a
//! level, `in_person` by default.

use crate::code_enum;

code_enum! {
    /// An account's verification level, from weakest to strongest (ordered).
    #[derive(PartialOrd, Ord, Default)]
    pub enum Level {
        /// Registered; nothing checked (өзі тіркелген / самостоятельная регистрация).
        #[default]
        SelfDeclared = "self",
        /// Phone or e-mail confirmed by a one-time code (байланыс расталған / контакт подтверждён).
        Contact = "contact",
        /// A registrar at a participation centre saw an identity document and fixed the village
        /// (орталықта расталған / подтверждён в центре).
        InPerson = "in_person",
        /// Signed in through the national identity provider (eGov).
        Egov = "egov",
    }
}

/// What a new cycle or initiative rule requires unless its officials choose otherwise.
pub const DEFAULT_REQUIREMENT: Level = Level::InPerson;

/// Why a level cannot be required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RequirementError {
    #[error("not a verification level")]
    Unknown,
    #[error("a vote or a signature needs at least a confirmed contact")]
    TooLow,
    #[error("eGov sign-in is not configured on this server")]
    EgovUnavailable,
}

impl Level {
    /// The level of an account stored by release 0.1, whose numbers meant 0 self-declared,
    /// 1 verified by a coordinator (so: in person), 2 eGov.
    pub fn from_legacy(n: i64) -> Option<Level> {
        match n {
            0 => Some(Level::SelfDeclared),
            1 => Some(Level::InPerson),
            2 => Some(Level::Egov),
            _ => None,
        }
    }

    /// A requirement as chosen on a form: officials may lower it only to `contact`, and may
    /// ask for `egov` only where an identity provider is configured.
    pub fn requirement(code: &str, egov_available: bool) -> Result<Level, RequirementError> {
        let level = Level::parse(code.trim()).ok_or(RequirementError::Unknown)?;
        match level {
            Level::SelfDeclared => Err(RequirementError::TooLow),
            Level::Egov if !egov_available => Err(RequirementError::EgovUnavailable),
            l => Ok(l),
        }
    }

    /// Does an account at this level meet `required`?
    pub fn meets(self, required: Level) -> bool {
        self >= required
    }

    /// The level after `event`; the same level when the event changes nothing.
    pub fn after(self, event: LevelEvent) -> Level {
        match event {
            // A confirmed contact proves only the contact: it never lowers a stronger level.
            LevelEvent::ContactConfirmed => self.max(Level::Contact),
            LevelEvent::ContactChanged if self == Level::Contact => Level::SelfDeclared,
            LevelEvent::ContactChanged => self,
            LevelEvent::SeenInPerson => self.max(Level::InPerson),
            LevelEvent::EgovSignIn => Level::Egov,
            // Verification fixed the village: a move must be confirmed again, or one person
            // could vote in several okrugs' cycles.
            LevelEvent::ResidenceChanged => self.min(Level::Contact),
            // The squatter's account loses what it claimed.
            LevelEvent::Disowned => Level::SelfDeclared,
        }
    }
}

code_enum! {
    /// What happens to an account that may change its level (recorded with each change).
    pub enum LevelEvent {
        /// The person typed the one-time code sent to their phone or e-mail.
        ContactConfirmed = "contact_confirmed",
        /// The person replaced their phone or e-mail (not yet confirmed).
        ContactChanged = "contact_changed",
        /// A registrar saw the identity document and the person's control of the account.
        SeenInPerson = "seen_in_person",
        /// The national identity provider vouched for the IIN.
        EgovSignIn = "egov_sign_in",
        /// The person moved to another village.
        ResidenceChanged = "residence_changed",
        /// The IIN was proven by someone else at a participation centre.
        Disowned = "disowned",
    }
}

code_enum! {
    /// The identity document a registrar saw (жеке басын куәландыратын құжат / документ,
    /// удостоверяющий личность).
    pub enum DocumentKind {
        IdCard = "id_card",
        Passport = "passport",
        ResidencePermit = "residence_permit",
        /// The digital document shown in eGov Mobile or Kaspi (legal since 2021).
        DigitalDocument = "digital_document",
    }
}

code_enum! {
    /// How a registrar established where the person lives.
    pub enum ResidenceProof {
        /// Мекенжай анықтамасы / адресная справка.
        AddressCertificate = "address_certificate",
        /// Шаруашылық кітабы / похозяйственная книга of the akimat.
        HouseholdBook = "household_book",
        /// The akim's office knows the person.
        PersonalKnowledge = "personal_knowledge",
    }
}

/// The only part of a document number that is kept: its last three digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentTail([u8; 3]);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("type the last three digits of the document number")]
pub struct DocumentTailError;

impl DocumentTail {
    /// Three digits, or a longer number of which the last three are kept (spaces ignored).
    pub fn parse(s: &str) -> Result<DocumentTail, DocumentTailError> {
        let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        if digits.len() < 3 || !digits.iter().all(u8::is_ascii_digit) {
            return Err(DocumentTailError);
        }
        let n = digits.len();
        Ok(DocumentTail([digits[n - 3], digits[n - 2], digits[n - 1]]))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("000")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn levels_are_ordered_weakest_first() {
        assert!(Level::SelfDeclared < Level::Contact);
        assert!(Level::Contact < Level::InPerson);
        assert!(Level::InPerson < Level::Egov);
        assert!(Level::Egov.meets(Level::InPerson));
        assert!(!Level::Contact.meets(DEFAULT_REQUIREMENT));
    }

    #[test]
    fn legacy_numbers_map_as_release_0_1_meant_them() {
        assert_eq!(Level::from_legacy(0), Some(Level::SelfDeclared));
        assert_eq!(Level::from_legacy(1), Some(Level::InPerson));
        assert_eq!(Level::from_legacy(2), Some(Level::Egov));
        assert_eq!(Level::from_legacy(3), None);
    }

    #[test]
    fn requirements_go_no_lower_than_contact_and_egov_needs_a_provider() {
        assert_eq!(Level::requirement("contact", false), Ok(Level::Contact));
        assert_eq!(
            Level::requirement(" in_person ", false),
            Ok(Level::InPerson)
        );
        assert_eq!(
            Level::requirement("self", true),
            Err(RequirementError::TooLow)
        );
        assert_eq!(
            Level::requirement("egov", false),
            Err(RequirementError::EgovUnavailable)
        );
        assert_eq!(Level::requirement("egov", true), Ok(Level::Egov));
        assert_eq!(
            Level::requirement("1", true),
            Err(RequirementError::Unknown)
        );
    }

    #[test]
    fn a_move_needs_confirming_again_and_a_new_contact_too() {
        assert_eq!(
            Level::InPerson.after(LevelEvent::ResidenceChanged),
            Level::Contact
        );
        assert_eq!(
            Level::Egov.after(LevelEvent::ResidenceChanged),
            Level::Contact
        );
        assert_eq!(
            Level::SelfDeclared.after(LevelEvent::ResidenceChanged),
            Level::SelfDeclared
        );
        assert_eq!(
            Level::Contact.after(LevelEvent::ContactChanged),
            Level::SelfDeclared
        );
        assert_eq!(
            Level::InPerson.after(LevelEvent::ContactChanged),
            Level::InPerson
        );
    }

    #[test]
    fn document_tails_keep_three_digits_only() {
        assert_eq!(
            DocumentTail::parse("04 123 4567").map(|t| t.as_str().to_string()),
            Ok("567".to_string())
        );
        assert_eq!(
            DocumentTail::parse("089").map(|t| t.as_str().to_string()),
            Ok("089".to_string())
        );
        assert_eq!(DocumentTail::parse("12"), Err(DocumentTailError));
        assert_eq!(DocumentTail::parse("N12345"), Err(DocumentTailError));
    }

    fn any_level() -> impl Strategy<Value = Level> {
        prop::sample::select(Level::ALL.to_vec())
    }

    fn any_event() -> impl Strategy<Value = LevelEvent> {
        prop::sample::select(LevelEvent::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn confirming_never_lowers_and_disowning_always_does(l in any_level()) {
            prop_assert!(l.after(LevelEvent::ContactConfirmed) >= l);
            prop_assert!(l.after(LevelEvent::SeenInPerson) >= l);
            prop_assert_eq!(l.after(LevelEvent::Disowned), Level::SelfDeclared);
        }

        #[test]
        fn after_a_move_only_a_registrar_or_egov_lifts_over_the_default(
            l in any_level(),
            rest in prop::collection::vec(any_event(), 0..8),
        ) {
            let mut now = l.after(LevelEvent::ResidenceChanged);
            let mut lifted = false;
            for e in rest {
                now = now.after(e);
                match e {
                    LevelEvent::SeenInPerson | LevelEvent::EgovSignIn => lifted = true,
                    LevelEvent::ResidenceChanged | LevelEvent::Disowned => lifted = false,
                    _ => {}
                }
            }
            prop_assert_eq!(now.meets(DEFAULT_REQUIREMENT), lifted);
        }
    }
}
