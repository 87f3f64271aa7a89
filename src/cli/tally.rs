//! `qatysu tally FILE.pb` — count a Pabulib election with any rule of the `tally` crate. The
//! text tables are in the reader's language (`cli-tally-…` in `cli.ftl`): rules by their
//! names, amounts grouped; `--format json` is for programs and stays as it is.

use crate::i18n::{decimal, decimal_text, Arg as Value, Lang};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use tally::outcome::{EqualSharesReport, Verdict};
use tally::{compare, count, Election, Options, Outcome, Rule, TieBreak, Utility};

#[derive(Args, Debug, Clone)]
pub struct TallyArgs {
    /// A Pabulib `.pb` file.
    pub file: PathBuf,
    /// Counting rule.
    #[arg(long, value_enum, default_value_t = RuleArg::Greedy)]
    pub rule: RuleArg,
    /// Voter utility for the Method of Equal Shares (default: cost; points on cumulative ballots).
    #[arg(long, value_enum)]
    pub utility: Option<UtilityArg>,
    /// Tie-breaking (default: the smaller project id, as pabutools does).
    #[arg(long, value_enum)]
    pub tie: Option<TieArg>,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Every rule beside the file's official `selected` column, and why MES bought or skipped
    /// each project.
    #[arg(long)]
    pub compare: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleArg {
    Greedy,
    GreedyNoSkip,
    GreedyThreshold,
    GreedyRatio,
    Mes,
    MesAdd1,
    MesAdd1Pabulib,
    MesAdd1Greedy,
    Phragmen,
    MaxWelfare,
}

impl From<RuleArg> for Rule {
    fn from(r: RuleArg) -> Rule {
        match r {
            RuleArg::Greedy => Rule::Greedy,
            RuleArg::GreedyNoSkip => Rule::GreedyNoSkip,
            RuleArg::GreedyThreshold => Rule::GreedyThreshold,
            RuleArg::GreedyRatio => Rule::GreedyRatio,
            RuleArg::Mes => Rule::Mes,
            RuleArg::MesAdd1 => Rule::MesAdd1,
            RuleArg::MesAdd1Pabulib => Rule::MesAdd1Pabulib,
            RuleArg::MesAdd1Greedy => Rule::MesAdd1Greedy,
            RuleArg::Phragmen => Rule::Phragmen,
            RuleArg::MaxWelfare => Rule::MaxWelfare,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum UtilityArg {
    Cost,
    Approval,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieArg {
    Votes,
    Cheapest,
    Costliest,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    Text,
    Json,
}

/// The words of the text output, in the reader's language.
struct Labels {
    lang: Lang,
    rule: String,
    budget: String,
    spent: String,
    project: String,
    cost: String,
    votes: String,
    order: String,
    official: String,
    no_official: String,
    official_column: String,
    chosen: String,
}

impl Labels {
    fn new(lang: Lang) -> Labels {
        let t = |id: &str| lang.t(id);
        Labels {
            lang,
            rule: t("cli-tally-rule"),
            budget: t("cli-tally-budget"),
            spent: t("cli-tally-spent"),
            project: t("cli-tally-project"),
            cost: t("cli-tally-cost"),
            votes: t("cli-tally-votes"),
            order: t("cli-tally-order"),
            official: t("cli-tally-official"),
            no_official: t("cli-tally-no-official"),
            official_column: t("cli-tally-official-column"),
            chosen: t("cli-tally-chosen"),
        }
    }

    /// An amount as the language writes it: "1 500 000", "1,500,000".
    fn amount(&self, a: impl std::fmt::Display) -> String {
        decimal_text(self.lang, &a.to_string())
    }

    fn t_args(&self, id: &str, args: &[(&'static str, String)]) -> String {
        let args: Vec<(&'static str, Value)> = args
            .iter()
            .map(|(k, v)| (*k, Value::Str(v.clone())))
            .collect();
        self.lang.t_args(id, &args)
    }
}

/// A rule's name for people ("Method of Equal Shares"), the `--rule` value beside it.
pub fn rule_name(lang: Lang, rule: &str) -> String {
    match lang.try_t_args(&format!("cli-tally-rule-{rule}"), &[]) {
        Some(name) => format!("{name} ({rule})"),
        None => rule.to_string(),
    }
}

pub fn run(args: &TallyArgs, lang: Lang) -> anyhow::Result<()> {
    // One line: the file and what is wrong with it (the I/O error already names the file).
    let election = tally::pb::read_file(&args.file).map_err(|e| match e {
        tally::pb::ReadError::Io { .. } => anyhow::anyhow!("{e}"),
        _ => anyhow::anyhow!("{}: {e}", args.file.display()),
    })?;
    let opts = Options {
        utility: match args.utility {
            None => Utility::Default,
            Some(UtilityArg::Cost) => Utility::Cost,
            Some(UtilityArg::Approval) => Utility::Approval,
        },
        tie: match args.tie {
            None => TieBreak::Id,
            Some(TieArg::Votes) => TieBreak::Votes,
            Some(TieArg::Cheapest) => TieBreak::Cheapest,
            Some(TieArg::Costliest) => TieBreak::Costliest,
        },
    };
    let l = Labels::new(lang);
    let rule = Rule::from(args.rule);
    let text = if args.compare {
        let comparison = compare(&election, &opts);
        match args.format {
            FormatArg::Json => comparison.to_json(),
            FormatArg::Text => {
                let explained = if rule.is_equal_shares() {
                    rule
                } else {
                    Rule::Mes
                };
                compare_text(&election, &comparison.outcomes, explained, &l)
            }
        }
    } else {
        let outcome = count(&election, rule, &opts);
        match args.format {
            FormatArg::Json => outcome.to_json(),
            FormatArg::Text => outcome_text(&election, &outcome, &l),
        }
    };
    // `qatysu tally … | head` must not end in a panic when the reader stops early.
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn outcome_text(election: &Election, o: &Outcome, l: &Labels) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}: {}", l.rule, rule_name(l.lang, o.rule.label()));
    let _ = writeln!(
        s,
        "{}: {}   {}: {}",
        l.budget,
        l.amount(o.budget),
        l.spent,
        l.amount(o.spent)
    );
    let selected = l.t_args(
        "cli-tally-selected-of",
        &[
            ("k", l.lang.number(o.selected.len() as i64)),
            ("n", l.lang.number(election.projects.len() as i64)),
        ],
    );
    let _ = writeln!(s, "{selected}");
    let idw = id_width(election, &l.project);
    let _ = writeln!(
        s,
        "\n{:>5}  {:<idw$}  {:>14}  {:>8}",
        l.order, l.project, l.cost, l.votes
    );
    let mut rows: Vec<&tally::outcome::ProjectOutcome> = o.projects.iter().collect();
    // Winners in selection order first, then the rest by votes.
    rows.sort_by(|a, b| match (a.round, b.round) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.votes.cmp(&a.votes).then_with(|| a.id.cmp(&b.id)),
    });
    for p in rows {
        let order = p.round.map_or("-".to_string(), |r| r.to_string());
        let _ = writeln!(
            s,
            "{:>5}  {:<idw$}  {:>14}  {:>8}",
            order,
            p.id,
            l.amount(p.cost),
            l.amount(p.votes)
        );
    }
    if let Some(report) = &o.equal_shares {
        s.push('\n');
        s.push_str(&explain(report, l));
    }
    s
}

fn id_width(election: &Election, header: &str) -> usize {
    election
        .projects
        .iter()
        .map(|p| p.id.chars().count())
        .chain(std::iter::once(header.chars().count()))
        .max()
        .unwrap_or(8)
}

fn short(rule: Rule) -> &'static str {
    match rule {
        Rule::Greedy => "G",
        Rule::GreedyNoSkip => "GN",
        Rule::GreedyThreshold => "GT",
        Rule::GreedyRatio => "GR",
        Rule::Mes => "M",
        Rule::MesAdd1 => "M1",
        Rule::MesAdd1Pabulib => "MP",
        Rule::MesAdd1Greedy => "MG",
        Rule::Phragmen => "P",
        Rule::MaxWelfare => "W",
    }
}

fn compare_text(election: &Election, outcomes: &[Outcome], explained: Rule, l: &Labels) -> String {
    let mut s = String::new();
    let official = election.official_selection();
    let _ = writeln!(
        s,
        "{}: {}   {}: {}",
        l.budget,
        outcomes
            .first()
            .map_or(String::new(), |o| l.amount(o.budget)),
        l.official,
        match (&official, election.meta("rule")) {
            (Some(_), Some(r)) => rule_name(l.lang, r),
            (Some(_), None) => "?".to_string(),
            (None, _) => l.no_official.to_string(),
        }
    );
    // The columns' short names, one rule a line: the table stays narrow.
    for o in outcomes {
        let _ = writeln!(
            s,
            "{:>3} = {}",
            short(o.rule),
            rule_name(l.lang, o.rule.label())
        );
    }
    if official.is_some() {
        let _ = writeln!(
            s,
            "{}",
            l.t_args(
                "cli-tally-legend-official",
                &[("column", l.official_column.clone())]
            )
        );
    }
    let _ = writeln!(s, "{}\n", l.lang.t("cli-tally-legend-rounds"));
    let idw = id_width(election, &l.project);
    let ofw = l.official_column.chars().count();
    let _ = write!(
        s,
        "{:<idw$}  {:>14}  {:>7}  {:>ofw$}",
        l.project, l.cost, l.votes, l.official_column
    );
    for o in outcomes {
        let _ = write!(s, " {:>3}", short(o.rule));
    }
    s.push('\n');
    let mut order: Vec<usize> = (0..election.projects.len()).collect();
    let votes = election.approval_counts();
    order.sort_by(|&a, &b| {
        votes[b]
            .cmp(&votes[a])
            .then_with(|| election.projects[a].id.cmp(&election.projects[b].id))
    });
    let official_set: Vec<bool> = {
        let mut v = vec![false; election.projects.len()];
        for &p in official.iter().flatten() {
            v[p] = true;
        }
        v
    };
    for p in order {
        let proj = &election.projects[p];
        let of = match &official {
            None => "",
            Some(_) if official_set[p] => "●",
            Some(_) => "·",
        };
        let _ = write!(
            s,
            "{:<idw$}  {:>14}  {:>7}  {:>ofw$}",
            proj.id,
            l.amount(election.cost_scaled(p).to_decimal_string()),
            l.amount(votes[p]),
            of
        );
        for o in outcomes {
            let cell = o.projects[p]
                .round
                .map_or("·".to_string(), |r| r.to_string());
            let _ = write!(s, " {:>3}", cell);
        }
        s.push('\n');
    }
    let _ = write!(s, "{:<idw$}  {:>14}  {:>7}  {:>ofw$}", l.chosen, "", "", "");
    for o in outcomes {
        let _ = write!(s, " {:>3}", o.selected.len());
    }
    s.push('\n');
    for o in outcomes {
        let _ = writeln!(s, "{:>3} {}: {}", short(o.rule), l.spent, l.amount(o.spent));
    }
    if let Some(report) = outcomes
        .iter()
        .find(|o| o.rule == explained)
        .and_then(|o| o.equal_shares.as_ref())
    {
        let _ = writeln!(s, "\n[{}]", rule_name(l.lang, explained.label()));
        s.push_str(&explain(report, l));
    }
    s
}

fn explain(report: &EqualSharesReport, l: &Labels) -> String {
    let lang = l.lang;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        l.t_args(
            "cli-tally-why",
            &[
                ("share", decimal(lang, report.voter_share, 2)),
                ("runs", lang.number(report.runs as i64)),
            ],
        )
    );
    let mut notes: Vec<_> = report.projects.iter().collect();
    notes.sort_by(|a, b| match (a.round, b.round) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.supporters.cmp(&a.supporters),
    });
    let w = notes
        .iter()
        .map(|n| n.id.chars().count())
        .max()
        .unwrap_or(8);
    for n in notes {
        let round = n.round.map_or("-".to_string(), |r| r.to_string());
        let why = match n.verdict {
            Verdict::Bought => l.t_args(
                "cli-tally-funded",
                &[
                    (
                        "price",
                        decimal(lang, n.price_per_supporter.unwrap_or(0.0), 2),
                    ),
                    ("votes", decimal(lang, n.effective_votes.unwrap_or(0.0), 1)),
                ],
            ),
            Verdict::BoughtByCompletion => lang.t("cli-tally-completion"),
            Verdict::NoSupport => lang.t("cli-tally-no-support"),
            Verdict::SupportersCannotAfford { supporters_money } => l.t_args(
                "cli-tally-cannot-afford",
                &[("money", decimal(lang, supporters_money, 2))],
            ),
        };
        let _ = writeln!(
            s,
            "{:>4}  {:<w$}  {:>6}  {}",
            round,
            n.id,
            l.amount(n.supporters),
            why
        );
    }
    let funded = report
        .projects
        .iter()
        .filter(|n| matches!(n.verdict, Verdict::Bought | Verdict::BoughtByCompletion))
        .count();
    let _ = write!(
        s,
        "{}",
        l.t_args(
            "cli-tally-total",
            &[
                ("funded", lang.number(funded as i64)),
                ("all", lang.number(report.projects.len() as i64)),
            ],
        )
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small approval election: budget 1 500 000, three projects.
    const FILE: &str = "META\nkey;value\ndescription;test\ncountry;Kazakhstan\nunit;Test\ninstance;2026\nnum_projects;3\nnum_votes;4\nbudget;1500000\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost;votes;selected\np1;1000000;3;1\np2;600000;2;0\np3;400000;1;1\nVOTES\nvoter_id;vote\nv1;p1,p2\nv2;p1,p3\nv3;p1\nv4;p2\n";

    fn election() -> Election {
        tally::pb::read_str(FILE).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_table_names_the_rule_and_groups_amounts() {
        let e = election();
        let o = count(&e, Rule::Mes, &Options::default());
        let ru = outcome_text(&e, &o, &Labels::new(Lang::Ru));
        assert!(ru.contains("Правило: Метод равных долей (mes)"), "{ru}");
        assert!(ru.contains("Бюджет: 1\u{a0}500\u{a0}000"), "{ru}");
        assert!(ru.contains("1\u{a0}000\u{a0}000"), "{ru}");
        assert!(
            ru.contains("профинансирован") && !ru.contains("куплен"),
            "{ru}"
        );
        assert!(ru.contains("число пересчётов"), "{ru}");
        let kk = outcome_text(&e, &o, &Labels::new(Lang::Kk));
        assert!(kk.contains("Тең үлестер әдісі (mes)"), "{kk}");
        assert!(
            kk.contains("дауыс берушінің үлесі") && !kk.contains("сайлаушы"),
            "{kk}"
        );
        let en = outcome_text(&e, &o, &Labels::new(Lang::En));
        assert!(en.contains("Budget: 1,500,000"), "{en}");
    }

    #[test]
    fn the_comparison_explains_its_columns() {
        let e = election();
        let c = compare(&e, &Options::default());
        let kk = compare_text(&e, &c.outcomes, Rule::Mes, &Labels::new(Lang::Kk));
        assert!(!kk.contains(" OF ") && !kk.contains("=greedy"), "{kk}");
        assert!(kk.contains("  G = ") && kk.contains("(greedy)"), "{kk}");
        assert!(!kk.contains("ашкөз"), "{kk}");
        let ru = compare_text(&e, &c.outcomes, Rule::Mes, &Labels::new(Lang::Ru));
        assert!(ru.contains("Официальный итог: Больше голосов"), "{ru}");
    }
}
