//! Qatysu's storage: one API over SQLite (the embedded default, one file) and PostgreSQL
//! (several stateless app instances on one database). Each capability has its own module;
//! SQL is written once with `$n` parameters, which both engines accept.

mod db;
mod error;
mod migrations;

pub mod accounts;
pub mod centres;
pub mod control;
pub mod initiatives;
pub mod land;
pub mod messages;
pub mod oversight;
pub mod pb;
pub mod projects;
pub mod sessions;
pub mod territories;
pub mod uploads;

pub use db::{Db, Engine};
pub use error::StoreError;
pub use migrations::{MigrationStatus, MIGRATIONS_POSTGRES, MIGRATIONS_SQLITE};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A new record id: UUIDv7, time-ordered, so records made offline elsewhere merge later.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
