//! Ballots: one per person per cycle (the database refuses a second), with a receipt code
//! the voter can check.

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result};
use chrono::{DateTime, Utc};
use domain::pb::Channel;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct NewBallot {
    pub cycle_id: Uuid,
    /// The voter's IIN fingerprint: the person, whatever the channel.
    pub person_hash: Vec<u8>,
    pub voter_id: Option<Uuid>,
    pub channel: Channel,
    pub entered_by: Option<Uuid>,
    pub choices: Vec<Uuid>,
    /// Used only when the ballot is new.
    pub receipt: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cast {
    /// Recorded now.
    New { receipt: String },
    /// The person's earlier ballot was replaced (cycles that allow changes).
    Replaced { receipt: String },
    /// The person had voted already; nothing was written.
    AlreadyVoted { receipt: String },
}

const INSERT_BALLOT: &str = "INSERT INTO pb_ballots (id, cycle_id, person_hash, voter_id, \
    channel, receipt, entered_by, cast_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT \
    (cycle_id, person_hash) DO NOTHING";
const SELECT_BALLOT_OF_PERSON: &str = "SELECT id, receipt FROM pb_ballots WHERE cycle_id = $1 \
    AND person_hash = $2";
const DELETE_CHOICES: &str = "DELETE FROM pb_ballot_choices WHERE ballot_id = $1";
const UPDATE_BALLOT_RECAST: &str = "UPDATE pb_ballots SET cast_at = $2, channel = $3 WHERE id = $1";
const INSERT_CHOICE: &str =
    "INSERT INTO pb_ballot_choices (ballot_id, proposal_id) VALUES ($1, $2)";
const SELECT_RECEIPT: &str = "SELECT receipt FROM pb_ballots WHERE cycle_id = $1 AND \
    person_hash = $2";
const SELECT_BALLOT_BY_RECEIPT: &str = "SELECT id, cast_at, channel FROM pb_ballots WHERE \
    cycle_id = $1 AND receipt = $2";
const COUNT_CHOICES: &str = "SELECT COUNT(*) FROM pb_ballot_choices WHERE ballot_id = $1";
const VOTES_PER_PROPOSAL: &str = "SELECT c.proposal_id, COUNT(*) FROM pb_ballot_choices c JOIN \
    pb_ballots b ON b.id = c.ballot_id WHERE b.cycle_id = $1 GROUP BY c.proposal_id";
pub(crate) const BALLOTS_PER_CHANNEL: &str =
    "SELECT channel, COUNT(*) FROM pb_ballots WHERE cycle_id = $1 \
    GROUP BY channel ORDER BY channel";
const ALL_CHOICES: &str = "SELECT b.id, c.proposal_id FROM pb_ballots b JOIN pb_ballot_choices \
    c ON c.ballot_id = b.id WHERE b.cycle_id = $1 ORDER BY b.cast_at, b.id, c.proposal_id";
const SELECT_RESULT: &str = "SELECT rule, budget_tiyn, selected, ballots, computed_at, detail, \
    ballots_pb FROM pb_results WHERE cycle_id = $1";
/// Fills in what a result published before the count was stored whole lacks; a result that
/// has it keeps it (it is written once).
const STORE_DETAIL: &str = "UPDATE pb_results SET detail = $2, ballots_pb = $3 WHERE cycle_id = \
    $1 AND detail IS NULL";

/// Record a ballot. Two simultaneous submissions of one person end as one ballot: the
/// unique index decides, and the loser sees the winner's receipt.
pub async fn cast(
    db: &Db,
    b: &NewBallot,
    changes_allowed: bool,
    now: DateTime<Utc>,
) -> Result<Cast> {
    let outcome = in_tx!(db, |tx| {
        let inserted = sqlx::query(INSERT_BALLOT)
            .bind(new_id())
            .bind(b.cycle_id)
            .bind(&b.person_hash)
            .bind(b.voter_id)
            .bind(b.channel.as_str())
            .bind(&b.receipt)
            .bind(b.entered_by)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let (ballot, receipt): (Uuid, String) = sqlx::query_as(SELECT_BALLOT_OF_PERSON)
            .bind(b.cycle_id)
            .bind(&b.person_hash)
            .fetch_one(&mut *tx)
            .await?;
        let outcome = match (inserted, changes_allowed) {
            (1, _) => Cast::New { receipt },
            (_, true) => {
                // The ballot row is updated (so locked) before its choices are deleted: a
                // concurrent replacement by the same person waits here until the other one
                // commits, and its DELETE, a new statement at READ COMMITTED, then sees and
                // removes the other's choices. Deleting first let PostgreSQL keep the union of
                // two replacements (security review M7); SQLite's BEGIN IMMEDIATE serialises
                // anyway.
                sqlx::query(UPDATE_BALLOT_RECAST)
                    .bind(ballot)
                    .bind(now)
                    .bind(b.channel.as_str())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(DELETE_CHOICES)
                    .bind(ballot)
                    .execute(&mut *tx)
                    .await?;
                Cast::Replaced { receipt }
            }
            _ => return Ok(Cast::AlreadyVoted { receipt }),
        };
        for choice in &b.choices {
            sqlx::query(INSERT_CHOICE)
                .bind(ballot)
                .bind(choice)
                .execute(&mut *tx)
                .await?;
        }
        outcome
    });
    Ok(outcome)
}

/// The receipt of a person's ballot in a cycle, if they voted.
pub async fn receipt_of(db: &Db, cycle: Uuid, person_hash: &[u8]) -> Result<Option<String>> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(SELECT_RECEIPT)
        .bind(cycle)
        .bind(person_hash)
        .fetch_optional(p)
        .await)?)
}

/// What a receipt proves: when and how the ballot was recorded.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub cast_at: DateTime<Utc>,
    pub channel: Channel,
    pub choices: usize,
}

pub async fn check_receipt(db: &Db, cycle: Uuid, code: &str) -> Result<Option<Receipt>> {
    type Row = (Uuid, DateTime<Utc>, String);
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_BALLOT_BY_RECEIPT)
        .bind(cycle)
        .bind(code)
        .fetch_optional(p)
        .await)?;
    let Some((id, cast_at, channel)) = row else {
        return Ok(None);
    };
    let choices: i64 = on_pool!(db, |p| sqlx::query_scalar(COUNT_CHOICES)
        .bind(id)
        .fetch_one(p)
        .await)?;
    Ok(Some(Receipt {
        cast_at,
        channel: Channel::parse(&channel).unwrap_or(Channel::Web),
        choices: choices as usize,
    }))
}

/// Votes per proposal.
pub async fn counts(db: &Db, cycle: Uuid) -> Result<HashMap<Uuid, i64>> {
    let rows: Vec<(Uuid, i64)> = on_pool!(db, |p| sqlx::query_as(VOTES_PER_PROPOSAL)
        .bind(cycle)
        .fetch_all(p)
        .await)?;
    Ok(rows.into_iter().collect())
}

/// Ballots by channel.
pub async fn turnout(db: &Db, cycle: Uuid) -> Result<Vec<(Channel, i64)>> {
    let rows: Vec<(String, i64)> = on_pool!(db, |p| sqlx::query_as(BALLOTS_PER_CHANNEL)
        .bind(cycle)
        .fetch_all(p)
        .await)?;
    Ok(channels(rows))
}

/// Rows of [`BALLOTS_PER_CHANNEL`] as channels.
pub(crate) fn channels(rows: Vec<(String, i64)>) -> Vec<(Channel, i64)> {
    rows.into_iter()
        .filter_map(|(c, n)| Channel::parse(&c).map(|c| (c, n)))
        .collect()
}

/// Every ballot of a cycle as its list of proposals, in the order they were cast: the input
/// of the count and of the anonymised `.pb` export (no voter is identifiable from it).
pub async fn all(db: &Db, cycle: Uuid) -> Result<Vec<Vec<Uuid>>> {
    let rows: Vec<(Uuid, Uuid)> = on_pool!(db, |p| sqlx::query_as(ALL_CHOICES)
        .bind(cycle)
        .fetch_all(p)
        .await)?;
    let mut out: Vec<Vec<Uuid>> = Vec::new();
    let mut last: Option<Uuid> = None;
    for (ballot, proposal) in rows {
        if last != Some(ballot) {
            out.push(Vec::new());
            last = Some(ballot);
        }
        if let Some(b) = out.last_mut() {
            b.push(proposal);
        }
    }
    Ok(out)
}

/// A published result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub rule: String,
    pub budget_tiyn: i64,
    pub selected: Vec<Uuid>,
    pub ballots: i64,
    pub computed_at: DateTime<Utc>,
    /// The whole count (rounds, sub-envelopes, turnout) as the app serialised it: the pages
    /// show it without counting again (security review L7). `None` for results published
    /// before it was stored, until their first reading fills it in.
    pub detail: Option<String>,
    /// The anonymised ballots of the count as a Pabulib file, as published.
    pub ballots_pb: Option<String>,
}

/// Publish (or re-publish) the result of a cycle.
pub async fn publish(db: &Db, cycle: Uuid, r: &Published) -> Result<()> {
    in_tx!(db, |tx| publish_in(&mut tx, cycle, r).await?);
    Ok(())
}

const DELETE_RESULT: &str = "DELETE FROM pb_results WHERE cycle_id = $1";
const INSERT_RESULT: &str = "INSERT INTO pb_results \
    (cycle_id, rule, budget_tiyn, selected, ballots, computed_at, detail, ballots_pb) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// Publish inside a transaction the caller holds (the stage move to results).
pub(crate) async fn publish_in<'c, DB>(
    tx: &mut sqlx::Transaction<'c, DB>,
    cycle: Uuid,
    r: &Published,
) -> Result<()>
where
    DB: sqlx::Database,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'e> &'e mut <DB as sqlx::Database>::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> DateTime<Utc>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let selected = r
        .selected
        .iter()
        .map(|u| u.to_string())
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query(DELETE_RESULT)
        .bind(cycle)
        .execute(&mut **tx)
        .await?;
    sqlx::query(INSERT_RESULT)
        .bind(cycle)
        .bind(r.rule.clone())
        .bind(r.budget_tiyn)
        .bind(selected)
        .bind(r.ballots)
        .bind(r.computed_at)
        .bind(r.detail.clone())
        .bind(r.ballots_pb.clone())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Store the whole count of a result published before it was kept (see [`Published::detail`]);
/// `false` when the result has it already or is not published.
pub async fn store_detail(db: &Db, cycle: Uuid, detail: &str, ballots_pb: &str) -> Result<bool> {
    let n = in_tx!(db, |tx| sqlx::query(STORE_DETAIL)
        .bind(cycle)
        .bind(detail)
        .bind(ballots_pb)
        .execute(&mut *tx)
        .await?
        .rows_affected());
    Ok(n == 1)
}

pub async fn published(db: &Db, cycle: Uuid) -> Result<Option<Published>> {
    type Row = (
        String,
        i64,
        String,
        i64,
        DateTime<Utc>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_RESULT)
        .bind(cycle)
        .fetch_optional(p)
        .await)?;
    Ok(row.map(
        |(rule, budget_tiyn, selected, ballots, computed_at, detail, ballots_pb)| Published {
            rule,
            budget_tiyn,
            selected: selected
                .split(',')
                .filter_map(|s| Uuid::parse_str(s).ok())
                .collect(),
            ballots,
            computed_at,
            detail,
            ballots_pb,
        },
    ))
}

/// Record many ballots in one transaction (paper batches, imports, the demo). A ballot whose
/// person has voted already is skipped; returns how many were recorded.
pub async fn cast_many(db: &Db, list: &[NewBallot], now: DateTime<Utc>) -> Result<usize> {
    let recorded = in_tx!(db, |tx| {
        let mut n = 0;
        for b in list {
            let id = new_id();
            let inserted = sqlx::query(INSERT_BALLOT)
                .bind(id)
                .bind(b.cycle_id)
                .bind(&b.person_hash)
                .bind(b.voter_id)
                .bind(b.channel.as_str())
                .bind(&b.receipt)
                .bind(b.entered_by)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if inserted == 1 {
                for choice in &b.choices {
                    sqlx::query(INSERT_CHOICE)
                        .bind(id)
                        .bind(choice)
                        .execute(&mut *tx)
                        .await?;
                }
                n += 1;
            }
        }
        n
    });
    Ok(recorded)
}
