//! The JSON API under `/api/v1/`, described by `/api/openapi.json`. Public, read-only data.

use crate::{AppError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use domain::Kato;
use serde::{Deserialize, Serialize};
use store::territories::{self, Territory};

pub const OPENAPI: &str = include_str!("openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/v1/territories", get(list))
        .route("/api/v1/territories/{kato}", get(one))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

#[derive(Serialize)]
struct TerritoryJson {
    kato: String,
    kato_version: String,
    parent: Option<String>,
    kind: &'static str,
    name_kk: String,
    name_ru: String,
    population: Option<i64>,
    population_illustrative: bool,
}

impl From<&Territory> for TerritoryJson {
    fn from(t: &Territory) -> TerritoryJson {
        let parent = t
            .path
            .len()
            .checked_sub(2)
            .and_then(|i| t.path.get(i))
            .map(|k| k.to_string());
        TerritoryJson {
            kato: t.kato.to_string(),
            kato_version: t.kato_version.clone(),
            parent,
            kind: t.kind.as_str(),
            name_kk: t.name_kk.clone(),
            name_ru: t.name_ru.clone(),
            population: t.population,
            population_illustrative: t.population_illustrative,
        }
    }
}

#[derive(Deserialize)]
struct ListQuery {
    /// Children of this territory; the top level when absent.
    parent: Option<String>,
}

async fn list(
    State(s): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<TerritoryJson>>, AppError> {
    let parent = match q.parent.as_deref() {
        Some(k) => {
            let kato = Kato::parse(k).map_err(|_| AppError::NotFound)?;
            Some(
                territories::by_kato(&s.db, &kato)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .id,
            )
        }
        None => None,
    };
    let list = territories::children(&s.db, parent).await?;
    Ok(Json(list.iter().map(TerritoryJson::from).collect()))
}

async fn one(
    State(s): State<AppState>,
    Path(kato): Path<String>,
) -> Result<Json<TerritoryJson>, AppError> {
    let kato = Kato::parse(&kato).map_err(|_| AppError::NotFound)?;
    let t = territories::by_kato(&s.db, &kato)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(TerritoryJson::from(&t)))
}
