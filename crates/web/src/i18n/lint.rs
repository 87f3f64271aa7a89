//! The mechanical rules of Kazakh and Russian that a language review found broken (issue 13)
//! and that a test can keep: every message of `locales/kk` and `locales/ru` is parsed, and the
//! text on either side of each placeable is checked.
//!
//! - kk: no case ending, particle or case-governing postposition right after a placeable. The
//!   ending depends on the last sound of the value ("5-тен", "20-дан", "365-ке"), which the
//!   message cannot know: the ending goes on a noun ("{ $min } таңбадан").
//! - kk: a date inside a sentence carries "күні" ("{ $date } күні"), or stands after a colon or
//!   a dash: the date ends in a bare month name ("28 қараша") that takes no case.
//! - ru: a number beside a noun is inside a plural selector ("осталось 5 дней", "21 год").
//! - kk, ru: no Latin words but the names in [`LATIN_ALLOWED`].

use super::Lang;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A piece of a message's text.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    /// `{ $name }`, with the variables of the selectors it sits in.
    Var {
        name: String,
        selectors: Vec<String>,
    },
    /// The edge of a selector's variant, or a placeable that is no variable: the text on its
    /// two sides does not run together.
    Edge,
}

/// A message's pieces, and its selectors with their variant keys.
#[derive(Debug, Default)]
struct Parsed {
    nodes: Vec<Node>,
    selects: Vec<(String, Vec<String>)>,
}

/// Enough of Fluent's syntax for the messages here: text, `{ $var }`, `{ $var -> [key] … }`.
struct Parser {
    s: Vec<char>,
    i: usize,
    out: Parsed,
}

fn parse(value: &str) -> Parsed {
    let mut p = Parser {
        s: value.chars().collect(),
        i: 0,
        out: Parsed::default(),
    };
    p.pattern(&[], false);
    p.out
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn skip(&mut self, chars: &[char]) {
        while self.peek().is_some_and(|c| chars.contains(&c)) {
            self.i += 1;
        }
    }

    /// Text and placeables to the end, or (in a variant) to the next key or the closing brace.
    fn pattern(&mut self, selectors: &[String], in_variant: bool) {
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if c == '{' {
                self.flush(&mut text);
                self.i += 1;
                self.placeable(selectors);
                continue;
            }
            if in_variant && (c == '}' || (c == '\n' && self.variant_ends_after(self.i + 1))) {
                break;
            }
            text.push(c);
            self.i += 1;
        }
        self.flush(&mut text);
    }

    fn flush(&mut self, text: &mut String) {
        if !text.is_empty() {
            self.out.nodes.push(Node::Text(std::mem::take(text)));
        }
    }

    /// Whether the line starting at `from` opens another variant or closes the selector.
    fn variant_ends_after(&self, from: usize) -> bool {
        let rest = self.s.get(from..).unwrap_or_default();
        let first = rest.iter().copied().find(|c| *c != ' ');
        matches!(first, Some('[' | '*' | '}'))
    }

    fn placeable(&mut self, selectors: &[String]) {
        self.skip(&[' ', '\n']);
        if self.peek() == Some('$') {
            self.i += 1;
            let start = self.i;
            self.skip_name();
            let name: String = self.s[start..self.i].iter().collect();
            self.skip(&[' ', '\n']);
            if self.s.get(self.i..self.i + 2) == Some(&['-', '>'][..]) {
                self.i += 2;
                let mut inner = selectors.to_vec();
                inner.push(name.clone());
                self.variants(name, &inner);
                return;
            }
            if self.peek() == Some('}') {
                self.i += 1;
                self.out.nodes.push(Node::Var {
                    name,
                    selectors: selectors.to_vec(),
                });
                return;
            }
        }
        // Anything else (a literal, a term, a function): opaque, up to its closing brace.
        let mut depth = 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                '{' => depth += 1,
                '}' if depth == 1 => break,
                '}' => depth -= 1,
                _ => {}
            }
        }
        self.out.nodes.push(Node::Edge);
    }

    fn skip_name(&mut self) {
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            self.i += 1;
        }
    }

    fn variants(&mut self, name: String, selectors: &[String]) {
        let mut keys = Vec::new();
        loop {
            self.skip(&[' ', '\n']);
            match self.peek() {
                Some('}') => {
                    self.i += 1;
                    break;
                }
                Some('*') => self.i += 1,
                Some('[') => {}
                _ => break,
            }
            if self.peek() != Some('[') {
                break;
            }
            self.i += 1;
            let start = self.i;
            while self.peek().is_some_and(|c| c != ']') {
                self.i += 1;
            }
            keys.push(
                self.s[start..self.i]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string(),
            );
            self.i += 1;
            self.skip(&[' ']);
            self.out.nodes.push(Node::Edge);
            self.pattern(selectors, true);
            self.out.nodes.push(Node::Edge);
        }
        self.out.selects.push((name, keys));
    }
}

/// Each variable placeable with the text just before and just after it (empty at an edge).
fn placeables(nodes: &[Node]) -> Vec<(&str, &[String], &str, &str)> {
    fn text(n: Option<&Node>) -> &str {
        match n {
            Some(Node::Text(t)) => t.as_str(),
            _ => "",
        }
    }
    nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match n {
            Node::Var { name, selectors } => Some((
                name.as_str(),
                selectors.as_slice(),
                text(i.checked_sub(1).and_then(|b| nodes.get(b))),
                text(nodes.get(i + 1)),
            )),
            _ => None,
        })
        .collect()
}

/// (file, id, value) of the messages in one `.ftl` text. A value goes on over the lines that
/// start with a space, or with the `}` that closes a selector.
fn messages_in(file: &str, text: &str) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        if line.starts_with(|c: char| c.is_ascii_lowercase()) {
            if let Some((id, value)) = line.split_once('=') {
                out.push((
                    file.to_string(),
                    id.trim().to_string(),
                    value.trim_start().into(),
                ));
                open = true;
                continue;
            }
        }
        match out.last_mut() {
            Some(last) if open && (line.starts_with(' ') || line.starts_with('}')) => {
                last.2.push('\n');
                last.2.push_str(line);
            }
            _ => open = false,
        }
    }
    out
}

fn locale_dir(lang: Lang) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.code())
}

fn messages(lang: Lang) -> Vec<(String, String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(locale_dir(lang))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|p| {
            let name = format!(
                "{}/{}",
                lang.code(),
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            messages_in(&name, &std::fs::read_to_string(p).unwrap_or_default())
        })
        .collect()
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// The first word of `s` if `s` starts with it (letters only).
fn word_at_start(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

// ---- kk: endings after a placeable -------------------------------------------------------

/// Kazakh endings whose form follows the last sound of the word before them: plural,
/// possessive, the cases, ordinal, adjectival. A hyphenated word made only of these after a
/// placeable is an ending glued to a value. A word that is not ("{ $n }-жол", "{ $page }-беті":
/// the ordinal written with a hyphen, as Kazakh writes "5-сынып") takes no harmony and passes.
const KK_ENDINGS: &[&str] = &[
    "лар", "лер", "дар", "дер", "тар", "тер", // plural
    "ы", "і", "сы", "сі", "ым", "ім", "м", "ың", "ің", "ң", // possessive
    "ның", "нің", "дың", "дің", "тың", "тің", // genitive
    "ға", "ге", "қа", "ке", "на", "не", "а", "е", // dative
    "ны", "ні", "ды", "ді", "ты", "ті", "н", // accusative
    "да", "де", "та", "те", "нда", "нде", // locative
    "дан", "ден", "тан", "тен", "нан", "нен", // ablative
    "мен", "бен", "пен", // instrumental
    "ыншы", "інші", "ншы", "нші", "шы", "ші", // ordinal
    "ғы", "гі", "қы", "кі", "дағы", "дегі", "тағы", "тегі", // adjectival
    "дай", "дей", "тай", "тей", // similative
];

/// Separate words that still follow the sound before them: "мен/бен/пен" (and), the question
/// particle "ма/ме/ба/бе/па/пе".
const KK_PARTICLES: &[&str] = &["мен", "бен", "пен", "ма", "ме", "ба", "бе", "па", "пе"];

/// Postpositions that need the word before them in the dative or ablative ("28 қарашаға
/// дейін", "5-тен бастап"): a bare value before them lacks the case.
const KK_CASE_POSTPOSITIONS: &[&str] = &[
    "дейін",
    "дейінгі",
    "шейін",
    "қарай",
    "бастап",
    "кейін",
    "кейінгі",
    "соң",
    "бері",
    "бұрын",
];

fn is_ending_chain(w: &str) -> bool {
    w.is_empty()
        || KK_ENDINGS
            .iter()
            .any(|e| w.strip_prefix(e).is_some_and(is_ending_chain))
}

/// Why the text `after` a placeable gives it a Kazakh ending it cannot know, if it does.
fn kk_ending_fault(after: &str) -> Option<String> {
    if let Some(rest) = after.strip_prefix('-') {
        let w: String = rest.chars().take_while(|c| is_cyrillic(*c)).collect();
        if !w.is_empty() && is_ending_chain(&w) {
            return Some(format!("ending \"-{w}\" after a placeable"));
        }
    }
    let w = word_at_start(after.strip_prefix(' ')?);
    if KK_PARTICLES.contains(&w) {
        return Some(format!("\"{w}\" after a placeable"));
    }
    if KK_CASE_POSTPOSITIONS.contains(&w) {
        return Some(format!(
            "\"{w}\" needs a case ending the placeable cannot carry"
        ));
    }
    None
}

// ---- kk: dates in sentences --------------------------------------------------------------

/// The names the code gives to dates it passes to messages (`Lang::date`, `date_of`,
/// `date_time`); `dates_go_by_known_names` keeps the list complete.
const KK_DATE_VARIABLES: &[&str] = &["date", "start", "end", "until", "off", "work"];

/// Whether a date placeable between `before` and `after` is fine in Kazakh: followed by
/// "күн…" ("{ $date } күні", "күнінен"), the subject of a dash ("{ $off } — демалыс күні"), or
/// a label's value after a colon or a dash ("Мерзімі — { $date }.").
fn kk_date_ok(before: &str, after: &str) -> bool {
    if after.starts_with(" күн") || after.starts_with(" —") || after.starts_with(" –") {
        return true;
    }
    let labelled = before.trim_end().is_empty() || before.trim_end().ends_with([':', '—', '–']);
    let ends = after.is_empty()
        || after.starts_with(['.', ',', ';', ':', ')', '('])
        || after.starts_with(" (");
    labelled && ends
}

// ---- ru: numbers beside nouns ------------------------------------------------------------

/// Words that may follow a number in Russian without a plural selector: the prepositions of
/// "37 из 100" and "от 5 до 200", and words that do not change with the number (abbreviations,
/// "фото", "тенге").
const RU_UNCHANGING: &[&str] = &[
    "из",
    "до",
    "фото",
    "тенге",
    "КБ",
    "МБ",
    "ГБ",
    "МРП",
    "га",
    "г",
];

/// A variant key that only a number selects: a CLDR plural category or a number itself.
fn is_plural_key(key: &str) -> bool {
    matches!(key, "zero" | "one" | "two" | "few" | "many" | "other") || key.parse::<f64>().is_ok()
}

/// Numbers that are labels, not counts: "2026 года" reads the same for every year.
const NOT_COUNTS: &[&str] = &["year", "day"];

/// The variables that hold numbers: those a message selects on in en or ru, and those the
/// code passes as numbers (`Arg::Num`, `t_num`).
fn numeric_variables() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for lang in [Lang::En, Lang::Ru] {
        for (_, _, value) in messages(lang) {
            // A selector on words ("[expert_council]") chooses by kind, not by number.
            let plural = |keys: &[String]| keys.iter().any(|k| is_plural_key(k));
            let selects = parse(&value).selects.into_iter();
            out.extend(
                selects
                    .filter(|(_, keys)| plural(keys))
                    .map(|(name, _)| name),
            );
        }
    }
    for src in rust_sources() {
        let compact: String = src.split_whitespace().collect();
        out.extend(named_arguments(&compact, "Num").map(|(name, _)| name));
        out.extend(call_arguments(&compact, "t_num(").map(|(name, _)| name));
    }
    for label in NOT_COUNTS {
        out.remove(*label);
    }
    out
}

/// `name` in every `("name", Arg::…(` of whitespace-free source, with the text after it.
fn named_arguments<'a>(
    compact: &'a str,
    kind: &'a str,
) -> impl Iterator<Item = (String, &'a str)> + 'a {
    [
        format!(",Arg::{kind}("),
        format!(",crate::i18n::Arg::{kind}("),
    ]
    .into_iter()
    .flat_map(move |marker| {
        compact
            .match_indices(&marker)
            .map(|(i, _)| compact.split_at(i))
            .filter_map(|(before, rest)| {
                let name = before.strip_suffix('"')?.rsplit('"').next()?;
                identifier(name).then(|| (name.to_string(), rest))
            })
            .collect::<Vec<_>>()
    })
}

/// `name` in every `f("id", "name", value)` of whitespace-free source, with the value's text.
fn call_arguments<'a>(compact: &'a str, f: &'a str) -> impl Iterator<Item = (String, &'a str)> {
    compact.split(f).skip(1).filter_map(|call| {
        let mut parts = call.strip_prefix('"')?.splitn(4, '"');
        let (_id, comma, name, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        (comma == "," && identifier(name)).then(|| (name.to_string(), rest))
    })
}

/// The expression after the comma that starts `rest`, up to the comma or bracket ending it.
fn argument(rest: &str) -> &str {
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let mut depth = 0i32;
    for (i, c) in rest.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return &rest[..i],
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return &rest[..i],
            _ => {}
        }
    }
    rest
}

fn identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn rust_sources() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// Why the text after a number placeable needs a plural selector, if it does.
fn ru_plural_fault(after: &str) -> Option<String> {
    let w = word_at_start(after.strip_prefix(' ')?);
    let noun = w.starts_with(is_cyrillic) && !RU_UNCHANGING.contains(&w);
    noun.then(|| format!("\"{w}\" after a number outside a plural selector"))
}

// ---- kk, ru: Latin words -----------------------------------------------------------------

/// Latin text allowed in Kazakh and Russian messages: names that have no other spelling.
const LATIN_ALLOWED: &[&str] = &[
    // the state services portal and its app, the bank app that holds digital ID documents
    "eGov Mobile",
    "eGov",
    "Kaspi",
    // the platform's name
    "Qatysu",
    // the public participatory-budgeting data library and its file extension
    "Pabulib",
    ".pb",
    // file and feed formats a reader picks or downloads by that name
    "PDF",
    "JPEG",
    "PNG",
    "CSV",
    "JSON",
    "HTML",
    "Markdown",
    "Atom",
    // the open-data interface, as developers look for it; the wireless standard; the channel
    "API",
    "Wi-Fi",
    "SMS",
    // the start of a link a reader types
    "https://",
    "http://",
];

/// The Latin words left in `text` once allowed names, commands in backticks (typed as they
/// are), e-mail examples and law numbers ("№ 94-V": Roman numerals are part of the number)
/// are taken out.
fn latin_words(text: &str) -> Vec<String> {
    let mut t: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    for name in LATIN_ALLOWED {
        t = t.replace(name, " ");
    }
    let words: Vec<&str> = t.split_whitespace().filter(|w| !w.contains('@')).collect();
    let mut out = Vec::new();
    for w in words {
        let law_number = w
            .split_once('-')
            .is_some_and(|(n, r)| n.ends_with(|c: char| c.is_ascii_digit()) && roman(r));
        if law_number {
            continue;
        }
        let latin: String = w.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if !latin.is_empty() {
            out.push(w.to_string());
        }
    }
    out
}

fn roman(s: &str) -> bool {
    let s = s.trim_end_matches(|c: char| !c.is_alphanumeric());
    !s.is_empty() && s.chars().all(|c| "IVXLC".contains(c))
}

// ---- the checks over every message --------------------------------------------------------

fn faults() -> Vec<String> {
    let numeric = numeric_variables();
    let mut out = Vec::new();
    for lang in [Lang::Kk, Lang::Ru] {
        for (file, id, value) in messages(lang) {
            let parsed = parse(&value);
            let mut note = |what: String| out.push(format!("{file} {id}: {what}"));
            let text: Vec<&str> = parsed
                .nodes
                .iter()
                .filter_map(|n| match n {
                    Node::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect();
            for w in latin_words(&text.join(" ")) {
                note(format!("Latin word {w:?}"));
            }
            for (name, selectors, before, after) in placeables(&parsed.nodes) {
                match lang {
                    Lang::Kk => {
                        if let Some(f) = kk_ending_fault(after) {
                            note(f);
                        }
                        if KK_DATE_VARIABLES.contains(&name) && !kk_date_ok(before, after) {
                            note(format!("date ${name} without \"күні\" or a colon or dash"));
                        }
                    }
                    _ => {
                        if numeric.contains(name) && selectors.is_empty() {
                            if let Some(f) = ru_plural_fault(after) {
                                note(format!("${name}: {f}"));
                            }
                        }
                    }
                }
            }
            if lang == Lang::Ru {
                for (name, keys) in &parsed.selects {
                    if numeric.contains(name) && !keys.iter().any(|k| k == "one") {
                        note(format!("selector on ${name} without [one]"));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn kazakh_and_russian_follow_the_mechanical_rules() {
    let kk = messages(Lang::Kk);
    assert!(kk.len() > 1000, "the message files were read: {}", kk.len());
    let faults = faults();
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// Every date the code hands to a message goes by a name the date rule knows.
#[test]
fn dates_go_by_known_names() {
    let mut found = BTreeSet::new();
    for src in rust_sources() {
        let compact: String = src.split_whitespace().collect();
        let args = named_arguments(&compact, "Str").chain(call_arguments(&compact, "t_str("));
        for (name, rest) in args {
            // A date is made by a `date…` call (`Lang::date`, `date_of`, a page's `date`).
            if argument(rest).contains("date") {
                found.insert(name);
            }
        }
    }
    assert!(
        found.contains("date"),
        "the scan found the dates: {found:?}"
    );
    let unknown: Vec<_> = found
        .iter()
        .filter(|n| !KK_DATE_VARIABLES.contains(&n.as_str()))
        .collect();
    assert!(unknown.is_empty(), "dates under other names: {unknown:?}");
}

#[test]
fn the_parser_sees_placeables_and_selectors() {
    let m = messages_in(
        "x",
        "a = Бар { $n ->\n    [one] { $n } жыл\n   *[other] { $n } лет\n}.\nb = { $d } күні\n",
    );
    assert_eq!(m.len(), 2);
    let p = parse(&m[0].2);
    assert_eq!(
        p.selects,
        [("n".to_string(), vec!["one".into(), "other".into()])]
    );
    let vars = placeables(&p.nodes);
    assert_eq!(vars.len(), 2);
    assert_eq!(vars[0], ("n", &["n".to_string()][..], "", " жыл"));
    assert_eq!(vars[1].3, " лет");
    let b = parse(&m[1].2);
    assert_eq!(placeables(&b.nodes), [("d", &[][..], "", " күні")]);
}

#[test]
fn kazakh_endings_after_a_placeable_are_caught() {
    assert!(kk_ending_fault("-ден { $max } таңбаға").is_some());
    assert!(kk_ending_fault("-ге дейін").is_some());
    assert!(kk_ending_fault("-ының").is_some());
    assert!(kk_ending_fault(" дейін жүріп жатыр").is_some());
    assert!(kk_ending_fault(" мен бүгінгі күн").is_some());
    // An ordinal written with a hyphen, a noun with its own ending, a free word: fine.
    assert_eq!(kk_ending_fault("-жол: "), None);
    assert_eq!(kk_ending_fault("-беті"), None);
    assert_eq!(kk_ending_fault(" таңбадан"), None);
    assert_eq!(kk_ending_fault(" күні аяқталды"), None);
}

#[test]
fn kazakh_dates_need_a_case_word_or_a_label() {
    assert!(!kk_date_ok("Дауыс беру ", " аяқталды"));
    assert!(!kk_date_ok("", " жазылған бюллетень"));
    assert!(kk_date_ok("Дауыс беру ", " күні аяқталды"));
    assert!(kk_date_ok("Мерзімі — ", ": соңғы күн"));
    assert!(kk_date_ok("Тіркелген күні: ", ""));
    assert!(kk_date_ok("оның орнына ", " — жұмыс күні"));
}

#[test]
fn russian_numbers_beside_nouns_need_a_selector() {
    assert!(ru_plural_fault(" предложения в этом цикле").is_some());
    assert!(ru_plural_fault(" лет.").is_some());
    assert_eq!(ru_plural_fault(" из 100"), None);
    assert_eq!(ru_plural_fault(" фото"), None);
    assert_eq!(ru_plural_fault("."), None);
    assert_eq!(ru_plural_fault(""), None);
    let numeric = numeric_variables();
    for n in ["count", "days", "age", "max", "k", "minutes"] {
        assert!(numeric.contains(n), "{n} is a number: {numeric:?}");
    }
    assert!(!numeric.contains("year"));
}

#[test]
fn latin_words_outside_the_allowed_names_are_caught() {
    assert_eq!(latin_words("Телефон немесе e-mail"), ["e-mail"]);
    assert_eq!(latin_words("k жобаға дейін"), ["k"]);
    assert!(latin_words("PDF, JPEG немесе PNG; eGov Mobile; Pabulib .pb").is_empty());
    assert!(latin_words("`qatysu tally ФАЙЛ.pb --rule ЕРЕЖЕ` командасы").is_empty());
    assert!(latin_words("№ 94-V Заң; name@mail.kz; https://").is_empty());
}
