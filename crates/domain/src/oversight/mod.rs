//! Public oversight (қоғамдық бақылау / общественный контроль): the legal deadlines counted in
//! working days, contractors' BINs and land plots' cadastral numbers.

mod bin;
mod cadastre;
mod calendar;

pub use bin::{Bin, BinError, EntityKind};
pub use cadastre::{CadastralError, CadastralNumber};
pub use calendar::{table_year, transfer_allowed, Holiday, WorkingCalendar};
