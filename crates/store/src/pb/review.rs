//! Expert review: the council of a cycle, members' conclusions and the council's decisions.

use crate::db::{execute, in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::money::Tenge;
use domain::pb::Decision;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: Uuid,
    pub name: String,
    pub civil_society: bool,
}

/// What became of inviting a person to the council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    /// Their invitation waits for their answer (a pending one takes the new mark).
    Invited,
    /// They sit on the council already: only the civil-society mark was updated.
    Member,
}

const UPDATE_MARK: &str = "UPDATE pb_council_members SET civil_society = $3 \
     WHERE cycle_id = $1 AND user_id = $2";

/// Invite `user` to the council of `cycle` (security review M5: the seat is theirs only when
/// they accept, `store::oversight::invitations::accept`). A member invited again only has
/// their civil-society mark updated.
pub async fn invite_member(
    db: &Db,
    cycle: Uuid,
    user: Uuid,
    civil_society: bool,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<Invited> {
    let body = domain::access::Body::ExpertCouncil.as_str();
    Ok(in_tx!(db, |tx| {
        let seated = sqlx::query(UPDATE_MARK)
            .bind(cycle)
            .bind(user)
            .bind(civil_society)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if seated > 0 {
            Invited::Member
        } else {
            crate::oversight::invitations::invite_in_tx!(
                tx,
                body,
                cycle,
                user,
                civil_society,
                by,
                now
            );
            Invited::Invited
        }
    }))
}

const MEMBERS_SQL: &str = "SELECT m.user_id, u.display_name, m.civil_society FROM \
     pb_council_members m JOIN users u ON u.id = m.user_id WHERE m.cycle_id = $1 ORDER BY \
     m.added_at, m.id";

pub async fn members(db: &Db, cycle: Uuid) -> Result<Vec<Member>> {
    let rows: Vec<(Uuid, String, bool)> = on_pool!(db, |p| sqlx::query_as(MEMBERS_SQL)
        .bind(cycle)
        .fetch_all(p)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, civil_society)| Member {
            user_id,
            name,
            civil_society,
        })
        .collect())
}

const IS_MEMBER_SQL: &str = "SELECT COUNT(*) FROM pb_council_members WHERE cycle_id = $1 AND \
     user_id = $2";

pub async fn is_member(db: &Db, cycle: Uuid, user: Uuid) -> Result<bool> {
    let n: i64 = on_pool!(db, |p| sqlx::query_scalar(IS_MEMBER_SQL)
        .bind(cycle)
        .bind(user)
        .fetch_one(p)
        .await)?;
    Ok(n > 0)
}

/// A member's conclusion (қорытынды / заключение) on a proposal.
#[derive(Debug, Clone)]
pub struct Conclusion {
    pub member: String,
    pub legal: bool,
    pub feasible: bool,
    pub adjusted_cost: Option<Tenge>,
    pub comment: String,
    pub at: DateTime<Utc>,
}

/// A council member's conclusion on a proposal, as recorded.
pub struct NewConclusion<'a> {
    pub proposal: Uuid,
    pub user: Uuid,
    pub legal: bool,
    pub feasible: bool,
    pub adjusted_cost: Option<Tenge>,
    pub comment: &'a str,
}

const UPSERT_CONCLUSION: &str = "INSERT INTO pb_conclusions \
    (id, proposal_id, user_id, legal, feasible, adjusted_cost_tiyn, comment, at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
    ON CONFLICT (proposal_id, user_id) DO UPDATE SET legal = excluded.legal, \
    feasible = excluded.feasible, adjusted_cost_tiyn = excluded.adjusted_cost_tiyn, \
    comment = excluded.comment, at = excluded.at";

/// Record or revise a member's conclusion.
pub async fn conclude(db: &Db, k: &NewConclusion<'_>, now: DateTime<Utc>) -> Result<()> {
    execute!(
        db,
        sqlx::query(UPSERT_CONCLUSION)
            .bind(new_id())
            .bind(k.proposal)
            .bind(k.user)
            .bind(k.legal)
            .bind(k.feasible)
            .bind(k.adjusted_cost.map(|t| t.tiyn()))
            .bind(k.comment)
            .bind(now)
    )?;
    Ok(())
}

struct ConclusionRow {
    display_name: String,
    legal: bool,
    feasible: bool,
    adjusted_cost_tiyn: Option<i64>,
    comment: String,
    at: DateTime<Utc>,
}
crate::db::from_row!(ConclusionRow {
    display_name,
    legal,
    feasible,
    adjusted_cost_tiyn,
    comment,
    at
});

const CONCLUSIONS_SQL: &str = "SELECT u.display_name, c.legal, c.feasible, c.adjusted_cost_tiyn, \
     c.comment, c.at FROM pb_conclusions c JOIN users u ON u.id = c.user_id WHERE c.proposal_id = \
     $1 ORDER BY c.at, c.id";

pub async fn conclusions(db: &Db, proposal: Uuid) -> Result<Vec<Conclusion>> {
    let rows: Vec<ConclusionRow> = on_pool!(db, |p| sqlx::query_as(CONCLUSIONS_SQL)
        .bind(proposal)
        .fetch_all(p)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| Conclusion {
            member: r.display_name,
            legal: r.legal,
            feasible: r.feasible,
            adjusted_cost: r.adjusted_cost_tiyn.map(Tenge::from_tiyn),
            comment: r.comment,
            at: r.at,
        })
        .collect())
}

/// The council's decision and its public reason.
#[derive(Debug, Clone)]
pub struct Decided {
    pub reason: Option<String>,
    pub merged_into: Option<Uuid>,
    pub at: Option<DateTime<Utc>>,
}

struct DecisionRow {
    decision_reason: Option<String>,
    merged_into: Option<Uuid>,
    decided_at: Option<DateTime<Utc>>,
}
crate::db::from_row!(DecisionRow {
    decision_reason,
    merged_into,
    decided_at
});

const DECISION_SQL: &str = "SELECT decision_reason, merged_into, decided_at FROM pb_proposals \
     WHERE id = $1";

pub async fn decision(db: &Db, proposal: Uuid) -> Result<Decided> {
    let row: Option<DecisionRow> = on_pool!(db, |p| sqlx::query_as(DECISION_SQL)
        .bind(proposal)
        .fetch_optional(p)
        .await)?;
    let r = row.ok_or(StoreError::NotFound)?;
    Ok(Decided {
        reason: r.decision_reason,
        merged_into: r.merged_into,
        at: r.decided_at,
    })
}

const DECIDE_SQL: &str = "UPDATE pb_proposals SET status = $2, decision_reason = $3, merged_into \
     = $4, decided_at = $5, updated_at = $5 WHERE id = $1";
const DECIDE_SQL_2: &str = "INSERT INTO pb_proposal_events (id, proposal_id, at, by_user, event) \
     VALUES ($1, $2, $3, $4, $5)";
const DECIDE_SQL_3: &str = "INSERT INTO notices (event_id, user_id, created_at) SELECT $1, \
     author_id, $3 FROM pb_proposals WHERE id = $2 AND author_id IS NOT NULL ON CONFLICT DO \
     NOTHING";

/// Record the council's decision with a history line; the proposal's status follows it. The
/// author (when they have an account) gets an in-app notice in the same transaction.
pub async fn decide(
    db: &Db,
    proposal: Uuid,
    d: Decision,
    reason: Option<&str>,
    merged_into: Option<Uuid>,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    let event = format!("decided:{}", d.as_str());
    let event_id = new_id();
    in_tx!(db, |tx| {
        sqlx::query(DECIDE_SQL)
            .bind(proposal)
            .bind(d.status().as_str())
            .bind(reason)
            .bind(merged_into)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(DECIDE_SQL_2)
            .bind(event_id)
            .bind(proposal)
            .bind(now)
            .bind(by)
            .bind(&event)
            .execute(&mut *tx)
            .await?;
        sqlx::query(DECIDE_SQL_3)
            .bind(event_id)
            .bind(proposal)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    });
    Ok(())
}
