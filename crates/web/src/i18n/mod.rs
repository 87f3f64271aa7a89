//! Translations (Fluent) and the formatting Fluent does not do: grouped numbers, tenge, dates.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "kk",
        // Unicode isolation marks around arguments show up as stray characters in forms and
        // break copy-paste of numbers; our arguments are never bidirectional.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            // Fluent prints numbers ungrouped ("1500"). Counts stay numbers so that plural
            // selectors work, and are grouped here as each language writes them.
            let en = bundle.locales.first().map(|l| l.to_string()).as_deref() == Some("en");
            let format: fn(&FluentValue, &_) -> Option<String> =
                if en { grouped_en } else { grouped_kk_ru };
            bundle.set_formatter(Some(format));
        },
    };
}

fn grouped_en<M>(v: &FluentValue, _: &M) -> Option<String> {
    grouped(v, Lang::En)
}

fn grouped_kk_ru<M>(v: &FluentValue, _: &M) -> Option<String> {
    grouped(v, Lang::Kk)
}

/// A whole number argument with its thousands grouped; anything else is left to Fluent.
fn grouped(v: &FluentValue, lang: Lang) -> Option<String> {
    let FluentValue::Number(n) = v else {
        return None;
    };
    let whole = n.value.fract() == 0.0 && n.value.abs() < 1e15;
    // The cast is exact: a whole number below 10^15 fits an i64.
    whole.then(|| lang.number(n.value as i64))
}

/// The interface language. Kazakh is the default (the state language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == s.trim())
    }

    /// The language's own name, shown in the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    fn id(self) -> LanguageIdentifier {
        // The three codes are valid BCP 47 tags.
        self.code().parse().unwrap_or_default()
    }

    pub fn t(self, id: &str) -> String {
        LOCALES.lookup(&self.id(), id)
    }

    pub fn t_args(self, id: &str, args: &[(&'static str, Arg)]) -> String {
        LOCALES.lookup_with_args(&self.id(), id, &fluent_args(args))
    }

    /// [`Lang::t_args`], or `None` when no language defines `id`: for ids made from names
    /// (the command line's `cli-arg-<command>-<arg>`, tried before `cli-arg-<arg>`).
    pub fn try_t_args(self, id: &str, args: &[(&'static str, Arg)]) -> Option<String> {
        LOCALES.try_lookup_with_args(&self.id(), id, &fluent_args(args))
    }

    /// "28 қараша 2026 ж.", "28 ноября 2026 г.", "28 November 2026".
    pub fn date(self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = self.t(&format!("month-{}", d.month()));
        self.t_args(
            "date-full",
            &[
                ("day", Arg::Num(i64::from(d.day()))),
                ("month", Arg::Str(month)),
                ("year", Arg::Str(d.year().to_string())),
            ],
        )
    }

    /// The Kazakhstan date of an instant (UTC+5): what a person there calls that day.
    pub fn date_of(self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.date(domain::time::kz_date(at))
    }

    /// An instant as Kazakhstan local date and time ("5 December 2026, 14:30"), with no zone
    /// named: every time on the platform is Kazakhstan time.
    pub fn date_time(self, at: chrono::DateTime<chrono::Utc>) -> String {
        let local = domain::time::kz_time(at);
        format!(
            "{}, {}",
            self.date(local.date_naive()),
            local.format("%H:%M")
        )
    }

    /// A share in basis points as this language writes a percentage (without the sign):
    /// 750 → "7,5" in Kazakh and Russian, "7.5" in English.
    pub fn percent(self, bp: u32) -> String {
        let p = domain::pb::percent(bp);
        match self {
            Lang::En => p,
            Lang::Kk | Lang::Ru => p.replace('.', ","),
        }
    }

    pub fn number(self, n: i64) -> String {
        let s = domain::money::group_digits(n.unsigned_abs(), self.code());
        if n < 0 {
            format!("-{s}")
        } else {
            s
        }
    }
}

fn fluent_args(args: &[(&'static str, Arg)]) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    args.iter()
        .map(|(k, v)| {
            let v = match v {
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*k), v)
        })
        .collect()
}

/// An argument to a message: text, or a number (which also selects plural forms).
#[derive(Debug, Clone)]
pub enum Arg {
    Str(String),
    Num(i64),
}

/// Message ids defined in a language's files (`locales/<lang>/*.ftl`, one file per
/// capability), read from the source tree: for the completeness tests.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.code());
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let src = std::fs::read_to_string(entry.path()).unwrap_or_default();
        ids.extend(
            src.lines()
                .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
                .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string())),
        );
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    #[test]
    fn every_language_has_every_message() {
        let all = message_ids(Lang::Kk);
        let kk: BTreeSet<_> = all.iter().cloned().collect();
        assert_eq!(all.len(), kk.len(), "an id is defined twice");
        assert!(kk.len() > 50);
        for lang in [Lang::Ru, Lang::En] {
            let other: BTreeSet<_> = message_ids(lang).into_iter().collect();
            let missing: Vec<_> = kk.symmetric_difference(&other).collect();
            assert!(missing.is_empty(), "kk vs {}: {missing:?}", lang.code());
        }
    }

    /// Every `t("…")` / `t_args("…"` in templates and Rust code names a message that exists.
    #[test]
    fn every_used_id_exists() {
        let known: BTreeSet<_> = message_ids(Lang::Kk).into_iter().collect();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = BTreeSet::new();
        let mut files = Vec::new();
        collect(&root.join("templates"), &mut files);
        collect(&root.join("src"), &mut files);
        assert!(files.len() > 10);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            for pat in [".t(\"", ".t_args(\"", ".t_num(\"", ".t_str(\""] {
                for part in text.split(pat).skip(1) {
                    if let Some(id) = part.split('"').next() {
                        if !id.is_empty()
                            && id
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        {
                            used.insert((id.to_string(), f.display().to_string()));
                        }
                    }
                }
            }
        }
        // Ids built at run time from a closed set of values.
        let built = domain::TerritoryKind::ALL
            .iter()
            .map(|k| format!("kind-{}", k.as_str()))
            .chain(
                domain::Role::ALL
                    .iter()
                    .map(|r| format!("role-{}", r.as_str())),
            )
            .chain((1..=12).map(|m| format!("month-{m}")))
            .chain(crate::centres::built_message_ids())
            .chain(crate::pages::NOTICES.iter().map(|n| n.to_string()));
        for id in built {
            used.insert((id, "built at run time".into()));
        }
        assert!(used.len() > 60, "the scan found the calls");
        let unknown: Vec<_> = used.iter().filter(|(id, _)| !known.contains(id)).collect();
        assert!(unknown.is_empty(), "ids used but not defined: {unknown:?}");
    }

    /// Templates hold no visible text of their own: everything a reader sees comes from the
    /// message files (or data).
    #[test]
    fn templates_have_no_literal_text() {
        let mut files = Vec::new();
        collect(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
            &mut files,
        );
        // `fields.html` holds attribute fragments (`aria-invalid="true"`), not visible text.
        files.retain(|f| !f.ends_with("fields.html"));
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let mut visible = String::new();
            let mut rest = text.as_str();
            while let Some(start) = rest.find(['<', '{']) {
                visible.push_str(&rest[..start]);
                let close = match &rest[start..start + 2.min(rest.len() - start)] {
                    "{{" => "}}",
                    "{%" => "%}",
                    "{#" => "#}",
                    s if s.starts_with('<') => ">",
                    _ => "",
                };
                if close.is_empty() {
                    visible.push_str(&rest[start..start + 1]);
                    rest = &rest[start + 1..];
                    continue;
                }
                rest = rest[start..]
                    .split_once(close)
                    .map(|(_, r)| r)
                    .unwrap_or("");
            }
            visible.push_str(rest);
            let letters: String = visible.chars().filter(|c| c.is_alphabetic()).collect();
            assert!(
                letters.is_empty(),
                "{}: literal text {letters:?}",
                f.display()
            );
        }
    }

    fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                collect(&p, out);
            } else if p.extension().is_some_and(|x| x == "html" || x == "rs") {
                out.push(p);
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let n = |l: Lang, k| l.t_args("territory-children-count", &[("count", Arg::Num(k))]);
        assert_eq!(n(Lang::Ru, 1), "1 территория");
        assert_eq!(n(Lang::Ru, 3), "3 территории");
        assert_eq!(n(Lang::Ru, 5), "5 территорий");
        assert_eq!(n(Lang::En, 1), "1 territory");
        assert_eq!(n(Lang::En, 2), "2 territories");
        // Kazakh: the noun stays singular after a numeral.
        assert_eq!(n(Lang::Kk, 5), "5 аумақ");
    }

    /// Counts stay numbers for the plural selectors and print grouped as each language writes
    /// them; years are labels and are passed as text.
    #[test]
    fn counts_are_grouped_and_still_choose_plurals() {
        let n = |l: Lang, k| l.t_args("pb-proposals-count", &[("count", Arg::Num(k))]);
        assert_eq!(n(Lang::Ru, 1_500), "1\u{a0}500 предложений");
        assert_eq!(n(Lang::Ru, 1_001), "1\u{a0}001 предложение");
        assert_eq!(n(Lang::Kk, 12_000), "12\u{a0}000 ұсыныс");
        assert_eq!(n(Lang::En, 1_500), "1,500 proposals");
        assert_eq!(n(Lang::Ru, 21), "21 предложение");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
        assert!(
            Lang::Ru.date(d).ends_with("2026 г."),
            "no space inside a year"
        );
    }

    #[test]
    fn percentages_take_the_languages_decimal_mark() {
        assert_eq!(Lang::Kk.percent(750), "7,5");
        assert_eq!(Lang::Ru.percent(1235), "12,35");
        assert_eq!(Lang::En.percent(750), "7.5");
        assert_eq!(Lang::Ru.percent(1000), "10");
        let share = Lang::Kk.t_args(
            "pb-money-share",
            &[("share", Arg::Str(Lang::Kk.percent(750)))],
        );
        assert!(share.ends_with("7,5%-ы"), "{share}");
    }

    #[test]
    fn dates_per_language() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
        assert_eq!(Lang::Kk.date(d), "2026 жылғы 28 қараша");
        assert_eq!(Lang::Ru.date(d), "28 ноября 2026 г.");
        assert_eq!(Lang::En.date(d), "28 November 2026");
        assert_eq!(Lang::Ru.number(1_500_000), "1\u{a0}500\u{a0}000");
    }
}

#[cfg(test)]
mod file_prefixes;

#[cfg(test)]
mod lint;
