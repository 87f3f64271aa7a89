//! Funded projects of a cycle and of a territory, with progress and what is late.

use crate::extract::{Id, Path};
use crate::i18n::Arg;
use crate::pages::{render, Ctx};
use crate::{AppError, AppState};
use app::projects::Summary;
use askama::Template;
use axum::extract::State;
use axum::response::Html;

pub struct Row {
    id: String,
    title: String,
    sum: String,
    percent: i64,
    recorded: bool,
    late: bool,
    over_budget: bool,
    unanswered: i64,
}

#[derive(Template)]
#[template(path = "projects/list.html")]
struct ListPage<'a> {
    c: &'a Ctx,
    title: String,
    /// (link, text) back to the cycle or the territory.
    back: (String, String),
    cycle_id: Option<String>,
    rows: Vec<Row>,
}

/// One line per funded proposal.
fn rows(c: &Ctx, list: Vec<Summary>) -> Vec<Row> {
    list.into_iter()
        .map(|x| Row {
            id: x.proposal.id.to_string(),
            sum: x
                .implementation
                .as_ref()
                .map(|i| i.contract_sum)
                .unwrap_or(x.proposal.cost)
                .format(c.lang.code()),
            title: x.proposal.title,
            percent: i64::from(x.progress),
            recorded: x.implementation.is_some(),
            late: x.health.late,
            over_budget: x.health.over_budget,
            unanswered: x.unanswered as i64,
        })
        .collect()
}

pub async fn cycle(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
) -> Result<Html<String>, AppError> {
    let (cy, t, list) = app::projects::of_cycle(&s, id).await?;
    let cycle_title = c.lang.t_args(
        "pb-cycle-title",
        &[
            ("year", Arg::Str(cy.year.to_string())),
            ("territory", Arg::Str(t.name(c.lang.code()).to_string())),
        ],
    );
    render(&ListPage {
        rows: rows(&c, list),
        title: c.t("projects-list-title"),
        back: (format!("/pb/{}", cy.id), cycle_title),
        cycle_id: Some(cy.id.to_string()),
        c: &c,
    })
}

pub async fn territory(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Html<String>, AppError> {
    let t = crate::territories::load(&s, &kato).await?;
    let list = app::projects::under(&s, &t.path).await?;
    render(&ListPage {
        rows: rows(&c, list),
        title: c.t_str(
            "projects-territory-title",
            "territory",
            t.name(c.lang.code()),
        ),
        back: (
            format!("/territories/{}", t.kato),
            t.name(c.lang.code()).to_string(),
        ),
        cycle_id: None,
        c: &c,
    })
}
