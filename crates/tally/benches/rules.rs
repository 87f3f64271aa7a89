//! Each rule on the three largest approval files (Łódź 2022, Warszawa 2026, Łódź 2023).
//!
//! `cargo bench -p tally` (the Pabulib folder: `QATYSU_PABULIB_DIR`, default
//! `<workspace>/../shared/data/pabulib`). The Add1 completions run the method hundreds of times,
//! so they take few samples.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use tally::{count, Election, Options, Rule};

const FILES: [&str; 3] = [
    "Poland_Lodz_2022.pb",
    "Poland_Warszawa_2026.pb",
    "Poland_Lodz_2023.pb",
];

fn main() {
    divan::main();
}

fn dir() -> PathBuf {
    match std::env::var_os("QATYSU_PABULIB_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/pabulib"),
    }
}

fn election(file: &str) -> &'static Election {
    static CACHE: OnceLock<HashMap<&'static str, Election>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        FILES
            .iter()
            .map(|&f| match tally::pb::read_file(dir().join(f)) {
                Ok(e) => (f, e),
                Err(e) => panic!("{f}: {e} (set QATYSU_PABULIB_DIR)"),
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

#[divan::bench(args = FILES)]
fn read(file: &str) -> Election {
    match tally::pb::read_file(dir().join(file)) {
        Ok(e) => e,
        Err(e) => panic!("{file}: {e}"),
    }
}

#[divan::bench(args = FILES)]
fn greedy(file: &str) -> usize {
    run(file, Rule::Greedy)
}

#[divan::bench(args = FILES)]
fn greedy_no_skip(file: &str) -> usize {
    run(file, Rule::GreedyNoSkip)
}

#[divan::bench(args = FILES)]
fn greedy_threshold(file: &str) -> usize {
    run(file, Rule::GreedyThreshold)
}

#[divan::bench(args = FILES)]
fn greedy_ratio(file: &str) -> usize {
    run(file, Rule::GreedyRatio)
}

#[divan::bench(args = FILES, sample_count = 10)]
fn mes(file: &str) -> usize {
    run(file, Rule::Mes)
}

#[divan::bench(args = FILES, sample_count = 2, sample_size = 1)]
fn mes_add1(file: &str) -> usize {
    run(file, Rule::MesAdd1)
}

#[divan::bench(args = FILES, sample_count = 2, sample_size = 1)]
fn mes_add1_pabulib(file: &str) -> usize {
    run(file, Rule::MesAdd1Pabulib)
}

#[divan::bench(args = FILES, sample_count = 2, sample_size = 1)]
fn mes_add1_greedy(file: &str) -> usize {
    run(file, Rule::MesAdd1Greedy)
}

#[divan::bench(args = FILES, sample_count = 10)]
fn phragmen(file: &str) -> usize {
    run(file, Rule::Phragmen)
}

#[divan::bench(args = FILES, sample_count = 10)]
fn max_welfare(file: &str) -> usize {
    run(file, Rule::MaxWelfare)
}
