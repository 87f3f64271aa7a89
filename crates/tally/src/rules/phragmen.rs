//! Sequential Phragmén as pabutools computes it: it stops at the first project that does not
//! fit, even when cheaper ones would.
//!
//! Loads are exact: all voters' loads share one common denominator `D`, and a voter's load is one
//! of a few *levels* (0, or the max load of a bought project), so the per-project sums of loads
//! are updated with integer arithmetic per (project, level) pair rather than per voter.

use super::Ties;
use crate::election::Election;
use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use std::cmp::Ordering;
use std::collections::HashMap;

pub(crate) fn sequential(election: &Election, ties: &Ties<'_>) -> Vec<usize> {
    let np = election.projects.len();
    let budget = election.budget;
    let approvals = election.approval_counts();
    let mut candidate: Vec<bool> = election.projects.iter().map(|p| p.cost <= budget).collect();
    let mut level_num: Vec<BigUint> = vec![BigUint::zero()];
    let mut voter_level: Vec<u32> = vec![0; election.num_voters()];
    let mut supporters: Vec<Vec<u32>> = vec![Vec::new(); np];
    for v in 0..election.num_voters() {
        for &p in election.ballot(v).projects {
            supporters[p as usize].push(v as u32);
        }
    }
    let mut sums: Vec<BigUint> = vec![BigUint::zero(); np];
    let mut d = BigUint::one();
    let mut spent = 0u64;
    let mut chosen = Vec::new();
    loop {
        // max load if p were bought: (sums[p] + cost·D) / (A(p)·D); A = 0 is +∞.
        let top =
            |p: usize, d: &BigUint, sums: &[BigUint]| &sums[p] + d * election.projects[p].cost;
        let cmp = |a: usize, b: usize, d: &BigUint, sums: &[BigUint]| -> Ordering {
            match (approvals[a], approvals[b]) {
                (0, 0) => Ordering::Equal,
                (0, _) => Ordering::Greater,
                (_, 0) => Ordering::Less,
                (aa, ab) => (top(a, d, sums) * ab).cmp(&(top(b, d, sums) * aa)),
            }
        };
        let mut tied: Vec<usize> = Vec::new();
        for p in (0..np).filter(|&p| candidate[p]) {
            match tied.first().map(|&t| cmp(p, t, &d, &sums)) {
                None | Some(Ordering::Less) => tied = vec![p],
                Some(Ordering::Equal) => tied.push(p),
                Some(Ordering::Greater) => {}
            }
        }
        if tied.is_empty()
            || tied
                .iter()
                .any(|&p| spent + election.projects[p].cost > budget)
        {
            break;
        }
        let Some(winner) = ties.first(&tied) else {
            break;
        };
        candidate[winner] = false;
        spent += election.projects[winner].cost;
        chosen.push(winner);
        let a = approvals[winner];
        if a == 0 {
            continue;
        }
        let t = top(winner, &d, &sums);
        let g = t.gcd(&BigUint::from(a));
        let factor = BigUint::from(a) / &g;
        let new_level = t / &g;
        for n in level_num.iter_mut() {
            *n *= &factor;
        }
        for s in sums.iter_mut() {
            *s *= &factor;
        }
        d *= &factor;
        let k = level_num.len() as u32;
        level_num.push(new_level);
        let mut moves: HashMap<(u32, u32), u64> = HashMap::new();
        for &v in &supporters[winner] {
            let old = voter_level[v as usize];
            for &q in election.ballot(v as usize).projects {
                if candidate[q as usize] {
                    *moves.entry((q, old)).or_insert(0) += 1;
                }
            }
            voter_level[v as usize] = k;
        }
        for ((q, old), count) in moves {
            let q = q as usize;
            sums[q] += &level_num[k as usize] * count;
            sums[q] -= &level_num[old as usize] * count;
        }
    }
    chosen
}
