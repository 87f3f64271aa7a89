use chrono::{Datelike, NaiveDate};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;

/// An individual identification number (ЖСН / ИИН): `YYMMDD C SSSS K`.
///
/// Only built through [`Iin::parse`], so holding one means the check digit, the century
/// digit and the birth date are right. `Debug` and `Display` never print it in full: any
/// valid-looking IIN may be a real person's.
#[derive(Clone, PartialEq, Eq)]
pub struct Iin {
    digits: [u8; 12],
    birth_date: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    #[error("an IIN has 12 digits")]
    Length,
    #[error("the century digit must be 1 to 6")]
    Century,
    #[error("the first six digits are not a real date")]
    Date,
    #[error("the check digit does not match")]
    CheckDigit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

const WEIGHTS_1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit shared by IIN and BIN; `None` when both weight sets give 10 (never issued).
pub(crate) fn check_digit(d: &[u8; 12]) -> Option<u8> {
    let sum = |w: &[u32; 11]| -> u32 {
        w.iter().zip(d).map(|(w, &x)| w * u32::from(x)).sum::<u32>() % 11
    };
    let first = sum(&WEIGHTS_1);
    let r = if first == 10 { sum(&WEIGHTS_2) } else { first };
    (r != 10).then_some(r as u8)
}

impl Iin {
    pub fn parse(raw: &str) -> Result<Iin, IinError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IinError::Length);
        }
        let mut digits = [0u8; 12];
        for (slot, b) in digits.iter_mut().zip(s.bytes()) {
            *slot = b - b'0';
        }
        let century = match digits[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return Err(IinError::Century),
        };
        let two = |i: usize| u32::from(digits[i]) * 10 + u32::from(digits[i + 1]);
        let year = century + two(0) as i32;
        let birth_date = NaiveDate::from_ymd_opt(year, two(2), two(4)).ok_or(IinError::Date)?;
        if check_digit(&digits) != Some(digits[11]) {
            return Err(IinError::CheckDigit);
        }
        Ok(Iin { digits, birth_date })
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    pub fn sex(&self) -> Sex {
        if !self.digits[6].is_multiple_of(2) {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Full years of age on `on`.
    pub fn age_on(&self, on: NaiveDate) -> u32 {
        age_on(self.birth_date, on)
    }

    /// The only part of an IIN the platform ever shows.
    pub fn last_four(&self) -> String {
        self.digits[8..]
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect()
    }

    fn as_ascii(&self) -> [u8; 12] {
        self.digits.map(|d| b'0' + d)
    }
}

/// Full years between a birth date and a day.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

impl fmt::Debug for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iin(********{})", self.last_four())
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "••••••••{}", self.last_four())
    }
}

/// The server-secret key that turns an IIN into a stable, non-reversible fingerprint. The
/// database stores only the fingerprint, which still enforces one account per person.
pub struct IinKey(Vec<u8>);

impl IinKey {
    pub fn new(secret: &[u8]) -> IinKey {
        IinKey(secret.to_vec())
    }

    pub fn fingerprint(&self, iin: &Iin) -> Vec<u8> {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(b"qatysu-iin-v1:");
        mac.update(&iin.as_ascii());
        mac.finalize().into_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_rules_test_numbers() {
        for ok in [
            "900101300017",
            "850315400025",
            "010520500011",
            "000229600014",
            "900101300811",
        ] {
            assert!(Iin::parse(ok).is_ok(), "{ok} should be valid");
        }
        assert_eq!(Iin::parse("900101300013"), Err(IinError::CheckDigit));
        assert_eq!(Iin::parse("901301300012"), Err(IinError::Date));
        assert_eq!(Iin::parse("900230300011"), Err(IinError::Date));
        assert_eq!(Iin::parse("900101700017"), Err(IinError::Century));
        assert_eq!(Iin::parse("90010130001"), Err(IinError::Length));
    }

    #[test]
    fn derives_birth_date_sex_and_age() {
        let iin = Iin::parse("000229600014").unwrap();
        assert_eq!(
            iin.birth_date(),
            NaiveDate::from_ymd_opt(2000, 2, 29).unwrap()
        );
        assert_eq!(iin.sex(), Sex::Female);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(iin.age_on(day(2018, 2, 28)), 17);
        assert_eq!(iin.age_on(day(2018, 3, 1)), 18);
        assert_eq!(Iin::parse("900101300017").unwrap().sex(), Sex::Male);
    }

    #[test]
    fn never_prints_in_full() {
        let iin = Iin::parse("900101300017").unwrap();
        assert!(!format!("{iin:?}{iin}").contains("900101"));
        assert_eq!(iin.last_four(), "0017");
    }

    #[test]
    fn fingerprint_depends_on_the_key() {
        let iin = Iin::parse("900101300017").unwrap();
        let a = IinKey::new(b"one").fingerprint(&iin);
        assert_eq!(a, IinKey::new(b"one").fingerprint(&iin));
        assert_ne!(a, IinKey::new(b"two").fingerprint(&iin));
    }

    proptest! {
        // Any 11 digits with a real date and century get exactly one valid check digit, or
        // none when both weight sets give 10.
        #[test]
        fn at_most_one_check_digit_is_valid(y in 0u32..100, m in 1u32..13, d in 1u32..29, c in 1u8..7, serial in 0u32..10000) {
            let body = format!("{y:02}{m:02}{d:02}{c}{serial:04}");
            let valid = (0..10).filter(|k| Iin::parse(&format!("{body}{k}")).is_ok()).count();
            prop_assert!(valid <= 1);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = Iin::parse(&s);
        }
    }
}
