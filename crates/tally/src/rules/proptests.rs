//! Properties every rule must keep, on small random approval elections.

use super::*;
use crate::election::{Project, VoteType};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Small {
    costs: Vec<u64>,
    budget: u64,
    ballots: Vec<Vec<u32>>,
}

fn small() -> impl Strategy<Value = Small> {
    (1usize..7).prop_flat_map(|m| {
        (
            prop::collection::vec(prop_oneof![1 => Just(0u64), 6 => 1u64..60], m),
            0u64..200,
            prop::collection::vec(prop::collection::btree_set(0u32..m as u32, 0..=m), 0..10),
        )
            .prop_map(|(costs, budget, ballots)| Small {
                costs,
                budget,
                ballots: ballots
                    .into_iter()
                    .map(|b| b.into_iter().collect())
                    .collect(),
            })
    })
}

fn build(s: &Small, ids: &[String], project_order: &[usize], voter_order: &[usize]) -> Election {
    let mut position = vec![0u32; project_order.len()];
    for (k, &p) in project_order.iter().enumerate() {
        position[p] = k as u32;
    }
    let projects = project_order
        .iter()
        .map(|&p| Project {
            id: ids[p].clone(),
            cost: s.costs[p],
            extra: Vec::new(),
        })
        .collect();
    let budget = crate::election::Scaled {
        units: s.budget,
        scale: 0,
    };
    let mut e = Election::new(VoteType::Approval, budget, projects, 0);
    for (k, &v) in voter_order.iter().enumerate() {
        let ballot: Vec<u32> = s.ballots[v].iter().map(|&p| position[p as usize]).collect();
        e.push_voter(&k.to_string(), &[], &ballot, &[]);
    }
    e
}

fn plain(s: &Small) -> Election {
    let ids: Vec<String> = (0..s.costs.len()).map(|p| p.to_string()).collect();
    let order: Vec<usize> = (0..s.costs.len()).collect();
    let voters: Vec<usize> = (0..s.ballots.len()).collect();
    build(s, &ids, &order, &voters)
}

fn spent(e: &Election, o: &Outcome) -> u64 {
    o.selected
        .iter()
        .filter_map(|id| e.project_index(id))
        .map(|p| e.projects[p].cost)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_over_budget(s in small()) {
        let e = plain(&s);
        for rule in Rule::ALL {
            for utility in [Utility::Cost, Utility::Approval] {
                let o = count(&e, rule, &Options { utility, ..Options::default() });
                prop_assert!(spent(&e, &o) <= e.budget, "{rule}: {:?}", o.selected);
            }
        }
    }

    /// Reordering voters or projects in the file, and renaming projects in a way that keeps the
    /// order of their ids (so that tie-breaking by id is unchanged), changes nothing.
    #[test]
    fn voters_and_names_do_not_matter(
        s in small(),
        voter_seed in any::<u64>(),
        project_seed in any::<u64>(),
    ) {
        let e = plain(&s);
        let m = s.costs.len();
        let mut voters: Vec<usize> = (0..s.ballots.len()).collect();
        shuffle(&mut voters, voter_seed);
        let mut projects: Vec<usize> = (0..m).collect();
        shuffle(&mut projects, project_seed);
        let renamed: Vec<String> = (0..m).map(|p| format!("proj-{p}")).collect();
        let f = build(&s, &renamed, &projects, &voters);
        for rule in Rule::ALL {
            let a = count(&e, rule, &Options::default());
            let b = count(&f, rule, &Options::default());
            let back: Vec<String> = b
                .selected
                .iter()
                .map(|id| id.trim_start_matches("proj-").to_string())
                .collect();
            if rule == Rule::MaxWelfare {
                // Equal-welfare optima may differ; the welfare may not.
                let wa = max_welfare::welfare(&e, &ids(&e, &a.selected));
                let wb = max_welfare::welfare(&f, &ids(&f, &b.selected));
                prop_assert_eq!(wa, wb);
            } else {
                prop_assert_eq!(&a.selected, &back, "{}", rule);
            }
        }
    }

    /// Under greedy, a new voter who approves only winners never removes a winner.
    #[test]
    fn greedy_is_monotone_for_winners(s in small(), pick in any::<u64>()) {
        let e = plain(&s);
        let before = count(&e, Rule::Greedy, &Options::default());
        let winners: Vec<u32> = before
            .selected
            .iter()
            .filter_map(|id| e.project_index(id))
            .map(|p| p as u32)
            .collect();
        let chosen: Vec<u32> = winners
            .iter()
            .enumerate()
            .filter(|(k, _)| pick >> (k % 64) & 1 == 1)
            .map(|(_, &p)| p)
            .collect();
        let mut more = s.clone();
        more.ballots.push(chosen);
        let after = count(&plain(&more), Rule::Greedy, &Options::default());
        for id in &before.selected {
            prop_assert!(after.selected.contains(id), "{id} lost: {:?} → {:?}", before.selected, after.selected);
        }
    }

    /// Under equal shares no voter pays more than B/n, and the payments cover the costs exactly.
    #[test]
    fn equal_shares_payments(s in small()) {
        let e = plain(&s);
        for utility in [Utility::Cost, Utility::Approval] {
            if let Some(check) = mes::payments_check(&e, utility) {
                prop_assert!(check.is_ok(), "{}", check.err().unwrap_or_default());
            }
        }
    }
}

fn ids(e: &Election, sel: &[String]) -> Vec<usize> {
    sel.iter().filter_map(|id| e.project_index(id)).collect()
}

/// A small deterministic shuffle (proptest gives the seed, so failures replay).
fn shuffle(v: &mut [usize], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (seed >> 33) as usize % (i + 1);
        v.swap(i, j);
    }
}
