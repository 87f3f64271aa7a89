//! Ballots: one per person per cycle (the database refuses a second), with a receipt code
//! the voter can check.

use super::voters::{link_of, record_new, BallotSeal, Voter, INSERT_CHOICE};
use crate::db::{in_tx, on_pool};
use crate::{Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::pb::Channel;
use std::collections::HashMap;
use uuid::Uuid;

pub use super::voters::{new_ballot_id, seal_migrated, Link};

#[derive(Debug, Clone)]
pub struct NewBallot {
    pub cycle_id: Uuid,
    /// The voter's IIN fingerprint: the person, whatever the channel.
    pub person_hash: Vec<u8>,
    /// The voter's account; their residence now is the ballot's village.
    pub voter_id: Option<Uuid>,
    pub channel: Channel,
    pub entered_by: Option<Uuid>,
    pub choices: Vec<Uuid>,
    /// Used only when the ballot is new.
    pub receipt: String,
}

impl NewBallot {
    fn voter(&self) -> Voter<'_> {
        Voter {
            cycle: self.cycle_id,
            person_hash: &self.person_hash,
            voter_id: self.voter_id,
            channel: self.channel,
            entered_by: self.entered_by,
            witness: None,
            witness_id: None,
            confirmation: None,
            confirmed_by: None,
        }
    }
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

const UPDATE_VOTER_RECAST: &str = "UPDATE pb_voters SET cast_at = $3, channel = $4 WHERE \
    cycle_id = $1 AND person_hash = $2";
const UPDATE_BALLOT_RECAST: &str = "UPDATE pb_ballots SET channel = $2, village_id = \
    COALESCE((SELECT residence_id FROM users WHERE id = $3), village_id) WHERE id = $1";
const DELETE_CHOICES: &str = "DELETE FROM pb_ballot_choices WHERE ballot_id = $1";
const SELECT_BALLOT_BY_RECEIPT: &str = "SELECT id, channel FROM pb_ballots WHERE \
    cycle_id = $1 AND receipt = $2";
const VOTES_PER_PROPOSAL: &str = "SELECT c.proposal_id, COUNT(*) FROM pb_ballot_choices c JOIN \
    pb_ballots b ON b.id = c.ballot_id WHERE b.cycle_id = $1 GROUP BY c.proposal_id";
pub(crate) const BALLOTS_PER_CHANNEL: &str =
    "SELECT channel, COUNT(*) FROM pb_ballots WHERE cycle_id = $1 \
    GROUP BY channel ORDER BY channel";
pub(crate) const ALL_CHOICES: &str = "SELECT b.id, b.village_id, c.proposal_id FROM pb_ballots b \
    JOIN pb_ballot_choices c ON c.ballot_id = b.id WHERE b.cycle_id = $1";
const SELECT_RESULT: &str = "SELECT rule, budget_tiyn, selected, ballots, computed_at, detail, \
    ballots_pb FROM pb_results WHERE cycle_id = $1";
/// Fills in what a result published before the count was stored whole lacks; a result that
/// has it keeps it (it is written once).
const STORE_DETAIL: &str = "UPDATE pb_results SET detail = $2, ballots_pb = $3 WHERE cycle_id = \
    $1 AND detail IS NULL";

/// Record a ballot. Two simultaneous submissions of one person end as one ballot: the
/// unique voter row decides, and the loser sees the winner's receipt.
pub async fn cast(
    db: &Db,
    b: &NewBallot,
    seal: &dyn BallotSeal,
    changes_allowed: bool,
    now: DateTime<Utc>,
) -> Result<Cast> {
    let voter = b.voter();
    let outcome = in_tx!(db, |tx| {
        match record_new!(tx, seal, &voter, None, &b.choices, &b.receipt, now) {
            Some(link) => Cast::New {
                receipt: link.receipt,
            },
            None if !changes_allowed => {
                let link = link_of!(tx, seal, b.cycle_id, &b.person_hash).ok_or_else(orphan)?;
                Cast::AlreadyVoted {
                    receipt: link.receipt,
                }
            }
            None => {
                // The voter row is updated (so locked) before the ballot's choices are
                // deleted: a concurrent replacement by the same person waits here until the
                // other one commits, and its DELETE, a new statement at READ COMMITTED, then
                // sees and removes the other's choices. Deleting first let PostgreSQL keep the
                // union of two replacements (security review M7); SQLite's BEGIN IMMEDIATE
                // serialises anyway.
                sqlx::query(UPDATE_VOTER_RECAST)
                    .bind(b.cycle_id)
                    .bind(&b.person_hash)
                    .bind(now)
                    .bind(b.channel.as_str())
                    .execute(&mut *tx)
                    .await?;
                let link = link_of!(tx, seal, b.cycle_id, &b.person_hash).ok_or_else(orphan)?;
                sqlx::query(UPDATE_BALLOT_RECAST)
                    .bind(link.ballot)
                    .bind(b.channel.as_str())
                    .bind(b.voter_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(DELETE_CHOICES)
                    .bind(link.ballot)
                    .execute(&mut *tx)
                    .await?;
                for choice in &b.choices {
                    sqlx::query(INSERT_CHOICE)
                        .bind(link.ballot)
                        .bind(choice)
                        .execute(&mut *tx)
                        .await?;
                }
                Cast::Replaced {
                    receipt: link.receipt,
                }
            }
        }
    });
    Ok(outcome)
}

/// The unique voter row refused the insert, yet the person has none: it vanished meanwhile.
fn orphan() -> StoreError {
    StoreError::Corrupt("a person's voter row vanished while casting".into())
}

/// The receipt of a person's ballot in a cycle, if they voted (opened from their voter row).
pub async fn receipt_of(
    db: &Db,
    seal: &dyn BallotSeal,
    cycle: Uuid,
    person_hash: &[u8],
) -> Result<Option<String>> {
    Ok(super::voters::link(db, seal, cycle, person_hash)
        .await?
        .map(|l| l.receipt))
}

/// What a receipt proves: that a ballot with this code is counted, how it was recorded and
/// how many proposals it chooses. Not when: the ballot keeps no time (a secret ballot).
#[derive(Debug, Clone)]
pub struct Receipt {
    pub channel: Channel,
    pub choices: usize,
}

pub async fn check_receipt(db: &Db, cycle: Uuid, code: &str) -> Result<Option<Receipt>> {
    let row: Option<(Uuid, String)> = on_pool!(db, |p| sqlx::query_as(SELECT_BALLOT_BY_RECEIPT)
        .bind(cycle)
        .bind(code)
        .fetch_optional(p)
        .await)?;
    let Some((id, channel)) = row else {
        return Ok(None);
    };
    Ok(Some(Receipt {
        channel: Channel::parse(&channel).unwrap_or(Channel::Web),
        choices: super::voters::choices(db, id).await?,
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

/// Every ballot of a cycle as its voter's village and its proposals (sorted), in the
/// canonical order: by village, then by choices. Nothing of the order or time of casting
/// survives (a secret ballot, security review L5), and the count does not depend on it.
pub(crate) async fn canonical(db: &Db, cycle: Uuid) -> Result<Vec<(Option<Uuid>, Vec<Uuid>)>> {
    let rows: Vec<(Uuid, Option<Uuid>, Uuid)> = on_pool!(db, |p| sqlx::query_as(ALL_CHOICES)
        .bind(cycle)
        .fetch_all(p)
        .await)?;
    Ok(canonical_rows(rows))
}

/// Rows of [`ALL_CHOICES`] (ballot, village, proposal) as ballots in the canonical order; the
/// stage move to results reads the same rows inside its transaction.
pub(crate) fn canonical_rows(
    rows: Vec<(Uuid, Option<Uuid>, Uuid)>,
) -> Vec<(Option<Uuid>, Vec<Uuid>)> {
    let mut by_ballot: HashMap<Uuid, (Option<Uuid>, Vec<Uuid>)> = HashMap::new();
    for (ballot, village, proposal) in rows {
        by_ballot
            .entry(ballot)
            .or_insert_with(|| (village, Vec::new()))
            .1
            .push(proposal);
    }
    let mut out: Vec<(Option<Uuid>, Vec<Uuid>)> = by_ballot
        .into_values()
        .map(|(village, mut choices)| {
            choices.sort_unstable();
            (village, choices)
        })
        .collect();
    out.sort_unstable();
    out
}

/// Every ballot of a cycle as its list of proposals (sorted), in the canonical order of
/// [`canonical`] (by village, then by choices): the input of the count. Ballots without a
/// choice are left out.
pub async fn all(db: &Db, cycle: Uuid) -> Result<Vec<Vec<Uuid>>> {
    Ok(canonical(db, cycle)
        .await?
        .into_iter()
        .map(|(_, choices)| choices)
        .collect())
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
pub async fn cast_many(
    db: &Db,
    list: &[NewBallot],
    seal: &dyn BallotSeal,
    now: DateTime<Utc>,
) -> Result<usize> {
    let recorded = in_tx!(db, |tx| {
        let mut n = 0;
        for b in list {
            let voter = b.voter();
            if record_new!(tx, seal, &voter, None, &b.choices, &b.receipt, now).is_some() {
                n += 1;
            }
        }
        n
    });
    Ok(recorded)
}
