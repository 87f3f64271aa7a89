//! The protocol of results (хаттама / протокол): `/pb/{id}/protocol` as HTML, `.csv` and
//! `.pdf`. Built once as translated text, then written in each format.

use super::{cycle_title, load_cycle, money};
use crate::extract::Id;
use crate::i18n::Arg;
use crate::pages::{render, Ctx};
use crate::{AppError, AppState};
use app::pb::ballots::{Cycle, Published, Territory};
use app::pb::results::Count;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use domain::money::Tenge;
use domain::pb::{BallotType, Stage};
use std::collections::HashMap;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/{id}/protocol", get(html))
        .route("/pb/{id}/protocol.csv", get(csv))
        .route("/pb/{id}/protocol.pdf", get(pdf))
}

/// A paper ballot flagged during double entry: its person had voted already, so the first
/// ballot counts and this one does not.
#[derive(Debug, Clone)]
pub struct FlaggedRow {
    /// The batch and ballot number as written on paper.
    pub ballot: String,
    /// Why it is not counted, in the reader's language (nothing of the person).
    pub reason: String,
}

/// Flagged paper ballots of a cycle, for the protocol's section of that name.
async fn flagged_paper(s: &AppState, c: &Ctx, cycle: Uuid) -> Result<Vec<FlaggedRow>, AppError> {
    Ok(app::pb::paper::flags(&s.app, cycle)
        .await?
        .iter()
        .map(|f| FlaggedRow {
            ballot: format!("{} / {}", f.batch_label, f.ballot_no),
            reason: super::paper::flag_line(c, f),
        })
        .collect())
}

pub struct ProtocolRow {
    rank: usize,
    title: String,
    votes: i64,
    votes_text: String,
    cost: Tenge,
    cost_text: String,
    funded: String,
    within: String,
}

/// Everything the protocol says, in the reader's language.
pub struct Protocol {
    id: Uuid,
    title: String,
    facts: Vec<(String, String)>,
    envelope: Vec<(String, String)>,
    channels: Vec<(String, String)>,
    rows: Vec<ProtocolRow>,
    left: Tenge,
    left_text: String,
    flagged: Vec<FlaggedRow>,
}

fn tenge_plain(t: Tenge) -> String {
    let tiyn = t.tiyn();
    if tiyn % 100 == 0 {
        (tiyn / 100).to_string()
    } else {
        format!("{}.{:02}", tiyn / 100, (tiyn % 100).abs())
    }
}

async fn build(s: &AppState, c: &Ctx, id: Uuid) -> Result<Protocol, AppError> {
    let (cy, t) = load_cycle(s, id).await?;
    if cy.stage < Stage::Results {
        return Err(AppError::NotFound);
    }
    let Some((count, published)) = app::pb::results::published_count(&s.app, &cy).await? else {
        return Err(AppError::NotFound);
    };
    let votes = count.votes.clone();
    Ok(Protocol {
        id: cy.id,
        title: c.t_str("pb-protocol-of", "cycle", &cycle_title(c, &cy, &t)),
        facts: facts(c, &cy, &t, &count, &published),
        envelope: envelope_lines(s, c, &cy, &count).await?,
        channels: count
            .channels
            .iter()
            .map(|(ch, n)| (c.t(&format!("pb-channel-{}", ch.as_str())), c.number(*n)))
            .collect(),
        rows: rows(s, c, &cy, &count, &published, &votes).await?,
        left: left(&count, &published),
        left_text: money(c, left(&count, &published)),
        flagged: flagged_paper(s, c, cy.id).await?,
    })
}

fn left(count: &Count, published: &Published) -> Tenge {
    let spent: i64 = count
        .admitted
        .iter()
        .filter(|p| published.selected.contains(&p.id))
        .map(|p| p.cost.tiyn())
        .sum();
    Tenge::from_tiyn(published.budget_tiyn - spent)
}

fn facts(
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    count: &Count,
    published: &Published,
) -> Vec<(String, String)> {
    let ballot = match cy.ballot {
        BallotType::OneVote => c.t("pb-ballot-one_vote"),
        BallotType::UpTo(k) => c.t_num("pb-ballot-up-to-k", "k", i64::from(k)),
        BallotType::Knapsack => c.t("pb-ballot-knapsack"),
    };
    let population = t.population.unwrap_or(0);
    let turnout = count
        .turnout_bp
        .map(|bp| format!("{}%", c.lang.percent(bp)))
        .unwrap_or_default();
    vec![
        (c.t("pb-col-territory"), t.name(c.lang.code()).to_string()),
        (c.t("pb-field-year"), cy.year.to_string()),
        (
            c.t("pb-field-rule"),
            c.t(&format!("pb-rule-{}", cy.rule.as_str())),
        ),
        (c.t("pb-field-ballot"), ballot),
        (c.t("pb-protocol-eligible"), c.number(population)),
        (
            c.t("pb-protocol-who-could-vote"),
            crate::accounts::requirement_text(c, cy.eligibility.min_level),
        ),
        (c.t("pb-protocol-ballots"), c.number(count.ballots as i64)),
        (c.t("pb-protocol-turnout"), turnout),
        (
            c.t("pb-protocol-counted-at"),
            c.lang.date_of(published.computed_at),
        ),
    ]
}

async fn envelope_lines(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    count: &Count,
) -> Result<Vec<(String, String)>, AppError> {
    let mut out = vec![(
        c.t_str(
            "pb-money-share",
            "share",
            &c.lang.percent(cy.envelope.share_bp),
        ),
        money(c, cy.envelope.base()),
    )];
    for line in &cy.envelope.cofinancing {
        let applied = match (line.min_turnout_bp, count.turnout_bp) {
            (None, _) => true,
            (Some(min), Some(t)) => t >= min,
            (Some(_), None) => false,
        };
        let condition = line
            .min_turnout_bp
            .map(|bp| {
                format!(
                    " ({})",
                    c.t_str("pb-money-if-turnout", "turnout", &c.lang.percent(bp))
                )
            })
            .unwrap_or_default();
        out.push((
            format!(
                "{}{condition}",
                c.t(&format!("pb-source-{}", line.source.as_str()))
            ),
            c.lang.t_args(
                if applied {
                    "pb-protocol-cof-applied"
                } else {
                    "pb-protocol-cof-not-applied"
                },
                &[("amount", Arg::Str(money(c, line.amount)))],
            ),
        ));
    }
    out.push((c.t("pb-money-total"), money(c, count.budget)));
    for (name, amount) in super::envelope::breakdown(s, c, cy, count.budget).await? {
        out.push((c.t_str("pb-protocol-sub-of", "name", &name), amount));
    }
    Ok(out)
}

async fn rows(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    count: &Count,
    published: &Published,
    votes: &HashMap<Uuid, i64>,
) -> Result<Vec<ProtocolRow>, AppError> {
    let names: HashMap<String, String> = app::pb::envelope::breakdown(&s.app, cy, count.budget)
        .await?
        .subs
        .into_iter()
        .filter_map(|(t, _)| t)
        .map(|t| (t.id.to_string(), t.name(c.lang.code()).to_string()))
        .collect();
    let mut admitted = count.admitted.clone();
    admitted.sort_by_key(|p| std::cmp::Reverse(votes.get(&p.id).copied().unwrap_or(0)));
    Ok(admitted
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let n = votes.get(&p.id).copied().unwrap_or(0);
            let funded = published.selected.contains(&p.id);
            let within = match count.outcome.funded_in(&p.id.to_string()) {
                Some(Some(key)) if funded => names.get(key).cloned().unwrap_or_default(),
                Some(None) if funded => c.t("pb-envelope-remainder"),
                _ => String::new(),
            };
            ProtocolRow {
                rank: i + 1,
                title: p.title.clone(),
                votes: n,
                votes_text: c.number(n),
                cost: p.cost,
                cost_text: money(c, p.cost),
                funded: c.t(if funded { "pb-yes" } else { "pb-no" }),
                within,
            }
        })
        .collect())
}

#[derive(Template)]
#[template(path = "pb/protocol.html")]
struct ProtocolPage<'a> {
    c: &'a Ctx,
    p: Protocol,
}

async fn html(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let p = build(&s, &c, id).await?;
    Ok(render(&ProtocolPage { c: &c, p })?.into_response())
}

/// One table: `section,name,value,rank,votes,cost_kzt,funded,within`; summary lines fill
/// `name` and `value`, projects the rest. Amounts in plain tenge.
fn to_csv(c: &Ctx, p: &Protocol) -> String {
    let mut out = String::from("section,name,value,rank,votes,cost_kzt,funded,within\r\n");
    let mut line = |cells: [&str; 8]| {
        out.push_str(&crate::csv::row(&cells));
        out.push_str("\r\n");
    };
    line(["cycle", &p.title, "", "", "", "", "", ""]);
    for (k, v) in &p.facts {
        line(["fact", k, v, "", "", "", "", ""]);
    }
    for (k, v) in &p.envelope {
        line(["envelope", k, v, "", "", "", "", ""]);
    }
    for (k, v) in &p.channels {
        line(["channel", k, v, "", "", "", "", ""]);
    }
    for r in &p.rows {
        line([
            "project",
            &r.title,
            "",
            &r.rank.to_string(),
            &r.votes.to_string(),
            &tenge_plain(r.cost),
            &r.funded,
            &r.within,
        ]);
    }
    line([
        "left",
        &c.t("pb-protocol-left"),
        &tenge_plain(p.left),
        "",
        "",
        "",
        "",
        "",
    ]);
    if p.flagged.is_empty() {
        line(["flagged", &c.t("pb-protocol-none"), "", "", "", "", "", ""]);
    }
    for f in &p.flagged {
        line(["flagged", &f.ballot, &f.reason, "", "", "", "", ""]);
    }
    out
}

async fn csv(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let p = build(&s, &c, id).await?;
    let body = to_csv(&c, &p);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"qatysu-protocol-{}.csv\"", p.id),
            ),
        ],
        body,
    )
        .into_response())
}

fn to_lines(c: &Ctx, p: &Protocol) -> Vec<(f32, String)> {
    let mut l: Vec<(f32, String)> = vec![(14.0, p.title.clone()), (8.0, String::new())];
    for (k, v) in &p.facts {
        l.push((9.5, format!("{k}: {v}")));
    }
    l.push((8.0, String::new()));
    l.push((12.0, c.t("pb-money")));
    for (k, v) in &p.envelope {
        l.push((9.5, format!("{k}: {v}")));
    }
    l.push((8.0, String::new()));
    l.push((12.0, c.t("pb-protocol-channels")));
    for (k, v) in &p.channels {
        l.push((9.5, format!("{k}: {v}")));
    }
    l.push((8.0, String::new()));
    l.push((12.0, c.t("pb-proposals")));
    for r in &p.rows {
        let within = if r.within.is_empty() {
            String::new()
        } else {
            format!(" · {}", r.within)
        };
        l.push((
            9.0,
            format!(
                "{}. {} — {}: {} · {}: {} · {}: {}{within}",
                r.rank,
                r.title,
                c.t("pb-col-votes"),
                r.votes_text,
                c.t("pb-field-cost"),
                r.cost_text,
                c.t("pb-results-funded"),
                r.funded
            ),
        ));
    }
    l.push((8.0, String::new()));
    l.push((
        10.0,
        format!("{}: {}", c.t("pb-protocol-left"), p.left_text),
    ));
    l.push((8.0, String::new()));
    l.push((12.0, c.t("pb-protocol-flagged")));
    if p.flagged.is_empty() {
        l.push((9.5, c.t("pb-protocol-none")));
    }
    for f in &p.flagged {
        l.push((9.5, format!("{}: {}", f.ballot, f.reason)));
    }
    l.push((8.0, String::new()));
    l.push((7.5, format!("Qatysu · {}", p.id)));
    l
}

async fn pdf(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let p = build(&s, &c, id).await?;
    let lines = to_lines(&c, &p);
    crate::pages::pdf_response(format!("qatysu-protocol-{}.pdf", p.id), move || {
        pdf::text_document(&lines)
    })
    .await
}
