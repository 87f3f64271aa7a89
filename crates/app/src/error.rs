/// Why a use case did not happen, as far as the caller needs to know. Business refusals that a
/// person can correct (a form's wrong field, a closed stage) are not errors: each use case
/// returns them as its own outcome type.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    LoginRequired,
    /// Someone else changed the same record first (a unique key, a lost race).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Too many requests for the work they need (password hashing): try again shortly.
    #[error("busy")]
    Busy,
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<store::StoreError> for Error {
    fn from(e: store::StoreError) -> Error {
        match e {
            store::StoreError::NotFound => Error::NotFound,
            store::StoreError::Conflict(what) => Error::Conflict(what),
            other => Error::Internal(other.to_string()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
