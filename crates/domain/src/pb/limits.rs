use crate::accounts::{Level, DEFAULT_REQUIREMENT};
use crate::money::{Mrp, Tenge};
use crate::territories::{Kato, TerritoryKind};
use chrono::NaiveDate;

/// Minimum envelope shares (Order 470 as amended in 2021; rural okrugs as proposed by
/// seed 000), in basis points. Defaults, to be overridden when the law changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareRules {
    /// Districts of Astana, Almaty, Shymkent.
    pub republican_city_district_bp: u32,
    /// Cities of oblast significance and their districts.
    pub oblast_city_bp: u32,
    pub rural_okrug_bp: u32,
}

impl Default for ShareRules {
    fn default() -> ShareRules {
        ShareRules {
            republican_city_district_bp: 500,
            oblast_city_bp: 1000,
            rural_okrug_bp: 1000,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    #[error("the share must be at least {min_bp} basis points for this kind of territory")]
    BelowMinimum { min_bp: u32 },
    #[error("a share cannot exceed 100%")]
    AboveWhole,
}

impl ShareRules {
    /// The minimum for a territory of `kind` whose parent is of `parent` kind.
    pub fn minimum_bp(&self, kind: TerritoryKind, parent: Option<TerritoryKind>) -> u32 {
        match (kind, parent) {
            (TerritoryKind::District, Some(TerritoryKind::CityRepublican)) => {
                self.republican_city_district_bp
            }
            (TerritoryKind::CityOblast, _)
            | (TerritoryKind::District, Some(TerritoryKind::CityOblast)) => self.oblast_city_bp,
            (TerritoryKind::RuralOkrug, _) => self.rural_okrug_bp,
            _ => 0,
        }
    }

    pub fn check(
        &self,
        share_bp: u32,
        kind: TerritoryKind,
        parent: Option<TerritoryKind>,
    ) -> Result<(), ShareError> {
        let min_bp = self.minimum_bp(kind, parent);
        if share_bp > 10_000 {
            Err(ShareError::AboveWhole)
        } else if share_bp < min_bp {
            Err(ShareError::BelowMinimum { min_bp })
        } else {
            Ok(())
        }
    }
}

/// Per-project caps in MRP (RULES.md): the cap in tenge uses the MRP in force when
/// applications are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapRules {
    pub republican_city_district_mrp: i64,
    pub oblast_city_mrp: i64,
    /// Cities of district significance and, by default, rural okrugs.
    pub small_mrp: i64,
}

impl Default for CapRules {
    fn default() -> CapRules {
        CapRules {
            republican_city_district_mrp: 25_000,
            oblast_city_mrp: 15_000,
            small_mrp: 1_500,
        }
    }
}

impl CapRules {
    pub fn cap_mrp(&self, kind: TerritoryKind, parent: Option<TerritoryKind>) -> i64 {
        match (kind, parent) {
            (TerritoryKind::CityRepublican, _)
            | (TerritoryKind::District, Some(TerritoryKind::CityRepublican)) => {
                self.republican_city_district_mrp
            }
            (TerritoryKind::CityOblast, _)
            | (TerritoryKind::District, Some(TerritoryKind::CityOblast)) => self.oblast_city_mrp,
            _ => self.small_mrp,
        }
    }

    pub fn cap(&self, kind: TerritoryKind, parent: Option<TerritoryKind>, mrp: Mrp) -> Tenge {
        mrp.times(self.cap_mrp(kind, parent))
    }
}

/// Who may vote in a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Eligibility {
    /// Full years on the last voting day (default 18, as in eGov Mobile).
    pub min_age: u32,
    /// The weakest account that may vote ([`DEFAULT_REQUIREMENT`] unless chosen).
    pub min_level: Level,
}

impl Default for Eligibility {
    fn default() -> Eligibility {
        Eligibility {
            min_age: 18,
            min_level: DEFAULT_REQUIREMENT,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Ineligible {
    #[error("voters must be at least {0} years old on the last voting day")]
    TooYoung(u32),
    #[error("only residents of the territory (or of the quota's village) may vote")]
    NotResident,
    #[error("this cycle needs an account verified at least as {0:?}")]
    NotVerified(Level),
}

impl Eligibility {
    /// `residence_path`: the voter's village and its ancestors; `area`: the cycle's territory
    /// (or a quota's village).
    pub fn check(
        &self,
        birth: NaiveDate,
        level: Level,
        residence_path: &[Kato],
        area: &Kato,
        last_voting_day: NaiveDate,
    ) -> Result<(), Ineligible> {
        if !residence_path.contains(area) {
            return Err(Ineligible::NotResident);
        }
        if crate::accounts::age_on(birth, last_voting_day) < self.min_age {
            return Err(Ineligible::TooYoung(self.min_age));
        }
        if !level.meets(self.min_level) {
            return Err(Ineligible::NotVerified(self.min_level));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TerritoryKind::*;

    #[test]
    fn shares_by_kind() {
        let r = ShareRules::default();
        assert_eq!(
            r.check(499, District, Some(CityRepublican)),
            Err(ShareError::BelowMinimum { min_bp: 500 })
        );
        assert_eq!(r.check(500, District, Some(CityRepublican)), Ok(()));
        assert_eq!(
            r.check(999, CityOblast, Some(Oblast)),
            Err(ShareError::BelowMinimum { min_bp: 1000 })
        );
        assert_eq!(r.check(1000, RuralOkrug, Some(District)), Ok(()));
        assert_eq!(
            r.check(10_001, RuralOkrug, None),
            Err(ShareError::AboveWhole)
        );
        assert_eq!(r.minimum_bp(Village, Some(RuralOkrug)), 0);
    }

    #[test]
    fn caps_in_mrp_and_tenge() {
        let c = CapRules::default();
        let mrp = Mrp {
            year: 2026,
            valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            value: Tenge::from_tenge(4325),
        };
        assert_eq!(c.cap_mrp(District, Some(CityRepublican)), 25_000);
        assert_eq!(c.cap_mrp(CityOblast, Some(Oblast)), 15_000);
        assert_eq!(c.cap_mrp(RuralOkrug, Some(District)), 1_500);
        assert_eq!(
            c.cap(RuralOkrug, Some(District), mrp),
            Tenge::from_tenge(6_487_500)
        );
    }

    #[test]
    fn eligibility_on_the_last_voting_day() {
        let k = |s: &str| Kato::parse(s).unwrap_or_else(|_| unreachable!());
        let home = [
            k("110000000"),
            k("114400000"),
            k("114435000"),
            k("114435200"),
        ];
        let e = Eligibility::default();
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default();
        let birth = d(2008, 4, 15);
        assert_eq!(
            e.check(
                birth,
                Level::InPerson,
                &home,
                &k("114435000"),
                d(2026, 4, 14)
            ),
            Err(Ineligible::TooYoung(18))
        );
        assert_eq!(
            e.check(
                birth,
                Level::InPerson,
                &home,
                &k("114435000"),
                d(2026, 4, 15)
            ),
            Ok(())
        );
        assert_eq!(
            e.check(
                birth,
                Level::InPerson,
                &home,
                &k("114441000"),
                d(2026, 4, 15)
            ),
            Err(Ineligible::NotResident)
        );
        let strict = Eligibility {
            min_level: Level::Egov,
            ..e
        };
        assert_eq!(
            strict.check(
                birth,
                Level::InPerson,
                &home,
                &k("114400000"),
                d(2026, 5, 1)
            ),
            Err(Ineligible::NotVerified(Level::Egov))
        );
    }
}
