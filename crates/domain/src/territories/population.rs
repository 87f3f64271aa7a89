//! A territory's population as an official types it (the base of thresholds and per-capita
//! indicators).

/// The largest population a territory may have: more than Kazakhstan has, so a typo of an
/// extra digit or two is caught.
pub const MAX_POPULATION: i64 = 100_000_000;

/// A population from 0 to [`MAX_POPULATION`]; spaces between digit groups are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Population(i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a population is a whole number from 0 to 100 000 000")]
pub struct PopulationError;

impl Population {
    pub fn parse(s: &str) -> Result<Population, PopulationError> {
        let cleaned: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        match cleaned.parse::<i64>() {
            Ok(n) if (0..=MAX_POPULATION).contains(&n) => Ok(Population(n)),
            _ => Err(PopulationError),
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn populations_as_officials_type_them() {
        assert_eq!(Population::parse("12 500").map(Population::get), Ok(12_500));
        assert_eq!(Population::parse("0").map(Population::get), Ok(0));
        assert!(Population::parse("-1").is_err());
        assert!(Population::parse("100000001").is_err());
        assert!(Population::parse("много").is_err());
        assert!(Population::parse("").is_err());
    }
}
