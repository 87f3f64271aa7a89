//! The stored photos of every kind of record, for re-encoding those stored before photos were
//! cleaned on upload (security review M6), and the flag that asks for it once.

use crate::db::{execute, on_pool};
use crate::{Db, Result};
use domain::uploads::Folder;
use uuid::Uuid;

/// (table, size column) of the records whose files live in `folder`.
const fn table(folder: Folder) -> (&'static str, &'static str) {
    match folder {
        Folder::PbPhotos => ("pb_proposal_photos", "size"),
        Folder::Land => ("land_photos", "size_bytes"),
        Folder::Projects => ("project_files", "size_bytes"),
        Folder::Initiatives => ("initiative_attachments", "size_bytes"),
    }
}

/// The id and type of every photo (PNG or JPEG) recorded in `folder`, oldest first.
pub async fn photos(db: &Db, folder: Folder) -> Result<Vec<(Uuid, String)>> {
    let (table, _) = table(folder);
    // Table names are constants; the types are bound.
    let sql =
        format!("SELECT id, content_type FROM {table} WHERE content_type IN ($1, $2) ORDER BY id");
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind("image/jpeg")
        .bind("image/png")
        .fetch_all(p)
        .await)?)
}

/// Record the new size of a file re-encoded in place.
pub async fn set_size(db: &Db, folder: Folder, id: Uuid, size: i64) -> Result<()> {
    let (table, column) = table(folder);
    let sql = format!("UPDATE {table} SET {column} = $1 WHERE id = $2");
    execute!(db, sqlx::query(&sql).bind(size).bind(id))?;
    Ok(())
}

const PENDING: &str = "SELECT COUNT(*) FROM uploads_scrub_pending";
const CLEAR: &str = "DELETE FROM uploads_scrub_pending";
const MARK: &str = "INSERT INTO uploads_scrub_pending (id) VALUES (1) ON CONFLICT DO NOTHING";

/// Are stored photos waiting to be re-encoded (a migration asked for it)?
pub async fn scrub_pending(db: &Db) -> Result<bool> {
    let n: i64 = on_pool!(db, |p| sqlx::query_scalar(PENDING).fetch_one(p).await)?;
    Ok(n > 0)
}

/// The stored photos have been re-encoded.
pub async fn clear_scrub_pending(db: &Db) -> Result<()> {
    execute!(db, sqlx::query(CLEAR))?;
    Ok(())
}

/// Ask for the stored photos to be re-encoded at the next start (as migration 21 does).
pub async fn mark_scrub_pending(db: &Db) -> Result<()> {
    execute!(db, sqlx::query(MARK))?;
    Ok(())
}
