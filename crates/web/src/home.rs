//! The home page and the health check.

use crate::i18n::Arg;
use crate::pages::{render, Ctx};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/healthz", get(healthz))
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    c: &'a Ctx,
    stats: String,
}

async fn home(State(s): State<AppState>, c: Ctx) -> Result<Html<String>, AppError> {
    let territories = app::territories::count(&s.app).await?;
    let users = app::accounts::count(&s.app).await?;
    let stats = c.lang.t_args(
        "home-stats",
        &[
            ("territories", Arg::Str(c.number(territories))),
            ("users", Arg::Str(c.number(users))),
        ],
    );
    render(&HomePage { c: &c, stats })
}

/// 200 when the database answers, 503 otherwise; for load balancers and monitoring.
async fn healthz(State(s): State<AppState>) -> impl IntoResponse {
    match s.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
