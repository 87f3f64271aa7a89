//! Open data: land reports of a territory as JSON.

use crate::extract::Query;
use crate::{AppError, AppState};
use app::land::Report;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::Kato;
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/land-reports", get(list))
}

#[derive(Serialize)]
struct ReportJson {
    id: String,
    cadastral_number: String,
    hectares: f64,
    village: String,
    kind: &'static str,
    status: &'static str,
    reported_at: String,
    updated_at: String,
}

impl From<&Report> for ReportJson {
    fn from(r: &Report) -> ReportJson {
        ReportJson {
            id: r.id.to_string(),
            cadastral_number: r.cadastral_number.clone(),
            hectares: r.area.as_f64(),
            village: r.village_kato.to_string(),
            kind: r.kind.as_str(),
            status: r.status.as_str(),
            reported_at: r.reported_at.to_rfc3339(),
            updated_at: r.updated_at.to_rfc3339(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    territory: Option<String>,
}

async fn list(State(s): State<AppState>, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    let path = match q
        .territory
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        None => Vec::new(),
        Some(k) => {
            let kato = Kato::parse(k).map_err(|_| AppError::InvalidParameter(Some("territory")))?;
            app::land::territory(&s, &kato).await?.path
        }
    };
    let list = app::land::reports(&s, &path, 5000).await?;
    Ok(Json(list.iter().map(ReportJson::from).collect::<Vec<_>>()).into_response())
}
