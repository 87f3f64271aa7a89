//! Counting a cycle with the `tally` engine: the cycle's admitted proposals and ballots become
//! an approval election in the Pabulib model, so the same file anyone downloads gives the
//! same result in any Pabulib tool.

use super::CountingRule;
use crate::money::Tenge;

/// The engine rule for a cycle's counting rule. Equal Shares is completed as equalshares.net
/// does (Add1, then greedy by votes), so that money is not left unspent.
pub fn engine_rule(rule: CountingRule) -> tally::Rule {
    match rule {
        CountingRule::Greedy => tally::Rule::Greedy,
        CountingRule::EqualShares => tally::Rule::MesAdd1Greedy,
        CountingRule::Phragmen => tally::Rule::Phragmen,
    }
}

/// Money in the election: whole tenge when every amount is whole (the usual case), else tiyn.
fn scale(amounts: impl Iterator<Item = Tenge>) -> u32 {
    let mut all = amounts;
    if all.all(|t| t.tiyn() % 100 == 0) {
        0
    } else {
        2
    }
}

fn units(t: Tenge, scale: u32) -> u64 {
    let tiyn = u64::try_from(t.tiyn()).unwrap_or(0);
    if scale == 0 {
        tiyn / 100
    } else {
        tiyn
    }
}

/// An approval election of `projects` (id, cost) and `ballots` (indices into `projects`).
pub fn election(
    budget: Tenge,
    projects: &[(String, Tenge)],
    ballots: &[Vec<u32>],
    meta: &[(&str, String)],
) -> tally::Election {
    election_with_villages(budget, projects, ballots, None, meta)
}

/// Ballots in the canonical order a cycle's count and its `.pb` file use: each ballot's
/// projects in ballot order without repeats, the ballots sorted by village, then by the list
/// of project ids as the file writes it. The order is a function of the ballots alone:
/// nothing of the order (or time) in which they were cast survives (a secret ballot, security
/// review L5), and none of the counting rules depends on it.
pub fn canonical(
    projects: &[(String, Tenge)],
    ballots: Vec<(String, Vec<u32>)>,
) -> Vec<(String, Vec<u32>)> {
    let id = |i: &u32| projects.get(*i as usize).map_or("", |p| p.0.as_str());
    let mut keyed: Vec<(String, Vec<u32>)> = ballots
        .into_iter()
        .map(|(village, mut chosen)| {
            chosen.sort_unstable();
            chosen.dedup();
            (village, chosen)
        })
        .collect();
    keyed.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.iter().map(id).cmp(b.1.iter().map(id)))
    });
    keyed
}

/// [`election`] whose voters carry their village (the KATO code; `villages` aligned with
/// `ballots`) in a `village` column, so anyone can recount a cycle with village quotas or
/// district sub-envelopes from the file. No column when `villages` is `None`.
pub fn election_with_villages(
    budget: Tenge,
    projects: &[(String, Tenge)],
    ballots: &[Vec<u32>],
    villages: Option<&[String]>,
    meta: &[(&str, String)],
) -> tally::Election {
    let s = scale(std::iter::once(budget).chain(projects.iter().map(|p| p.1)));
    let list = projects
        .iter()
        .map(|(id, cost)| tally::Project {
            id: id.clone(),
            cost: units(*cost, s),
            extra: Vec::new(),
        })
        .collect();
    let mut e = tally::Election::new(
        tally::VoteType::Approval,
        tally::election::Scaled {
            units: units(budget, s),
            scale: s,
        },
        list,
        s,
    );
    for (k, v) in meta {
        e.meta.push((k.to_string(), v.clone()));
    }
    if villages.is_some() {
        e.vote_columns.push("village".to_string());
    }
    for (i, b) in ballots.iter().enumerate() {
        let mut projects = b.clone();
        projects.sort_unstable();
        projects.dedup();
        let village = villages.and_then(|v| v.get(i)).map_or("", String::as_str);
        let extra: &[&str] = if villages.is_some() { &[village] } else { &[] };
        e.push_voter(&(i + 1).to_string(), extra, &projects, &[]);
    }
    e
}

/// Count with the cycle's rule; ties go to the smaller id, as pabutools does.
pub fn count(rule: CountingRule, e: &tally::Election) -> tally::Outcome {
    tally::count(e, engine_rule(rule), &tally::Options::default())
}

/// A sub-envelope of the count: a village quota or a city district's share of the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubEnvelope {
    /// Who it belongs to (the territory id as text), shown in the protocol.
    pub key: String,
    pub amount: Tenge,
    /// Indices into the projects of its village or district.
    pub projects: Vec<usize>,
    /// Indices into the ballots of its residents.
    pub voters: Vec<usize>,
}

/// One counting round: a sub-envelope (`key: Some`) or the common remainder (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub key: Option<String>,
    pub budget: Tenge,
    pub selected: Vec<String>,
    pub spent: Tenge,
}

/// The result of a count with sub-envelopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaOutcome {
    pub rounds: Vec<Round>,
    /// Every funded project in selection order: sub-envelopes first, then the remainder.
    pub selected: Vec<String>,
}

impl QuotaOutcome {
    /// The round (sub-envelope key, or `None` for the remainder) that funded a project.
    pub fn funded_in(&self, id: &str) -> Option<Option<&str>> {
        self.rounds
            .iter()
            .find(|r| r.selected.iter().any(|s| s == id))
            .map(|r| r.key.as_deref())
    }

    pub fn spent(&self) -> Tenge {
        Tenge::from_tiyn(self.rounds.iter().map(|r| r.spent.tiyn()).sum())
    }
}

fn cost_of(projects: &[(String, Tenge)], selected: &[String]) -> Tenge {
    Tenge::from_tiyn(
        projects
            .iter()
            .filter(|p| selected.contains(&p.0))
            .map(|p| p.1.tiyn())
            .sum(),
    )
}

/// One round over a subset of projects (`keep`) and of ballots (`voters`).
fn round(
    rule: CountingRule,
    budget: Tenge,
    projects: &[(String, Tenge)],
    ballots: &[Vec<u32>],
    keep: &[usize],
    voters: &[usize],
) -> Vec<String> {
    let list: Vec<(String, Tenge)> = keep.iter().map(|i| projects[*i].clone()).collect();
    let local: Vec<Vec<u32>> = voters
        .iter()
        .filter_map(|v| ballots.get(*v))
        .map(|b| {
            b.iter()
                .filter_map(|p| keep.iter().position(|k| *k == *p as usize))
                .map(|i| i as u32)
                .collect()
        })
        .collect();
    if list.is_empty() || budget.tiyn() <= 0 {
        return Vec::new();
    }
    count(rule, &election(budget, &list, &local, &[])).selected
}

/// The count with village quotas or district sub-envelopes. The procedure:
/// 1. each sub-envelope, in order, is counted with the cycle's rule over the admitted
///    projects of its village (or district) that its residents voted for, with the ballots of
///    its residents only, and its amount as the budget (never more than what is still unspent
///    of `total`);
/// 2. then the remainder — `total` minus what the sub-envelopes spent — is counted over every
///    project not yet funded, with all ballots.
///
/// Without sub-envelopes this is exactly the plain count of `total`.
pub fn count_with_quotas(
    rule: CountingRule,
    total: Tenge,
    projects: &[(String, Tenge)],
    ballots: &[Vec<u32>],
    subs: &[SubEnvelope],
) -> QuotaOutcome {
    let mut rounds = Vec::new();
    let mut selected: Vec<String> = Vec::new();
    let mut spent: i64 = 0;
    for sub in subs {
        let left = (total.tiyn() - spent).max(0);
        let budget = Tenge::from_tiyn(sub.amount.tiyn().clamp(0, left));
        // Only projects that at least one of its residents voted for: a quota never funds a
        // project nobody in the village asked for.
        let keep: Vec<usize> = sub
            .projects
            .iter()
            .copied()
            .filter(|i| *i < projects.len() && !selected.contains(&projects[*i].0))
            .filter(|i| {
                sub.voters
                    .iter()
                    .filter_map(|v| ballots.get(*v))
                    .any(|b| b.iter().any(|p| *p as usize == *i))
            })
            .collect();
        let chosen = round(rule, budget, projects, ballots, &keep, &sub.voters);
        let cost = cost_of(projects, &chosen);
        spent += cost.tiyn();
        selected.extend(chosen.iter().cloned());
        rounds.push(Round {
            key: Some(sub.key.clone()),
            budget,
            selected: chosen,
            spent: cost,
        });
    }
    let budget = Tenge::from_tiyn((total.tiyn() - spent).max(0));
    let keep: Vec<usize> = (0..projects.len())
        .filter(|i| !selected.contains(&projects[*i].0))
        .collect();
    let everyone: Vec<usize> = (0..ballots.len()).collect();
    let chosen = if subs.is_empty() {
        // The plain count, on the very election that is published as a `.pb` file.
        count(rule, &election(budget, projects, ballots, &[])).selected
    } else {
        round(rule, budget, projects, ballots, &keep, &everyone)
    };
    let cost = cost_of(projects, &chosen);
    selected.extend(chosen.iter().cloned());
    rounds.push(Round {
        key: None,
        budget,
        selected: chosen,
        spent: cost,
    });
    QuotaOutcome { rounds, selected }
}

/// One district's line of a redistribution (before/after table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redistribution {
    pub key: String,
    pub share: Tenge,
    /// What its admitted proposals cost together.
    pub demand: Tenge,
    pub surplus: Tenge,
    pub unmet: Tenge,
    pub after: Tenge,
}

/// Spread `units` whole tenge over `weights` (tenge) in proportion, by largest remainder; no
/// one gets more than its weight when `units` ≤ the sum of weights.
fn apportion(units: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    if sum <= 0 || units <= 0 {
        return vec![0; weights.len()];
    }
    let mut out: Vec<i64> = Vec::with_capacity(weights.len());
    let mut rests: Vec<(i128, usize)> = Vec::new();
    for (i, w) in weights.iter().enumerate() {
        let exact = i128::from(units) * i128::from(*w);
        out.push(i64::try_from(exact / sum).unwrap_or(0));
        rests.push((exact % sum, i));
    }
    let mut left = units - out.iter().sum::<i64>();
    // Largest remainders first, the earlier line on a tie.
    rests.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (rest, i) in rests {
        if left <= 0 {
            break;
        }
        if rest > 0 {
            out[i] += 1;
            left -= 1;
        }
    }
    out
}

/// Before voting, districts whose admitted proposals cost less than their share give the
/// surplus to districts with unmet demand, in proportion to that unmet demand. Transfers are
/// whole tenge; the total is kept exactly; a donor never falls below its own demand and a
/// receiver never gets more than it lacks. `lines` are (district, share, demand).
pub fn redistribute(lines: &[(String, Tenge, Tenge)]) -> Vec<Redistribution> {
    let surplus: Vec<i64> = lines
        .iter()
        .map(|(_, s, d)| (s.tiyn() - d.tiyn()).max(0))
        .collect();
    let unmet: Vec<i64> = lines
        .iter()
        .map(|(_, s, d)| (d.tiyn() - s.tiyn()).max(0))
        .collect();
    let give_w: Vec<i64> = surplus.iter().map(|s| s / 100).collect();
    let take_w: Vec<i64> = unmet.iter().map(|u| u / 100).collect();
    let units = give_w.iter().sum::<i64>().min(take_w.iter().sum());
    let given = apportion(units, &give_w);
    let got = apportion(units, &take_w);
    lines
        .iter()
        .enumerate()
        .map(|(i, (key, share, demand))| Redistribution {
            key: key.clone(),
            share: *share,
            demand: *demand,
            surplus: Tenge::from_tiyn(surplus[i]),
            unmet: Tenge::from_tiyn(unmet[i]),
            after: Tenge::from_tiyn(share.tiyn() - given[i] * 100 + got[i] * 100),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(n: i64) -> Tenge {
        Tenge::from_tenge(n)
    }

    #[test]
    fn greedy_funds_by_votes_while_money_lasts() {
        let projects = vec![
            ("a".to_string(), t(500)),
            ("b".to_string(), t(400)),
            ("c".to_string(), t(300)),
        ];
        // a: 3 votes, b: 2, c: 1; budget 800 → a (500), then b does not fit, c (300) does.
        let ballots = vec![vec![0], vec![0, 1], vec![0, 1, 2]];
        let e = election(t(800), &projects, &ballots, &[]);
        let o = count(CountingRule::Greedy, &e);
        assert_eq!(o.selected, ["a", "c"]);
        assert_eq!(e.num_voters(), 3);
        let text = tally::pb::write_string(&e);
        let again = tally::pb::read_str(&text).map(|e2| count(CountingRule::Greedy, &e2).selected);
        assert_eq!(
            again.ok(),
            Some(vec!["a".to_string(), "c".to_string()]),
            "the exported file recounts the same"
        );
    }

    #[test]
    fn amounts_with_tiyn_keep_their_precision() {
        let projects = vec![("a".to_string(), Tenge::from_tiyn(50_050))];
        let e = election(Tenge::from_tiyn(50_050), &projects, &[vec![0]], &[]);
        assert_eq!(e.money_scale, 2);
        assert_eq!(count(CountingRule::EqualShares, &e).selected, ["a"]);
        assert_eq!(count(CountingRule::Phragmen, &e).selected, ["a"]);
    }
    fn sub(key: &str, amount: i64, projects: &[usize], voters: &[usize]) -> SubEnvelope {
        SubEnvelope {
            key: key.into(),
            amount: t(amount),
            projects: projects.to_vec(),
            voters: voters.to_vec(),
        }
    }

    #[test]
    fn a_village_quota_funds_its_project_though_a_bigger_village_outvotes_it() {
        // a, b: the big village's projects; c: the small village's. Budget 1000.
        let projects = vec![
            ("a".to_string(), t(600)),
            ("b".to_string(), t(400)),
            ("c".to_string(), t(300)),
        ];
        // Voters 0..=3 live in the big village, 4 in the small one.
        let ballots = vec![vec![0, 1], vec![0, 1], vec![0, 1], vec![0, 1], vec![2]];
        let plain = count_with_quotas(CountingRule::Greedy, t(1000), &projects, &ballots, &[]);
        assert_eq!(plain.selected, ["a", "b"]);
        let with = count_with_quotas(
            CountingRule::Greedy,
            t(1000),
            &projects,
            &ballots,
            &[sub("small", 300, &[2], &[4])],
        );
        assert_eq!(with.selected, ["c", "a"]);
        assert_eq!(with.funded_in("c"), Some(Some("small")));
        assert_eq!(with.funded_in("a"), Some(None));
        assert_eq!(with.rounds[1].budget, t(700));
        assert_eq!(with.spent(), t(900));
        // A quota whose residents voted for nothing of theirs funds nothing.
        let silent = count_with_quotas(
            CountingRule::Greedy,
            t(1000),
            &projects,
            &ballots,
            &[sub("small", 300, &[2], &[0])],
        );
        assert_eq!(silent.rounds[0].selected, Vec::<String>::new());
        assert_eq!(silent.selected, ["a", "b"]);
    }

    #[test]
    fn redistribution_gives_surplus_in_proportion_to_unmet_demand() {
        let rows = redistribute(&[
            ("north".into(), t(1000), t(400)),
            ("south".into(), t(1000), t(1900)),
            ("east".into(), t(1000), t(1300)),
        ]);
        let after: Vec<i64> = rows.iter().map(|r| r.after.tiyn() / 100).collect();
        // 600 surplus over unmet 900 and 300: 450 and 150.
        assert_eq!(after, [400, 1450, 1150]);
        assert_eq!(rows[0].surplus, t(600));
        assert_eq!(rows[1].unmet, t(900));
    }

    proptest::proptest! {
        #[test]
        fn no_quota_is_the_plain_count(costs in proptest::collection::vec(1i64..500, 1..6), votes in proptest::collection::vec(proptest::collection::vec(0u32..6, 0..4), 0..12), budget in 0i64..2000) {
            let projects: Vec<(String, Tenge)> = costs.iter().enumerate().map(|(i, c)| (format!("p{i}"), t(*c))).collect();
            let ballots: Vec<Vec<u32>> = votes.iter().map(|b| b.iter().copied().filter(|p| (*p as usize) < projects.len()).collect()).collect();
            for rule in CountingRule::ALL {
                let plain = count(rule, &election(t(budget), &projects, &ballots, &[])).selected;
                let q = count_with_quotas(rule, t(budget), &projects, &ballots, &[]);
                proptest::prop_assert_eq!(plain, q.selected);
            }
        }

        #[test]
        fn funded_cost_never_exceeds_the_budget(costs in proptest::collection::vec(1i64..500, 1..7), votes in proptest::collection::vec(proptest::collection::vec(0u32..7, 0..4), 0..12), budget in 0i64..2000, quota in proptest::collection::vec((0i64..900, 0usize..7), 0..3)) {
            let projects: Vec<(String, Tenge)> = costs.iter().enumerate().map(|(i, c)| (format!("p{i}"), t(*c))).collect();
            let ballots: Vec<Vec<u32>> = votes.iter().map(|b| b.iter().copied().filter(|p| (*p as usize) < projects.len()).collect()).collect();
            let subs: Vec<SubEnvelope> = quota.iter().enumerate().map(|(i, (amount, p))| sub(&format!("v{i}"), *amount, &[*p % projects.len()], &[i, i + 1])).collect();
            for rule in CountingRule::ALL {
                let q = count_with_quotas(rule, t(budget), &projects, &ballots, &subs);
                proptest::prop_assert!(cost_of(&projects, &q.selected).tiyn() <= t(budget).tiyn());
                proptest::prop_assert_eq!(q.spent(), cost_of(&projects, &q.selected));
                for r in &q.rounds {
                    proptest::prop_assert!(r.spent.tiyn() <= r.budget.tiyn());
                }
                let mut ids = q.selected.clone();
                ids.sort();
                ids.dedup();
                proptest::prop_assert_eq!(ids.len(), q.selected.len(), "funded once");
            }
        }

        /// Security review L5: the canonical order is a function of the ballots alone (any
        /// order of casting gives the same list, so the same `.pb` file), and every rule
        /// counts it as it counts the ballots in any other order.
        #[test]
        fn the_canonical_order_hides_the_order_of_casting(costs in proptest::collection::vec(1i64..500, 1..6), votes in proptest::collection::vec((0u8..3, proptest::collection::vec(0u32..6, 1..4)), 0..10), budget in 0i64..1500, seed in 0usize..1000) {
            let projects: Vec<(String, Tenge)> = costs.iter().enumerate().map(|(i, c)| (format!("p{i}"), t(*c))).collect();
            let cast: Vec<(String, Vec<u32>)> = votes.iter().map(|(v, b)| (format!("v{v}"), b.iter().copied().filter(|p| (*p as usize) < projects.len()).collect())).collect();
            let mut other = cast.clone();
            if !other.is_empty() {
                let k = seed % other.len();
                other.rotate_left(k);
                other.reverse();
            }
            let (a, b) = (canonical(&projects, cast.clone()), canonical(&projects, other));
            proptest::prop_assert_eq!(&a, &b);
            let villages: Vec<String> = a.iter().map(|x| x.0.clone()).collect();
            let sorted: Vec<Vec<u32>> = a.iter().map(|x| x.1.clone()).collect();
            let as_cast: Vec<Vec<u32>> = cast.iter().map(|x| x.1.clone()).collect();
            let file = tally::pb::write_string(&election_with_villages(t(budget), &projects, &sorted, Some(&villages), &[]));
            proptest::prop_assert!(file.contains("voter_id;vote;village"));
            for rule in CountingRule::ALL {
                proptest::prop_assert_eq!(
                    count(rule, &election(t(budget), &projects, &sorted, &[])).selected,
                    count(rule, &election(t(budget), &projects, &as_cast, &[])).selected
                );
            }
        }

        #[test]
        fn redistribution_keeps_the_total_and_demand_capped_shares(lines in proptest::collection::vec((0i64..10_000_000, 0i64..10_000_000), 0..8)) {
            let input: Vec<(String, Tenge, Tenge)> = lines.iter().enumerate().map(|(i, (s, d))| (i.to_string(), Tenge::from_tiyn(*s), Tenge::from_tiyn(*d))).collect();
            let rows = redistribute(&input);
            let before: i64 = input.iter().map(|l| l.1.tiyn()).sum();
            let after: i64 = rows.iter().map(|r| r.after.tiyn()).sum();
            proptest::prop_assert_eq!(before, after);
            for r in &rows {
                let floor = r.share.tiyn().min(r.demand.tiyn());
                proptest::prop_assert!(r.after.tiyn() >= floor, "below its demand-capped share");
                if r.unmet.tiyn() > 0 {
                    proptest::prop_assert!(r.after.tiyn() <= r.demand.tiyn(), "more than it lacks");
                }
                proptest::prop_assert_eq!((r.after.tiyn() - r.share.tiyn()) % 100, 0, "whole tenge moved");
            }
        }
    }
}
