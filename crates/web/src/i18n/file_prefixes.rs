//! One message file per capability, and every id in it starts with the file's name
//! (`pb_paper.ftl` → `pb-paper-…`): whoever greps for a concept finds its messages too.
//! `core.ftl` holds what every page shares and is exempt.

use super::Lang;
use std::path::Path;

/// The prefix of the ids in `locales/<lang>/<stem>.ftl`: the stem with `_` as `-`.
fn prefix(stem: &str) -> String {
    stem.replace('_', "-")
}

#[test]
fn every_id_starts_with_its_files_name() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for lang in Lang::ALL {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.code());
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if stem == "core" || path.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let p = prefix(stem);
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for line in text.lines() {
                if !line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    continue;
                }
                let Some((id, _)) = line.split_once('=') else {
                    continue;
                };
                let id = id.trim();
                checked += 1;
                if id != p && !id.starts_with(&format!("{p}-")) {
                    wrong.push(format!("{}/{stem}.ftl: {id}", lang.code()));
                }
            }
        }
    }
    assert!(checked > 100, "the message files were read");
    assert!(
        wrong.is_empty(),
        "ids outside their file's prefix: {wrong:?}"
    );
}
