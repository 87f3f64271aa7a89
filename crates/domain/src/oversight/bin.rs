use crate::accounts::check_digit;
use std::fmt;

/// A business identification number (БСН / БИН) of a legal entity, e.g. a contractor:
/// `YYMM T A SSSSS K`, with the same check digit as the IIN.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bin(String);

/// The `T` digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Resident,
    NonResident,
    JointEntrepreneurship,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BinError {
    #[error("a BIN has 12 digits")]
    Length,
    #[error("the month of registration (digits 3-4) must be 01 to 12")]
    Month,
    #[error("the 5th digit must be 4, 5 or 6 (the kind of entity)")]
    EntityKind,
    #[error("the 6th digit must be 0 to 3 (head office, branch, representative office, farm)")]
    Unit,
    #[error("the check digit does not match")]
    CheckDigit,
}

impl Bin {
    pub fn parse(raw: &str) -> Result<Bin, BinError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BinError::Length);
        }
        let mut d = [0u8; 12];
        for (slot, b) in d.iter_mut().zip(s.bytes()) {
            *slot = b - b'0';
        }
        let month = d[2] * 10 + d[3];
        if !(1..=12).contains(&month) {
            return Err(BinError::Month);
        }
        if !(4..=6).contains(&d[4]) {
            return Err(BinError::EntityKind);
        }
        if d[5] > 3 {
            return Err(BinError::Unit);
        }
        if check_digit(&d) != Some(d[11]) {
            return Err(BinError::CheckDigit);
        }
        Ok(Bin(s))
    }

    pub fn kind(&self) -> EntityKind {
        match self.0.as_bytes()[4] {
            b'4' => EntityKind::Resident,
            b'5' => EntityKind::NonResident,
            _ => EntityKind::JointEntrepreneurship,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Complete an 11-digit body with its check digit, when one exists.
    fn with_check(body: &str) -> Option<String> {
        (0..10)
            .map(|k| format!("{body}{k}"))
            .find(|s| Bin::parse(s).is_ok())
    }

    #[test]
    fn validates_structure_and_check_digit() {
        let good = with_check("14054000123").unwrap_or_default();
        let bin = Bin::parse(&good);
        assert!(bin.is_ok(), "{good}");
        assert_eq!(bin.map(|b| b.kind()), Ok(EntityKind::Resident));
        let wrong_check = format!("{}{}", &good[..11], (good.as_bytes()[11] - b'0' + 1) % 10);
        assert_eq!(Bin::parse(&wrong_check), Err(BinError::CheckDigit));
        assert_eq!(Bin::parse("141340001230"), Err(BinError::Month));
        assert_eq!(Bin::parse("140570001230"), Err(BinError::EntityKind));
        assert_eq!(Bin::parse("140544001230"), Err(BinError::Unit));
        assert_eq!(Bin::parse("1405400012"), Err(BinError::Length));
    }
}
