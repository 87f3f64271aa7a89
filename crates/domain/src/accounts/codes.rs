//! One-time codes (бір реттік код / одноразовый код): six digits sent to a phone or e-mail to
//! confirm it, to reset a password, to sign in while an account is under attack, or printed
//! on a registrar's slip to sign in once.
//!
//! The code itself is never stored: only a keyed hash (the app's keys), its purpose, its
//! expiry and the tries left. Everything here is arithmetic on those facts.

use crate::code_enum;
use chrono::{DateTime, TimeDelta, Utc};

/// Digits in a code.
pub const DIGITS: usize = 6;
/// Wrong tries before a code is spent.
pub const TRIES: u32 = 5;

code_enum! {
    /// What a code is for; a code for one purpose never works for another.
    pub enum Purpose {
        /// Confirm the phone or e-mail given at registration or on the account page.
        ConfirmContact = "confirm_contact",
        /// Set a new password without the old one.
        ResetPassword = "reset_password",
        /// Sign in once with the slip a registrar printed (for people without a contact).
        SlipSignIn = "slip_sign_in",
        /// Sign in with the password AND this code, sent to the account's confirmed contact,
        /// once failed logins from many places passed the account's limit (security review M1).
        SignIn = "sign_in",
        /// Confirm, at a participation centre, the ballot a coordinator records for the
        /// resident (assisted voting): the resident reads the code sent to their own contact.
        ConfirmAssistedBallot = "confirm_assisted_ballot",
    }
}

impl Purpose {
    /// How long a code lives: ten minutes for one sent to a phone or mailbox; a printed slip
    /// goes home on paper, so it lives for a week.
    pub fn lifetime(self) -> TimeDelta {
        match self {
            Purpose::ConfirmContact
            | Purpose::ResetPassword
            | Purpose::SignIn
            | Purpose::ConfirmAssistedBallot => TimeDelta::minutes(10),
            Purpose::SlipSignIn => TimeDelta::days(7),
        }
    }
}

/// What is kept of an issued code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCode {
    pub purpose: Purpose,
    pub expires_at: DateTime<Utc>,
    /// Wrong tries so far.
    pub failed_tries: u32,
    pub used: bool,
}

/// Why a typed code is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeRefusal {
    #[error("the code is not six digits")]
    Malformed,
    #[error("the code has expired")]
    Expired,
    #[error("too many wrong tries: ask for a new code")]
    TriesSpent,
    #[error("the code was already used")]
    Used,
    #[error("the code is wrong")]
    Wrong,
}

/// Six digits as typed (spaces and dashes ignored, as people copy codes from SMS).
pub fn normalize(typed: &str) -> Result<String, CodeRefusal> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(CodeRefusal::Malformed)
    }
}

/// A code made of `random` (any u32), zero-padded to six digits.
pub fn from_random(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
}

impl IssuedCode {
    pub fn new(purpose: Purpose, now: DateTime<Utc>) -> IssuedCode {
        IssuedCode {
            purpose,
            expires_at: now + purpose.lifetime(),
            failed_tries: 0,
            used: false,
        }
    }

    /// May a code still be tried at `now`? (Checked before comparing, so that a spent or
    /// expired code says so even when the digits are right.)
    pub fn usable(&self, now: DateTime<Utc>) -> Result<(), CodeRefusal> {
        if self.used {
            Err(CodeRefusal::Used)
        } else if self.failed_tries >= TRIES {
            Err(CodeRefusal::TriesSpent)
        } else if now >= self.expires_at {
            Err(CodeRefusal::Expired)
        } else {
            Ok(())
        }
    }

    /// The code after one try; `matches` is whether the typed digits' hash equals the stored one.
    pub fn after_try(
        &self,
        matches: bool,
        now: DateTime<Utc>,
    ) -> (IssuedCode, Result<(), CodeRefusal>) {
        if let Err(e) = self.usable(now) {
            return (self.clone(), Err(e));
        }
        let mut next = self.clone();
        if matches {
            next.used = true;
            (next, Ok(()))
        } else {
            next.failed_tries += 1;
            (next, Err(CodeRefusal::Wrong))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0)
            .single()
            .expect("time")
    }

    #[test]
    fn a_right_code_works_once() {
        let c = IssuedCode::new(Purpose::ConfirmContact, t0());
        let (c, r) = c.after_try(true, t0() + TimeDelta::minutes(3));
        assert_eq!(r, Ok(()));
        assert_eq!(c.after_try(true, t0()).1, Err(CodeRefusal::Used));
    }

    #[test]
    fn codes_expire_after_ten_minutes_and_slips_after_a_week() {
        let c = IssuedCode::new(Purpose::ResetPassword, t0());
        assert_eq!(c.usable(t0() + TimeDelta::seconds(599)), Ok(()));
        assert_eq!(
            c.usable(t0() + TimeDelta::minutes(10)),
            Err(CodeRefusal::Expired)
        );
        let slip = IssuedCode::new(Purpose::SlipSignIn, t0());
        assert_eq!(slip.usable(t0() + TimeDelta::days(6)), Ok(()));
    }

    #[test]
    fn five_wrong_tries_spend_the_code_even_for_the_right_digits() {
        let mut c = IssuedCode::new(Purpose::ConfirmContact, t0());
        for _ in 0..TRIES {
            let (next, r) = c.after_try(false, t0());
            assert_eq!(r, Err(CodeRefusal::Wrong));
            c = next;
        }
        assert_eq!(c.after_try(true, t0()).1, Err(CodeRefusal::TriesSpent));
    }

    #[test]
    fn codes_are_six_digits_as_typed() {
        assert_eq!(normalize(" 012-345 ").as_deref(), Ok("012345"));
        assert_eq!(normalize("12345"), Err(CodeRefusal::Malformed));
        assert_eq!(normalize("12345a"), Err(CodeRefusal::Malformed));
        assert_eq!(from_random(42), "000042");
        assert_eq!(from_random(u32::MAX).len(), DIGITS);
    }

    proptest! {
        #[test]
        fn no_sequence_of_tries_accepts_more_than_once_or_after_five_misses(
            tries in prop::collection::vec(any::<bool>(), 0..12),
        ) {
            let mut c = IssuedCode::new(Purpose::ConfirmContact, t0());
            let (mut accepted, mut missed) = (0, 0);
            for right in tries {
                let (next, r) = c.after_try(right, t0());
                if r.is_ok() {
                    accepted += 1;
                    prop_assert!(missed < TRIES);
                }
                if r == Err(CodeRefusal::Wrong) {
                    missed += 1;
                }
                c = next;
            }
            prop_assert!(accepted <= 1);
            prop_assert!(missed <= TRIES);
        }
    }
}
