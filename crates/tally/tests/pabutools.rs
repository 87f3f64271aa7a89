//! Every rule on every Pabulib file against the outcomes pabutools 1.2.3 gave
//! (`scripts/pabutools/gen_fixtures.py` writes `fixtures/expected.json`), and the rules that
//! cities used against the official `selected` column.
//!
//! `cargo test` checks the subset committed in `tests/pabulib/` (see its README); the
//! `…_full_corpus` tests check all 56 files in `QATYSU_PABULIB_DIR`:
//! `cargo test -p tally --test pabutools -- --ignored`. Files are filtered with
//! `QATYSU_PABULIB_ONLY` (a substring of the name) to debug one of them.

mod pabulib;

use pabulib::Files;
use std::collections::BTreeSet;
use tally::rules::max_welfare::welfare;
use tally::{count, Election, Options, Rule, Utility, VoteType};

fn fixture_rule(name: &str) -> Option<(Rule, Options)> {
    let d = Options::default();
    Some(match name {
        "greedy" => (Rule::Greedy, d),
        "greedy-ratio" => (Rule::GreedyRatio, d),
        "mes" => (Rule::Mes, d),
        "mes-approval" => (
            Rule::Mes,
            Options {
                utility: Utility::Approval,
                ..d
            },
        ),
        "mes-add1" => (Rule::MesAdd1, d),
        "mes-add1-greedy" => (Rule::MesAdd1Greedy, d),
        "phragmen" => (Rule::Phragmen, d),
        "max-welfare" => (Rule::MaxWelfare, d),
        _ => return None,
    })
}

fn indices(e: &Election, ids: &[String]) -> Vec<usize> {
    ids.iter().filter_map(|id| e.project_index(id)).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn only() -> Option<String> {
    std::env::var("QATYSU_PABULIB_ONLY").ok()
}

/// Compares every fixture rule on `files`; returns how many (file, rule) outcomes it checked.
fn compare_with_pabutools(files: &Files) -> usize {
    let fixtures = pabulib::fixtures();
    let only = only();
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in &files.names {
        if only.as_deref().is_some_and(|o| !file.contains(o)) {
            continue;
        }
        let Some(rules) = fixtures["files"][file.as_str()].as_object() else {
            failures.push(format!(
                "{file}: no pabutools outcomes in fixtures/expected.json"
            ));
            continue;
        };
        let election = match tally::pb::read_file(files.path(file)) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        let mut checked_here = 0;
        for (name, expected) in rules {
            let Some((rule, opts)) = fixture_rule(name) else {
                continue;
            };
            let Some(want) = expected["selected"].as_array() else {
                continue;
            };
            let want: Vec<String> = want
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            let got = count(&election, rule, &opts).selected;
            checked_here += 1;
            let same = match rule {
                // pabutools returns Phragmén's allocation sorted by id.
                Rule::Phragmen => sorted(got.clone()) == sorted(want.clone()),
                // Optimal allocations can tie; pabutools breaks such ties by hash order.
                Rule::MaxWelfare => {
                    welfare(&election, &indices(&election, &got))
                        == welfare(&election, &indices(&election, &want))
                }
                _ => got == want,
            };
            if !same {
                failures.push(format!(
                    "{file} {name}:\n  pabutools {want:?}\n  tally     {got:?}"
                ));
            }
        }
        // pabutools finished greedy, greedy-ratio, mes, mes-approval and max-welfare on every file.
        if checked_here < 5 {
            failures.push(format!(
                "{file}: only {checked_here} pabutools outcomes checked"
            ));
        }
        checked += checked_here;
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} (file, rule) outcomes differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    checked
}

#[test]
fn every_rule_on_every_subset_file_equals_pabutools() {
    let checked = compare_with_pabutools(&pabulib::subset());
    assert!(
        only().is_some() || checked >= 190,
        "only {checked} fixtures checked"
    );
}

#[test]
#[ignore = "needs the 56-file Pabulib corpus: set QATYSU_PABULIB_DIR"]
fn every_rule_on_every_file_equals_pabutools_full_corpus() {
    let checked = compare_with_pabutools(&pabulib::corpus());
    assert!(
        only().is_some() || checked >= 380,
        "only {checked} fixtures checked"
    );
}

/// The rule a city used, where we implement it, must give its official `selected` column.
/// Returns the rules it checked.
fn official_outcomes(files: &Files) -> BTreeSet<&'static str> {
    let only = only();
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for file in &files.names {
        if only.as_deref().is_some_and(|o| !file.contains(o)) {
            continue;
        }
        let election = match tally::pb::read_file(files.path(file)) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        let rule = match election.meta("rule") {
            Some("greedy") => Rule::Greedy,
            Some("greedy-no-skip") => Rule::GreedyNoSkip,
            Some("greedy-threshold") => Rule::GreedyThreshold,
            Some(r) if r.starts_with("equalshares") => Rule::MesAdd1Pabulib,
            _ => continue,
        };
        // Kraków's ordinal counts rank by points per position, which pabutools does not read.
        if election.vote_type() == VoteType::Ordinal {
            continue;
        }
        let Some(official) = election.official_selection() else {
            continue;
        };
        let mut want: Vec<&str> = official
            .iter()
            .map(|&p| election.projects[p].id.as_str())
            .collect();
        want.sort();
        let outcome = count(&election, rule, &Options::default());
        let mut got: Vec<&str> = outcome.selected.iter().map(String::as_str).collect();
        got.sort();
        checked.push((file.as_str(), rule));
        if got != want {
            failures.push(format!(
                "{file} {rule}:\n  official {want:?}\n  tally    {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} official outcomes differ:\n{}",
        failures.len(),
        checked.len(),
        failures.join("\n")
    );
    checked.into_iter().map(|(_, rule)| rule.label()).collect()
}

/// Every rule a city used that we implement, checked on at least one file.
fn assert_every_city_rule(rules: &BTreeSet<&str>) {
    if only().is_some() {
        return;
    }
    for rule in [
        Rule::Greedy,
        Rule::GreedyNoSkip,
        Rule::GreedyThreshold,
        Rule::MesAdd1Pabulib,
    ] {
        assert!(
            rules.contains(rule.label()),
            "no file with a `selected` column was counted with {rule}"
        );
    }
}

#[test]
fn official_outcomes_are_reproduced_on_the_subset() {
    assert_every_city_rule(&official_outcomes(&pabulib::subset()));
}

#[test]
#[ignore = "needs the 56-file Pabulib corpus: set QATYSU_PABULIB_DIR"]
fn official_outcomes_are_reproduced_full_corpus() {
    assert_every_city_rule(&official_outcomes(&pabulib::corpus()));
}

/// The subset holds the files its README lists (checked by `pabulib::subset`) and still meets
/// every vote type of the corpus, and files with and without the official outcome.
#[test]
fn committed_subset_matches_its_readme_and_covers_every_vote_type() {
    let files = pabulib::subset();
    let mut vote_types = BTreeSet::new();
    let (mut with_selected, mut without_selected) = (0, 0);
    for file in &files.names {
        let election = match tally::pb::read_file(files.path(file)) {
            Ok(e) => e,
            Err(e) => panic!("{file}: cannot read: {e}"),
        };
        vote_types.insert(election.vote_type().as_str());
        match election.official_selection() {
            Some(_) => with_selected += 1,
            None => without_selected += 1,
        }
    }
    let want: BTreeSet<&str> = ["approval", "choose-1", "cumulative", "ordinal"].into();
    assert!(
        want.is_subset(&vote_types),
        "the subset has only the vote types {vote_types:?}"
    );
    assert!(
        with_selected > 0 && without_selected > 0,
        "{with_selected} subset files have a `selected` column, {without_selected} do not"
    );
}
