//! Public oversight's shared pages: the holiday table every working-day deadline is counted
//! on, and the answers to invitations to a cycle's expert council or monitoring group.

mod holidays;
pub mod invitations;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/holidays", get(holidays::page).post(holidays::save))
        .route("/admin/holidays/remove", post(holidays::remove))
        .route(
            "/account/invitations/{id}/accept",
            post(invitations::accept),
        )
        .route(
            "/account/invitations/{id}/decline",
            post(invitations::decline),
        )
}
