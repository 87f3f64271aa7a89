use crate::money::Tenge;

crate::code_enum! {
    /// Where co-financing comes from (бірлесіп қаржыландыру / софинансирование).
    pub enum CoFinancingSource {
        /// Incentive or competitive subvention of the district.
        DistrictSubvention = "district",
        OblastSubvention = "oblast",
        Sponsor = "sponsor",
        /// Residents' money pledges (labour — асар — is recorded on proposals, not here).
        Residents = "residents",
    }
}

/// One co-financing line; a condition such as "if turnout ≥ 20%" is applied when results are
/// computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoFinancing {
    pub source: CoFinancingSource,
    pub amount: Tenge,
    /// Minimum turnout in basis points (2000 = 20%), if the line depends on it.
    pub min_turnout_bp: Option<u32>,
}

/// The money of a cycle (ХҚБ қаражатының көлемі / объём средств БНУ): a share of the
/// territory's annual housing-and-communal (function group 07) spending plus co-financing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub housing_spending: Tenge,
    /// Share in basis points: 1000 = 10%.
    pub share_bp: u32,
    pub cofinancing: Vec<CoFinancing>,
}

impl Envelope {
    /// The share of housing-and-communal spending, rounded down to a whole tiyn.
    pub fn base(&self) -> Tenge {
        let tiyn = i128::from(self.housing_spending.tiyn()) * i128::from(self.share_bp) / 10_000;
        Tenge::from_tiyn(i64::try_from(tiyn).unwrap_or(i64::MAX))
    }

    /// Co-financing lines that apply at a turnout (`None` before voting: conditional lines
    /// are not counted on yet).
    pub fn applicable(&self, turnout_bp: Option<u32>) -> impl Iterator<Item = &CoFinancing> {
        self.cofinancing
            .iter()
            .filter(move |c| match (c.min_turnout_bp, turnout_bp) {
                (None, _) => true,
                (Some(min), Some(t)) => t >= min,
                (Some(_), None) => false,
            })
    }

    pub fn total(&self, turnout_bp: Option<u32>) -> Tenge {
        let extra: i64 = self.applicable(turnout_bp).map(|c| c.amount.tiyn()).sum();
        Tenge::from_tiyn(self.base().tiyn().saturating_add(extra))
    }
}

/// A part of the envelope reserved for one village so that small villages are not outvoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quota {
    /// A share in basis points of the whole envelope.
    Share { village: String, share_bp: u32 },
    /// A fixed amount.
    Fixed { village: String, amount: Tenge },
}

/// The envelope cut into village sub-envelopes and the common remainder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaSplit {
    pub villages: Vec<(String, Tenge)>,
    pub remainder: Tenge,
}

/// Quotas by population: each village gets `share_bp` of the envelope in proportion to its
/// population (e.g. half of the envelope reserved, split by population).
pub fn quotas_by_population(reserved_bp: u32, populations: &[(String, i64)]) -> Vec<Quota> {
    let total: i64 = populations.iter().map(|(_, p)| (*p).max(0)).sum();
    if total == 0 {
        return Vec::new();
    }
    populations
        .iter()
        .map(|(v, p)| Quota::Share {
            village: v.clone(),
            share_bp: u32::try_from(i64::from(reserved_bp) * (*p).max(0) / total).unwrap_or(0),
        })
        .collect()
}

impl QuotaSplit {
    /// Cut `total` by the quotas. The procedure the count follows: each village's projects are
    /// counted first within that village's sub-envelope; what remains of every sub-envelope
    /// joins the remainder, over which all projects not yet funded are counted. Refuses quotas
    /// that add up to more than the envelope.
    pub fn new(total: Tenge, quotas: &[Quota]) -> Option<QuotaSplit> {
        let mut villages = Vec::new();
        let mut used: i64 = 0;
        for q in quotas {
            let (village, amount) = match q {
                Quota::Share { village, share_bp } => {
                    let t = i128::from(total.tiyn()) * i128::from(*share_bp) / 10_000;
                    (village.clone(), i64::try_from(t).ok()?)
                }
                Quota::Fixed { village, amount } => (village.clone(), amount.tiyn()),
            };
            used = used.checked_add(amount)?;
            villages.push((village, Tenge::from_tiyn(amount)));
        }
        (used <= total.tiyn()).then(|| QuotaSplit {
            villages,
            remainder: Tenge::from_tiyn(total.tiyn() - used),
        })
    }
}

crate::code_enum! {
    /// Village quotas (counted first, the rest over the remainder) or city districts.
    pub enum SplitKind {
        Villages = "villages",
        Districts = "districts",
    }
}

crate::code_enum! {
    /// How the sub-envelopes were set: a reserved share split by population, or fixed amounts.
    pub enum SplitMode {
        Population = "population",
        Fixed = "fixed",
    }
}

/// A share in basis points as a percentage with up to two decimals: 500 → "5", 750 → "7.5".
pub fn percent(bp: u32) -> String {
    if bp.is_multiple_of(100) {
        (bp / 100).to_string()
    } else {
        format!("{}.{:02}", bp / 100, bp % 100)
            .trim_end_matches('0')
            .to_string()
    }
}

/// The cap on one project's cost: `cap_mrp` times the MRP in force when the cycle opened.
pub fn cap(mrp: Tenge, cap_mrp: i64) -> Tenge {
    Tenge::from_tiyn(mrp.tiyn().saturating_mul(cap_mrp))
}

/// Why a typed envelope split was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError<Id> {
    /// Voting has started: the split is fixed.
    #[error("the split cannot change once voting has started")]
    Locked,
    #[error("unknown split mode")]
    Mode,
    /// The reserved share is missing, zero or not a percentage.
    #[error("the reserved share must be a percentage above zero")]
    Reserved,
    /// No territory has a population to split by.
    #[error("no territory has a population")]
    NoPopulation,
    /// These territories' amounts are not amounts of tenge.
    #[error("some amounts are not amounts of tenge")]
    BadAmounts(Vec<Id>),
    #[error("no amount was given")]
    NoAmounts,
    #[error("the amounts add up to {sum:?}, more than the envelope {total:?}")]
    Over { sum: Tenge, total: Tenge },
}

/// Whether the split may still change: until voting starts.
pub fn split_editable(stage: super::Stage) -> bool {
    stage < super::Stage::Voting
}

/// The reserved share by population: `reserved_bp` (above zero) of the envelope split among
/// `populations` in proportion.
pub fn population_split<Id>(
    reserved_bp: Option<u32>,
    populations: &[(String, i64)],
) -> Result<(u32, Vec<Quota>), SplitError<Id>> {
    let reserved_bp = reserved_bp
        .filter(|bp| *bp > 0)
        .ok_or(SplitError::Reserved)?;
    let quotas = quotas_by_population(reserved_bp, populations);
    if quotas.is_empty() {
        return Err(SplitError::NoPopulation);
    }
    Ok((reserved_bp, quotas))
}

/// The share of the envelope fixed amounts reserve (basis points) and the amounts.
pub type FixedAmounts<Id> = (u32, Vec<(Id, Tenge)>);

/// Fixed amounts as typed (territory, text): empty and zero amounts are left out; the sum may
/// not exceed `total`. Returns the amounts and the share of the envelope they reserve, in
/// basis points.
pub fn fixed_split<Id: Clone>(
    typed: &[(Id, &str)],
    total: Tenge,
) -> Result<FixedAmounts<Id>, SplitError<Id>> {
    let mut amounts = Vec::new();
    let mut bad = Vec::new();
    let mut sum: i64 = 0;
    for (id, text) in typed {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match text.parse::<Tenge>() {
            Ok(a) if a.tiyn() > 0 => {
                sum = sum.saturating_add(a.tiyn());
                amounts.push((id.clone(), a));
            }
            Ok(_) => {}
            Err(_) => bad.push(id.clone()),
        }
    }
    if !bad.is_empty() {
        return Err(SplitError::BadAmounts(bad));
    }
    if amounts.is_empty() {
        return Err(SplitError::NoAmounts);
    }
    if sum > total.tiyn() {
        return Err(SplitError::Over {
            sum: Tenge::from_tiyn(sum),
            total,
        });
    }
    let reserved_bp =
        u32::try_from(i128::from(sum) * 10_000 / i128::from(total.tiyn().max(1))).unwrap_or(10_000);
    Ok((reserved_bp, amounts))
}

/// The largest MRP value the table takes, in tenge.
pub const MRP_MAX_TENGE: i64 = 1_000_000;

/// An MRP value as typed: whole tenge above zero, at most [`MRP_MAX_TENGE`].
pub fn mrp_value(typed: &str) -> Option<Tenge> {
    typed
        .parse::<Tenge>()
        .ok()
        .filter(|t| t.tiyn() > 0 && *t <= Tenge::from_tenge(MRP_MAX_TENGE))
}

/// What was wrong with a typed row of the MRP table, field by field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MrpRowError {
    pub date: bool,
    pub year: Option<MrpYearError>,
    pub value: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrpYearError {
    /// Not a year from 2000 to 2100.
    Invalid,
    /// The valid-from date lies in another year.
    OtherThanDate,
}

/// A row of the MRP table as typed: a valid-from date, its year (2000–2100) and the value.
pub fn mrp_row(
    valid_from: &str,
    year: &str,
    value: &str,
) -> Result<crate::money::Mrp, MrpRowError> {
    use chrono::Datelike;
    let date = crate::time::parse_date(valid_from).ok();
    let y: Option<i32> = year
        .trim()
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    let value = mrp_value(value);
    let e = MrpRowError {
        date: date.is_none(),
        year: match (y, date) {
            (None, _) => Some(MrpYearError::Invalid),
            (Some(y), Some(d)) if d.year() != y => Some(MrpYearError::OtherThanDate),
            _ => None,
        },
        value: value.is_none(),
    };
    match (date, y, value) {
        (Some(valid_from), Some(year), Some(value)) if e == MrpRowError::default() => {
            Ok(crate::money::Mrp {
                year,
                valid_from,
                value,
            })
        }
        _ => Err(e),
    }
}

#[cfg(test)]
mod splits {
    use super::*;

    #[test]
    fn fixed_amounts_skip_empty_and_zero_and_refuse_the_rest() {
        let total = Tenge::from_tenge(1000);
        assert_eq!(
            fixed_split(&[(1, "300"), (2, ""), (3, "0"), (4, "200")], total),
            Ok((
                5000,
                vec![(1, Tenge::from_tenge(300)), (4, Tenge::from_tenge(200))]
            ))
        );
        assert_eq!(
            fixed_split(&[(1, "x"), (2, "1"), (3, "-5")], total),
            Err(SplitError::BadAmounts(vec![1, 3]))
        );
        assert_eq!(
            fixed_split::<u8>(&[(1, " ")], total),
            Err(SplitError::NoAmounts)
        );
        assert_eq!(
            fixed_split(&[(1, "700"), (2, "400")], total),
            Err(SplitError::Over {
                sum: Tenge::from_tenge(1100),
                total
            })
        );
    }

    #[test]
    fn a_population_split_needs_a_share_and_people() {
        let pops = [("a".to_string(), 100), ("b".to_string(), 300)];
        assert_eq!(
            population_split::<u8>(None, &pops),
            Err(SplitError::Reserved)
        );
        assert_eq!(
            population_split::<u8>(Some(0), &pops),
            Err(SplitError::Reserved)
        );
        let none = [("a".to_string(), 0)];
        assert_eq!(
            population_split::<u8>(Some(10), &none),
            Err(SplitError::NoPopulation)
        );
        let (bp, quotas) = population_split::<u8>(Some(4000), &pops).unwrap_or_default();
        assert_eq!((bp, quotas.len()), (4000, 2));
        assert!(!split_editable(super::super::Stage::Voting));
        assert!(split_editable(super::super::Stage::Discussion));
    }

    #[test]
    fn percentages_drop_trailing_zeros() {
        assert_eq!(percent(500), "5");
        assert_eq!(percent(750), "7.5");
        assert_eq!(percent(1234), "12.34");
    }

    #[test]
    fn the_cap_is_mrp_times_the_cap() {
        assert_eq!(
            cap(Tenge::from_tenge(3932), 5000),
            Tenge::from_tenge(19_660_000)
        );
    }

    #[test]
    fn mrp_rows_are_checked_field_by_field() {
        assert!(mrp_row("2026-01-01", "2026", "4325").is_ok());
        assert_eq!(
            mrp_row("2026-13-01", "1999", "0"),
            Err(MrpRowError {
                date: true,
                year: Some(MrpYearError::Invalid),
                value: true
            })
        );
        assert_eq!(
            mrp_row("2026-01-01", "2025", "4325").map_err(|e| e.year),
            Err(Some(MrpYearError::OtherThanDate))
        );
        assert_eq!(mrp_value("1 000 001"), None);
        assert_eq!(mrp_value("1 000 000"), Some(Tenge::from_tenge(1_000_000)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(n: i64) -> Tenge {
        Tenge::from_tenge(n)
    }

    #[test]
    fn envelope_with_conditional_cofinancing() {
        let e = Envelope {
            housing_spending: t(250_000_000),
            share_bp: 1000,
            cofinancing: vec![
                CoFinancing {
                    source: CoFinancingSource::DistrictSubvention,
                    amount: t(5_000_000),
                    min_turnout_bp: None,
                },
                CoFinancing {
                    source: CoFinancingSource::OblastSubvention,
                    amount: t(10_000_000),
                    min_turnout_bp: Some(2000),
                },
            ],
        };
        assert_eq!(e.base(), t(25_000_000));
        assert_eq!(e.total(None), t(30_000_000));
        assert_eq!(e.total(Some(1999)), t(30_000_000));
        assert_eq!(e.total(Some(2000)), t(40_000_000));
    }

    #[test]
    fn quotas_split_and_refuse_overcommitment() {
        let split = QuotaSplit::new(
            t(10_000_000),
            &[
                Quota::Share {
                    village: "114435100".into(),
                    share_bp: 2000,
                },
                Quota::Fixed {
                    village: "114435200".into(),
                    amount: t(1_500_000),
                },
            ],
        );
        let split = split.unwrap_or(QuotaSplit {
            villages: vec![],
            remainder: t(0),
        });
        assert_eq!(split.villages[0].1, t(2_000_000));
        assert_eq!(split.remainder, t(6_500_000));
        assert!(QuotaSplit::new(
            t(100),
            &[Quota::Fixed {
                village: "x".into(),
                amount: t(101)
            }]
        )
        .is_none());
        let by_pop = quotas_by_population(5000, &[("a".into(), 300), ("b".into(), 700)]);
        assert_eq!(
            by_pop[0],
            Quota::Share {
                village: "a".into(),
                share_bp: 1500
            }
        );
        assert_eq!(
            by_pop[1],
            Quota::Share {
                village: "b".into(),
                share_bp: 3500
            }
        );
        assert!(quotas_by_population(5000, &[("a".into(), 0)]).is_empty());
    }

    proptest! {
        #[test]
        fn a_split_never_exceeds_the_envelope(total in 0i64..1_000_000_000, shares in proptest::collection::vec(0u32..3000, 0..6)) {
            let quotas: Vec<Quota> = shares.iter().enumerate().map(|(i, s)| Quota::Share { village: i.to_string(), share_bp: *s }).collect();
            if let Some(split) = QuotaSplit::new(Tenge::from_tiyn(total), &quotas) {
                let sum: i64 = split.villages.iter().map(|v| v.1.tiyn()).sum::<i64>() + split.remainder.tiyn();
                prop_assert_eq!(sum, total);
                prop_assert!(split.remainder.tiyn() >= 0);
            } else {
                prop_assert!(shares.iter().sum::<u32>() > 10_000);
            }
        }
    }
}
