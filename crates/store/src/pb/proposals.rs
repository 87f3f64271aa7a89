//! Proposals (ұсыныс / предложение) of a cycle: their cost sheets and history.

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::money::Tenge;
use domain::pb::{Category, Channel, ProposalStatus};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    pub channel: Channel,
    pub paper_form_number: Option<String>,
    pub title: String,
    pub description: String,
    pub category: Category,
    pub village_id: Uuid,
    pub place: String,
    pub cost: Tenge,
    pub items: Vec<(String, Tenge)>,
    pub pledge_money: Tenge,
    pub pledge_labour_days: i64,
    pub status: ProposalStatus,
    pub created_at: DateTime<Utc>,
}

/// A proposal as submitted: online by its author, or typed in by a coordinator.
#[derive(Debug, Clone)]
pub struct NewProposal {
    pub cycle_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    pub channel: Channel,
    pub paper_form_number: Option<String>,
    pub entered_by: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub category: Category,
    pub village_id: Uuid,
    pub place: String,
    pub items: Vec<(String, Tenge)>,
    pub pledge_money: Tenge,
    pub pledge_labour_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The author already has this many proposals in the cycle.
    TooMany(i64),
    /// This paper form number was typed in already.
    FormNumberTaken,
}

struct Row {
    id: Uuid,
    cycle_id: Uuid,
    author_id: Option<Uuid>,
    author_name: String,
    channel: String,
    paper_form_number: Option<String>,
    title: String,
    description: String,
    category: String,
    village_id: Uuid,
    place: String,
    cost_tiyn: i64,
    pledge_money_tiyn: i64,
    pledge_labour_days: i64,
    status: String,
    created_at: DateTime<Utc>,
}
crate::db::from_row!(Row {
    id,
    cycle_id,
    author_id,
    author_name,
    channel,
    paper_form_number,
    title,
    description,
    category,
    village_id,
    place,
    cost_tiyn,
    pledge_money_tiyn,
    pledge_labour_days,
    status,
    created_at
});

const COLUMNS: &str = "id, cycle_id, author_id, author_name, channel, paper_form_number, title, \
     description, category, village_id, place, cost_tiyn, pledge_money_tiyn, pledge_labour_days, \
     status, created_at";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("pb proposal: {what}"))
}

fn proposal(r: Row, items: Vec<(String, i64)>) -> Result<Proposal> {
    Ok(Proposal {
        id: r.id,
        cycle_id: r.cycle_id,
        author_id: r.author_id,
        author_name: r.author_name,
        channel: Channel::parse(&r.channel).ok_or_else(|| corrupt("channel"))?,
        paper_form_number: r.paper_form_number,
        title: r.title,
        description: r.description,
        category: Category::parse(&r.category).ok_or_else(|| corrupt("category"))?,
        village_id: r.village_id,
        place: r.place,
        cost: Tenge::from_tiyn(r.cost_tiyn),
        items: items
            .into_iter()
            .map(|(l, a)| (l, Tenge::from_tiyn(a)))
            .collect(),
        pledge_money: Tenge::from_tiyn(r.pledge_money_tiyn),
        pledge_labour_days: r.pledge_labour_days,
        status: ProposalStatus::parse(&r.status).ok_or_else(|| corrupt("status"))?,
        created_at: r.created_at,
    })
}

fn total(items: &[(String, Tenge)]) -> i64 {
    items.iter().map(|(_, a)| a.tiyn()).sum()
}

const LOCK_AUTHOR: &str = "UPDATE users SET level = level WHERE id = $1";
const AUTHOR_PROPOSALS: &str =
    "SELECT COUNT(*) FROM pb_proposals WHERE cycle_id = $1 AND author_id = $2";
const INSERT_PROPOSAL: &str = "INSERT INTO pb_proposals (id, cycle_id, author_id, author_name, \
     channel, paper_form_number, entered_by, title, description, category, village_id, place, \
     cost_tiyn, pledge_money_tiyn, pledge_labour_days, status, created_at, updated_at) VALUES \
     ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)";
const INSERT_ITEM: &str = "INSERT INTO pb_cost_items (id, proposal_id, position, label, \
     amount_tiyn) VALUES ($1, $2, $3, $4, $5)";
const INSERT_EVENT: &str = "INSERT INTO pb_proposal_events (id, proposal_id, at, by_user, event) \
     VALUES ($1, $2, $3, $4, $5)";

/// Write a proposal's cost lines in order, inside the transaction that writes the proposal.
macro_rules! insert_items {
    ($tx:ident, $id:expr, $items:expr) => {
        for (i, (label, amount)) in $items.iter().enumerate() {
            sqlx::query(INSERT_ITEM)
                .bind(new_id())
                .bind($id)
                .bind(i as i64)
                .bind(label)
                .bind(amount.tiyn())
                .execute(&mut *$tx)
                .await?;
        }
    };
}

/// Store a proposal with its cost sheet and first history line, all or nothing. The limit
/// per author is checked under a lock on the author's row, so two tabs cannot both pass it.
pub async fn create(
    db: &Db,
    p: &NewProposal,
    max_per_author: i64,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Uuid, Refused>> {
    let id = new_id();
    let event = format!("submitted:{}", p.channel.as_str());
    let outcome = in_tx!(db, |tx| {
        if let Some(author) = p.author_id {
            // A no-op update takes the row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already
            // holds the database.
            sqlx::query(LOCK_AUTHOR)
                .bind(author)
                .execute(&mut *tx)
                .await?;
            let n: i64 = sqlx::query_scalar(AUTHOR_PROPOSALS)
                .bind(p.cycle_id)
                .bind(author)
                .fetch_one(&mut *tx)
                .await?;
            if n >= max_per_author {
                return Ok(Err(Refused::TooMany(n)));
            }
        }
        let inserted = sqlx::query(INSERT_PROPOSAL)
            .bind(id)
            .bind(p.cycle_id)
            .bind(p.author_id)
            .bind(&p.author_name)
            .bind(p.channel.as_str())
            .bind(&p.paper_form_number)
            .bind(p.entered_by)
            .bind(&p.title)
            .bind(&p.description)
            .bind(p.category.as_str())
            .bind(p.village_id)
            .bind(&p.place)
            .bind(total(&p.items))
            .bind(p.pledge_money.tiyn())
            .bind(p.pledge_labour_days)
            .bind(ProposalStatus::Submitted.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await;
        match inserted {
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                return Ok(Err(Refused::FormNumberTaken))
            }
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        insert_items!(tx, id, p.items);
        sqlx::query(INSERT_EVENT)
            .bind(new_id())
            .bind(id)
            .bind(now)
            .bind(p.entered_by.or(p.author_id))
            .bind(&event)
            .execute(&mut *tx)
            .await?;
        Ok(id)
    });
    Ok(outcome)
}

const UPDATE: &str = "UPDATE pb_proposals SET title = $2, description = $3, category = $4, \
     village_id = $5, place = $6, cost_tiyn = $7, pledge_money_tiyn = $8, \
     pledge_labour_days = $9, updated_at = $10 WHERE id = $1";
const DELETE_ITEMS: &str = "DELETE FROM pb_cost_items WHERE proposal_id = $1";
const RESUBMIT: &str = "UPDATE pb_proposals SET status = $2, decision_reason = NULL, \
     decided_at = NULL, updated_at = $3 WHERE id = $1";

/// Replace what the author may change (text, place, category, cost sheet, pledges). A
/// returned proposal (`resubmit`) goes back to the council as submitted in the same
/// transaction.
pub async fn update(
    db: &Db,
    id: Uuid,
    p: &NewProposal,
    by: Uuid,
    resubmit: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    in_tx!(db, |tx| {
        sqlx::query(UPDATE)
            .bind(id)
            .bind(&p.title)
            .bind(&p.description)
            .bind(p.category.as_str())
            .bind(p.village_id)
            .bind(&p.place)
            .bind(total(&p.items))
            .bind(p.pledge_money.tiyn())
            .bind(p.pledge_labour_days)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(DELETE_ITEMS).bind(id).execute(&mut *tx).await?;
        insert_items!(tx, id, p.items);
        sqlx::query(INSERT_EVENT)
            .bind(new_id())
            .bind(id)
            .bind(now)
            .bind(by)
            .bind("edited")
            .execute(&mut *tx)
            .await?;
        if resubmit {
            sqlx::query(RESUBMIT)
                .bind(id)
                .bind(ProposalStatus::Submitted.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query(INSERT_EVENT)
                .bind(new_id())
                .bind(id)
                .bind(now)
                .bind(by)
                .bind("resubmitted")
                .execute(&mut *tx)
                .await?;
        }
    });
    Ok(())
}

const ITEMS_OF_SQL: &str = "SELECT label, amount_tiyn FROM pb_cost_items WHERE proposal_id = $1 \
     ORDER BY position";

async fn items_of(db: &Db, id: Uuid) -> Result<Vec<(String, i64)>> {
    Ok(on_pool!(db, |p| sqlx::query_as(ITEMS_OF_SQL)
        .bind(id)
        .fetch_all(p)
        .await)?)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<Proposal>> {
    let sql = format!("SELECT {COLUMNS} FROM pb_proposals WHERE id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    match row {
        Some(r) => {
            let items = items_of(db, r.id).await?;
            proposal(r, items).map(Some)
        }
        None => Ok(None),
    }
}

/// A cycle's proposals, oldest first (the order they were submitted in).
pub async fn of_cycle(db: &Db, cycle: Uuid) -> Result<Vec<Proposal>> {
    let sql =
        format!("SELECT {COLUMNS} FROM pb_proposals WHERE cycle_id = $1 ORDER BY created_at, id");
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql).bind(cycle).fetch_all(p).await)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let items = items_of(db, r.id).await?;
        out.push(proposal(r, items)?);
    }
    Ok(out)
}

const COUNTS_SQL: &str = "SELECT status, COUNT(*) FROM pb_proposals WHERE cycle_id = $1 GROUP BY \
     status";

/// (all, admitted, undecided) proposals of a cycle: what stage changes depend on.
pub async fn counts(db: &Db, cycle: Uuid) -> Result<(i64, i64, i64)> {
    let rows: Vec<(String, i64)> = on_pool!(db, |p| sqlx::query_as(COUNTS_SQL)
        .bind(cycle)
        .fetch_all(p)
        .await)?;
    let get = |s: ProposalStatus| {
        rows.iter()
            .find(|r| r.0 == s.as_str())
            .map(|r| r.1)
            .unwrap_or(0)
    };
    let all = rows.iter().map(|r| r.1).sum();
    Ok((
        all,
        get(ProposalStatus::Admitted),
        get(ProposalStatus::Submitted),
    ))
}

/// One line of a proposal's public history.
#[derive(Debug, Clone)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub event: String,
}

const HISTORY_SQL: &str = "SELECT at, event FROM pb_proposal_events WHERE proposal_id = $1 ORDER \
     BY at, id";

pub async fn history(db: &Db, id: Uuid) -> Result<Vec<Event>> {
    let rows: Vec<(DateTime<Utc>, String)> = on_pool!(db, |p| sqlx::query_as(HISTORY_SQL)
        .bind(id)
        .fetch_all(p)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(at, event)| Event { at, event })
        .collect())
}
