use super::cookies::cookie;
use crate::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

pub const SESSION_COOKIE: &str = "qatysu_session";

/// The signed-in person making the request: their account, grants and home territory's path,
/// loaded once per request.
pub type Viewer = app::Actor;

/// The raw session token of the request, for logout and password changes.
#[derive(Clone, Debug)]
pub struct SessionToken(pub String);

/// Look the session cookie up in the database (never in memory: any instance may serve the
/// next request).
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let token = cookie(req.headers(), SESSION_COOKIE)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    if let Some(token) = token {
        match app::access::actor_of_session(&state.app, &token).await {
            Ok(Some(v)) => {
                req.extensions_mut().insert(v);
                req.extensions_mut().insert(SessionToken(token));
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    next.run(req).await
}
