//! The Pabulib files the counting tests read: the subset committed beside this file (the files
//! its `README.md` lists), which the default suite uses, and the whole 56-file corpus in
//! `QATYSU_PABULIB_DIR`, which the ignored `…_full_corpus` tests use (each ignore says why; `.ci/run` runs them).

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Some `.pb` files and the folder that holds them.
pub struct Files {
    pub dir: PathBuf,
    /// File names, sorted.
    pub names: Vec<String>,
}

impl Files {
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// The outcomes pabutools 1.2.3 gave on every file of the corpus (`fixtures/expected.json`).
pub fn fixtures() -> Value {
    match serde_json::from_str(include_str!("../fixtures/expected.json")) {
        Ok(v) => v,
        Err(e) => panic!("fixtures/expected.json is not JSON: {e}"),
    }
}

/// The names of the corpus's files: those pabutools was run on.
fn corpus_names() -> BTreeSet<String> {
    let fixtures = fixtures();
    let Some(files) = fixtures["files"].as_object() else {
        panic!("fixtures/expected.json has no `files`");
    };
    files.keys().cloned().collect()
}

fn pb_files_in(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".pb"))
            .collect(),
        Err(e) => panic!("cannot list {}: {e}", dir.display()),
    }
}

/// The committed subset. Fails unless the folder holds exactly the files its README lists, each
/// with the listed size, and each has pabutools outcomes in the fixtures.
pub fn subset() -> Files {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pabulib");
    // The README's table rows: `| file.pb | bytes | …`.
    let listed: Vec<(String, u64)> = include_str!("README.md")
        .lines()
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim).skip(1);
            let name = cells.next()?;
            let bytes = cells.next()?.parse().ok()?;
            name.ends_with(".pb").then(|| (name.to_string(), bytes))
        })
        .collect();
    assert!(!listed.is_empty(), "tests/pabulib/README.md lists no files");
    let present = pb_files_in(&dir);
    let corpus = corpus_names();
    let mut problems = Vec::new();
    for (name, bytes) in &listed {
        match std::fs::metadata(dir.join(name)) {
            Ok(m) if m.len() == *bytes => {}
            Ok(m) => problems.push(format!(
                "{name}: {} bytes, the README lists {bytes} (not a byte-for-byte copy?)",
                m.len()
            )),
            Err(e) => problems.push(format!("{name}: listed in the README, but {e}")),
        }
        if !corpus.contains(name) {
            problems.push(format!(
                "{name}: no pabutools outcomes in fixtures/expected.json"
            ));
        }
    }
    for name in &present {
        if !listed.iter().any(|(n, _)| n == name) {
            problems.push(format!(
                "{name}: in the folder but not listed in the README"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the Pabulib subset in {} does not match its README.md:\n{}",
        dir.display(),
        problems.join("\n")
    );
    let mut names: Vec<String> = listed.into_iter().map(|(n, _)| n).collect();
    names.sort();
    Files { dir, names }
}

/// The whole corpus in `QATYSU_PABULIB_DIR`. Fails, never skips, when the variable is unset or
/// the folder lacks any of the 56 files.
pub fn corpus() -> Files {
    let Some(dir) = std::env::var_os("QATYSU_PABULIB_DIR") else {
        panic!(
            "this test needs the 56-file Pabulib corpus: set QATYSU_PABULIB_DIR to the folder \
             holding it (.ci/run uses ../shared/data/pabulib beside the clone). The default \
             `cargo test` checks the subset in crates/tally/tests/pabulib instead."
        );
    };
    let dir = PathBuf::from(dir);
    assert!(
        dir.is_dir(),
        "QATYSU_PABULIB_DIR={} is not a folder; it must hold the 56-file Pabulib corpus",
        dir.display()
    );
    let present = pb_files_in(&dir);
    let corpus = corpus_names();
    let missing: Vec<&String> = corpus.difference(&present).collect();
    assert!(
        missing.is_empty(),
        "QATYSU_PABULIB_DIR={} is not the {}-file Pabulib corpus; {} files are missing: {missing:?}",
        dir.display(),
        corpus.len(),
        missing.len()
    );
    Files {
        dir,
        names: present.into_iter().collect(),
    }
}
