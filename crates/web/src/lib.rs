//! Qatysu over HTTP: server-rendered pages that work without JavaScript, a small JSON API,
//! and the middleware every request passes through. Routes are grouped by capability, each
//! capability in its own module with its templates under `templates/<capability>/`.

mod access;
mod accountability;
mod accounts;
mod assets;
mod centres;
mod control;
pub mod csv;
mod error;
mod extract;
mod home;
pub mod i18n;
mod initiatives;
mod land;
pub mod messages;
mod middleware;
mod openapi;
mod oversight;
mod pages;
mod pb;
mod projects;
mod state;
mod territories;
mod uploads;

pub use error::AppError;
pub use state::{AppState, Config, OidcSettings};

use axum::Router;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// The whole application: every capability's routes behind the shared middleware.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .merge(home::routes())
        .merge(territories::routes())
        .merge(initiatives::routes())
        .merge(access::routes())
        .merge(accounts::routes())
        .merge(centres::routes())
        .merge(messages::routes())
        .merge(pb::routes())
        .merge(openapi::routes())
        .merge(control::routes())
        .merge(land::routes())
        .merge(assets::routes())
        .merge(projects::routes())
        .merge(oversight::routes())
        .merge(accountability::routes())
        .fallback(|| async { AppError::NotFound });
    middleware::wrap(routes, state.clone()).with_state(state)
}

/// Serve until Ctrl-C / SIGTERM, finishing requests in flight.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
