//! Assisted ballots: a coordinator at a participation centre records a registered
//! resident's choice on their behalf, with a witness. One ballot per person still holds: the
//! same unique index decides.

use super::ballots::Cast;
use super::voters::{link_of, record_new, BallotSeal, Voter};
use crate::db::{in_tx, on_pool};
use crate::{Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::pb::Channel;
use uuid::Uuid;

const SELECT_ACCOUNT: &str = "SELECT id FROM users WHERE iin_hash = $1";
const SELECT_VOTER: &str = "SELECT channel, voter_id, entered_by, witness, cast_at, sealed \
    FROM pb_voters WHERE cycle_id = $1 AND person_hash = $2";
const SELECT_BALLOT: &str = "SELECT village_id FROM pb_ballots WHERE id = $1";

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
pub async fn cast(
    db: &Db,
    b: &AssistedBallot,
    seal: &dyn BallotSeal,
    now: DateTime<Utc>,
) -> Result<Cast> {
    let voter = Voter {
        cycle: b.cycle_id,
        person_hash: &b.person_hash,
        voter_id: Some(b.voter_id),
        channel: Channel::Assisted,
        entered_by: Some(b.entered_by),
        witness: Some(&b.witness),
    };
    let village = Some(b.village_id);
    Ok(in_tx!(db, |tx| {
        match record_new!(tx, seal, &voter, village, &b.choices, &b.receipt, now) {
            Some(link) => Cast::New {
                receipt: link.receipt,
            },
            None => {
                let link = link_of!(tx, seal, b.cycle_id, &b.person_hash).ok_or_else(|| {
                    StoreError::Corrupt("a person's voter row vanished while casting".into())
                })?;
                Cast::AlreadyVoted {
                    receipt: link.receipt,
                }
            }
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

/// How `person`'s ballot in `cycle` was recorded (their voter row, and the ballot it seals).
pub async fn record_of(
    db: &Db,
    seal: &dyn BallotSeal,
    cycle: Uuid,
    person_hash: &[u8],
) -> Result<Option<BallotRecord>> {
    type Row = (
        String,
        Option<Uuid>,
        Option<Uuid>,
        Option<String>,
        DateTime<Utc>,
        Option<Vec<u8>>,
    );
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_VOTER)
        .bind(cycle)
        .bind(person_hash)
        .fetch_optional(p)
        .await)?;
    let Some((channel, voter_id, entered_by, witness, cast_at, sealed)) = row else {
        return Ok(None);
    };
    let link = super::voters::opened(seal, cycle, person_hash, sealed)?;
    let village_id: Option<Uuid> = on_pool!(db, |p| sqlx::query_scalar(SELECT_BALLOT)
        .bind(link.ballot)
        .fetch_optional(p)
        .await)?
    .flatten();
    Ok(Some(BallotRecord {
        channel: Channel::parse(&channel).unwrap_or(Channel::Web),
        voter_id,
        entered_by,
        witness,
        village_id,
        choices: super::voters::choices(db, link.ballot).await?,
        receipt: link.receipt,
        cast_at,
    }))
}
