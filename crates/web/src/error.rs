use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// How a request can fail. The response carries only the kind; the error-page middleware,
/// which knows the reader's language and the request id, turns it into a page (or JSON).
#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    LoginRequired,
    #[error("CSRF check failed")]
    Csrf,
    /// The request body is larger than the server reads (forms: 1 MB).
    #[error("too large")]
    TooLarge,
    /// The request cannot be read: a form body that does not parse, a field missing, the
    /// wrong content type. Carries the status axum's extractor chose (400, 415 or 422).
    #[error("bad request")]
    BadRequest(StatusCode),
    /// A query parameter's value is not one the route accepts (`?page=abc`,
    /// `?territory=12x`); the parameter's name when the handler knows it.
    #[error("invalid parameter")]
    InvalidParameter(Option<&'static str>),
    /// Someone changed the same record first.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Too many requests need the same slow work at once: try again in a minute.
    #[error("busy")]
    Busy,
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::LoginRequired => StatusCode::UNAUTHORIZED,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::BadRequest(status) => *status,
            AppError::InvalidParameter(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The API's name for the error (`error` in its JSON body, the enum of `Error` in
    /// `openapi.json`). A conflict or a busy server cannot happen under `/api/` today (every
    /// API route is a GET and none hashes a password); they would read as the nearest code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::LoginRequired => "login_required",
            AppError::Csrf => "csrf",
            AppError::TooLarge => "too_large",
            AppError::BadRequest(_) | AppError::Conflict(_) => "bad_request",
            AppError::InvalidParameter(_) => "invalid_parameter",
            AppError::Busy | AppError::Internal(_) => "internal",
        }
    }
}

impl From<app::Error> for AppError {
    fn from(e: app::Error) -> AppError {
        match e {
            app::Error::NotFound => AppError::NotFound,
            app::Error::Forbidden => AppError::Forbidden,
            app::Error::LoginRequired => AppError::LoginRequired,
            app::Error::Conflict(what) => AppError::Conflict(what),
            app::Error::Busy => AppError::Busy,
            app::Error::Internal(m) => AppError::Internal(m),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> AppError {
        AppError::Internal(format!("template: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        if matches!(self, AppError::Busy) {
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("30"),
            );
        }
        res.extensions_mut().insert(self);
        res
    }
}
