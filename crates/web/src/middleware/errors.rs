use super::REQUEST_ID;
use crate::i18n::{Arg, Lang};
use crate::pages::{Ctx, ErrorPage};
use crate::AppError;
use askama::Template;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;

/// Turn an [`AppError`] response, or a panic anywhere below, into a page in the reader's
/// language (JSON under `/api/`), with the request id so support can find the log lines.
pub async fn pages(req: Request, next: Next) -> Response {
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let request_id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let path = req.uri().path().to_string();
    let res = match AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(res) => res,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!(panic = %what, "handler panicked");
            AppError::Internal("panic".into()).into_response()
        }
    };
    let Some(err) = res.extensions().get::<AppError>().cloned() else {
        return res;
    };
    if let AppError::Internal(detail) = &err {
        tracing::error!(%detail, "request failed");
    }
    if path.starts_with("/api/") {
        return api(lang, &err, request_id);
    }
    render(lang, &err, &request_id, path)
}

/// `{"error": CODE, "message": TEXT, "request_id": ID}`: the code for programs, the message
/// in the reader's language (`Accept-Language`, Kazakh by default) for people.
fn api(lang: Lang, err: &AppError, request_id: String) -> Response {
    let message = match err {
        AppError::InvalidParameter(Some(name)) => lang.t_args(
            "api-error-invalid-parameter-named",
            &[("name", Arg::Str((*name).to_string()))],
        ),
        AppError::InvalidParameter(None) => lang.t("api-error-invalid-parameter"),
        AppError::NotFound => lang.t("api-error-not-found"),
        AppError::Forbidden => lang.t("api-error-forbidden"),
        AppError::LoginRequired => lang.t("api-error-login-required"),
        AppError::Csrf => lang.t("api-error-csrf"),
        AppError::TooLarge => lang.t("api-error-too-large"),
        AppError::BadRequest(_) | AppError::Conflict(_) => lang.t("api-error-bad-request"),
        AppError::Busy | AppError::Internal(_) => lang.t_args(
            "api-error-internal",
            &[("id", Arg::Str(request_id.clone()))],
        ),
    };
    let body = serde_json::json!({
        "error": err.code(),
        "message": message,
        "request_id": request_id,
    });
    let mut res = (err.status(), axum::Json(body)).into_response();
    if matches!(err, AppError::Busy) {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
    }
    res
}

fn render(lang: Lang, err: &AppError, request_id: &str, path: String) -> Response {
    let (title, text) = match err {
        AppError::NotFound => (lang.t("error-404-title"), lang.t("error-404-text")),
        AppError::Forbidden => (lang.t("error-403-title"), lang.t("error-403-text")),
        AppError::Csrf => (lang.t("error-csrf-title"), lang.t("error-csrf-text")),
        AppError::LoginRequired => (lang.t("error-login-title"), lang.t("error-login-text")),
        AppError::TooLarge => (lang.t("error-413-title"), lang.t("error-413-text")),
        AppError::BadRequest(_) => (lang.t("error-400-title"), lang.t("error-400-text")),
        AppError::InvalidParameter(_) => (lang.t("error-400-title"), lang.t("error-400-address")),
        AppError::Conflict(_) => (lang.t("error-409-title"), lang.t("error-409-text")),
        AppError::Busy => (lang.t("error-503-title"), lang.t("error-503-text")),
        AppError::Internal(_) => (
            lang.t("error-500-title"),
            lang.t_args(
                "error-500-text",
                &[("id", Arg::Str(request_id.to_string()))],
            ),
        ),
    };
    let c = Ctx::bare(lang, path);
    let login = matches!(err, AppError::LoginRequired);
    let page = ErrorPage {
        c: &c,
        title,
        text,
        login,
    };
    let status = err.status();
    match page.render() {
        Ok(html) => {
            let mut res = (status, Html(html)).into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if matches!(err, AppError::Busy) {
                res.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
            }
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "500").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{AppState, Config};
    use axum::body::{to_bytes, Body};
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    async fn boom() -> &'static str {
        panic!("kaboom")
    }

    async fn app() -> (Router, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("dir");
        let db = app::Db::open_sqlite(&dir.path().join("t.db"), true)
            .await
            .expect("db");
        db.migrate().await.expect("migrate");
        let app = app::App::new(
            db,
            b"0123456789abcdef0123456789abcdef",
            app::Clock::system(),
        );
        let state = AppState::new(app, Config::default());
        let routes: Router<AppState> = Router::new()
            .route("/boom", get(boom))
            .route("/api/boom", get(boom));
        (
            crate::middleware::wrap(routes, state.clone()).with_state(state),
            dir,
        )
    }

    #[tokio::test]
    async fn a_panic_becomes_a_500_page_in_the_readers_language_with_the_request_id() {
        let (app, _dir) = app().await;
        let res = app
            .clone()
            .oneshot(
                Request::get("/boom?lang=ru")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await
            .expect("response");
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let id = res
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        assert!(id.len() >= 32, "a request id is sent back");
        let body =
            String::from_utf8_lossy(&to_bytes(res.into_body(), 1 << 20).await.expect("body"))
                .into_owned();
        assert!(body.contains("Что-то пошло не так"), "{body}");
        assert!(body.contains(&id), "the page shows the request id");
        assert!(!body.contains("kaboom"), "no internals leak");

        let res = app
            .oneshot(
                Request::get("/api/boom")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await
            .expect("response");
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body =
            String::from_utf8_lossy(&to_bytes(res.into_body(), 1 << 20).await.expect("body"))
                .into_owned();
        let json: serde_json::Value = serde_json::from_str(&body).expect("a JSON error");
        assert_eq!(json["error"], "internal", "{body}");
        assert!(json["request_id"].as_str().is_some_and(|s| s.len() >= 32));
        // Kazakh without Accept-Language; the panic's text stays in the log.
        assert!(
            json["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Серверде қате орын алды")),
            "{body}"
        );
        assert!(
            !body.contains("kaboom") && !body.contains("panic"),
            "{body}"
        );
    }
}
