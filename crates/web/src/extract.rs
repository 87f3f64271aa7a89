//! Extractors shared by every capability.

use crate::{AppError, AppState};
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use uuid::Uuid;

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
