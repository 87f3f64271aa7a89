//! Assisted ballots: a coordinator at a participation centre records a registered
//! resident's choice on their behalf, with a witness. One ballot per person still holds: the
//! same unique index decides.

use super::ballots::Cast;
use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result};
use chrono::{DateTime, Utc};
use domain::pb::Channel;
use uuid::Uuid;

const SELECT_ACCOUNT: &str = "SELECT id FROM users WHERE iin_hash = $1";
const INSERT_ASSISTED_BALLOT: &str = "INSERT INTO pb_ballots (id, cycle_id, person_hash, \
    voter_id, channel, receipt, entered_by, cast_at, village_id, witness) VALUES ($1, $2, $3, \
    $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (cycle_id, person_hash) DO NOTHING";
const INSERT_CHOICE: &str =
    "INSERT INTO pb_ballot_choices (ballot_id, proposal_id) VALUES ($1, $2)";
const SELECT_RECEIPT: &str = "SELECT receipt FROM pb_ballots WHERE cycle_id = $1 AND \
    person_hash = $2";
const SELECT_RECORD: &str = "SELECT id, channel, voter_id, entered_by, witness, village_id, \
    receipt, cast_at FROM pb_ballots WHERE cycle_id = $1 AND person_hash = $2";
const COUNT_CHOICES: &str = "SELECT COUNT(*) FROM pb_ballot_choices WHERE ballot_id = $1";

/// The account of a person, found by their IIN fingerprint.
pub async fn account_of(db: &Db, person_hash: &[u8]) -> Result<Option<Uuid>> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(SELECT_ACCOUNT)
        .bind(person_hash)
        .fetch_optional(p)
        .await)?)
}

#[derive(Debug, Clone)]
pub struct AssistedBallot {
    pub cycle_id: Uuid,
    pub person_hash: Vec<u8>,
    pub voter_id: Uuid,
    /// The resident's village.
    pub village_id: Uuid,
    /// The coordinator who records it.
    pub entered_by: Uuid,
    pub witness: String,
    pub choices: Vec<Uuid>,
    pub receipt: String,
}

/// Record an assisted ballot; a person who voted already keeps their first ballot.
pub async fn cast(db: &Db, b: &AssistedBallot, now: DateTime<Utc>) -> Result<Cast> {
    Ok(in_tx!(db, |tx| {
        let id = new_id();
        let inserted = sqlx::query(INSERT_ASSISTED_BALLOT)
            .bind(id)
            .bind(b.cycle_id)
            .bind(&b.person_hash)
            .bind(b.voter_id)
            .bind(Channel::Assisted.as_str())
            .bind(&b.receipt)
            .bind(b.entered_by)
            .bind(now)
            .bind(b.village_id)
            .bind(&b.witness)
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
            Cast::New {
                receipt: b.receipt.clone(),
            }
        } else {
            let receipt: String = sqlx::query_scalar(SELECT_RECEIPT)
                .bind(b.cycle_id)
                .bind(&b.person_hash)
                .fetch_one(&mut *tx)
                .await?;
            Cast::AlreadyVoted { receipt }
        }
    }))
}

/// How a person's ballot was recorded: the channel, who typed it, the witness, the village.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRecord {
    pub channel: Channel,
    pub voter_id: Option<Uuid>,
    pub entered_by: Option<Uuid>,
    pub witness: Option<String>,
    pub village_id: Option<Uuid>,
    pub receipt: String,
    pub cast_at: DateTime<Utc>,
    pub choices: usize,
}

pub async fn record_of(db: &Db, cycle: Uuid, person_hash: &[u8]) -> Result<Option<BallotRecord>> {
    type Row = (
        Uuid,
        String,
        Option<Uuid>,
        Option<Uuid>,
        Option<String>,
        Option<Uuid>,
        String,
        DateTime<Utc>,
    );
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_RECORD)
        .bind(cycle)
        .bind(person_hash)
        .fetch_optional(p)
        .await)?;
    let Some((id, channel, voter_id, entered_by, witness, village_id, receipt, cast_at)) = row
    else {
        return Ok(None);
    };
    let choices: i64 = on_pool!(db, |p| sqlx::query_scalar(COUNT_CHOICES)
        .bind(id)
        .fetch_one(p)
        .await)?;
    Ok(Some(BallotRecord {
        channel: Channel::parse(&channel).unwrap_or(Channel::Web),
        voter_id,
        entered_by,
        witness,
        village_id,
        receipt,
        cast_at,
        choices: choices as usize,
    }))
}
