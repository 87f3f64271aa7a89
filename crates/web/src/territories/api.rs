//! `/api/v1/territories`: the territory tree as open data (described in `openapi.json`).

use crate::extract::{Path, Query};
use crate::{AppError, AppState};
use app::territories::{self, Territory};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/territories", get(list))
        .route("/api/v1/territories/{kato}", get(one))
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
        Some(k) => Some(territories::by_code(&s.app, k).await?.id),
        None => None,
    };
    let list = territories::children(&s.app, parent).await?;
    Ok(Json(list.iter().map(TerritoryJson::from).collect()))
}

async fn one(
    State(s): State<AppState>,
    Path(kato): Path<String>,
) -> Result<Json<TerritoryJson>, AppError> {
    let t = territories::by_code(&s.app, &kato).await?;
    Ok(Json(TerritoryJson::from(&t)))
}
