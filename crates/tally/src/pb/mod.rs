//! The Pabulib `.pb` format: reading and writing (see `shared/data/pabulib/SPEC.md`).

mod cells;
mod error;
mod read;
mod write;

pub use error::ReadError;
pub(crate) use read::decimal_parts;
pub use read::{read_file, read_str};
pub use write::{write_string, write_to};

#[cfg(test)]
mod tests;
