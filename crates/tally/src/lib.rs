//! Counting engine for People's Participation Budget elections.
//!
//! Reads and writes Pabulib `.pb` files ([`pb`]) and counts them with the rules of pabutools 1.2.3
//! ([`rules`]), giving the same selected projects in the same order, with exact arithmetic.
//!
//! ```no_run
//! let election = tally::pb::read_file("Poland_Wieliczka_2023_Green_Budget.pb")?;
//! let outcome = tally::count(&election, tally::Rule::MesAdd1Pabulib, &tally::Options::default());
//! println!("{:?} spent {}", outcome.selected, outcome.spent);
//! # Ok::<(), tally::pb::ReadError>(())
//! ```

pub mod election;
pub mod outcome;
pub mod pb;
pub mod rules;

pub use election::{Election, Project, VoteType};
pub use outcome::Outcome;
pub use rules::{compare, count, Options, Rule, TieBreak, Utility};
