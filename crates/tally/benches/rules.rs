//! Each rule on the three largest approval files (Łódź 2022, Warszawa 2026, Łódź 2023).
//!
//! `cargo bench -p tally` reads them from the Pabulib corpus: `QATYSU_PABULIB_DIR`, by default
//! `<workspace>/../shared/data/pabulib`. Without the corpus it says so and times the three largest
//! approval files of the subset committed in `tests/pabulib/` instead (Wieliczka 2023, Toulouse
//! 2022, Amsterdam 604). The Add1 completions run the method hundreds of times, so they take few
//! samples.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use tally::{count, Election, Options, Rule};

const CORPUS_FILES: [&str; 3] = [
    "Poland_Lodz_2022.pb",
    "Poland_Warszawa_2026.pb",
    "Poland_Lodz_2023.pb",
];

const SUBSET_FILES: [&str; 3] = [
    "Poland_Wieliczka_2023_Green_Budget.pb",
    "France_Toulouse_2022.pb",
    "Netherlands_Amsterdam_604.pb",
];

fn main() {
    divan::main();
}

/// The folder and the files to time.
fn source() -> &'static (PathBuf, [&'static str; 3]) {
    static SOURCE: OnceLock<(PathBuf, [&'static str; 3])> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let corpus = match std::env::var_os("QATYSU_PABULIB_DIR") {
            Some(d) => Some(PathBuf::from(d)),
            None => Some(manifest.join("../../../shared/data/pabulib")).filter(|d| d.is_dir()),
        };
        match corpus {
            Some(dir) => (dir, CORPUS_FILES),
            None => {
                eprintln!(
                    "No Pabulib corpus (set QATYSU_PABULIB_DIR, or put it in ../shared/data/pabulib \
                     beside the clone): timing three smaller files of the committed subset in \
                     crates/tally/tests/pabulib instead."
                );
                (manifest.join("tests/pabulib"), SUBSET_FILES)
            }
        }
    })
}

fn files() -> impl Iterator<Item = &'static str> {
    source().1.into_iter()
}

fn path(file: &str) -> PathBuf {
    source().0.join(file)
}

fn election(file: &str) -> &'static Election {
    static CACHE: OnceLock<HashMap<&'static str, Election>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        files()
            .map(|f| match tally::pb::read_file(path(f)) {
                Ok(e) => (f, e),
                Err(e) => panic!("{f}: {e} (set QATYSU_PABULIB_DIR to the Pabulib corpus)"),
            })
            .collect()
    });
    &all[file]
}

fn run(file: &str, rule: Rule) -> usize {
    count(election(file), rule, &Options::default())
        .selected
        .len()
}

#[divan::bench(args = files())]
fn read(file: &str) -> Election {
    match tally::pb::read_file(path(file)) {
        Ok(e) => e,
        Err(e) => panic!("{file}: {e}"),
    }
}

#[divan::bench(args = files())]
fn greedy(file: &str) -> usize {
    run(file, Rule::Greedy)
}

#[divan::bench(args = files())]
fn greedy_no_skip(file: &str) -> usize {
    run(file, Rule::GreedyNoSkip)
}

#[divan::bench(args = files())]
fn greedy_threshold(file: &str) -> usize {
    run(file, Rule::GreedyThreshold)
}

#[divan::bench(args = files())]
fn greedy_ratio(file: &str) -> usize {
    run(file, Rule::GreedyRatio)
}

#[divan::bench(args = files(), sample_count = 10)]
fn mes(file: &str) -> usize {
    run(file, Rule::Mes)
}

#[divan::bench(args = files(), sample_count = 2, sample_size = 1)]
fn mes_add1(file: &str) -> usize {
    run(file, Rule::MesAdd1)
}

#[divan::bench(args = files(), sample_count = 2, sample_size = 1)]
fn mes_add1_pabulib(file: &str) -> usize {
    run(file, Rule::MesAdd1Pabulib)
}

#[divan::bench(args = files(), sample_count = 2, sample_size = 1)]
fn mes_add1_greedy(file: &str) -> usize {
    run(file, Rule::MesAdd1Greedy)
}

#[divan::bench(args = files(), sample_count = 10)]
fn phragmen(file: &str) -> usize {
    run(file, Rule::Phragmen)
}

#[divan::bench(args = files(), sample_count = 10)]
fn max_welfare(file: &str) -> usize {
    run(file, Rule::MaxWelfare)
}
