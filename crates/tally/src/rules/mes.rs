//! Method of Equal Shares, as pabutools 1.2.3 computes it, and its Add1 completions.
//!
//! Exactness without a rational per voter: voters whose budgets are equal are kept in one
//! *budget class*, and all class budgets share one common denominator `D` (budget = N / D with
//! N an integer). Buying a project at ρ = X / (D·W) (X = cost·D − money of the supporters who pay
//! all they have, W = remaining utility of the others) moves each supporting class to
//! (N·W − u·X) / (D·W), so the common denominator becomes D·W/gcd(X, W) and every other class is
//! scaled by the same factor. Every comparison pabutools makes between rationals becomes a
//! comparison of integer cross-products, with the same outcome. Floating-point approximations only
//! decide the order in which candidates and classes are looked at; every decision that changes the
//! outcome is an exact comparison.

use super::greedy::{self, Fit};
use super::{Selection, Ties, Utility};
use crate::election::Election;
use crate::outcome::{EqualSharesNote, EqualSharesReport, Verdict};
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};
use std::cmp::Ordering;
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Measure {
    Cost,
    Approval,
    Points,
}

fn measure(election: &Election, utility: Utility) -> Measure {
    match utility {
        Utility::Cost => Measure::Cost,
        Utility::Approval => Measure::Approval,
        Utility::Default if election.vote_type().has_points() => Measure::Points,
        Utility::Default => Measure::Cost,
    }
}

struct Candidate {
    project: usize,
    cost: u64,
    supporters: Vec<u32>,
    /// Per-supporter utilities when they differ (points); otherwise `unit` for everybody.
    utils: Option<Vec<u64>>,
    unit: u64,
    total: u128,
}

/// What does not change between runs with different voter budgets.
struct Setup {
    n: usize,
    budget: u64,
    candidates: Vec<Candidate>,
    /// Supported zero-cost projects: pabutools selects them before the first round.
    free: Vec<usize>,
    /// Cost used by the rule, per project (the Pabulib checker floors costs).
    costs: Vec<u64>,
    /// Supporters per project (positive utility), for the explanation.
    supporters: Vec<u64>,
    /// Rank of each project under the tie-breaking rule.
    ranks: Vec<usize>,
}

impl Setup {
    fn new(
        election: &Election,
        ranks: Vec<usize>,
        m: Measure,
        costs: Vec<u64>,
        budget: u64,
    ) -> Setup {
        let np = election.projects.len();
        let mut supporters: Vec<Vec<u32>> = vec![Vec::new(); np];
        let mut utils: Vec<Vec<u64>> = vec![Vec::new(); np];
        for v in 0..election.num_voters() {
            let b = election.ballot(v);
            for (k, &p) in b.projects.iter().enumerate() {
                let p = p as usize;
                let u = match m {
                    Measure::Cost => costs[p],
                    Measure::Approval => 1,
                    Measure::Points => b.points.map_or(1, |pts| pts[k]),
                };
                if u > 0 {
                    supporters[p].push(v as u32);
                    if m == Measure::Points {
                        utils[p].push(u);
                    }
                }
            }
        }
        let mut candidates = Vec::new();
        let mut free = Vec::new();
        let counts: Vec<u64> = supporters.iter().map(|s| s.len() as u64).collect();
        for (p, (sup, us)) in supporters.into_iter().zip(utils).enumerate() {
            if sup.is_empty() {
                continue;
            }
            if costs[p] == 0 {
                free.push(p);
                continue;
            }
            let (unit, total, utils) = match m {
                Measure::Cost => (costs[p], u128::from(costs[p]) * sup.len() as u128, None),
                Measure::Approval => (1, sup.len() as u128, None),
                Measure::Points => (0, us.iter().map(|&u| u128::from(u)).sum(), Some(us)),
            };
            candidates.push(Candidate {
                project: p,
                cost: costs[p],
                supporters: sup,
                utils,
                unit,
                total,
            });
        }
        free.sort_by_key(|&p| ranks[p]);
        Setup {
            n: election.num_voters(),
            budget,
            candidates,
            free,
            costs,
            supporters: counts,
            ranks,
        }
    }

    fn spent(&self, order: &[usize]) -> u64 {
        order.iter().map(|&p| self.costs[p]).sum()
    }

    /// pabutools `is_exhaustive(outcome, available_projects=candidates)`.
    fn exhaustive(&self, run: &RunResult) -> bool {
        let spent = self.spent(&run.order);
        self.candidates
            .iter()
            .enumerate()
            .all(|(c, cand)| run.bought[c] || spent + cand.cost > self.budget)
    }
}

/// `num / den` with big integers, compared by cross-multiplication.
#[derive(Clone)]
struct Ratio {
    num: BigUint,
    den: BigUint,
}

impl Ratio {
    fn cmp(&self, other: &Ratio) -> Ordering {
        (&self.num * &other.den).cmp(&(&other.num * &self.den))
    }

    /// A quick approximation (relative error below 1e-15), to order candidates before exact checks.
    fn approx(&self) -> f64 {
        fn top(x: &BigUint) -> (f64, i64) {
            let bits = x.bits();
            let shift = bits.saturating_sub(64);
            let head = (x >> shift).to_u64().unwrap_or(u64::MAX);
            (head as f64, shift as i64)
        }
        let (n, sn) = top(&self.num);
        let (d, sd) = top(&self.den);
        let e = (sn - sd).clamp(-2000, 2000) as i32;
        n / d * 2f64.powi(e)
    }

    fn to_f64(&self) -> f64 {
        BigRational::new(
            BigInt::from(self.num.clone()),
            BigInt::from(self.den.clone()),
        )
        .to_f64()
        .unwrap_or(f64::NAN)
    }
}

struct Purchase {
    candidate: usize,
    rho: Ratio,
}

struct RunResult {
    order: Vec<usize>,
    bought: Vec<bool>,
    purchases: Vec<Purchase>,
    /// Supporters' money left at the end, per candidate (as budget / 1).
    money_left: Vec<Option<Ratio>>,
}

enum Evaluation {
    Unaffordable,
    Price { rho: Ratio, x: BigUint, w: BigUint },
}

struct State<'s> {
    setup: &'s Setup,
    class_num: Vec<BigUint>,
    /// Approximate budget of each class; a class's budget never changes (only its numerator is
    /// rescaled with the common denominator), so this stays valid.
    class_quick: Vec<f64>,
    class_pop: Vec<u32>,
    voter_class: Vec<u32>,
    d: BigUint,
    scratch: Vec<u32>,
}

impl<'s> State<'s> {
    fn new(setup: &'s Setup, share_num: BigUint, share_den: BigUint) -> State<'s> {
        let start = if share_num.is_zero() { 0 } else { 1 };
        State {
            setup,
            class_quick: vec![
                0.0,
                Ratio {
                    num: share_num.clone(),
                    den: share_den.clone(),
                }
                .approx(),
            ],
            class_num: vec![BigUint::zero(), share_num],
            class_pop: vec![0, 0],
            voter_class: vec![start; setup.n],
            d: share_den,
            scratch: Vec::new(),
        }
    }

    /// Supporters of `c` grouped by budget class (and utility when utilities differ), sorted by
    /// budget ÷ utility ascending: the order in which pabutools lets supporters pay all they have.
    fn groups(&mut self, c: usize) -> Vec<(u32, u64, u64)> {
        let cand = &self.setup.candidates[c];
        let mut groups: Vec<(u32, u64, u64)> = Vec::new();
        match &cand.utils {
            None => {
                self.scratch.clear();
                self.scratch.resize(self.class_num.len(), 0);
                let mut touched = Vec::new();
                for &v in &cand.supporters {
                    let k = self.voter_class[v as usize];
                    if self.scratch[k as usize] == 0 {
                        touched.push(k);
                    }
                    self.scratch[k as usize] += 1;
                }
                for k in touched {
                    groups.push((k, cand.unit, u64::from(self.scratch[k as usize])));
                }
            }
            Some(us) => {
                let mut h: HashMap<(u32, u64), u64> = HashMap::new();
                for (i, &v) in cand.supporters.iter().enumerate() {
                    *h.entry((self.voter_class[v as usize], us[i])).or_insert(0) += 1;
                }
                groups.extend(h.into_iter().map(|((k, u), n)| (k, u, n)));
            }
        }
        let nums = &self.class_num;
        if cand.utils.is_none() {
            // Sort by the cached approximation, then repair the few inversions it may leave with
            // exact comparisons (insertion sort is linear on nearly sorted input).
            let quick = &self.class_quick;
            groups.sort_unstable_by(|a, b| quick[a.0 as usize].total_cmp(&quick[b.0 as usize]));
            for i in 1..groups.len() {
                let mut j = i;
                while j > 0 && nums[groups[j - 1].0 as usize] > nums[groups[j].0 as usize] {
                    groups.swap(j - 1, j);
                    j -= 1;
                }
            }
        } else {
            groups.sort_by(|a, b| {
                (&nums[a.0 as usize] * b.1)
                    .cmp(&(&nums[b.0 as usize] * a.1))
                    .then(a.0.cmp(&b.0))
                    .then(a.1.cmp(&b.1))
            });
        }
        groups
    }

    fn money_of_supporters(&mut self, c: usize) -> BigUint {
        self.groups(c)
            .iter()
            .map(|&(k, _, n)| &self.class_num[k as usize] * n)
            .sum()
    }

    fn evaluate(&mut self, c: usize) -> Evaluation {
        let groups = self.groups(c);
        let cand = &self.setup.candidates[c];
        let need = &self.d * cand.cost;
        // Walking the supporters from the poorest finds a price exactly when their money covers
        // the cost, so pabutools' separate affordability sum is not needed.
        let mut paid = BigUint::zero();
        let mut w = BigUint::from(cand.total);
        for &(k, u, n) in &groups {
            if w.is_zero() || paid > need {
                break;
            }
            let x = &need - &paid;
            let budget = &self.class_num[k as usize];
            if &x * u <= budget * &w {
                let rho = Ratio {
                    num: x.clone(),
                    den: &self.d * &w,
                };
                return Evaluation::Price { rho, x, w };
            }
            paid += budget * n;
            w -= BigUint::from(u) * n;
        }
        Evaluation::Unaffordable
    }

    fn buy(&mut self, c: usize, x: &BigUint, w: &BigUint) {
        let g = x.gcd(w);
        let factor = w / &g;
        let old_len = self.class_num.len();
        let cand = &self.setup.candidates[c];
        // Old class (and utility) → new class; a Vec for the common case of one utility.
        let mut moved_uniform: Vec<u32> = vec![u32::MAX; old_len];
        let mut moved: HashMap<(u32, u64), u32> = HashMap::new();
        for (i, &v) in cand.supporters.iter().enumerate() {
            let u = cand.utils.as_ref().map_or(cand.unit, |us| us[i]);
            let old = self.voter_class[v as usize];
            let known = if cand.utils.is_none() {
                Some(moved_uniform[old as usize]).filter(|&k| k != u32::MAX)
            } else {
                moved.get(&(old, u)).copied()
            };
            let new = match known {
                Some(k) => k,
                None => {
                    let have = &self.class_num[old as usize] * w;
                    let pay = x * u;
                    let k = if have > pay {
                        let num = (have - pay) / &g;
                        let den = &self.d * &factor;
                        self.class_quick.push(
                            Ratio {
                                num: num.clone(),
                                den,
                            }
                            .approx(),
                        );
                        self.class_num.push(num);
                        self.class_pop.push(0);
                        (self.class_num.len() - 1) as u32
                    } else {
                        0
                    };
                    if cand.utils.is_none() {
                        moved_uniform[old as usize] = k;
                    } else {
                        moved.insert((old, u), k);
                    }
                    k
                }
            };
            self.voter_class[v as usize] = new;
            self.class_pop[old as usize] = self.class_pop[old as usize].saturating_sub(1);
            self.class_pop[new as usize] += 1;
        }
        for k in 1..old_len {
            if self.class_pop[k] == 0 {
                self.class_num[k] = BigUint::zero();
            } else {
                self.class_num[k] *= &factor;
            }
        }
        self.d *= factor;
    }

    fn run(&mut self) -> RunResult {
        let setup = self.setup;
        let nc = setup.candidates.len();
        self.class_pop[self.voter_class.first().copied().unwrap_or(0) as usize] = setup.n as u32;
        let mut stale: Vec<Ratio> = setup
            .candidates
            .iter()
            .map(|c| Ratio {
                num: BigUint::from(c.cost),
                den: BigUint::from(c.total),
            })
            .collect();
        let mut alive: Vec<usize> = (0..nc).collect();
        let mut bought = vec![false; nc];
        let mut order: Vec<usize> = setup.free.clone();
        let mut purchases = Vec::new();
        let mut quick: Vec<f64> = stale.iter().map(Ratio::approx).collect();
        loop {
            // Approximate order, exact decisions: a candidate is skipped only when its (stale, so
            // lower-bound) ρ is exactly above the best one, and the scan stops only when the
            // approximation is so far above the best that no rounding can explain it.
            alive.sort_by(|&a, &b| quick[a].total_cmp(&quick[b]));
            let mut best: Option<Ratio> = None;
            let mut best_quick = f64::INFINITY;
            let mut tied: Vec<(usize, BigUint, BigUint)> = Vec::new();
            let mut dead: Vec<usize> = Vec::new();
            for &c in &alive {
                if let Some(b) = &best {
                    if quick[c] > best_quick * (1.0 + 1e-9) {
                        break;
                    }
                    if stale[c].cmp(b) == Ordering::Greater {
                        continue;
                    }
                }
                match self.evaluate(c) {
                    Evaluation::Unaffordable => dead.push(c),
                    Evaluation::Price { rho, x, w } => {
                        quick[c] = rho.approx();
                        stale[c] = rho.clone();
                        match best.as_ref().map(|b| rho.cmp(b)) {
                            None | Some(Ordering::Less) => {
                                best_quick = quick[c];
                                best = Some(rho);
                                tied = vec![(c, x, w)];
                            }
                            Some(Ordering::Equal) => tied.push((c, x, w)),
                            Some(Ordering::Greater) => {}
                        }
                    }
                }
            }
            alive.retain(|c| !dead.contains(c));
            let Some(rho) = best else {
                break;
            };
            let ranks = &setup.ranks;
            let Some((c, x, w)) = tied
                .into_iter()
                .min_by_key(|(c, _, _)| ranks[setup.candidates[*c].project])
            else {
                break;
            };
            self.buy(c, &x, &w);
            bought[c] = true;
            alive.retain(|&a| a != c);
            order.push(setup.candidates[c].project);
            purchases.push(Purchase { candidate: c, rho });
        }
        let mut money_left = vec![None; nc];
        for c in 0..nc {
            if !bought[c] {
                let money = self.money_of_supporters(c);
                money_left[c] = Some(Ratio {
                    num: money,
                    den: self.d.clone(),
                });
            }
        }
        RunResult {
            order,
            bought,
            purchases,
            money_left,
        }
    }
}

fn tie_ranks(n: usize, cmp: impl Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    let mut rank = vec![0; n];
    for (r, &p) in order.iter().enumerate() {
        rank[p] = r;
    }
    rank
}

fn run_with_share(setup: &Setup, num: BigUint, den: BigUint) -> RunResult {
    State::new(setup, num, den).run()
}

/// Runs plain equal shares and checks what each voter paid: never more than B/n, and the
/// payments add up to the cost of what was bought. `None` when there are no voters.
#[cfg(test)]
pub(crate) fn payments_check(election: &Election, utility: Utility) -> Option<Result<(), String>> {
    let n = election.num_voters();
    if n == 0 {
        return None;
    }
    let ties = Ties::new(election, super::TieBreak::Id);
    let setup = Setup::new(
        election,
        ranks_for(election, &ties),
        measure(election, utility),
        costs(election),
        election.budget,
    );
    let mut state = State::new(&setup, BigUint::from(election.budget), BigUint::from(n));
    let run = state.run();
    let share = BigRational::new(BigInt::from(election.budget), BigInt::from(n));
    let mut paid_total = BigRational::zero();
    for v in 0..n {
        let left = BigRational::new(
            BigInt::from(state.class_num[state.voter_class[v] as usize].clone()),
            BigInt::from(state.d.clone()),
        );
        if left < BigRational::zero() || left > share {
            return Some(Err(format!(
                "voter {v} has {left} left of a share of {share}"
            )));
        }
        paid_total += &share - left;
    }
    let spent = BigRational::from_integer(BigInt::from(setup.spent(&run.order)));
    if paid_total != spent {
        return Some(Err(format!("payments {paid_total} != spent {spent}")));
    }
    Some(Ok(()))
}

fn report(
    election: &Election,
    setup: &Setup,
    run: &RunResult,
    share: f64,
    runs: usize,
    completed: &[usize],
) -> EqualSharesReport {
    let scale = 10f64.powi(election.money_scale as i32);
    let mut notes: Vec<EqualSharesNote> = election
        .projects
        .iter()
        .enumerate()
        .map(|(p, proj)| EqualSharesNote {
            id: proj.id.clone(),
            supporters: setup.supporters[p],
            round: None,
            price_per_supporter: None,
            effective_votes: None,
            verdict: Verdict::NoSupport,
        })
        .collect();
    for (round, &p) in run.order.iter().enumerate() {
        if setup.free.contains(&p) {
            notes[p].round = Some(round + 1);
            notes[p].price_per_supporter = Some(0.0);
            notes[p].verdict = Verdict::Bought;
        }
    }
    let offset = setup.free.len();
    for (k, purchase) in run.purchases.iter().enumerate() {
        let cand = &setup.candidates[purchase.candidate];
        let rho = purchase.rho.to_f64();
        // For points the price differs by supporter; report it per point.
        let unit = if cand.utils.is_some() {
            1.0
        } else {
            cand.unit as f64
        };
        let price = rho * unit / scale;
        let note = &mut notes[cand.project];
        note.round = Some(offset + k + 1);
        note.price_per_supporter = Some(price);
        note.effective_votes = Some(cand.cost as f64 / scale / price);
        note.verdict = Verdict::Bought;
    }
    for (c, cand) in setup.candidates.iter().enumerate() {
        if let Some(money) = &run.money_left[c] {
            notes[cand.project].verdict = Verdict::SupportersCannotAfford {
                supporters_money: money.to_f64() / scale,
            };
        }
    }
    for (k, &p) in completed.iter().enumerate() {
        notes[p].round = Some(run.order.len() + k + 1);
        notes[p].verdict = Verdict::BoughtByCompletion;
    }
    EqualSharesReport {
        voter_share: share / scale,
        runs,
        projects: notes,
    }
}

fn ranks_for(election: &Election, ties: &Ties<'_>) -> Vec<usize> {
    tie_ranks(election.projects.len(), |a, b| ties.cmp(a, b))
}

fn costs(election: &Election) -> Vec<u64> {
    election.projects.iter().map(|p| p.cost).collect()
}

pub(crate) fn plain(election: &Election, ties: &Ties<'_>, utility: Utility) -> Selection {
    let setup = Setup::new(
        election,
        ranks_for(election, ties),
        measure(election, utility),
        costs(election),
        election.budget,
    );
    let n = setup.n.max(1) as u64;
    let run = run_with_share(&setup, BigUint::from(election.budget), BigUint::from(n));
    let share = election.budget as f64 / n as f64;
    Selection {
        equal_shares: Some(report(election, &setup, &run, share, 1, &[])),
        order: run.order,
    }
}

/// pabutools' Add1 on a prepared setup: returns the kept run, its share (in units) and the count.
fn add1_runs(setup: &Setup, unit: u64) -> (RunResult, f64, usize) {
    let n = setup.n.max(1) as u64;
    let mut num = BigUint::from(setup.budget);
    let den = BigUint::from(n);
    let step = BigUint::from(unit) * n;
    let mut previous = RunResult {
        order: setup.free.clone(),
        bought: vec![false; setup.candidates.len()],
        purchases: Vec::new(),
        money_left: vec![None; setup.candidates.len()],
    };
    let mut previous_share = setup.budget as f64 / n as f64;
    let mut runs = 0;
    loop {
        let run = run_with_share(setup, num.clone(), den.clone());
        runs += 1;
        let share = ratio_f64(&num, &den);
        if setup.spent(&run.order) > setup.budget {
            return (previous, previous_share, runs);
        }
        if setup.exhaustive(&run) {
            return (run, share, runs);
        }
        previous = run;
        previous_share = share;
        num += &step;
    }
}

fn ratio_f64(num: &BigUint, den: &BigUint) -> f64 {
    Ratio {
        num: num.clone(),
        den: den.clone(),
    }
    .to_f64()
}

pub(crate) fn add1(election: &Election, ties: &Ties<'_>, utility: Utility) -> Selection {
    let setup = Setup::new(
        election,
        ranks_for(election, ties),
        measure(election, utility),
        costs(election),
        election.budget,
    );
    let unit = 10u64.pow(election.money_scale);
    let (run, share, runs) = add1_runs(&setup, unit);
    Selection {
        equal_shares: Some(report(election, &setup, &run, share, runs, &[])),
        order: run.order,
    }
}

pub(crate) fn add1_then_greedy(
    election: &Election,
    ties: &Ties<'_>,
    utility: Utility,
) -> Selection {
    let setup = Setup::new(
        election,
        ranks_for(election, ties),
        measure(election, utility),
        costs(election),
        election.budget,
    );
    let unit = 10u64.pow(election.money_scale);
    let (run, share, runs) = add1_runs(&setup, unit);
    let spent = setup.spent(&run.order);
    let exhaustive = election
        .projects
        .iter()
        .enumerate()
        .all(|(p, proj)| run.order.contains(&p) || spent + proj.cost > election.budget);
    let order = if exhaustive {
        run.order.clone()
    } else {
        let scores = greedy::ranking_scores(election);
        greedy::complete(election, ties, &scores, Fit::Skip, &run.order, |_| true)
    };
    let completed = &order[run.order.len()..];
    Selection {
        equal_shares: Some(report(election, &setup, &run, share, runs, completed)),
        order,
    }
}

/// The Pabulib checker's Add1, which computed the official outcomes of Wieliczka, Świecie and
/// Assen: costs and budget floored to whole currency units; first run at B/n, then ⌊B/n⌋+1,
/// ⌊B/n⌋+2, … per voter while the outcome stays within the budget (no stop at the first
/// exhaustive outcome; it stops once every candidate is bought); ties to the cheaper project,
/// then the one with more votes. For META rules ending in `-comparison`, greedy by votes replaces
/// the result when more voters prefer it (each voter counting their approved winners).
pub(crate) fn add1_pabulib(election: &Election, utility: Utility) -> Selection {
    let unit = 10u64.pow(election.money_scale);
    let floor = |x: u64| x / unit * unit;
    let floored: Vec<u64> = election.projects.iter().map(|p| floor(p.cost)).collect();
    let budget = floor(election.budget);
    let votes = election.approval_counts();
    let cmp = |a: usize, b: usize| {
        floored[a]
            .cmp(&floored[b])
            .then(votes[b].cmp(&votes[a]))
            .then_with(|| {
                election.projects[a]
                    .id
                    .as_bytes()
                    .cmp(election.projects[b].id.as_bytes())
            })
    };
    let ranks = tie_ranks(election.projects.len(), cmp);
    let setup = Setup::new(election, ranks, measure(election, utility), floored, budget);
    let n = setup.n.max(1) as u64;
    let (run, share, runs) = {
        let mut kept = run_with_share(&setup, BigUint::from(budget), BigUint::from(n));
        let mut share = budget as f64 / n as f64;
        let mut runs = 1;
        let base = budget / n / unit;
        let mut k = 1u64;
        while !kept.bought.iter().all(|&b| b) {
            let per_voter = (base + k) * unit;
            let run = run_with_share(&setup, BigUint::from(per_voter), BigUint::from(1u8));
            runs += 1;
            if setup.spent(&run.order) > budget {
                break;
            }
            kept = run;
            share = per_voter as f64;
            k += 1;
        }
        (kept, share, runs)
    };
    let comparison = election
        .meta("rule")
        .is_some_and(|r| r.starts_with("equalshares") && r.ends_with("-comparison"));
    if comparison {
        let plain_ties = Ties::new(election, super::TieBreak::Id);
        let scores = greedy::ranking_scores(election);
        let greedy_order =
            greedy::complete(election, &plain_ties, &scores, Fit::Skip, &[], |_| true);
        if more_prefer(election, &greedy_order, &run.order) {
            return Selection {
                order: greedy_order,
                equal_shares: Some(report(election, &setup, &run, share, runs, &[])),
            };
        }
    }
    Selection {
        equal_shares: Some(report(election, &setup, &run, share, runs, &[])),
        order: run.order,
    }
}

/// Whether more voters approve more winners of `a` than of `b` than the other way round.
fn more_prefer(election: &Election, a: &[usize], b: &[usize]) -> bool {
    let mut in_a = vec![false; election.projects.len()];
    let mut in_b = vec![false; election.projects.len()];
    for &p in a {
        in_a[p] = true;
    }
    for &p in b {
        in_b[p] = true;
    }
    let (mut prefer_a, mut prefer_b) = (0u64, 0u64);
    for v in 0..election.num_voters() {
        let ballot = election.ballot(v);
        let sa = ballot
            .projects
            .iter()
            .filter(|&&p| in_a[p as usize])
            .count();
        let sb = ballot
            .projects
            .iter()
            .filter(|&&p| in_b[p as usize])
            .count();
        match sa.cmp(&sb) {
            Ordering::Greater => prefer_a += 1,
            Ordering::Less => prefer_b += 1,
            Ordering::Equal => {}
        }
    }
    prefer_a > prefer_b
}
