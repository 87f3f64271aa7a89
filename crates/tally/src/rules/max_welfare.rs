//! The budget allocation of greatest total cost-satisfaction (pabutools
//! `max_additive_utilitarian_welfare` with `Cost_Sat`): an exact 0/1 knapsack solved by
//! depth-first branch and bound. Under cost satisfaction a project's profit per unit of cost is its
//! number of votes, so the Dantzig bound is computed in integers.

use super::Ties;
use crate::election::Election;

struct Item {
    project: usize,
    weight: u64,
    profit: u128,
}

struct Search<'a> {
    items: &'a [Item],
    best: u128,
    best_set: Vec<usize>,
    current: Vec<usize>,
}

impl Search<'_> {
    /// Upper bound on the profit reachable from item `i` on with `cap` left (fractional relaxation).
    fn bound(&self, mut i: usize, mut cap: u64, mut profit: u128) -> u128 {
        while i < self.items.len() {
            let it = &self.items[i];
            if it.weight <= cap {
                cap -= it.weight;
                profit += it.profit;
            } else {
                // Saturating keeps it an upper bound even for absurd inputs.
                let part = u128::from(cap).saturating_mul(it.profit);
                return profit.saturating_add(part.div_ceil(u128::from(it.weight)));
            }
            i += 1;
        }
        profit
    }

    fn go(&mut self, i: usize, cap: u64, profit: u128) {
        if profit > self.best {
            self.best = profit;
            self.best_set = self.current.clone();
        }
        if i == self.items.len() || self.bound(i, cap, profit) <= self.best {
            return;
        }
        let it = &self.items[i];
        if it.weight <= cap {
            self.current.push(i);
            self.go(i + 1, cap - it.weight, profit + it.profit);
            self.current.pop();
        }
        self.go(i + 1, cap, profit);
    }
}

/// Returns the chosen projects by decreasing votes (the order of the search).
pub(crate) fn knapsack(election: &Election, ties: &Ties<'_>) -> Vec<usize> {
    let votes = election.approval_counts();
    let mut items: Vec<Item> = election
        .projects
        .iter()
        .enumerate()
        .filter(|(p, proj)| proj.cost > 0 && proj.cost <= election.budget && votes[*p] > 0)
        .map(|(p, proj)| Item {
            project: p,
            weight: proj.cost,
            profit: u128::from(votes[p]) * u128::from(proj.cost),
        })
        .collect();
    items.sort_by(|a, b| {
        votes[b.project]
            .cmp(&votes[a.project])
            .then_with(|| ties.cmp(a.project, b.project))
    });
    let mut search = Search {
        items: &items,
        best: 0,
        best_set: Vec::new(),
        current: Vec::new(),
    };
    search.go(0, election.budget, 0);
    search.best_set.iter().map(|&i| items[i].project).collect()
}

/// Total cost-satisfaction of a set of projects: Σ votes × cost.
pub fn welfare(election: &Election, projects: &[usize]) -> u128 {
    let votes = election.approval_counts();
    projects
        .iter()
        .map(|&p| u128::from(votes[p]) * u128::from(election.projects[p].cost))
        .sum()
}
