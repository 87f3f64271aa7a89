//! Photos of a proposal (the place as it is now): the record here, the bytes in the uploads
//! folder under the photo's id.

use crate::db::{execute, in_tx, on_pool};
use crate::{Db, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Photo {
    pub id: Uuid,
    pub proposal_id: Uuid,
    pub content_type: String,
    pub size: i64,
    pub position: i64,
    pub added_by: Uuid,
    pub added_at: DateTime<Utc>,
}
crate::db::from_row!(Photo {
    id,
    proposal_id,
    content_type,
    size,
    position,
    added_by,
    added_at
});

/// A photo checked and already written to the uploads folder under `id`.
#[derive(Debug, Clone)]
pub struct NewPhoto {
    pub id: Uuid,
    pub content_type: String,
    pub size: i64,
}

/// Why photos were not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The proposal would have more than this many photos.
    TooMany(i64),
}

const COLUMNS: &str = "id, proposal_id, content_type, size, position, added_by, added_at";

const ADD_SQL: &str = "UPDATE pb_proposals SET updated_at = updated_at WHERE id = $1";
const ADD_SQL_2: &str = "SELECT COUNT(*), MAX(position) FROM pb_proposal_photos WHERE proposal_id \
     = $1";
const ADD_SQL_3: &str = "INSERT INTO pb_proposal_photos (id, proposal_id, content_type, size, \
     position, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Record photos of a proposal, all or none: the limit per proposal is checked under a lock
/// on the proposal's row, so two uploads at once cannot both pass it.
pub async fn add(
    db: &Db,
    proposal: Uuid,
    photos: &[NewPhoto],
    by: Uuid,
    max: i64,
    now: DateTime<Utc>,
) -> Result<std::result::Result<(), Refused>> {
    let outcome = in_tx!(db, |tx| {
        // A no-op update takes the row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already
        // holds the database.
        sqlx::query(ADD_SQL)
            .bind(proposal)
            .execute(&mut *tx)
            .await?;
        let (n, last): (i64, Option<i64>) = sqlx::query_as(ADD_SQL_2)
            .bind(proposal)
            .fetch_one(&mut *tx)
            .await?;
        if n + photos.len() as i64 > max {
            return Ok(Err(Refused::TooMany(max)));
        }
        for (position, p) in (last.map_or(0, |l| l + 1)..).zip(photos) {
            sqlx::query(ADD_SQL_3)
                .bind(p.id)
                .bind(proposal)
                .bind(&p.content_type)
                .bind(p.size)
                .bind(position)
                .bind(by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        Ok(())
    });
    Ok(outcome)
}

/// A proposal's photos in the order they were added.
pub async fn list(db: &Db, proposal: Uuid) -> Result<Vec<Photo>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM pb_proposal_photos WHERE proposal_id = $1 ORDER BY position"
    );
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(proposal)
        .fetch_all(p)
        .await)?)
}

pub async fn get(db: &Db, proposal: Uuid, id: Uuid) -> Result<Option<Photo>> {
    let sql =
        format!("SELECT {COLUMNS} FROM pb_proposal_photos WHERE proposal_id = $1 AND id = $2");
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(proposal)
        .bind(id)
        .fetch_optional(p)
        .await)?)
}

const REMOVE_SQL: &str = "DELETE FROM pb_proposal_photos WHERE proposal_id = $1 AND id = $2";

/// Delete a photo's record; true if there was one (the caller then deletes the file).
pub async fn remove(db: &Db, proposal: Uuid, id: Uuid) -> Result<bool> {
    let n = execute!(db, sqlx::query(REMOVE_SQL).bind(proposal).bind(id))?;
    Ok(n > 0)
}

const COUNTS_OF_CYCLE_SQL: &str = "SELECT f.proposal_id, COUNT(*) FROM pb_proposal_photos f JOIN \
     pb_proposals p ON p.id = f.proposal_id WHERE p.cycle_id = $1 GROUP BY f.proposal_id";

/// How many photos each proposal of a cycle has (proposals without photos are left out).
pub async fn counts_of_cycle(db: &Db, cycle: Uuid) -> Result<Vec<(Uuid, i64)>> {
    Ok(on_pool!(db, |p| sqlx::query_as(COUNTS_OF_CYCLE_SQL)
        .bind(cycle)
        .fetch_all(p)
        .await)?)
}
