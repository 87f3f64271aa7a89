//! Documents and photos of a funded project and of residents' reports: the record here, the
//! bytes in the uploads folder.

use crate::db::{in_tx, on_pool};
use crate::{Db, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct ProjectFile {
    pub id: Uuid,
    pub proposal_id: Uuid,
    /// Set for a photo of a resident's monitoring report.
    pub report_id: Option<Uuid>,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}
crate::db::from_row!(ProjectFile {
    id,
    proposal_id,
    report_id,
    content_type,
    size_bytes,
    created_at
});

const COLUMNS: &str = "id, proposal_id, report_id, content_type, size_bytes, created_at";

pub(crate) const INSERT_PROJECT_FILES: &str =
    "INSERT INTO project_files (id, proposal_id, report_id, content_type, size_bytes, \
     uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Insert a file record inside a transaction `$tx`.
macro_rules! insert_file {
    ($tx:expr, $f:expr, $by:expr) => {
        sqlx::query($crate::projects::files::INSERT_PROJECT_FILES)
            .bind($f.id)
            .bind($f.proposal_id)
            .bind($f.report_id)
            .bind(&$f.content_type)
            .bind($f.size_bytes)
            .bind($by)
            .bind($f.created_at)
            .execute(&mut *$tx)
            .await?
    };
}
pub(crate) use insert_file;

/// Record a project document already written to the uploads folder under its id; logged
/// under the name it is sent with (never the name it was uploaded with).
pub async fn add(db: &Db, f: &ProjectFile, by: Uuid, now: DateTime<Utc>) -> Result<()> {
    in_tx!(db, |tx| {
        insert_file!(tx, f, by);
        super::log_line!(
            tx,
            f.proposal_id,
            by,
            now,
            domain::projects::LogKind::File,
            &domain::uploads::download_name(&f.content_type, &f.id.to_string())
        );
    });
    Ok(())
}

/// The project's own documents and photos (not those of reports), oldest first.
pub async fn of_project(db: &Db, proposal: Uuid) -> Result<Vec<ProjectFile>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM project_files WHERE proposal_id = $1 AND report_id IS NULL \
         ORDER BY created_at, id"
    );
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(proposal)
        .fetch_all(p)
        .await)?)
}

/// Photos of every report of a project.
pub async fn of_reports(db: &Db, proposal: Uuid) -> Result<Vec<ProjectFile>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM project_files WHERE proposal_id = $1 AND report_id IS NOT NULL \
         ORDER BY created_at, id"
    );
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(proposal)
        .fetch_all(p)
        .await)?)
}

pub async fn get(db: &Db, proposal: Uuid, id: Uuid) -> Result<Option<ProjectFile>> {
    let sql = format!("SELECT {COLUMNS} FROM project_files WHERE proposal_id = $1 AND id = $2");
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(proposal)
        .bind(id)
        .fetch_optional(p)
        .await)?)
}
