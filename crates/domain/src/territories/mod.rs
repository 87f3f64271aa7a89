//! Territories (аумақ / территория) and their KATO codes.

mod kato;
mod kind;
mod population;

pub use kato::{Kato, KatoError};
pub use kind::TerritoryKind;
pub use population::{Population, PopulationError, MAX_POPULATION};
