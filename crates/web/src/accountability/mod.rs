//! The accountability page of a territory: everything the akimat and other bodies owe its
//! residents, with days overdue, newest deadline first; and `GET /api/v1/accountability`.

use crate::extract::{Path, Query};
use crate::pages::{render, Ctx};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/territories/{kato}/accountability", get(page))
        .route("/api/v1/accountability", get(api))
}

pub struct Row {
    kind: String,
    title: String,
    link: String,
    due: String,
    overdue: Option<String>,
}

#[derive(Template)]
#[template(path = "accountability/show.html")]
struct Page<'a> {
    c: &'a Ctx,
    kato: String,
    name: String,
    rows: Vec<Row>,
    overdue_count: String,
}

async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Html<String>, AppError> {
    let t = crate::territories::load(&s, &kato).await?;
    let items = app::accountability::owed(&s, &t.path).await?;
    let late = items.iter().filter(|o| o.days_overdue > 0).count() as i64;
    let rows = items
        .into_iter()
        .map(|o| Row {
            kind: c.t(&format!("accountability-kind-{}", o.kind)),
            title: o.title,
            link: o.link,
            due: c.lang.date(o.due),
            overdue: (o.days_overdue > 0)
                .then(|| c.t_num("accountability-days-overdue", "days", o.days_overdue)),
        })
        .collect();
    render(&Page {
        kato: t.kato.to_string(),
        name: t.name(c.lang.code()).to_string(),
        rows,
        overdue_count: c.t_num("accountability-overdue-count", "count", late),
        c: &c,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ApiQuery {
    territory: Option<String>,
}

#[derive(Serialize)]
struct Item {
    kind: &'static str,
    id: uuid::Uuid,
    title: String,
    due: NaiveDate,
    days_overdue: i64,
}

async fn api(
    State(s): State<AppState>,
    Query(q): Query<ApiQuery>,
) -> Result<Json<Vec<Item>>, AppError> {
    let path = match q.territory.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => crate::territories::load(&s, k).await?.path,
        None => Vec::new(),
    };
    Ok(Json(
        app::accountability::owed(&s, &path)
            .await?
            .into_iter()
            .map(|o| Item {
                kind: o.kind,
                id: o.id,
                title: o.title,
                due: o.due,
                days_overdue: o.days_overdue,
            })
            .collect(),
    ))
}
