//! Funded projects of a cycle and of a territory, with progress and what is late.

use crate::i18n::Arg;
use crate::pages::{render, Ctx};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use domain::projects::{health, progress};
use store::projects as prj;
use store::territories::path_string;
use uuid::Uuid;

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
async fn rows(s: &AppState, c: &Ctx, ids: &[Uuid]) -> Result<Vec<Row>, AppError> {
    let today = s.clock.today();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(p) = store::pb::proposals::get(&s.db, *id).await? else {
            continue;
        };
        let imp = prj::get(&s.db, p.id).await?;
        let ms: Vec<u8> = prj::milestones(&s.db, p.id)
            .await?
            .iter()
            .map(|m| m.progress)
            .collect();
        let paid = prj::paid(&s.db, p.id).await?;
        let h = imp
            .as_ref()
            .map(|i| health(i.planned_end, i.actual_end, today, i.contract_sum, paid))
            .unwrap_or_default();
        let unanswered = prj::monitoring::reports(&s.db, p.id)
            .await?
            .iter()
            .filter(|r| r.answer.is_none())
            .count() as i64;
        out.push(Row {
            id: p.id.to_string(),
            title: p.title,
            sum: imp
                .as_ref()
                .map(|i| i.contract_sum)
                .unwrap_or(p.cost)
                .format(c.lang.code()),
            percent: i64::from(progress(
                &ms,
                imp.as_ref().is_some_and(|i| i.actual_end.is_some()),
            )),
            recorded: imp.is_some(),
            late: h.late,
            over_budget: h.over_budget,
            unanswered,
        });
    }
    Ok(out)
}

pub async fn cycle(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let cy = store::pb::get(&s.db, id).await?.ok_or(AppError::NotFound)?;
    let t = store::territories::by_id(&s.db, cy.territory_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let ids = prj::funded_of_cycle(&s.db, cy.id).await?;
    let cycle_title = c.lang.t_args(
        "pb-cycle-title",
        &[
            ("year", Arg::Num(i64::from(cy.year))),
            ("territory", Arg::Str(t.name(c.lang.code()).to_string())),
        ],
    );
    render(&ListPage {
        rows: rows(&s, &c, &ids).await?,
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
    let ids: Vec<Uuid> = prj::funded_under(&s.db, &path_string(&t.path))
        .await?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    render(&ListPage {
        rows: rows(&s, &c, &ids).await?,
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
