//! How many signatures oblige an answer, for how long they are collected, and how long the
//! addressee then has. Configuration per territory with defaults, never constants: the law on
//! initiatives is not settled in Kazakhstan, so every figure here can be changed per territory.

use crate::accounts::{Level, DEFAULT_REQUIREMENT};
use chrono::{DateTime, Months, TimeDelta, Utc};

/// A territory's rules for initiatives addressed to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdRule {
    /// Share of the population, in basis points (200 = 2%, as Finland's municipal initiative).
    pub share_bp: Option<u32>,
    /// A fixed number of signatures.
    pub fixed: Option<u32>,
    /// Never fewer than this, however small the village.
    pub floor: u32,
    /// Youngest age at which a resident may sign.
    pub min_age: u32,
    /// The weakest account that may sign.
    pub min_level: Level,
    /// How long signatures are collected after publication.
    pub collection_months: u32,
    /// How long the addressee has to answer once the threshold is reached.
    pub consider_days: u32,
}

impl Default for ThresholdRule {
    fn default() -> ThresholdRule {
        ThresholdRule {
            share_bp: Some(200),
            fixed: None,
            floor: 10,
            min_age: 18,
            min_level: DEFAULT_REQUIREMENT,
            collection_months: 6,
            consider_days: 30,
        }
    }
}

/// Why a rule cannot be saved (the web has a message for each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("give a share, a fixed number, or both")]
    NoBasis,
    #[error("the share is more than 100%")]
    ShareTooLarge,
    #[error("the collection period must be 1 to 24 months")]
    Period,
    #[error("the consideration deadline must be 1 to 365 days")]
    ConsiderDays,
}

impl ThresholdRule {
    pub fn validate(&self) -> Result<(), RuleError> {
        if self.share_bp.is_none() && self.fixed.is_none() {
            return Err(RuleError::NoBasis);
        }
        if self.share_bp.is_some_and(|s| s > 10_000) {
            return Err(RuleError::ShareTooLarge);
        }
        if !(1..=24).contains(&self.collection_months) {
            return Err(RuleError::Period);
        }
        if !(1..=365).contains(&self.consider_days) {
            return Err(RuleError::ConsiderDays);
        }
        Ok(())
    }

    /// Signatures needed for a territory of `population`. With both a share and a fixed
    /// number, reaching either is enough (the smaller counts): a fixed number caps what a share
    /// of a large town would demand. Never below the floor; with no population known, the
    /// share cannot apply and the fixed number (or the floor) does.
    pub fn required(&self, population: Option<i64>) -> u32 {
        let share = self.share_bp.zip(population).map(|(bp, p)| {
            let p = u64::try_from(p.max(0)).unwrap_or(0);
            // Round up: 2% of 1,010 people is 21 signatures, not 20.
            let n = (p * u64::from(bp)).div_ceil(10_000);
            u32::try_from(n).unwrap_or(u32::MAX)
        });
        let base = match (share, self.fixed) {
            (Some(s), Some(f)) => s.min(f),
            (Some(s), None) => s,
            (None, Some(f)) => f,
            (None, None) => 0,
        };
        base.max(self.floor).max(1)
    }

    /// The end of collection for an initiative published at `published`.
    pub fn collection_deadline(&self, published: DateTime<Utc>) -> DateTime<Utc> {
        published
            .checked_add_months(Months::new(self.collection_months))
            .unwrap_or(published)
    }

    /// The day by which the addressee must answer, counted from reaching the threshold.
    pub fn consider_deadline(&self, reached: DateTime<Utc>) -> DateTime<Utc> {
        reached + TimeDelta::days(i64::from(self.consider_days))
    }
}

/// Signatures toward the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub signatures: u32,
    pub required: u32,
}

impl Progress {
    pub fn reached(self) -> bool {
        self.signatures >= self.required
    }

    /// Whole percent, capped at 100 for the progress bar.
    pub fn percent(self) -> u32 {
        if self.required == 0 {
            return 100;
        }
        let p = u64::from(self.signatures) * 100 / u64::from(self.required);
        u32::try_from(p.min(100)).unwrap_or(100)
    }

    pub fn missing(self) -> u32 {
        self.required.saturating_sub(self.signatures)
    }
}

/// Whole days left until `deadline` (a part of a day counts as a day), 0 when it has passed.
pub fn days_left(deadline: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let secs = (deadline - now).num_seconds();
    if secs <= 0 {
        0
    } else {
        (secs + 86_399) / 86_400
    }
}

/// The addressee missed the consideration deadline.
pub fn is_overdue(
    status: super::Status,
    consider_due: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    status == super::Status::MustConsider && consider_due.is_some_and(|d| now > d)
}

#[cfg(test)]
mod tests {
    use super::super::Status;
    use super::*;
    use proptest::prelude::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn defaults_are_two_percent_six_months_thirty_days() {
        let r = ThresholdRule::default();
        assert_eq!(r.required(Some(5_000)), 100);
        assert_eq!(r.required(Some(1_010)), 21, "rounded up");
        assert_eq!(r.required(Some(120)), 10, "the floor");
        assert_eq!(r.required(None), 10, "no population: the floor");
        assert_eq!(
            r.collection_deadline(at("2026-01-31T10:00:00Z")),
            at("2026-07-31T10:00:00Z")
        );
        assert_eq!(
            r.consider_deadline(at("2026-03-01T00:00:00Z")),
            at("2026-03-31T00:00:00Z")
        );
        assert_eq!(r.validate(), Ok(()));
    }

    #[test]
    fn share_and_fixed_either_is_enough() {
        let r = ThresholdRule {
            fixed: Some(50),
            ..ThresholdRule::default()
        };
        assert_eq!(r.required(Some(100_000)), 50);
        assert_eq!(r.required(Some(1_000)), 20);
        let fixed_only = ThresholdRule {
            share_bp: None,
            fixed: Some(300),
            ..ThresholdRule::default()
        };
        assert_eq!(fixed_only.required(Some(10)), 300);
        let none = ThresholdRule {
            share_bp: None,
            ..ThresholdRule::default()
        };
        assert_eq!(none.validate(), Err(RuleError::NoBasis));
        let period = ThresholdRule {
            collection_months: 0,
            ..ThresholdRule::default()
        };
        assert_eq!(period.validate(), Err(RuleError::Period));
    }

    #[test]
    fn time_left_and_overdue() {
        let due = at("2026-03-31T00:00:00Z");
        assert_eq!(days_left(due, at("2026-03-30T00:00:00Z")), 1);
        assert_eq!(days_left(due, at("2026-03-29T23:00:00Z")), 2);
        assert_eq!(days_left(due, at("2026-04-02T00:00:00Z")), 0);
        assert!(is_overdue(
            Status::MustConsider,
            Some(due),
            at("2026-03-31T00:00:01Z")
        ));
        assert!(!is_overdue(Status::MustConsider, Some(due), due));
        assert!(!is_overdue(
            Status::Answered,
            Some(due),
            at("2027-01-01T00:00:00Z")
        ));
    }

    #[test]
    fn progress() {
        let p = Progress {
            signatures: 30,
            required: 40,
        };
        assert_eq!((p.percent(), p.missing(), p.reached()), (75, 10, false));
        let p = Progress {
            signatures: 55,
            required: 40,
        };
        assert_eq!((p.percent(), p.missing(), p.reached()), (100, 0, true));
    }

    proptest! {
        #[test]
        fn required_is_within_bounds(pop in 0i64..50_000_000, bp in 1u32..=10_000, floor in 0u32..1000, fixed in proptest::option::of(1u32..1_000_000)) {
            let r = ThresholdRule { share_bp: Some(bp), fixed, floor, ..ThresholdRule::default() };
            let n = r.required(Some(pop));
            prop_assert!(n >= floor.max(1));
            if let Some(f) = fixed { prop_assert!(n <= f.max(floor).max(1)); }
            // More people never need fewer signatures.
            prop_assert!(r.required(Some(pop + 1000)) >= n);
        }

        #[test]
        fn days_left_never_negative(a in 0i64..10_000_000_000, b in 0i64..10_000_000_000) {
            let t = |s| DateTime::<Utc>::from_timestamp(s, 0).unwrap();
            prop_assert!(days_left(t(a), t(b)) >= 0);
        }
    }
}
