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
///
/// `axum::serve` sets no timer on its connections, so a client could send its headers one
/// byte a minute, or keep idle connections open, for ever (security review L8). Each
/// connection here is hyper's HTTP/1 with a header-read timeout (which, since hyper 1.6, also
/// closes a keep-alive connection idle for that long) and a time limit on reading the body.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;
    let header_timeout = state.config.header_read_timeout;
    let body_timeout = state.config.body_read_timeout;
    let app = tower::ServiceBuilder::new()
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            body_timeout,
        ))
        .service(router(state));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown_signal());
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let service =
            app.clone()
                .map_request(move |mut req: axum::http::Request<hyper::body::Incoming>| {
                    req.extensions_mut()
                        .insert(axum::extract::ConnectInfo(remote));
                    req
                });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(
                TokioIo::new(stream),
                hyper_util::service::TowerToHyperService::new(service),
            );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
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
