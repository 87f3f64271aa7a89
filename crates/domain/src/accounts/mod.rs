//! Residents' accounts: the IIN and what may be derived from it, contacts and passwords.

mod contact;
mod iin;
mod password;

pub use contact::{Contact, ContactError};
pub(crate) use iin::check_digit;
pub use iin::{age_on, Iin, IinError, IinKey, Sex};
pub use password::{Password, PasswordError, MIN_LEN as MIN_PASSWORD};
