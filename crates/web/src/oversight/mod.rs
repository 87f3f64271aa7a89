//! Public oversight's shared pages: the holiday table every working-day deadline is counted on.

mod holidays;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/holidays", get(holidays::page).post(holidays::save))
        .route("/admin/holidays/remove", post(holidays::remove))
}
