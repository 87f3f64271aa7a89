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
    for (i, b) in ballots.iter().enumerate() {
        let mut projects = b.clone();
        projects.sort_unstable();
        projects.dedup();
        e.push_voter(&(i + 1).to_string(), &[], &projects, &[]);
    }
    e
}

/// Count with the cycle's rule; ties go to the smaller id, as pabutools does.
pub fn count(rule: CountingRule, e: &tally::Election) -> tally::Outcome {
    tally::count(e, engine_rule(rule), &tally::Options::default())
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
}
