//! Results: the count through the `tally` engine when voting closes, the public results
//! page, the anonymised ballots as a Pabulib file, and the recount that `qatysu verify` runs.

use super::{load_cycle, money};
use crate::extract::Id;
use crate::i18n::Arg;
use crate::pages::{render, Ctx};
use crate::{AppError, AppState};
use app::pb::ballots::{Cycle, Published};
use app::pb::results::Count;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::money::Tenge;
use domain::pb::Stage;
use serde::Serialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/{id}/results", get(page))
        .route("/pb/{id}/ballots.pb", get(ballots_pb))
        .route("/api/v1/cycles/{id}/results", get(api))
        .route("/api/v1/cycles/{id}/ballots.pb", get(ballots_pb))
}

pub struct ResultRow {
    rank: usize,
    id: Uuid,
    title: String,
    votes: String,
    cost: String,
    funded: bool,
}

#[derive(Template)]
#[template(path = "pb/results.html")]
struct ResultsPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    summary: String,
    turnout: String,
    channels: Vec<String>,
    rows: Vec<ResultRow>,
    flags: Vec<String>,
    /// Assisted ballots per coordinator ("name — n ballots"), published (security review H2).
    assisted: Vec<String>,
    /// The count had village quotas or district sub-envelopes: explain the procedure.
    quotas: bool,
}

async fn published_count(s: &AppState, cy: &Cycle) -> Result<(Count, Published), AppError> {
    app::pb::results::published_count(&s.app, cy)
        .await?
        .ok_or(AppError::NotFound)
}

async fn page(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    if cy.stage < Stage::Results {
        return Err(AppError::NotFound);
    }
    let (count, published) = published_count(&s, &cy).await?;
    let votes = &count.votes;
    let spent: i64 = count
        .admitted
        .iter()
        .filter(|p| published.selected.contains(&p.id))
        .map(|p| p.cost.tiyn())
        .sum();
    let mut admitted = count.admitted.clone();
    admitted.sort_by_key(|p| std::cmp::Reverse(votes.get(&p.id).copied().unwrap_or(0)));
    let rows = admitted
        .iter()
        .enumerate()
        .map(|(i, p)| ResultRow {
            rank: i + 1,
            id: p.id,
            title: p.title.clone(),
            votes: c.number(votes.get(&p.id).copied().unwrap_or(0)),
            cost: money(&c, p.cost),
            funded: published.selected.contains(&p.id),
        })
        .collect();
    let summary = c.lang.t_args(
        "pb-results-summary",
        &[
            (
                "rule",
                Arg::Str(c.t(&format!("pb-rule-{}", cy.rule.as_str()))),
            ),
            (
                "budget",
                Arg::Str(money(&c, Tenge::from_tiyn(published.budget_tiyn))),
            ),
            ("spent", Arg::Str(money(&c, Tenge::from_tiyn(spent)))),
            (
                "left",
                Arg::Str(money(&c, Tenge::from_tiyn(published.budget_tiyn - spent))),
            ),
        ],
    );
    let turnout = match count.turnout_bp {
        Some(bp) => c.lang.t_args(
            "pb-results-turnout",
            &[
                ("ballots", Arg::Str(c.number(count.ballots as i64))),
                ("percent", Arg::Str(c.lang.percent(bp))),
            ],
        ),
        None => c.t_num("pb-results-ballots", "ballots", count.ballots as i64),
    };
    let channels = count
        .channels
        .iter()
        .map(|(ch, n)| {
            format!(
                "{}: {}",
                c.t(&format!("pb-channel-{}", ch.as_str())),
                c.number(*n)
            )
        })
        .collect();
    let assisted = app::pb::assisted::published_counts(&s.app, &cy)
        .await?
        .into_iter()
        .map(|(name, n)| {
            c.lang.t_args(
                "pb-assisted-published-line",
                &[
                    ("name", Arg::Str(name)),
                    ("ballots", Arg::Str(c.number(n))),
                    ("n", Arg::Num(n)),
                ],
            )
        })
        .collect();
    let page = ResultsPage {
        flags: super::paper::flag_lines(&s, &c, cy.id).await?,
        assisted,
        c: &c,
        id: cy.id,
        cycle_title: super::cycle_title(&c, &cy, &t),
        summary,
        turnout,
        channels,
        rows,
        quotas: !count.subs.is_empty(),
    };
    Ok(render(&page)?.into_response())
}

/// The anonymised ballots as a Pabulib file; project ids are the proposal ids of the API.
async fn ballots_pb(State(s): State<AppState>, Id(id): Id) -> Result<Response, AppError> {
    let (cy, _) = load_cycle(&s, id).await?;
    let text = app::pb::results::ballots_pb(&s.app, &cy).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/plain; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"qatysu-{}.pb\"", cy.id),
            ),
        ],
        text,
    )
        .into_response())
}

#[derive(Serialize)]
pub struct ResultsJson {
    rule: String,
    budget: f64,
    selected: Vec<Uuid>,
    projects: Vec<ProjectJson>,
}

#[derive(Serialize)]
struct ProjectJson {
    id: Uuid,
    cost: f64,
    votes: i64,
    funded: bool,
}

async fn api(State(s): State<AppState>, Id(id): Id) -> Result<Json<ResultsJson>, AppError> {
    let (cy, _) = load_cycle(&s, id).await?;
    if cy.stage < Stage::Results {
        return Err(AppError::NotFound);
    }
    let (count, published) = published_count(&s, &cy).await?;
    let votes = &count.votes;
    Ok(Json(ResultsJson {
        rule: published.rule.clone(),
        budget: published.budget_tiyn as f64 / 100.0,
        projects: count
            .admitted
            .iter()
            .map(|p| ProjectJson {
                id: p.id,
                cost: p.cost.tiyn() as f64 / 100.0,
                votes: votes.get(&p.id).copied().unwrap_or(0),
                funded: published.selected.contains(&p.id),
            })
            .collect(),
        selected: published.selected,
    }))
}
