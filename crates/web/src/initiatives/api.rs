//! Open data: initiatives as JSON, and signature counts per village as JSON or CSV — counts
//! only, never who signed.

use super::path_prefix;
use crate::extract::{Id, Query};
use crate::{AppError, AppState};
use app::initiatives::{self as ini, Filter, Initiative};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::initiatives::{deadline, Status};
use domain::Kato;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/initiatives", get(list))
        .route("/api/v1/initiatives/{id}/villages", get(villages_json))
        .route("/api/v1/initiatives/{id}/villages.csv", get(villages_csv))
}

#[derive(Serialize)]
struct InitiativeJson {
    id: String,
    title: String,
    territory: String,
    status: &'static str,
    signatures: i64,
    threshold: Option<i64>,
    deadline: Option<String>,
}

impl From<&Initiative> for InitiativeJson {
    fn from(i: &Initiative) -> InitiativeJson {
        InitiativeJson {
            id: i.id.to_string(),
            title: i.title.clone(),
            territory: i.territory_kato.to_string(),
            status: i.status.as_str(),
            signatures: i.signatures,
            threshold: i.required,
            deadline: deadline(i.status, i.collect_until, i.consider_due).map(|d| d.to_rfc3339()),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    territory: Option<String>,
    status: Option<String>,
}

async fn list(State(s): State<AppState>, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => match Status::parse(raw) {
            Some(st) => Some(st),
            None => return Err(AppError::InvalidParameter(Some("status"))),
        },
    };
    let prefix = match q.territory.as_deref().filter(|s| !s.is_empty()) {
        None => "/".to_string(),
        Some(k) => {
            let kato = Kato::parse(k).map_err(|_| AppError::InvalidParameter(Some("territory")))?;
            let t = ini::territory_by_kato(&s, &kato)
                .await?
                .ok_or(AppError::NotFound)?;
            path_prefix(&t.path)
        }
    };
    // Drafts are not public: asking for them gives an empty list.
    if status.is_some_and(|st| !st.is_public()) {
        return Ok(Json(Vec::<InitiativeJson>::new()).into_response());
    }
    let f = Filter {
        path_prefix: prefix,
        status,
        ..Filter::default()
    };
    let list = ini::list(&s, &f, 1000).await?;
    Ok(Json(list.iter().map(InitiativeJson::from).collect::<Vec<_>>()).into_response())
}

#[derive(Serialize)]
struct VillageJson {
    kato: String,
    name_kk: String,
    name_ru: String,
    online: i64,
    paper: i64,
    total: i64,
}

async fn villages(s: &AppState, id: Uuid) -> Result<Vec<VillageJson>, AppError> {
    Ok(ini::counts_by_village(s, id)
        .await?
        .into_iter()
        .map(|v| VillageJson {
            total: v.online + v.paper,
            kato: v.kato,
            name_kk: v.name_kk,
            name_ru: v.name_ru,
            online: v.online,
            paper: v.paper,
        })
        .collect())
}

async fn villages_json(State(s): State<AppState>, Id(id): Id) -> Result<Response, AppError> {
    Ok(Json(villages(&s, id).await?).into_response())
}

async fn villages_csv(State(s): State<AppState>, Id(id): Id) -> Result<Response, AppError> {
    let mut out = String::from("kato,name_kk,name_ru,online,paper,total\n");
    for v in villages(&s, id).await? {
        out.push_str(&crate::csv::row(&[
            v.kato,
            v.name_kk,
            v.name_ru,
            v.online.to_string(),
            v.paper.to_string(),
            v.total.to_string(),
        ]));
        out.push('\n');
    }
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], out).into_response())
}
