//! The command line in the reader's language. clap writes its help and its errors in
//! English; here every `about` and `help` of the command tree, the value names, the headings
//! ("Usage:", "Commands:", "Options:"), the defaults and variables shown beside a flag, and
//! clap's own parse errors are taken from `cli.ftl` before and after parsing. Flags, command
//! names and values (`--rule mes`) are contracts and stay as they are; exit codes too.
//!
//! Ids: `cli-about` (the program), `cli-about-<command path>` (`cli-about-user-add`),
//! `cli-arg-<command path>-<arg>` where one command's argument means something of its own
//! (`cli-arg-tally-file`), else `cli-arg-<arg>`; `cli-value-<arg>` for the value's name.

use crate::i18n::{Arg as Value, Lang};
use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// Technical names the texts mention and never translate (flags, variables, protocols,
/// examples): given to every help text as Fluent variables, so that the Kazakh and Russian
/// files hold no Latin words of their own.
const LITERALS: &[(&str, &str)] = &[
    (
        "columns",
        "kato,kato_version,level,type_code,name_ru,name_kk[,population]",
    ),
    ("https", "HTTPS"),
    ("xff", "X-Forwarded-For"),
    ("serve", "qatysu serve"),
    ("demo", "qatysu demo"),
    ("oidc", "OpenID Connect"),
    ("discovery", "/.well-known/openid-configuration"),
    ("openid", "openid"),
    ("smtp_plain", "smtp://host:25"),
    ("smtp_starttls", "smtp://user:pass@host:587?tls=required"),
    ("smtps", "smtps://user:pass@host:465"),
    ("starttls", "STARTTLS"),
    ("tls", "TLS"),
    ("mail_from", "Qatysu <noreply@qatysu.kz>"),
    ("to", "{to}"),
    ("text", "{text}"),
    ("post", "POST"),
    ("header", "Name: value"),
    ("public_url", "https://qatysu.example.kz"),
    ("callback", "URL/login/oidc/callback"),
    ("pabutools", "pabutools"),
    ("json", "JSON"),
    ("cycle_url", "/pb/{id}"),
    ("cycles_api", "/api/v1/cycles"),
    ("iin_stdin", "--iin-stdin"),
    ("password_stdin", "--password-stdin"),
    ("self", "self"),
    ("contact", "contact"),
    ("in_person", "in_person"),
    ("egov", "egov"),
];

fn literals() -> Vec<(&'static str, Value)> {
    LITERALS
        .iter()
        .map(|(k, v)| (*k, Value::Str((*v).to_string())))
        .collect()
}

/// What parsing gave instead of a command to run.
#[derive(Debug)]
pub enum Refused {
    /// `--help`, `--version`, or help asked for by a missing command: printed as clap prints
    /// them (from the localized tree), exit 0 (2 for the missing command).
    Shown(clap::Error),
    /// A mistake on the command line, explained in the reader's language.
    Mistake { text: String, code: i32 },
}

/// Parse the process's arguments into `T`, or print what clap would print, in `lang`, and
/// exit with clap's code.
pub fn parse<T: CommandFactory + FromArgMatches>(lang: Lang) -> T {
    match try_parse_from(lang, std::env::args_os()) {
        Ok(v) => v,
        Err(Refused::Shown(e)) => e.exit(),
        Err(Refused::Mistake { text, code }) => {
            eprint!("{text}");
            std::process::exit(code)
        }
    }
}

/// [`parse`] of `args` (the program's name first), without printing or exiting.
pub fn try_parse_from<T, I, A>(lang: Lang, args: I) -> Result<T, Refused>
where
    T: CommandFactory + FromArgMatches,
    I: IntoIterator<Item = A>,
    A: Into<OsString> + Clone,
{
    let mut cmd = localized(T::command(), lang);
    let e = match cmd
        .try_get_matches_from_mut(args)
        .and_then(|m| T::from_arg_matches(&m))
    {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Err(Refused::Shown(e)),
        _ => Err(Refused::Mistake {
            text: explain(&e, lang),
            code: e.exit_code(),
        }),
    }
}

/// `cmd` with every text in `lang`. Built first, so that clap's own `--help`, `--version`
/// and `help` command exist to be translated too (a built command is not built again).
pub fn localized(mut cmd: Command, lang: Lang) -> Command {
    cmd.build();
    localize(cmd, lang, &[])
}

/// The ids of one command's texts: its path without the `help` command (whose copy of the
/// tree reads as the commands it names).
fn key(path: &[String]) -> String {
    path.iter()
        .filter(|p| *p != "help")
        .cloned()
        .collect::<Vec<_>>()
        .join("-")
}

fn about_id(path: &[String]) -> String {
    match path.last().map(String::as_str) {
        None => "cli-about".to_string(),
        Some("help") => "cli-about-help".to_string(),
        Some(_) => format!("cli-about-{}", key(path)),
    }
}

/// The ids tried for an argument's help, most specific first.
fn arg_ids(path: &[String], arg: &str) -> Vec<String> {
    let arg = arg.replace('_', "-");
    let key = key(path);
    let mut ids = Vec::new();
    if !key.is_empty() {
        ids.push(format!("cli-arg-{key}-{arg}"));
    }
    ids.push(format!("cli-arg-{arg}"));
    ids
}

fn value_id(arg: &str) -> String {
    format!("cli-value-{}", arg.replace('_', "-"))
}

fn text(lang: Lang, id: &str) -> Option<String> {
    lang.try_t_args(id, &literals())
}

/// One command and those under it. Arguments and subcommands are changed in place
/// (`mut_args`, `mut_subcommands`): a built command finds them by their position.
fn localize(mut cmd: Command, lang: Lang, path: &[String]) -> Command {
    if let Some(about) = text(lang, &about_id(path)) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    cmd = cmd
        .mut_args(|a| {
            let id = a.get_id().to_string();
            let help = arg_ids(path, &id).iter().find_map(|i| text(lang, i));
            let value = text(lang, &value_id(&id));
            localize_arg(a, lang, help, value)
        })
        .subcommand_value_name(lang.t("cli-value-command"))
        .subcommand_help_heading(lang.t("cli-heading-commands"))
        .mut_subcommands(|c| {
            let mut child = path.to_vec();
            child.push(c.get_name().to_string());
            localize(c, lang, &child)
        });
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .replace("[OPTIONS]", &format!("[{}]", lang.t("cli-value-options")));
    let template = template(&cmd, lang);
    cmd.override_usage(usage).help_template(template)
}

/// An argument's help in `lang`, followed by its default, its variable and its values, which
/// clap would add in English.
fn localize_arg(a: Arg, lang: Lang, help: Option<String>, value: Option<String>) -> Arg {
    let takes_value = a.get_action().takes_values();
    let mut help = help
        .or_else(|| a.get_help().map(|h| h.to_string()))
        .unwrap_or_default();
    let mut specs = Vec::new();
    if takes_value {
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            specs.push(format!(
                "[{}: {}]",
                lang.t("cli-spec-default"),
                defaults.join(", ")
            ));
        }
    }
    if let Some(env) = a.get_env() {
        specs.push(format!(
            "[{}: {}]",
            lang.t("cli-spec-env"),
            env.to_string_lossy()
        ));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value && !values.is_empty() {
        specs.push(format!(
            "[{}: {}]",
            lang.t("cli-spec-values"),
            values.join(", ")
        ));
    }
    if !specs.is_empty() {
        help = format!("{help} {}", specs.join(" "));
    }
    let mut a = a
        .help(help)
        .long_help(None::<&str>)
        .hide_default_value(true)
        .hide_env(true)
        .hide_possible_values(true);
    if let (true, Some(v)) = (takes_value, value) {
        a = a.value_name(v);
    }
    a
}

/// clap's help layout with the headings in `lang`, each section only where the command has
/// something to list in it.
fn template(cmd: &Command, lang: Lang) -> String {
    let mut t = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n",
        lang.t("cli-heading-usage")
    );
    let mut section = |heading: &str, tag: &str| {
        t.push_str(&format!("\n{}:\n{{{tag}}}\n", lang.t(heading)));
    };
    if cmd.get_subcommands().any(|c| !c.is_hide_set()) {
        section("cli-heading-commands", "subcommands");
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        section("cli-heading-arguments", "positionals");
    }
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        section("cli-heading-options", "options");
    }
    t.push_str("{after-help}");
    t
}

/// One of clap's errors as the reader should read it: what is wrong, a suggestion when clap
/// has one, the usage, and where to read more.
fn explain(e: &clap::Error, lang: Lang) -> String {
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).filter(|v| !v.is_empty());
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let one =
        |id: &str, name: &'static str, value: String| lang.t_args(id, &[(name, Value::Str(value))]);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => one("cli-clap-unknown-argument", "arg", arg),
        ErrorKind::InvalidSubcommand => one(
            "cli-clap-unknown-command",
            "command",
            ctx(ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::MissingSubcommand => one(
            "cli-clap-missing-command",
            "commands",
            ctx(ContextKind::ValidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::MissingRequiredArgument => one("cli-clap-missing-argument", "args", arg),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            match ctx(ContextKind::InvalidValue) {
                None => one("cli-clap-empty-value", "arg", arg),
                Some(value) => lang.t_args(
                    "cli-clap-invalid-value",
                    &[("arg", Value::Str(arg)), ("value", Value::Str(value))],
                ),
            }
        }
        ErrorKind::NoEquals => one("cli-clap-no-equals", "arg", arg),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            one("cli-clap-values-count", "arg", arg)
        }
        ErrorKind::ArgumentConflict => lang.t_args(
            "cli-clap-conflict",
            &[
                ("arg", Value::Str(arg)),
                (
                    "other",
                    Value::Str(ctx(ContextKind::PriorArg).unwrap_or_default()),
                ),
            ],
        ),
        ErrorKind::InvalidUtf8 => lang.t("cli-clap-not-utf8"),
        _ => lang.t("cli-clap-other"),
    };
    let mut out = format!("{}: {what}\n", lang.t("cli-error"));
    if let Some(values) = ctx(ContextKind::ValidValue) {
        out.push_str(&format!(
            "  {}\n",
            one("cli-clap-possible-values", "values", values)
        ));
    }
    let suggestion = ctx(ContextKind::SuggestedArg)
        .or_else(|| ctx(ContextKind::SuggestedSubcommand))
        .or_else(|| ctx(ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        out.push_str(&format!("  {}\n", one("cli-clap-suggest", "value", s)));
    }
    if let Some(usage) = ctx(ContextKind::Usage) {
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
        out.push_str(&format!("\n{}: {usage}\n", lang.t("cli-heading-usage")));
    }
    out.push_str(&format!(
        "\n{}\n",
        one("cli-clap-more", "help", "'--help'".to_string())
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;

    /// Every command and argument of the tree has its texts in the three languages: none
    /// falls back to the English written in the code.
    #[test]
    fn every_command_and_argument_has_its_texts() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, &[], &mut missing);
        assert!(missing.is_empty(), "no message for: {missing:#?}");
    }

    fn walk(cmd: &Command, path: &[String], missing: &mut Vec<String>) {
        for lang in Lang::ALL {
            let mut need = vec![about_id(path)];
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                let ids = arg_ids(path, id);
                if !ids.iter().any(|i| text(lang, i).is_some()) {
                    missing.push(format!("{}: {ids:?}", lang.code()));
                }
                if a.get_action().takes_values() {
                    need.push(value_id(id));
                }
            }
            for id in need {
                if text(lang, &id).is_none() {
                    missing.push(format!("{}: {id}", lang.code()));
                }
            }
        }
        for c in cmd.get_subcommands() {
            let mut p = path.to_vec();
            p.push(c.get_name().to_string());
            walk(c, &p, missing);
        }
    }

    fn help_of(lang: Lang, args: &[&str]) -> String {
        let mut all = vec!["qatysu"];
        all.extend_from_slice(args);
        all.push("--help");
        match try_parse_from::<Cli, _, _>(lang, all).err() {
            Some(Refused::Shown(e)) => e.to_string(),
            other => panic!("no help: {other:?}"),
        }
    }

    #[test]
    fn help_is_in_the_readers_language() {
        let kk = help_of(Lang::Kk, &[]);
        assert!(kk.contains("Қолданылуы: qatysu <КОМАНДА>"), "{kk}");
        assert!(kk.contains("Командалар:") && kk.contains("tally"), "{kk}");
        assert!(!kk.contains("Usage") && !kk.contains("Commands:"), "{kk}");
        let ru = help_of(Lang::Ru, &["tally"]);
        assert!(
            ru.contains("Использование: qatysu tally [ПАРАМЕТРЫ] <ФАЙЛ>"),
            "{ru}"
        );
        assert!(ru.contains("Правило подсчёта.") && ru.contains("по умолчанию: greedy"));
        assert!(ru.contains("--rule <ПРАВИЛО>") && ru.contains("Показать справку"));
        assert!(
            !ru.contains("possible values") && !ru.contains("Print help"),
            "{ru}"
        );
        let en = help_of(Lang::En, &["user", "add"]);
        assert!(en.contains("Usage: qatysu user add [OPTIONS]"), "{en}");
        assert!(en.contains("--iin-stdin"), "{en}");
    }

    #[test]
    fn clap_errors_are_explained_in_the_readers_language() {
        let refused = |lang, args: &[&str]| match try_parse_from::<Cli, _, _>(lang, args).err() {
            Some(Refused::Mistake { text, code }) => (text, code),
            other => panic!("not refused: {other:?}"),
        };
        let (text, code) = refused(Lang::Ru, &["qatysu", "tally", "x.pb", "--rul", "mes"]);
        assert_eq!(code, 2);
        assert!(
            text.starts_with("Ошибка: Неизвестный аргумент: --rul"),
            "{text}"
        );
        assert!(
            text.contains("--rule") && text.contains("Использование:"),
            "{text}"
        );
        let (text, _) = refused(Lang::Kk, &["qatysu", "tally", "x.pb", "--rule", "best"]);
        assert!(text.contains("best") && text.contains("mes-add1"), "{text}");
        let (text, _) = refused(Lang::En, &["qatysu", "verify"]);
        assert!(
            text.contains("Required arguments missing: <CYCLE_ID>"),
            "{text}"
        );
        for (text, _) in [
            refused(Lang::Kk, &["qatysu", "frob"]),
            refused(Lang::Ru, &["qatysu", "serve", "--addr"]),
            refused(Lang::Kk, &["qatysu", "serve", "--addr", "nowhere"]),
        ] {
            assert!(
                !text.contains("error:") && !text.contains("Usage"),
                "{text}"
            );
        }
    }
}
