//! Territories (аумақ / территория) and their KATO codes.

mod kato;
mod kind;

pub use kato::{Kato, KatoError};
pub use kind::TerritoryKind;
