//! Files attached to an initiative: the record here, the bytes in the uploads folder.

use crate::db::{execute, on_pool};
use crate::Db;
use crate::Result;
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Attachment {
    pub id: Uuid,
    pub initiative_id: Uuid,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}
crate::db::from_row!(Attachment {
    id,
    initiative_id,
    content_type,
    size_bytes,
    created_at
});

const INSERT: &str = "INSERT INTO initiative_attachments \
    (id, initiative_id, content_type, size_bytes, uploaded_by, created_at) \
    VALUES ($1, $2, $3, $4, $5, $6)";
const SELECT: &str = "SELECT id, initiative_id, content_type, size_bytes, created_at \
    FROM initiative_attachments WHERE initiative_id = $1";

/// Record a file already written to the uploads folder under `id`.
pub async fn add(db: &Db, a: &Attachment, by: Uuid) -> Result<()> {
    execute!(
        db,
        sqlx::query(INSERT)
            .bind(a.id)
            .bind(a.initiative_id)
            .bind(&a.content_type)
            .bind(a.size_bytes)
            .bind(by)
            .bind(a.created_at)
    )?;
    Ok(())
}

pub async fn of(db: &Db, initiative: Uuid) -> Result<Vec<Attachment>> {
    Ok(on_pool!(db, |p| {
        sqlx::query_as(&format!("{SELECT} ORDER BY created_at, id"))
            .bind(initiative)
            .fetch_all(p)
            .await
    })?)
}

pub async fn get(db: &Db, initiative: Uuid, id: Uuid) -> Result<Option<Attachment>> {
    Ok(on_pool!(db, |p| {
        sqlx::query_as(&format!("{SELECT} AND id = $2"))
            .bind(initiative)
            .bind(id)
            .fetch_optional(p)
            .await
    })?)
}
