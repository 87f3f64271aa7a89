use crate::money::Tenge;

/// Where co-financing comes from (бірлесіп қаржыландыру / софинансирование).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoFinancingSource {
    /// Incentive or competitive subvention of the district.
    DistrictSubvention,
    OblastSubvention,
    Sponsor,
    /// Residents' money pledges (labour — асар — is recorded on proposals, not here).
    Residents,
}

impl CoFinancingSource {
    pub const ALL: [CoFinancingSource; 4] = [
        CoFinancingSource::DistrictSubvention,
        CoFinancingSource::OblastSubvention,
        CoFinancingSource::Sponsor,
        CoFinancingSource::Residents,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CoFinancingSource::DistrictSubvention => "district",
            CoFinancingSource::OblastSubvention => "oblast",
            CoFinancingSource::Sponsor => "sponsor",
            CoFinancingSource::Residents => "residents",
        }
    }

    pub fn parse(s: &str) -> Option<CoFinancingSource> {
        CoFinancingSource::ALL.into_iter().find(|c| c.as_str() == s)
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
