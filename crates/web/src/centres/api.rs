//! `/api/v1/centres`: participation centres as open data (described in `openapi.json`).

use crate::extract::Query;
use crate::{AppError, AppState};
use app::centres::{self, Centre};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/centres", get(list))
}

#[derive(Serialize)]
struct CentreJson {
    id: String,
    territory: String,
    name_kk: String,
    name_ru: String,
    address_kk: String,
    address_ru: String,
    hours: String,
    phone: Option<String>,
    url: String,
}

impl From<&Centre> for CentreJson {
    fn from(c: &Centre) -> CentreJson {
        CentreJson {
            id: c.id.to_string(),
            territory: c.kato.to_string(),
            name_kk: c.name_kk.clone(),
            name_ru: c.name_ru.clone(),
            address_kk: c.address_kk.clone(),
            address_ru: c.address_ru.clone(),
            hours: c.hours.clone(),
            phone: c.phone.clone(),
            url: format!("/centres/{}", c.id),
        }
    }
}

#[derive(Deserialize)]
struct ListQuery {
    /// The centres serving this territory: its own and those above it, nearest first.
    territory: Option<String>,
}

async fn list(
    State(s): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<CentreJson>>, AppError> {
    let list = match q
        .territory
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        Some(k) => {
            let t = app::territories::by_code(&s.app, k).await?;
            centres::serving(&s.app, &t).await?
        }
        None => centres::all(&s.app).await?,
    };
    Ok(Json(list.iter().map(CentreJson::from).collect()))
}
