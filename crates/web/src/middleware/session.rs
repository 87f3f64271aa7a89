use super::cookies::cookie;
use crate::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use domain::Grant;
use store::accounts::User;

pub const SESSION_COOKIE: &str = "qatysu_session";

/// The signed-in person making the request, with the roles they hold.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub user: User,
    pub grants: Vec<Grant>,
}

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
        match viewer(&state, &token).await {
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

async fn viewer(state: &AppState, token: &str) -> store::Result<Option<Viewer>> {
    let Some(user_id) = store::sessions::user_of(&state.db, token).await? else {
        return Ok(None);
    };
    let Some(user) = store::accounts::by_id(&state.db, user_id).await? else {
        return Ok(None);
    };
    let grants = store::accounts::roles_of(&state.db, user_id)
        .await?
        .into_iter()
        .map(|h| h.grant)
        .collect();
    Ok(Some(Viewer { user, grants }))
}
