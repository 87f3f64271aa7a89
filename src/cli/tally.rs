//! `qatysu tally FILE.pb` — count a Pabulib election with any rule of the `tally` crate.

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

/// The few words of the text output, in the user's language.
struct Labels {
    rule: &'static str,
    budget: &'static str,
    spent: &'static str,
    /// `{k}` selected of `{n}` projects: a whole sentence per language (Kazakh keeps the noun singular after a numeral).
    selected_of: &'static str,
    project: &'static str,
    cost: &'static str,
    votes: &'static str,
    order: &'static str,
    official: &'static str,
    no_official: &'static str,
    why: &'static str,
    share: &'static str,
    runs: &'static str,
    bought: &'static str,
    completion: &'static str,
    no_support: &'static str,
    cannot_afford: &'static str,
    price: &'static str,
    effective: &'static str,
    total: &'static str,
    chosen: &'static str,
}

fn labels(lang: &str) -> Labels {
    match lang {
        "kk" => Labels {
            rule: "Ереже",
            budget: "Бюджет",
            spent: "Жұмсалды",
            selected_of: "Таңдалған жоба саны: {k} / {n}",
            project: "Жоба",
            cost: "Құны",
            votes: "Дауыс",
            order: "Реті",
            official: "Ресми нәтиже",
            no_official: "файлда ресми нәтиже жоқ",
            why: "Тең үлестер әдісі: әр жоба неге қаржыландырылды не қаржыландырылмады",
            share: "бір сайлаушының үлесі",
            runs: "есептеу саны",
            bought: "қаржыландырылды",
            completion: "ашкөз әдіспен толықтыру кезінде қосылды",
            no_support: "жақтаушысы жоқ",
            cannot_afford: "жақтаушыларының қалған қаражаты жетпеді",
            price: "бір жақтаушының төлемі",
            effective: "тиімді дауыс саны",
            total: "Барлығы",
            chosen: "Таңдалғаны",
        },
        "ru" => Labels {
            rule: "Правило",
            budget: "Бюджет",
            spent: "Израсходовано",
            selected_of: "Выбрано проектов: {k} из {n}",
            project: "Проект",
            cost: "Стоимость",
            votes: "Голоса",
            order: "Порядок",
            official: "Официальный итог",
            no_official: "в файле нет официального итога",
            why: "Метод равных долей: почему проект куплен или нет",
            share: "доля избирателя",
            runs: "прогонов",
            bought: "куплен",
            completion: "добавлен жадным дополнением",
            no_support: "нет сторонников",
            cannot_afford: "остатка денег сторонников не хватило",
            price: "цена на сторонника",
            effective: "эффективных голосов",
            total: "Итого",
            chosen: "Выбрано",
        },
        _ => Labels {
            rule: "Rule",
            budget: "Budget",
            spent: "Spent",
            selected_of: "Projects selected: {k} of {n}",
            project: "Project",
            cost: "Cost",
            votes: "Votes",
            order: "Order",
            official: "Official outcome",
            no_official: "the file has no official outcome",
            why: "Method of Equal Shares: why each project was or was not bought",
            share: "share per voter",
            runs: "runs",
            bought: "bought",
            completion: "added by the greedy completion",
            no_support: "no supporters",
            cannot_afford: "its supporters' money left was not enough",
            price: "price per supporter",
            effective: "effective votes",
            total: "Total",
            chosen: "Selected",
        },
    }
}

pub fn run(args: &TallyArgs, lang: &str) -> anyhow::Result<()> {
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
    let l = labels(lang);
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
    let _ = writeln!(s, "{}: {}", l.rule, o.rule);
    let _ = writeln!(s, "{}: {}   {}: {}", l.budget, o.budget, l.spent, o.spent);
    let line = l
        .selected_of
        .replace("{k}", &o.selected.len().to_string())
        .replace("{n}", &election.projects.len().to_string());
    let _ = writeln!(s, "{line}");
    let idw = id_width(election, l.project);
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
            p.cost.to_string(),
            p.votes
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
            .map_or(String::new(), |o| o.budget.to_string()),
        l.official,
        match (&official, election.meta("rule")) {
            (Some(_), Some(r)) => r.to_string(),
            (Some(_), None) => "?".to_string(),
            (None, _) => l.no_official.to_string(),
        }
    );
    let legend: Vec<String> = outcomes
        .iter()
        .map(|o| format!("{}={}", short(o.rule), o.rule))
        .collect();
    let _ = writeln!(s, "{}\n", legend.join("  "));
    let idw = id_width(election, l.project);
    let _ = write!(
        s,
        "{:<idw$}  {:>14}  {:>7}  {:>3}",
        l.project, l.cost, l.votes, "OF"
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
            "{:<idw$}  {:>14}  {:>7}  {:>3}",
            proj.id,
            election.cost_scaled(p).to_decimal_string(),
            votes[p],
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
    let _ = write!(s, "{:<idw$}  {:>14}  {:>7}  {:>3}", l.chosen, "", "", "");
    for o in outcomes {
        let _ = write!(s, " {:>3}", o.selected.len());
    }
    s.push('\n');
    for o in outcomes {
        let _ = writeln!(
            s,
            "{:>3} {:<17} {}: {}",
            short(o.rule),
            o.rule.label(),
            l.spent,
            o.spent
        );
    }
    if let Some(report) = outcomes
        .iter()
        .find(|o| o.rule == explained)
        .and_then(|o| o.equal_shares.as_ref())
    {
        let _ = writeln!(s, "\n[{}]", explained);
        s.push_str(&explain(report, l));
    }
    s
}

fn explain(report: &EqualSharesReport, l: &Labels) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}: {:.2}, {}: {})",
        l.why, l.share, report.voter_share, l.runs, report.runs
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
            Verdict::Bought => format!(
                "{}: {} {:.2}, {} {:.1}",
                l.bought,
                l.price,
                n.price_per_supporter.unwrap_or(0.0),
                l.effective,
                n.effective_votes.unwrap_or(0.0)
            ),
            Verdict::BoughtByCompletion => l.completion.to_string(),
            Verdict::NoSupport => l.no_support.to_string(),
            Verdict::SupportersCannotAfford { supporters_money } => {
                format!("{} ({:.2})", l.cannot_afford, supporters_money)
            }
        };
        let _ = writeln!(
            s,
            "{:>4}  {:<w$}  {:>6}  {}",
            round, n.id, n.supporters, why
        );
    }
    let bought = report
        .projects
        .iter()
        .filter(|n| matches!(n.verdict, Verdict::Bought | Verdict::BoughtByCompletion))
        .count();
    let _ = write!(s, "{}: {} / {}", l.total, bought, report.projects.len());
    s
}
