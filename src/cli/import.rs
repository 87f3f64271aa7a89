//! `qatysu import territories FILE.csv`: the KATO classifier's CSV, with an optional
//! `population` column. All rows are checked first; one bad row and nothing is imported.

use crate::setup::{self, DataArgs};
use anyhow::bail;
use app::territories::NewTerritory;
use app::App;
use clap::Subcommand;
use domain::{Kato, TerritoryKind};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Territories from a KATO CSV (kato,kato_version,level,type_code,name_ru,name_kk[,population]).
    Territories {
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

pub async fn run(cmd: ImportCommand) -> anyhow::Result<()> {
    match cmd {
        ImportCommand::Territories { file, data } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let rows = match parse_territories(&text) {
                Ok(rows) => rows,
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{}: {e}", file.display());
                    }
                    bail!("{} bad rows; nothing was imported", errors.len());
                }
            };
            let app = setup::open_app(&data.data).await?;
            let counts = import(&app, &rows, true).await?;
            println!(
                "{} territories: {} new, {} updated",
                rows.len(),
                counts.inserted,
                counts.updated
            );
            app.db.close().await;
            Ok(())
        }
    }
}

/// Check parents against the database, then write everything in one transaction (the
/// use case `app::territories::import`), with a progress bar when asked.
pub async fn import(
    app: &App,
    rows: &[NewTerritory],
    progress: bool,
) -> anyhow::Result<app::territories::ImportCounts> {
    let bar = if progress {
        ProgressBar::new(rows.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    let counts = app::territories::import(app, rows, |n| bar.set_position(n as u64)).await?;
    bar.finish_and_clear();
    Ok(counts)
}

const LEVELS: [&str; 4] = ["oblast", "district", "sub_district", "settlement"];

/// Parse and validate a KATO CSV. Errors carry the line number (the header is line 1).
pub fn parse_territories(text: &str) -> Result<Vec<NewTerritory>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return Err(vec![format!("line 1: cannot read the header: {e}")]),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let required = [
        "kato",
        "kato_version",
        "level",
        "type_code",
        "name_ru",
        "name_kk",
    ];
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|n| col(n).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(vec![format!(
            "line 1: missing columns: {}",
            missing.join(", ")
        )]);
    }
    let idx = |n: &str| col(n).unwrap_or(usize::MAX);
    let pop_col = col("population");
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let get = |n: &str| rec.get(idx(n)).unwrap_or("").trim();
        let mut problems = Vec::new();
        let kato = Kato::parse(get("kato"))
            .map_err(|e| problems.push(e.to_string()))
            .ok();
        let level = get("level");
        if !LEVELS.contains(&level) {
            problems.push(format!(
                "level {level:?} is not one of {}",
                LEVELS.join(", ")
            ));
        }
        let type_code = get("type_code")
            .parse::<i64>()
            .map_err(|_| problems.push(format!("type_code {:?} is not a number", get("type_code"))))
            .ok();
        let (name_ru, name_kk) = (get("name_ru"), get("name_kk"));
        if name_ru.is_empty() || name_kk.is_empty() {
            problems.push("name_ru and name_kk must not be empty".into());
        }
        if get("kato_version").is_empty() {
            problems.push("kato_version must not be empty".into());
        }
        let population = match pop_col
            .and_then(|c| rec.get(c))
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(p) => match p.replace([' ', '\u{a0}'], "").parse::<i64>() {
                Ok(n) if n >= 0 => Some(n),
                _ => {
                    problems.push(format!("population {p:?} is not a whole number ≥ 0"));
                    None
                }
            },
        };
        let kind = kato
            .as_ref()
            .and_then(|k| TerritoryKind::classify(k.as_str(), level, name_ru));
        if let Some(k) = &kato {
            if !seen.insert(k.clone()) {
                problems.push(format!("KATO {k} appears twice in the file"));
            }
            let expected_depth = LEVELS.iter().position(|l| *l == level).map(|p| p as u8 + 1);
            if expected_depth.is_some_and(|d| d != k.depth()) {
                problems.push(format!("KATO {k} does not match level {level}"));
            }
        }
        match (problems.is_empty(), kato, type_code, kind) {
            (true, Some(kato), Some(type_code), Some(kind)) => rows.push(NewTerritory {
                kato,
                kato_version: get("kato_version").to_string(),
                level: level.to_string(),
                type_code,
                kind,
                name_kk: name_kk.to_string(),
                name_ru: name_ru.to_string(),
                population,
                population_illustrative: false,
            }),
            _ => errors.push(format!("line {line}: {}", problems.join("; "))),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_demo_district() {
        let rows = parse_territories(crate::cli::demo::DEMO_CSV).unwrap_or_default();
        assert_eq!(rows.len(), 23);
        assert_eq!(
            rows.iter()
                .filter(|r| r.kind == TerritoryKind::Village)
                .count(),
            13
        );
        assert_eq!(
            rows.iter()
                .filter(|r| r.kind == TerritoryKind::RuralOkrug)
                .count(),
            8
        );
    }

    #[test]
    fn lists_every_bad_line() {
        let csv = "kato,kato_version,level,type_code,name_ru,name_kk,population\n\
                   110000000,NK RK 11-2025,oblast,0,Акмолинская область,Ақмола облысы,\n\
                   11440000,NK RK 11-2025,district,2,Район,Аудан,\n\
                   114400000,NK RK 11-2025,planet,x,,Аудан,-5\n\
                   110000000,NK RK 11-2025,oblast,0,Дубль,Дубль,\n";
        let errors = parse_territories(csv).err().unwrap_or_default();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("line 3:"));
        assert!(
            errors[1].starts_with("line 4:")
                && errors[1].contains("population")
                && errors[1].contains("type_code")
        );
        assert!(errors[2].starts_with("line 5:") && errors[2].contains("twice"));
    }

    #[test]
    fn header_must_have_the_columns() {
        let errors = parse_territories("code,name\n1,2\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("missing columns"));
    }
}
