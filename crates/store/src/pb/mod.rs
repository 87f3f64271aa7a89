//! People's Participation Budget cycles: their settings, money, stage and its history.

pub mod assisted;
pub mod ballots;
pub mod discussion;
pub mod envelope;
pub mod meetings;
pub mod paper;
pub mod photos;
pub mod proposals;
pub mod review;
pub mod voters;

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::money::{Mrp, Tenge};
use domain::pb::{
    BallotType, CoFinancing, CoFinancingSource, CountingRule, Eligibility, Envelope, Schedule,
    Stage,
};
use uuid::Uuid;

/// A budget cycle (цикл) of one territory and year.
#[derive(Debug, Clone)]
pub struct Cycle {
    pub id: Uuid,
    pub territory_id: Uuid,
    pub year: i32,
    pub stage: Stage,
    pub envelope: Envelope,
    /// The MRP in force when applications were opened, and the cap in MRP.
    pub mrp: Tenge,
    pub cap_mrp: i64,
    pub ballot: BallotType,
    pub rule: CountingRule,
    pub eligibility: Eligibility,
    pub max_proposals_per_author: i64,
    pub revision_enabled: bool,
    pub votes_visible: bool,
    pub changes_allowed: bool,
    pub schedule: Schedule,
    pub created_at: DateTime<Utc>,
}

impl Cycle {
    /// The per-project cap in tenge (`domain::pb::cap`).
    pub fn cap(&self) -> Tenge {
        domain::pb::cap(self.mrp, self.cap_mrp)
    }

    /// Whether vote counts are public now (`domain::pb::votes_public`).
    pub fn votes_public(&self) -> bool {
        domain::pb::votes_public(self.stage, self.votes_visible)
    }
}

/// A new cycle: the territory and the set-up that passed the domain's rules.
#[derive(Debug, Clone)]
pub struct NewCycle {
    pub territory_id: Uuid,
    pub setup: domain::pb::CycleSetup,
}

struct Row {
    id: Uuid,
    territory_id: Uuid,
    year: i64,
    stage: String,
    housing_spending_tiyn: i64,
    share_bp: i64,
    mrp_tiyn: i64,
    cap_mrp: i64,
    ballot_type: String,
    ballot_k: Option<i64>,
    rule: String,
    min_age: i64,
    min_level: String,
    max_proposals_per_author: i64,
    revision_enabled: bool,
    votes_visible: bool,
    changes_allowed: bool,
    collection_start: NaiveDate,
    collection_end: NaiveDate,
    review_end: NaiveDate,
    discussion_end: NaiveDate,
    voting_start: NaiveDate,
    voting_end: NaiveDate,
    created_at: DateTime<Utc>,
}
crate::db::from_row!(Row {
    id,
    territory_id,
    year,
    stage,
    housing_spending_tiyn,
    share_bp,
    mrp_tiyn,
    cap_mrp,
    ballot_type,
    ballot_k,
    rule,
    min_age,
    min_level,
    max_proposals_per_author,
    revision_enabled,
    votes_visible,
    changes_allowed,
    collection_start,
    collection_end,
    review_end,
    discussion_end,
    voting_start,
    voting_end,
    created_at
});

const COLUMNS: &str = "id, territory_id, year, stage, housing_spending_tiyn, share_bp, mrp_tiyn, \
     cap_mrp, ballot_type, ballot_k, rule, min_age, min_level, max_proposals_per_author, \
     revision_enabled, votes_visible, changes_allowed, collection_start, collection_end, \
     review_end, discussion_end, voting_start, voting_end, created_at";

struct CoFinancingRow {
    source: String,
    amount_tiyn: i64,
    min_turnout_bp: Option<i64>,
}
crate::db::from_row!(CoFinancingRow {
    source,
    amount_tiyn,
    min_turnout_bp
});

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("pb cycle: {what}"))
}

fn cycle(r: Row, cofinancing: Vec<CoFinancingRow>) -> Result<Cycle> {
    let k = r.ballot_k.and_then(|k| u32::try_from(k).ok());
    let cofinancing = cofinancing
        .into_iter()
        .map(|c| {
            Ok(CoFinancing {
                source: CoFinancingSource::parse(&c.source)
                    .ok_or_else(|| corrupt("co-financing source"))?,
                amount: Tenge::from_tiyn(c.amount_tiyn),
                min_turnout_bp: c.min_turnout_bp.and_then(|b| u32::try_from(b).ok()),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Cycle {
        id: r.id,
        territory_id: r.territory_id,
        year: i32::try_from(r.year).map_err(|_| corrupt("year"))?,
        stage: Stage::parse(&r.stage).ok_or_else(|| corrupt("stage"))?,
        envelope: Envelope {
            housing_spending: Tenge::from_tiyn(r.housing_spending_tiyn),
            share_bp: u32::try_from(r.share_bp).map_err(|_| corrupt("share"))?,
            cofinancing,
        },
        mrp: Tenge::from_tiyn(r.mrp_tiyn),
        cap_mrp: r.cap_mrp,
        ballot: BallotType::parse(&r.ballot_type, k).ok_or_else(|| corrupt("ballot type"))?,
        rule: CountingRule::parse(&r.rule).ok_or_else(|| corrupt("rule"))?,
        eligibility: Eligibility {
            min_age: u32::try_from(r.min_age).map_err(|_| corrupt("min age"))?,
            min_level: domain::Level::parse(&r.min_level).ok_or_else(|| corrupt("min level"))?,
        },
        max_proposals_per_author: r.max_proposals_per_author,
        revision_enabled: r.revision_enabled,
        votes_visible: r.votes_visible,
        changes_allowed: r.changes_allowed,
        schedule: Schedule {
            collection_start: r.collection_start,
            collection_end: r.collection_end,
            review_end: r.review_end,
            discussion_end: r.discussion_end,
            voting_start: r.voting_start,
            voting_end: r.voting_end,
        },
        created_at: r.created_at,
    })
}

/// One cycle per territory and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearTaken;

const CREATE_SQL: &str = "INSERT INTO pb_cycles (id, territory_id, year, stage, \
     housing_spending_tiyn, share_bp, mrp_tiyn, cap_mrp, ballot_type, ballot_k, rule, min_age, \
     min_level, max_proposals_per_author, revision_enabled, votes_visible, \
     changes_allowed, collection_start, collection_end, review_end, discussion_end, voting_start, \
     voting_end, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
     $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)";
const CREATE_SQL_2: &str = "INSERT INTO pb_cofinancing (id, cycle_id, position, source, \
     amount_tiyn, min_turnout_bp) VALUES ($1, $2, $3, $4, $5, $6)";
const CREATE_SQL_3: &str = "INSERT INTO pb_stage_events (id, cycle_id, from_stage, to_stage, at, \
     by_user) VALUES ($1, $2, $3, $4, $5, $6)";

pub async fn create(
    db: &Db,
    c: &NewCycle,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Uuid, YearTaken>> {
    let id = new_id();
    let k = match c.setup.ballot {
        BallotType::UpTo(k) => Some(i64::from(k)),
        _ => None,
    };
    let s = &c.setup.schedule;
    let outcome = in_tx!(db, |tx| {
        let inserted = sqlx::query(CREATE_SQL)
            .bind(id)
            .bind(c.territory_id)
            .bind(i64::from(c.setup.year))
            .bind(Stage::Collection.as_str())
            .bind(c.setup.envelope.housing_spending.tiyn())
            .bind(i64::from(c.setup.envelope.share_bp))
            .bind(c.setup.mrp.tiyn())
            .bind(c.setup.cap_mrp)
            .bind(c.setup.ballot.as_str())
            .bind(k)
            .bind(c.setup.rule.as_str())
            .bind(i64::from(c.setup.eligibility.min_age))
            .bind(c.setup.eligibility.min_level.as_str())
            .bind(c.setup.max_proposals_per_author)
            .bind(c.setup.revision_enabled)
            .bind(c.setup.votes_visible)
            .bind(c.setup.changes_allowed)
            .bind(s.collection_start)
            .bind(s.collection_end)
            .bind(s.review_end)
            .bind(s.discussion_end)
            .bind(s.voting_start)
            .bind(s.voting_end)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await;
        match inserted {
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => return Ok(Err(YearTaken)),
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        for (i, line) in c.setup.envelope.cofinancing.iter().enumerate() {
            sqlx::query(CREATE_SQL_2)
                .bind(new_id())
                .bind(id)
                .bind(i as i64)
                .bind(line.source.as_str())
                .bind(line.amount.tiyn())
                .bind(line.min_turnout_bp.map(i64::from))
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(CREATE_SQL_3)
            .bind(new_id())
            .bind(id)
            .bind(None::<String>)
            .bind(Stage::Collection.as_str())
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?;
        Ok(id)
    });
    Ok(outcome)
}

const COFINANCING_OF_SQL: &str = "SELECT source, amount_tiyn, min_turnout_bp FROM pb_cofinancing \
     WHERE cycle_id = $1 ORDER BY position";

async fn cofinancing_of(db: &Db, cycle: Uuid) -> Result<Vec<CoFinancingRow>> {
    Ok(on_pool!(db, |p| sqlx::query_as(COFINANCING_OF_SQL)
        .bind(cycle)
        .fetch_all(p)
        .await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<Cycle>> {
    let sql = format!("SELECT {COLUMNS} FROM pb_cycles WHERE id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    let Some(row) = row else { return Ok(None) };
    cycle(row, cofinancing_of(db, id).await?).map(Some)
}

/// Cycles of territories whose path starts with `path_prefix` (all when `None`), newest first.
pub async fn list(db: &Db, path_prefix: Option<&str>) -> Result<Vec<Cycle>> {
    let cols = COLUMNS
        .split(", ")
        .map(|c| format!("c.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {cols} FROM pb_cycles c JOIN territories t ON t.id = c.territory_id \
         WHERE t.path LIKE $1 ORDER BY c.year DESC, t.kato"
    );
    let prefix = format!("{}%", path_prefix.unwrap_or(""));
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(&prefix)
        .fetch_all(p)
        .await)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let lines = cofinancing_of(db, r.id).await?;
        out.push(cycle(r, lines)?);
    }
    Ok(out)
}

const MOVE_STAGE_SQL: &str = "UPDATE pb_cycles SET stage = $3 WHERE id = $1 AND stage = $2";
const MOVE_STAGE_SQL_2: &str = "INSERT INTO pb_stage_events (id, cycle_id, from_stage, to_stage, \
     at, by_user) VALUES ($1, $2, $3, $4, $5, $6)";

/// The count a move to results publishes, made from the ballots (and their number per channel)
/// as the moving transaction reads them; `None` when the count cannot be made (the move is
/// then not written).
pub type Counter<'a> = &'a (dyn Fn(&[envelope::CountedBallot], &[(domain::pb::Channel, i64)]) -> Option<ballots::Published>
         + Send
         + Sync);

/// Move a cycle from `from` to `to`, recording who did it. Returns `false` when the cycle was
/// no longer in `from` (someone else moved it first): nothing is written then.
///
/// With `count`, the ballots are read and counted after the stage has changed, in the same
/// transaction, and the count is published with the move: a paper entry (which checks the
/// stage inside its own transaction, see `paper::enter`) either committed before and is
/// counted, or comes after and is refused (security review L6). On PostgreSQL the stage
/// update waits for an entry holding the cycle row; SQLite's `BEGIN IMMEDIATE` serialises.
pub async fn move_stage(
    db: &Db,
    id: Uuid,
    from: Stage,
    to: Stage,
    by: Option<Uuid>,
    count: Option<Counter<'_>>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let moved = in_tx!(db, |tx| {
        let n = sqlx::query(MOVE_STAGE_SQL)
            .bind(id)
            .bind(from.as_str())
            .bind(to.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 1 {
            sqlx::query(MOVE_STAGE_SQL_2)
                .bind(new_id())
                .bind(id)
                .bind(from.as_str())
                .bind(to.as_str())
                .bind(now)
                .bind(by)
                .execute(&mut *tx)
                .await?;
            if let Some(count) = count {
                let rows: Vec<(Uuid, Option<Uuid>, Uuid)> = sqlx::query_as(ballots::ALL_CHOICES)
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
                let channels: Vec<(String, i64)> = sqlx::query_as(ballots::BALLOTS_PER_CHANNEL)
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
                let counted: Vec<envelope::CountedBallot> = ballots::canonical_rows(rows)
                    .into_iter()
                    .map(|(village, choices)| (choices, village))
                    .collect();
                let Some(result) = count(&counted, &ballots::channels(channels)) else {
                    // Dropping the transaction rolls the stage change back.
                    return Ok(false);
                };
                ballots::publish_in(&mut tx, id, &result).await?;
            }
        }
        n == 1
    });
    Ok(moved)
}

/// One stage change of a cycle's history.
#[derive(Debug, Clone)]
pub struct StageEvent {
    pub from: Option<Stage>,
    pub to: Stage,
    pub at: DateTime<Utc>,
}

const HISTORY_SQL: &str = "SELECT from_stage, to_stage, at FROM pb_stage_events WHERE cycle_id = \
     $1 ORDER BY at, id";

pub async fn history(db: &Db, id: Uuid) -> Result<Vec<StageEvent>> {
    type Event = (Option<String>, String, DateTime<Utc>);
    let rows: Vec<Event> = on_pool!(db, |p| sqlx::query_as(HISTORY_SQL)
        .bind(id)
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(|(from, to, at)| {
            Ok(StageEvent {
                from: from
                    .as_deref()
                    .map(|s| Stage::parse(s).ok_or_else(|| corrupt("event stage")))
                    .transpose()?,
                to: Stage::parse(&to).ok_or_else(|| corrupt("event stage"))?,
                at,
            })
        })
        .collect()
}

const SELECT_MRP_TABLE: &str =
    "SELECT valid_from, year, value_tiyn FROM mrp_values ORDER BY valid_from";

/// The MRP table (year, valid from, value).
pub async fn mrp_table(db: &Db) -> Result<Vec<Mrp>> {
    let rows: Vec<(NaiveDate, i64, i64)> =
        on_pool!(db, |p| sqlx::query_as(SELECT_MRP_TABLE).fetch_all(p).await)?;
    rows.into_iter()
        .map(|(valid_from, year, v)| {
            Ok(Mrp {
                year: i32::try_from(year).map_err(|_| corrupt("mrp year"))?,
                valid_from,
                value: Tenge::from_tiyn(v),
            })
        })
        .collect()
}
