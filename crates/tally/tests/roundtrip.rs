//! Writing any real Pabulib file and reading it back gives the same election.

use std::path::PathBuf;

fn pabulib_dir() -> PathBuf {
    let dir = match std::env::var_os("QATYSU_PABULIB_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/pabulib"),
    };
    assert!(
        dir.is_dir(),
        "the Pabulib files are not at {} — set QATYSU_PABULIB_DIR to the folder holding the .pb files",
        dir.display()
    );
    dir
}

#[test]
fn every_pabulib_file_round_trips() {
    let dir = pabulib_dir();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pb"))
            .collect(),
        Err(e) => panic!("cannot list {}: {e}", dir.display()),
    };
    files.sort();
    assert!(
        files.len() >= 50,
        "expected the 56 Pabulib files in {}",
        dir.display()
    );
    for path in files {
        let election = match tally::pb::read_file(&path) {
            Ok(e) => e,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        let text = tally::pb::write_string(&election);
        match tally::pb::read_str(&text) {
            Ok(again) => assert!(
                again == election,
                "{} changed on a round trip",
                path.display()
            ),
            Err(e) => panic!("{}: written file does not read back: {e}", path.display()),
        }
    }
}
