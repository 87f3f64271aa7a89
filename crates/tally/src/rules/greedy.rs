//! Greedy by votes: pabutools `greedy_utilitarian_welfare` with `Cost_Sat`, where a project's
//! density (total satisfaction ÷ cost) is simply its number of votes.

use super::Ties;
use crate::election::Election;
use crate::pb::decimal_parts;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Skip a project that no longer fits and go on (pabutools; Kazakhstan's practice).
    Skip,
    /// Stop at the first project that does not fit (Pabulib `greedy-no-skip`).
    Stop,
}

/// Votes per project as greedy ranks them: approvals, or total points on cumulative and scoring
/// ballots. A zero-cost project has zero cost-satisfaction, so pabutools ranks it with the
/// projects nobody voted for.
pub(crate) fn ranking_scores(election: &Election) -> Vec<u64> {
    election
        .point_totals()
        .into_iter()
        .zip(&election.projects)
        .map(|(s, p)| if p.cost == 0 { 0 } else { s })
        .collect()
}

/// Projects by greedy rank: score descending, then the tie-breaking order.
pub(crate) fn ranked(election: &Election, ties: &Ties<'_>, scores: &[u64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..election.projects.len()).collect();
    order.sort_by(|&a, &b| scores[b].cmp(&scores[a]).then_with(|| ties.cmp(a, b)));
    order
}

pub(crate) fn by_votes(
    election: &Election,
    ties: &Ties<'_>,
    fit: Fit,
    threshold: Option<&str>,
) -> Vec<usize> {
    let scores = ranking_scores(election);
    let raw = election.point_totals();
    let eligible = |p: usize| -> bool {
        let Some((mantissa, decimals)) = threshold.and_then(decimal_parts) else {
            return true;
        };
        // score / 10^points_scale >= mantissa / 10^decimals, compared exactly.
        let lhs = u128::from(raw[p]).saturating_mul(10u128.pow(decimals));
        let rhs = mantissa.saturating_mul(10u128.pow(election.points_scale));
        lhs >= rhs
    };
    complete(election, ties, &scores, fit, &[], eligible)
}

/// Greedy by `scores` starting from `already` (which stays first, in its order).
pub(crate) fn complete(
    election: &Election,
    ties: &Ties<'_>,
    scores: &[u64],
    fit: Fit,
    already: &[usize],
    eligible: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut taken = vec![false; election.projects.len()];
    let mut chosen = already.to_vec();
    let mut left = election.budget;
    for &p in already {
        taken[p] = true;
        left = left.saturating_sub(election.projects[p].cost);
    }
    for p in ranked(election, ties, scores) {
        if taken[p] || !eligible(p) {
            continue;
        }
        let cost = election.projects[p].cost;
        if fit == Fit::Stop && cost > election.budget {
            // Pabulib marks withdrawn projects with a cost above the whole budget; no-skip
            // counts pass over them (Wrocław 2017, district 11).
            continue;
        }
        if cost <= left {
            chosen.push(p);
            left -= cost;
        } else if fit == Fit::Stop {
            break;
        }
    }
    chosen
}
