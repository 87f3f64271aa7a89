//! Qatysu's use cases: one function per thing a person does (cast a ballot, enter a paper
//! batch, sign an initiative, publish results, verify a cycle …). Each takes the [`Actor`] and
//! its input as domain types and runs the same steps: authorize → load → apply the domain rule
//! → store in one transaction → queue notices. The web and the command line are thin edges
//! over these functions; neither decides a rule of its own.
//!
//! Layering: `domain` and `tally` (pure) ← `store` (SQL) ← `app` (this crate) ← `web`, `qatysu`.

pub mod access;
pub mod accountability;
pub mod accounts;
pub mod centres;
mod clock;
pub mod control;
mod error;
pub mod initiatives;
mod keys;
pub mod land;
pub mod messages;
pub mod oversight;
pub mod pb;
pub mod projects;
pub mod territories;
pub mod uploads;

pub use access::Actor;
pub use clock::Clock;
pub use error::{Error, Result};
pub use keys::Keys;
/// The database handle, for the edges that open one (the binary, tests); they never query it.
pub use store::Db;

use std::sync::Arc;

/// What every use case runs against: the database, the keys derived from the server secret,
/// and the clock. Cheap to clone; holds nothing another instance would need.
#[derive(Clone)]
pub struct App(Arc<Inner>);

pub struct Inner {
    pub db: store::Db,
    pub keys: Arc<Keys>,
    pub clock: Clock,
    /// Permits for argon2 work, shared by every copy of this app (see `accounts::passwords`).
    hashing: accounts::Hashing,
}

impl std::ops::Deref for App {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl App {
    pub fn new(db: store::Db, secret: &[u8], clock: Clock) -> App {
        App(Arc::new(Inner {
            db,
            keys: Arc::new(Keys::derive(secret)),
            clock,
            hashing: accounts::Hashing::per_core(),
        }))
    }

    /// The same database and keys on another clock. The demo records the past this way: it
    /// sets its own clock to the day each thing happened and calls the use cases then.
    pub fn with_clock(&self, clock: Clock) -> App {
        App(Arc::new(Inner {
            db: self.db.clone(),
            keys: Arc::clone(&self.keys),
            clock,
            hashing: self.hashing.clone(),
        }))
    }
}
