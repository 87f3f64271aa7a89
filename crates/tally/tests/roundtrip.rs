//! Writing a real Pabulib file and reading it back gives the same election: every file of the
//! subset committed in `tests/pabulib/`, and with `--ignored` every file of the 56-file corpus in
//! `QATYSU_PABULIB_DIR`.

mod pabulib;

use pabulib::Files;

fn round_trip(files: &Files) {
    let mut failures = Vec::new();
    for name in &files.names {
        let election = match tally::pb::read_file(files.path(name)) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let text = tally::pb::write_string(&election);
        match tally::pb::read_str(&text) {
            Ok(again) if again == election => {}
            Ok(_) => failures.push(format!("{name} changed on a round trip")),
            Err(e) => failures.push(format!("{name}: written file does not read back: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files in {} fail the round trip:\n{}",
        failures.len(),
        files.names.len(),
        files.dir.display(),
        failures.join("\n")
    );
}

#[test]
fn every_subset_file_round_trips() {
    round_trip(&pabulib::subset());
}

#[test]
#[ignore = "needs the 56-file Pabulib corpus: set QATYSU_PABULIB_DIR"]
fn every_pabulib_file_round_trips_full_corpus() {
    round_trip(&pabulib::corpus());
}
