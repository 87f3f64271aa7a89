//! `qatysu import territories FILE.csv`: the KATO classifier's CSV, with an optional
//! `population` column. All rows are checked first; one bad row and nothing is imported.

use crate::i18n::{lang, n_u64, s, t_args, Arg, Lang};
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
            let text = std::fs::read_to_string(&file).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e}",
                    t_args("cli-import-cannot-read", &[("path", s(file.display()))])
                )
            })?;
            let rows = match parse_territories(&text) {
                Ok(rows) => rows,
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{}: {}", file.display(), e.render(lang()));
                    }
                    bail!(
                        "{}",
                        t_args(
                            "cli-import-bad-rows",
                            &[("count", n_u64(errors.len() as u64))]
                        )
                    );
                }
            };
            let app = setup::open_app(&data.data).await?;
            let counts = import(&app, &rows, true).await?;
            println!(
                "{}",
                t_args(
                    "cli-import-done",
                    &[
                        ("total", n_u64(rows.len() as u64)),
                        ("inserted", n_u64(counts.inserted as u64)),
                        ("updated", n_u64(counts.updated as u64)),
                    ],
                )
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

/// What is wrong with a line of a KATO CSV (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub problems: Vec<Problem>,
}

/// One thing wrong in a line; the values as they were typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The CSV reader's own error (English: the `csv` crate's).
    Unreadable(String),
    MissingColumns(Vec<&'static str>),
    Kato(domain::KatoError),
    Level(String),
    TypeCode(String),
    NoNames,
    NoKatoVersion,
    Population(String),
    Twice(Kato),
    WrongDepth {
        kato: Kato,
        level: String,
    },
}

impl LineError {
    /// "line 3: …; …" in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let problems: Vec<String> = self.problems.iter().map(|p| p.render(lang)).collect();
        lang.t_args(
            "cli-import-line",
            &[
                ("line", Arg::Str(self.line.to_string())),
                ("problems", Arg::Str(problems.join("; "))),
            ],
        )
    }
}

impl Problem {
    pub fn render(&self, lang: Lang) -> String {
        let one = |id: &str, name: &'static str, value: String| {
            lang.t_args(id, &[(name, Arg::Str(value))])
        };
        match self {
            Problem::Unreadable(e) => e.clone(),
            Problem::MissingColumns(c) => {
                one("cli-import-missing-columns", "columns", c.join(", "))
            }
            Problem::Kato(e) => kato_error(lang, e),
            Problem::Level(v) => lang.t_args(
                "cli-import-level",
                &[
                    ("value", Arg::Str(v.clone())),
                    ("levels", Arg::Str(LEVELS.join(", "))),
                ],
            ),
            Problem::TypeCode(v) => one("cli-import-type-code", "value", v.clone()),
            Problem::NoNames => lang.t("cli-import-names"),
            Problem::NoKatoVersion => lang.t("cli-import-version"),
            Problem::Population(v) => one("cli-import-population", "value", v.clone()),
            Problem::Twice(k) => one("cli-import-twice", "kato", k.to_string()),
            Problem::WrongDepth { kato, level } => lang.t_args(
                "cli-import-depth",
                &[
                    ("kato", Arg::Str(kato.to_string())),
                    ("level", Arg::Str(level.clone())),
                ],
            ),
        }
    }
}

/// A KATO code that does not parse, in `lang` (also for `user add`).
pub fn kato_error(lang: Lang, e: &domain::KatoError) -> String {
    match e {
        domain::KatoError::Format(v) => {
            lang.t_args("cli-kato-format", &[("value", Arg::Str(v.clone()))])
        }
        domain::KatoError::NoOblast => lang.t("cli-kato-no-oblast"),
    }
}

/// Parse and validate a KATO CSV: every bad line, each with everything wrong in it.
pub fn parse_territories(text: &str) -> Result<Vec<NewTerritory>, Vec<LineError>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header_error = |p| {
        vec![LineError {
            line: 1,
            problems: vec![p],
        }]
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return Err(header_error(Problem::Unreadable(e.to_string()))),
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
    let missing: Vec<&'static str> = required
        .iter()
        .copied()
        .filter(|n| col(n).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(header_error(Problem::MissingColumns(missing)));
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
                errors.push(LineError {
                    line,
                    problems: vec![Problem::Unreadable(e.to_string())],
                });
                continue;
            }
        };
        let get = |n: &str| rec.get(idx(n)).unwrap_or("").trim();
        let mut problems = Vec::new();
        let kato = Kato::parse(get("kato"))
            .map_err(|e| problems.push(Problem::Kato(e)))
            .ok();
        let level = get("level");
        if !LEVELS.contains(&level) {
            problems.push(Problem::Level(level.to_string()));
        }
        let type_code = get("type_code")
            .parse::<i64>()
            .map_err(|_| problems.push(Problem::TypeCode(get("type_code").to_string())))
            .ok();
        let (name_ru, name_kk) = (get("name_ru"), get("name_kk"));
        if name_ru.is_empty() || name_kk.is_empty() {
            problems.push(Problem::NoNames);
        }
        if get("kato_version").is_empty() {
            problems.push(Problem::NoKatoVersion);
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
                    problems.push(Problem::Population(p.to_string()));
                    None
                }
            },
        };
        let kind = kato
            .as_ref()
            .and_then(|k| TerritoryKind::classify(k.as_str(), level, name_ru));
        if let Some(k) = &kato {
            if !seen.insert(k.clone()) {
                problems.push(Problem::Twice(k.clone()));
            }
            let expected_depth = LEVELS.iter().position(|l| *l == level).map(|p| p as u8 + 1);
            if expected_depth.is_some_and(|d| d != k.depth()) {
                problems.push(Problem::WrongDepth {
                    kato: k.clone(),
                    level: level.to_string(),
                });
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
            _ => errors.push(LineError { line, problems }),
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
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5], "{errors:?}");
        assert!(matches!(errors[0].problems[..], [Problem::Kato(_)]));
        assert_eq!(
            errors[1].problems,
            [
                Problem::Level("planet".into()),
                Problem::TypeCode("x".into()),
                Problem::NoNames,
                Problem::Population("-5".into()),
            ]
        );
        assert!(matches!(errors[2].problems[..], [Problem::Twice(_)]));
        let en = errors[1].render(Lang::En);
        assert!(
            en.starts_with("line 4: ") && en.contains("type_code"),
            "{en}"
        );
        let kk = errors[1].render(Lang::Kk);
        assert!(kk.starts_with("Жол 4: ") && kk.contains("planet"), "{kk}");
        let ru = errors[0].render(Lang::Ru);
        assert!(ru.contains("Код КАТО") && ru.contains("11440000"), "{ru}");
    }

    #[test]
    fn header_must_have_the_columns() {
        let errors = parse_territories("code,name\n1,2\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].render(Lang::En).contains("missing columns"));
        assert!(errors[0].render(Lang::Ru).contains("kato_version"));
    }
}
