use serde::{Deserialize, Serialize};
use std::fmt;

/// A KATO code (ӘАОЖ / КАТО): nine digits `AB CD EF HIJ` — oblast, district, rural okrug,
/// settlement. Kept as a string: leading structure matters and codes are never arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Kato(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KatoError {
    #[error("a KATO code has exactly 9 digits, got {0:?}")]
    Format(String),
    #[error("a KATO code cannot start with 00")]
    NoOblast,
}

impl Kato {
    pub fn parse(raw: &str) -> Result<Self, KatoError> {
        let s = raw.trim();
        if s.len() != 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KatoError::Format(s.chars().take(20).collect()));
        }
        if &s[0..2] == "00" {
            return Err(KatoError::NoOblast);
        }
        Ok(Kato(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn with(&self, keep: usize) -> Kato {
        let mut s = self.0[..keep].to_string();
        s.push_str(&"0".repeat(9 - keep));
        Kato(s)
    }

    /// Number of meaningful segments: 1 oblast, 2 district, 3 okrug, 4 settlement.
    pub fn depth(&self) -> u8 {
        let b = self.0.as_bytes();
        if &b[6..9] != b"000" {
            4
        } else if &b[4..6] != b"00" {
            3
        } else if &b[2..4] != b"00" {
            2
        } else {
            1
        }
    }

    /// Candidate parents, nearest first. The classifier has settlements whose okrug row is
    /// missing (39 in edition 11-2025): then the district is the parent, so callers take the
    /// first candidate that exists.
    pub fn parent_candidates(&self) -> Vec<Kato> {
        match self.depth() {
            4 => vec![self.with(6), self.with(4), self.with(2)],
            3 => vec![self.with(4), self.with(2)],
            2 => vec![self.with(2)],
            _ => vec![],
        }
    }
}

impl fmt::Display for Kato {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Kato {
    type Error = KatoError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Kato::parse(&s)
    }
}

impl From<Kato> for String {
    fn from(k: Kato) -> String {
        k.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_finds_parents() {
        let village = Kato::parse("114435200").unwrap();
        assert_eq!(village.depth(), 4);
        let p: Vec<String> = village
            .parent_candidates()
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(p, ["114435000", "114400000", "110000000"]);
        assert_eq!(Kato::parse("110000000").unwrap().depth(), 1);
        assert!(Kato::parse("110000000")
            .unwrap()
            .parent_candidates()
            .is_empty());
    }

    #[test]
    fn rejects_bad_codes() {
        for bad in ["", "11440000", "1144000000", "11440000x", "000000001"] {
            assert!(Kato::parse(bad).is_err(), "{bad}");
        }
    }
}
