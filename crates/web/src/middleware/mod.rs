//! The layers every request passes through, each with one job, outermost first:
//! request id → tracing span → compression → security headers → language → error pages (and
//! panics) → CSRF → session.

mod cookies;
mod csrf;
mod errors;
mod lang;
mod security;
mod session;

pub use cookies::{cookie, set_cookie, CookieSpec};
pub use csrf::CsrfToken;
pub use session::{SessionToken, Viewer, SESSION_COOKIE};

use crate::AppState;
use axum::http::{HeaderName, Request};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn wrap(routes: Router<AppState>, state: AppState) -> Router<AppState> {
    let layers = ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
            let id = req
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), security::headers))
        .layer(from_fn(lang::resolve))
        .layer(from_fn(errors::pages))
        .layer(from_fn_with_state(state.clone(), csrf::guard))
        .layer(from_fn_with_state(state, session::load));
    routes.layer(layers)
}
