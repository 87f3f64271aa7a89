#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("the database file {0} does not exist (add ?mode=rwc to the URL to create it)")]
    MissingFile(String),
    #[error(
        "the database schema is version {found}, newer than this program knows ({known}); \
        upgrade Qatysu before using this database"
    )]
    SchemaTooNew { found: i64, known: i64 },
    #[error(
        "the database records migration {version} ({name:?}), which this program does not \
        have; it was made by another build of Qatysu: do not use it with this one"
    )]
    UnknownMigration { version: i64, name: String },
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("already exists: {0}")]
    Conflict(&'static str),
    #[error("not found")]
    NotFound,
}

impl StoreError {
    /// Unique-constraint violations, so callers can say "already used" instead of failing.
    pub(crate) fn from_unique(e: sqlx::Error, what: &'static str) -> StoreError {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict(what),
            _ => StoreError::Sqlx(e),
        }
    }
}
