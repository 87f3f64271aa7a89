//! Reports of unused or unlawfully granted farm land (cf. Жер Аманаты): a resident names the
//! plot by its cadastral number, the land commission reviews it, and confirmed plots are
//! returned to the state. The statuses move only along [`LandStatus::next`]; areas are exact
//! [`Hectares`] (hundredths of a hectare).

use crate::text::BoundedText;
use std::fmt;

/// The land commission's comment on a status change.
pub type Comment = BoundedText<5, 2000>;
/// A resident's description of the plot.
pub type Description = BoundedText<10, 5000>;

crate::code_enum! {
    /// What is wrong with the plot.
    pub enum LandKind {
        /// Farm land not used for its purpose.
        Unused = "unused",
        /// Land granted in breach of the law.
        Unlawful = "unlawful",
    }
}

crate::code_enum! {
    /// received → under review by the land commission → confirmed / not confirmed →
    /// (confirmed only) returned to the state.
    pub enum LandStatus {
        Received = "received",
        UnderReview = "under_review",
        Confirmed = "confirmed",
        NotConfirmed = "not_confirmed",
        Returned = "returned",
    }
}

/// A status change that the graph does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a land report cannot go from {from:?} to {to:?}")]
pub struct NotAllowed {
    pub from: LandStatus,
    pub to: LandStatus,
}

impl LandStatus {
    /// The statuses a report may move to from this one.
    pub fn successors(self) -> &'static [LandStatus] {
        match self {
            LandStatus::Received => &[LandStatus::UnderReview],
            LandStatus::UnderReview => &[LandStatus::Confirmed, LandStatus::NotConfirmed],
            LandStatus::Confirmed => &[LandStatus::Returned],
            LandStatus::NotConfirmed | LandStatus::Returned => &[],
        }
    }

    /// Move to `to`, or say that the graph does not allow it.
    pub fn next(self, to: LandStatus) -> Result<LandStatus, NotAllowed> {
        if self.successors().contains(&to) {
            Ok(to)
        } else {
            Err(NotAllowed { from: self, to })
        }
    }

    pub fn is_final(self) -> bool {
        self.successors().is_empty()
    }
}

/// An area in hundredths of a hectare (ares), exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hectares(i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HectaresError {
    #[error("an area is a number of hectares with at most two decimals, like 12.5")]
    Format,
    #[error("the area must be more than zero")]
    NotPositive,
    #[error("the area is larger than any single plot")]
    TooLarge,
}

impl HectaresError {
    pub fn message_id(self) -> &'static str {
        match self {
            HectaresError::Format => "land-err-hectares-format",
            HectaresError::NotPositive => "land-err-hectares-positive",
            HectaresError::TooLarge => "land-err-hectares-large",
        }
    }
}

impl Hectares {
    /// The largest plot one report may name: 200 000 ha (the largest farms hold tens of
    /// thousands; anything above is a typo).
    pub const MAX: Hectares = Hectares(200_000 * 100);

    pub fn from_hundredths(n: i64) -> Hectares {
        Hectares(n)
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// "12.5", "12,50", "1 250" (spaces as digit groups): more than 0, at most [`Hectares::MAX`].
    pub fn parse(raw: &str) -> Result<Hectares, HectaresError> {
        let s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        let (int, frac) = match s.split_once([',', '.']) {
            Some((i, f)) => (i, f),
            None => (s.as_str(), ""),
        };
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || frac.len() > 2 {
            return Err(HectaresError::Format);
        }
        if int.len() > 9 {
            return Err(HectaresError::TooLarge);
        }
        let whole: i64 = int.parse().map_err(|_| HectaresError::Format)?;
        let mut cents: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| HectaresError::Format)?
        };
        if frac.len() == 1 {
            cents *= 10;
        }
        let h = Hectares(whole * 100 + cents);
        if h.0 <= 0 {
            return Err(HectaresError::NotPositive);
        }
        if h > Hectares::MAX {
            return Err(HectaresError::TooLarge);
        }
        Ok(h)
    }

    /// As a JSON number.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn whole(self) -> i64 {
        self.0 / 100
    }

    /// The two decimals, or `None` for a whole number.
    pub fn fraction(self) -> Option<u8> {
        u8::try_from(self.0.rem_euclid(100)).ok().filter(|f| *f > 0)
    }
}

impl std::ops::Add for Hectares {
    type Output = Hectares;
    fn add(self, o: Hectares) -> Hectares {
        Hectares(self.0.saturating_add(o.0))
    }
}

impl fmt::Display for Hectares {
    /// "12.5", "3", "0.05" (a dot; the web layer writes a comma for Kazakh and Russian).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fraction() {
            None => write!(f, "{}", self.whole()),
            Some(c) if c % 10 == 0 => write!(f, "{}.{}", self.whole(), c / 10),
            Some(c) => write!(f, "{}.{c:02}", self.whole()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_status_graph() {
        use LandStatus::*;
        assert_eq!(Received.next(UnderReview), Ok(UnderReview));
        assert_eq!(UnderReview.next(Confirmed), Ok(Confirmed));
        assert_eq!(UnderReview.next(NotConfirmed), Ok(NotConfirmed));
        assert_eq!(Confirmed.next(Returned), Ok(Returned));
        for (from, to) in [
            (Received, Confirmed),
            (Received, Returned),
            (UnderReview, Returned),
            (NotConfirmed, Returned),
            (NotConfirmed, UnderReview),
            (Returned, Received),
            (Confirmed, NotConfirmed),
            (Received, Received),
        ] {
            assert_eq!(
                from.next(to),
                Err(NotAllowed { from, to }),
                "{from:?} → {to:?}"
            );
        }
        assert!(Returned.is_final() && NotConfirmed.is_final() && !Confirmed.is_final());
        for s in LandStatus::ALL {
            assert_eq!(LandStatus::parse(s.as_str()), Some(s));
        }
        for k in LandKind::ALL {
            assert_eq!(LandKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn hectares_parse_and_print() {
        let h = |s: &str| Hectares::parse(s).map(|h| h.to_string());
        assert_eq!(h("12.5"), Ok("12.5".into()));
        assert_eq!(h("12,50"), Ok("12.5".into()));
        assert_eq!(h(" 1 250 "), Ok("1250".into()));
        assert_eq!(h("0.05"), Ok("0.05".into()));
        assert_eq!(h("0"), Err(HectaresError::NotPositive));
        assert_eq!(h("0,00"), Err(HectaresError::NotPositive));
        assert_eq!(h("-3"), Err(HectaresError::Format));
        assert_eq!(h("1.234"), Err(HectaresError::Format));
        assert_eq!(h("abc"), Err(HectaresError::Format));
        assert_eq!(h(""), Err(HectaresError::Format));
        assert_eq!(h(",5"), Err(HectaresError::Format));
        assert_eq!(h("200000"), Ok("200000".into()));
        assert_eq!(h("200000.01"), Err(HectaresError::TooLarge));
        assert_eq!(h("99999999999999999999"), Err(HectaresError::TooLarge));
    }

    proptest! {
        #[test]
        fn only_the_graph_moves_a_report(path in proptest::collection::vec(0usize..5, 0..8)) {
            let mut s = LandStatus::Received;
            for i in path {
                let to = LandStatus::ALL[i];
                match s.next(to) {
                    Ok(n) => { prop_assert!(s.successors().contains(&n)); s = n; }
                    Err(e) => prop_assert!(!s.successors().contains(&e.to)),
                }
            }
            // Returned is reached only through Confirmed; nothing leaves a final status.
            prop_assert!(LandStatus::ALL.iter().all(|t| !LandStatus::Returned.successors().contains(t)));
        }

        #[test]
        fn printed_areas_parse_back(n in 1i64..=20_000_000) {
            let h = Hectares::from_hundredths(n);
            prop_assert_eq!(Hectares::parse(&h.to_string()), Ok(h));
        }
    }
}
