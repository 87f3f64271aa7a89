//! The `.pb` reader must never panic, and whatever it accepts must survive a write and a read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(election) = tally::pb::read_str(text) {
        let written = tally::pb::write_string(&election);
        match tally::pb::read_str(&written) {
            Ok(again) => assert!(again == election, "round trip changed the election"),
            Err(e) => panic!("written file does not read back: {e}\n{written}"),
        }
        // Counting must not panic either.
        for rule in [tally::Rule::Greedy, tally::Rule::Mes, tally::Rule::Phragmen] {
            let _ = tally::count(&election, rule, &tally::Options::default());
        }
    }
});
