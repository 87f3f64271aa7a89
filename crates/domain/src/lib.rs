//! Qatysu's domain: the words and rules of local self-government in Kazakhstan as pure types
//! and functions. Nothing here touches a database, the network or the clock of the machine:
//! callers pass "today" in, so every rule is testable as plain data.

mod code_enum;

pub mod access;
pub mod accounts;
pub mod centres;
pub mod control;
pub mod initiatives;
pub mod land;
pub mod messages;
pub mod money;
pub mod oversight;
pub mod pb;
pub mod projects;
pub mod territories;
pub mod text;
pub mod time;
pub mod uploads;

pub use access::{authorize, may, Action, Grant, Role};
pub use accounts::{Contact, ContactError, Iin, IinError, IinKey, Level, Password, PasswordError};
pub use money::{Mrp, Tenge};
pub use territories::{Kato, KatoError, TerritoryKind};
