//! Money: tenge amounts and the monthly calculation index (АЕК / МРП).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An amount in tenge (теңге, ₸), kept in tiyn so sums never round.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Tenge(i64);

const NBSP: char = '\u{a0}';

impl Tenge {
    pub fn from_tenge(t: i64) -> Tenge {
        Tenge(t.saturating_mul(100))
    }

    pub fn from_tiyn(t: i64) -> Tenge {
        Tenge(t)
    }

    pub fn tiyn(self) -> i64 {
        self.0
    }

    /// "1 500 000 ₸" in Kazakh and Russian, "₸1,500,000" in English; tiyn only when present.
    pub fn format(self, lang: &str) -> String {
        let whole = group_digits(self.0.unsigned_abs() / 100, lang);
        let tiyn = self.0.unsigned_abs() % 100;
        let sign = if self.0 < 0 { "-" } else { "" };
        let frac = match (tiyn, lang) {
            (0, _) => String::new(),
            (t, "en") => format!(".{t:02}"),
            (t, _) => format!(",{t:02}"),
        };
        match lang {
            "en" => format!("{sign}₸{whole}{frac}"),
            _ => format!("{sign}{whole}{frac}{NBSP}₸"),
        }
    }
}

/// An amount as people type it: whole tenge, digits grouped by spaces or no-break spaces
/// ("12 500 000"), at most a trillion.
impl std::str::FromStr for Tenge {
    type Err = TengeError;

    fn from_str(s: &str) -> Result<Tenge, TengeError> {
        let clean: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != NBSP)
            .collect();
        if clean.is_empty() {
            return Err(TengeError::Empty);
        }
        match clean.parse::<i64>() {
            Ok(n) if (0..=MAX_TENGE).contains(&n) => Ok(Tenge::from_tenge(n)),
            _ => Err(TengeError::Invalid),
        }
    }
}

/// The largest amount a form takes: a trillion tenge.
pub const MAX_TENGE: i64 = 1_000_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TengeError {
    #[error("no amount")]
    Empty,
    #[error("not a whole amount of tenge from 0 to a trillion")]
    Invalid,
}

/// Digits grouped by thousands: a no-break space in Kazakh and Russian, a comma in English.
pub fn group_digits(n: u64, lang: &str) -> String {
    let sep = if lang == "en" { ',' } else { NBSP };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// One value of the MRP (айлық есептік көрсеткіш / месячный расчётный показатель): it is set
/// per year and can change inside a year, so it is valid from a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mrp {
    pub year: i32,
    pub valid_from: NaiveDate,
    pub value: Tenge,
}

impl Mrp {
    /// The value in force on `day`, from a table of values (any order).
    pub fn in_force(table: &[Mrp], day: NaiveDate) -> Option<Mrp> {
        table
            .iter()
            .filter(|m| m.valid_from <= day)
            .max_by_key(|m| m.valid_from)
            .copied()
    }

    pub fn times(self, n: i64) -> Tenge {
        Tenge(self.value.0.saturating_mul(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_language() {
        let t = Tenge::from_tenge(1_500_000);
        assert_eq!(t.format("kk"), "1\u{a0}500\u{a0}000\u{a0}₸");
        assert_eq!(t.format("ru"), "1\u{a0}500\u{a0}000\u{a0}₸");
        assert_eq!(t.format("en"), "₸1,500,000");
        assert_eq!(Tenge::from_tiyn(-12_345).format("en"), "-₸123.45");
        assert_eq!(Tenge::from_tenge(0).format("kk"), "0\u{a0}₸");
        assert_eq!(group_digits(999, "en"), "999");
        assert_eq!(group_digits(1000, "en"), "1,000");
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!("12 500 000".parse(), Ok(Tenge::from_tenge(12_500_000)));
        assert_eq!("1\u{a0}000".parse(), Ok(Tenge::from_tenge(1000)));
        assert_eq!("".parse::<Tenge>(), Err(TengeError::Empty));
        assert_eq!("-5".parse::<Tenge>(), Err(TengeError::Invalid));
        assert_eq!("12,5".parse::<Tenge>(), Err(TengeError::Invalid));
        assert_eq!("1000000000001".parse::<Tenge>(), Err(TengeError::Invalid));
    }

    proptest::proptest! {
        #[test]
        fn a_formatted_amount_reads_back(n in 0i64..=MAX_TENGE) {
            let t = Tenge::from_tenge(n);
            proptest::prop_assert_eq!(t.format("kk").trim_end_matches('₸').parse(), Ok(t));
        }
    }

    #[test]
    fn mrp_in_force_changes_inside_a_year() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let table = [
            Mrp {
                year: 2020,
                valid_from: d(2020, 1, 1),
                value: Tenge::from_tenge(2651),
            },
            Mrp {
                year: 2020,
                valid_from: d(2020, 4, 1),
                value: Tenge::from_tenge(2778),
            },
        ];
        assert_eq!(
            Mrp::in_force(&table, d(2020, 3, 31)).unwrap().value,
            Tenge::from_tenge(2651)
        );
        assert_eq!(
            Mrp::in_force(&table, d(2020, 4, 1)).unwrap().value,
            Tenge::from_tenge(2778)
        );
        assert!(Mrp::in_force(&table, d(2019, 12, 31)).is_none());
        assert_eq!(table[1].times(1500), Tenge::from_tenge(4_167_000));
    }
}
