//! Every rule on every Pabulib file against the outcomes pabutools 1.2.3 gave
//! (`scripts/pabutools/gen_fixtures.py` writes `fixtures/expected.json`), and the rules that
//! cities used against the official `selected` column.

use serde_json::Value;
use std::path::PathBuf;
use tally::rules::max_welfare::welfare;
use tally::{count, Election, Options, Rule, Utility};

fn pabulib_dir() -> PathBuf {
    let dir = match std::env::var_os("QATYSU_PABULIB_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/pabulib"),
    };
    assert!(
        dir.is_dir(),
        "the Pabulib files are not at {} — set QATYSU_PABULIB_DIR to the folder holding the .pb files \
         (CI finds them in ../shared/data/pabulib beside the clone)",
        dir.display()
    );
    dir
}

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

/// Files are filtered with `QATYSU_PABULIB_ONLY` (a substring of the name) to debug one of them.
#[test]
fn every_rule_on_every_file_equals_pabutools() {
    let dir = pabulib_dir();
    let text = include_str!("fixtures/expected.json");
    let fixtures: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("fixtures/expected.json is not JSON: {e}"),
    };
    let only = std::env::var("QATYSU_PABULIB_ONLY").ok();
    let mut failures = Vec::new();
    let mut checked = 0;
    let Some(files) = fixtures["files"].as_object() else {
        panic!("fixtures/expected.json has no `files`");
    };
    for (file, rules) in files {
        if only.as_deref().is_some_and(|o| !file.contains(o)) {
            continue;
        }
        let election = match tally::pb::read_file(dir.join(file)) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        let Some(rules) = rules.as_object() else {
            continue;
        };
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
            checked += 1;
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
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} (file, rule) outcomes differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        only.is_some() || checked >= 250,
        "only {checked} fixtures checked"
    );
}

/// The rule a city used, where we implement it, must give its official `selected` column.
#[test]
fn official_outcomes_are_reproduced() {
    let dir = pabulib_dir();
    let only = std::env::var("QATYSU_PABULIB_ONLY").ok();
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    let mut names: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => panic!("cannot list {}: {e}", dir.display()),
    };
    names.sort();
    for path in names {
        if path.extension().and_then(|x| x.to_str()) != Some("pb") {
            continue;
        }
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or("?")
            .to_string();
        if only.as_deref().is_some_and(|o| !file.contains(o)) {
            continue;
        }
        let election = match tally::pb::read_file(&path) {
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
        if election.vote_type() == tally::VoteType::Ordinal {
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
        checked.push(format!("{file} {rule}"));
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
}
