//! Greedy by votes per unit of cost: pabutools `greedy_utilitarian_welfare` with `Cardinality_Sat`.

use super::Ties;
use crate::election::Election;
use std::cmp::Ordering;

pub(crate) fn by_votes_per_cost(election: &Election, ties: &Ties<'_>) -> Vec<usize> {
    let votes = election.approval_counts();
    let projects = &election.projects;
    // Density classes: supported and free (infinite), supported (votes/cost), unsupported (0).
    let class = |p: usize| -> u8 {
        match (votes[p] > 0, projects[p].cost == 0) {
            (true, true) => 0,
            (true, false) => 1,
            (false, _) => 2,
        }
    };
    let mut order: Vec<usize> = (0..projects.len()).collect();
    order.sort_by(|&a, &b| {
        class(a)
            .cmp(&class(b))
            .then_with(|| {
                if class(a) == 1 && class(b) == 1 {
                    // votes_b/cost_b vs votes_a/cost_a, cross-multiplied (descending density).
                    let lhs = u128::from(votes[b]) * u128::from(projects[a].cost);
                    let rhs = u128::from(votes[a]) * u128::from(projects[b].cost);
                    lhs.cmp(&rhs)
                } else {
                    Ordering::Equal
                }
            })
            .then_with(|| ties.cmp(a, b))
    });
    let mut left = election.budget;
    let mut chosen = Vec::new();
    for p in order {
        if projects[p].cost <= left {
            left -= projects[p].cost;
            chosen.push(p);
        }
    }
    chosen
}
