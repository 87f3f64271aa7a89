//! The command line's language: `QATYSU_LANG`, then `LANG`, Kazakh when neither names
//! Kazakh, Russian or English (Kazakh is the state language, as on the web pages). Its texts
//! are in the web's Fluent files (`crates/web/locales/<lang>/cli.ftl`, ids `cli-…`), and
//! numbers are written as the pages write them ("1 500 000", "12,5").

pub use web::i18n::{Arg, Lang};

/// The language of this run: read once from the environment.
pub fn lang() -> Lang {
    static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();
    *LANG.get_or_init(|| {
        let var = |name| std::env::var(name).ok();
        choose(var("QATYSU_LANG").as_deref(), var("LANG").as_deref())
    })
}

/// The first of `QATYSU_LANG` and `LANG` that names one of the three languages by its first
/// two letters (`ru_RU.UTF-8` names Russian, `C.UTF-8` none); Kazakh otherwise.
pub fn choose(qatysu_lang: Option<&str>, lang: Option<&str>) -> Lang {
    [qatysu_lang, lang]
        .into_iter()
        .flatten()
        .find_map(|v| Lang::parse(&v.get(..2)?.to_ascii_lowercase()))
        .unwrap_or_default()
}

/// A message of this run's language.
pub fn t(id: &str) -> String {
    lang().t(id)
}

/// A message of this run's language, with its arguments.
pub fn t_args(id: &str, args: &[(&'static str, Arg)]) -> String {
    lang().t_args(id, args)
}

/// A text argument.
pub fn s(value: impl std::fmt::Display) -> Arg {
    Arg::Str(value.to_string())
}

/// A count, grouped as the language groups digits ("1 500", "1,500").
pub fn n(value: impl Into<i64>) -> Arg {
    Arg::Str(lang().number(value.into()))
}

/// A count that does not fit an `i64` is never shown: the largest one is.
pub fn n_u64(value: u64) -> Arg {
    n(i64::try_from(value).unwrap_or(i64::MAX))
}

/// A decimal number as written in `lang`: digits grouped, and a decimal comma in Kazakh and
/// Russian ("1 500 000,5"; English "1,500,000.5"). `decimal` is a plain `1500000.5`, as the
/// counting engine prints amounts; anything else is returned as it is.
pub fn decimal_text(lang: Lang, decimal: &str) -> String {
    let (sign, digits) = match decimal.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", decimal),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let Ok(whole) = whole.parse::<u64>() else {
        return decimal.to_string();
    };
    let grouped = domain::money::group_digits(whole, lang.code());
    let point = if lang == Lang::En { "." } else { "," };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{fraction}")
    }
}

/// `x` with `places` decimals, written as in [`decimal_text`].
pub fn decimal(lang: Lang, x: f64, places: usize) -> String {
    decimal_text(lang, &format!("{x:.places$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qatysu_lang_comes_before_lang_and_kazakh_is_the_default() {
        assert_eq!(choose(Some("ru"), Some("en_US.UTF-8")), Lang::Ru);
        assert_eq!(choose(None, Some("en_US.UTF-8")), Lang::En);
        assert_eq!(choose(Some(""), Some("ru_RU.UTF-8")), Lang::Ru);
        assert_eq!(choose(Some("de"), Some("C.UTF-8")), Lang::Kk);
        assert_eq!(choose(Some("EN"), None), Lang::En);
        assert_eq!(choose(None, None), Lang::Kk);
    }

    #[test]
    fn decimals_are_written_as_each_language_writes_them() {
        assert_eq!(decimal_text(Lang::Kk, "1500000"), "1\u{a0}500\u{a0}000");
        assert_eq!(decimal_text(Lang::Ru, "1500000.5"), "1\u{a0}500\u{a0}000,5");
        assert_eq!(decimal_text(Lang::En, "1500000.5"), "1,500,000.5");
        assert_eq!(decimal_text(Lang::Ru, "-12.25"), "-12,25");
        assert_eq!(decimal(Lang::Kk, 1234.567, 2), "1\u{a0}234,57");
        assert_eq!(decimal_text(Lang::Kk, "n/a"), "n/a");
    }
}
