//! Extractors shared by every capability.
//!
//! `Query`, `Form`, `Path` and `Multipart` here wrap axum's own: when axum cannot read a request
//! it answers with English plain text ("Failed to deserialize query string…"), which would
//! reach a reader past the localized error pages. These turn every such rejection into an
//! [`AppError`], which the error middleware renders in the reader's language (JSON under
//! `/api/`). Capabilities use these, never axum's (a test below keeps it so).

use crate::{AppError, AppState};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// A query string read into `T`; a value that does not parse is an invalid parameter (400).
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            Err(e) => Err(rejected(
                e.status(),
                e.body_text(),
                AppError::InvalidParameter(None),
            )),
        }
    }
}

/// Path parameters read into `T`. A segment that does not parse names no page: 404, as
/// [`Id`] answers.
#[derive(Debug, Clone, Copy)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(e) => Err(rejected(e.status(), e.body_text(), AppError::NotFound)),
        }
    }
}

/// A urlencoded form (the query string for GET) read into `T`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(Form(v)),
            Err(e) => Err(rejected(
                e.status(),
                e.body_text(),
                AppError::BadRequest(e.status()),
            )),
        }
    }
}

/// A `multipart/form-data` body (file uploads), read field by field through `Deref`.
pub struct Multipart(pub axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for Multipart {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::extract::Multipart::from_request(req, state).await {
            Ok(m) => Ok(Multipart(m)),
            Err(e) => Err(rejected(
                e.status(),
                e.body_text(),
                AppError::BadRequest(e.status()),
            )),
        }
    }
}

impl std::ops::Deref for Multipart {
    type Target = axum::extract::Multipart;

    fn deref(&self) -> &axum::extract::Multipart {
        &self.0
    }
}

impl std::ops::DerefMut for Multipart {
    fn deref_mut(&mut self) -> &mut axum::extract::Multipart {
        &mut self.0
    }
}

/// What a rejection of axum's becomes: past the body limit is 413 whatever the extractor; a
/// 5xx is the route's own mistake (a path with the wrong number of parameters), logged with
/// axum's text; anything else is the reader's request, answered as `client`.
fn rejected(status: StatusCode, text: String, client: AppError) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else if status.is_server_error() {
        AppError::Internal(text)
    } else {
        tracing::debug!(%status, reason = %text, "request refused by an extractor");
        client
    }
}

/// A record id from the path (`/pb/{id}`, `/projects/{id}` …). Anything that is not a UUID
/// is a page that does not exist: 404, like an id that is not in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Id(pub Uuid);

impl FromRequestParts<AppState> for Id {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Id, AppError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        Uuid::parse_str(&raw)
            .map(Id)
            .map_err(|_| AppError::NotFound)
    }
}

/// Two record ids from the path (`/pb/{id}/paper/{batch}` …), each a UUID or 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ids(pub Uuid, pub Uuid);

impl FromRequestParts<AppState> for Ids {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Ids, AppError> {
        let Path((a, b)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        match (Uuid::parse_str(&a), Uuid::parse_str(&b)) {
            (Ok(a), Ok(b)) => Ok(Ids(a, b)),
            _ => Err(AppError::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// No capability reads a request with axum's own `Query`, `Form`, `Path` or `Multipart`,
    /// whose rejections are English plain text: only with the wrappers above.
    #[test]
    fn capabilities_use_the_localized_extractors() {
        const WRAPPED: [&str; 4] = ["Query", "Form", "Path", "Multipart"];
        let mut files = Vec::new();
        collect(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        assert!(files.len() > 20, "the sources were found");
        let mut found = Vec::new();
        for f in files.iter().filter(|f| !f.ends_with("extract.rs")) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                let imported = line
                    .strip_prefix("use axum::")
                    .map(|rest| {
                        rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                            .any(|item| WRAPPED.contains(&item))
                    })
                    .unwrap_or(false);
                let inline = WRAPPED.iter().any(|w| {
                    line.contains(&format!("axum::extract::{w}"))
                        || line.contains(&format!("axum::{w}"))
                });
                if imported || inline {
                    found.push(format!("{}:{}: {line}", f.display(), n + 1));
                }
            }
        }
        assert!(found.is_empty(), "use crate::extract instead: {found:#?}");
    }

    fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                collect(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
}
