//! Residents' accounts: the IIN and what may be derived from it, contacts and passwords.

pub mod codes;
mod contact;
mod iin;
mod level;
mod password;

pub use codes::{CodeRefusal, IssuedCode, Purpose as CodePurpose};
pub use contact::{Contact, ContactError};
pub(crate) use iin::check_digit;
pub use iin::{age_on, Iin, IinError, IinKey, Sex};
pub use level::{
    DocumentKind, DocumentTail, DocumentTailError, Level, LevelEvent, RequirementError,
    ResidenceProof, DEFAULT_REQUIREMENT,
};
pub use password::{Password, PasswordError, MIN_LEN as MIN_PASSWORD};
