//! Face-to-face meetings of a cycle (a village gathering): date, village, place, attendance,
//! minutes, and the proposals discussed.

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// A meeting as recorded, checked by the caller with the domain rules.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub cycle_id: Uuid,
    pub village_id: Uuid,
    pub held_on: NaiveDate,
    pub place: String,
    pub attendance: i64,
    pub minutes: String,
    /// Proposals of the same cycle.
    pub proposals: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub village_id: Uuid,
    pub held_on: NaiveDate,
    pub place: String,
    pub attendance: i64,
    pub minutes: String,
    pub created_at: DateTime<Utc>,
}
crate::db::from_row!(Meeting {
    id,
    cycle_id,
    village_id,
    held_on,
    place,
    attendance,
    minutes,
    created_at
});

const COLUMNS: &str =
    "m.id, m.cycle_id, m.village_id, m.held_on, m.place, m.attendance, m.minutes, m.created_at";

const CREATE_SQL: &str = "INSERT INTO pb_meetings (id, cycle_id, village_id, held_on, place, \
     attendance, minutes, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
const CREATE_SQL_2: &str = "INSERT INTO pb_meeting_proposals (meeting_id, proposal_id) SELECT $1, \
     id FROM pb_proposals WHERE id = $2 AND cycle_id = $3 ON CONFLICT DO NOTHING";

/// Store a meeting and its links to proposals, all or nothing.
pub async fn create(db: &Db, m: &NewMeeting, by: Uuid, now: DateTime<Utc>) -> Result<Uuid> {
    let id = new_id();
    in_tx!(db, |tx| {
        sqlx::query(CREATE_SQL)
            .bind(id)
            .bind(m.cycle_id)
            .bind(m.village_id)
            .bind(m.held_on)
            .bind(&m.place)
            .bind(m.attendance)
            .bind(&m.minutes)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        for p in &m.proposals {
            // Only proposals of the meeting's cycle are linked.
            sqlx::query(CREATE_SQL_2)
                .bind(id)
                .bind(p)
                .bind(m.cycle_id)
                .execute(&mut *tx)
                .await?;
        }
    });
    Ok(id)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<Meeting>> {
    let sql = format!("SELECT {COLUMNS} FROM pb_meetings m WHERE m.id = $1");
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?)
}

/// A cycle's meetings, newest first.
pub async fn of_cycle(db: &Db, cycle: Uuid) -> Result<Vec<Meeting>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM pb_meetings m WHERE m.cycle_id = $1 \
         ORDER BY m.held_on DESC, m.id DESC"
    );
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(cycle)
        .fetch_all(p)
        .await)?)
}

/// The meetings that discussed a proposal, newest first.
pub async fn of_proposal(db: &Db, proposal: Uuid) -> Result<Vec<Meeting>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM pb_meetings m JOIN pb_meeting_proposals l \
         ON l.meeting_id = m.id WHERE l.proposal_id = $1 ORDER BY m.held_on DESC, m.id DESC"
    );
    Ok(on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(proposal)
        .fetch_all(p)
        .await)?)
}

const PROPOSALS_OF_SQL: &str = "SELECT p.id, p.title FROM pb_meeting_proposals l JOIN \
     pb_proposals p ON p.id = l.proposal_id WHERE l.meeting_id = $1 ORDER BY p.created_at, p.id";

/// (id, title) of the proposals a meeting discussed, in the order they were submitted.
pub async fn proposals_of(db: &Db, meeting: Uuid) -> Result<Vec<(Uuid, String)>> {
    Ok(on_pool!(db, |p| sqlx::query_as(PROPOSALS_OF_SQL)
        .bind(meeting)
        .fetch_all(p)
        .await)?)
}
