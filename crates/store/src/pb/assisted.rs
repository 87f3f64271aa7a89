//! Assisted ballots: a coordinator at a participation centre records a registered
//! resident's choice on their behalf, once the resident confirmed it is them, with a witness
//! who has an account. One ballot per person still holds: the same unique index decides.
//! Every look-up by IIN is logged (coordinator, cycle, time, found or not; never the IIN).

use super::ballots::Cast;
use crate::db::{execute, in_tx, on_pool};
use crate::{new_id, Db, Result};
use chrono::{DateTime, Utc};
use domain::pb::assisted::Confirmation;
use domain::pb::Channel;
use std::collections::BTreeMap;
use uuid::Uuid;

const SELECT_ACCOUNT: &str = "SELECT id FROM users WHERE iin_hash = $1";
const INSERT_ASSISTED_BALLOT: &str = "INSERT INTO pb_ballots (id, cycle_id, person_hash, \
    voter_id, channel, receipt, entered_by, cast_at, village_id, witness_id, confirmation, \
    confirmed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT \
    (cycle_id, person_hash) DO NOTHING";
const INSERT_CHOICE: &str =
    "INSERT INTO pb_ballot_choices (ballot_id, proposal_id) VALUES ($1, $2)";
const SELECT_RECEIPT: &str = "SELECT receipt FROM pb_ballots WHERE cycle_id = $1 AND \
    person_hash = $2";
const SELECT_RECORD: &str = "SELECT id, channel, voter_id, entered_by, witness, village_id, \
    receipt, cast_at, witness_id, confirmation, confirmed_by FROM pb_ballots WHERE cycle_id = $1 \
    AND person_hash = $2";
const INSERT_LOOKUP: &str = "INSERT INTO pb_assisted_lookups (id, cycle_id, coordinator_id, \
    found, looked_up_at) VALUES ($1, $2, $3, $4, $5)";
const LOOKUPS_PER_COORDINATOR: &str = "SELECT u.id, u.display_name, COUNT(*) FROM \
    pb_assisted_lookups l JOIN users u ON u.id = l.coordinator_id WHERE l.cycle_id = $1 \
    GROUP BY u.id, u.display_name";
const ASSISTED_PER_COORDINATOR: &str = "SELECT u.id, u.display_name, COUNT(*) FROM pb_ballots \
    b JOIN users u ON u.id = b.entered_by WHERE b.cycle_id = $1 AND b.channel = $2 \
    GROUP BY u.id, u.display_name";
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
    /// The witness's account (never the coordinator's or the voter's).
    pub witness_id: Uuid,
    /// How the resident confirmed it is them.
    pub confirmation: Confirmation,
    /// The registrar who checked the resident's identity document (`Confirmation::Document`).
    pub confirmed_by: Option<Uuid>,
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
            .bind(b.witness_id)
            .bind(b.confirmation.as_str())
            .bind(b.confirmed_by)
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

/// How a person's ballot was recorded: the channel, who typed it, the witness, the village,
/// how the resident confirmed an assisted ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRecord {
    pub channel: Channel,
    pub voter_id: Option<Uuid>,
    pub entered_by: Option<Uuid>,
    /// The witness's name as typed, on assisted ballots recorded before witnesses were
    /// accounts.
    pub witness: Option<String>,
    pub witness_id: Option<Uuid>,
    pub confirmation: Option<Confirmation>,
    pub confirmed_by: Option<Uuid>,
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
        Option<Uuid>,
        Option<String>,
        Option<Uuid>,
    );
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_RECORD)
        .bind(cycle)
        .bind(person_hash)
        .fetch_optional(p)
        .await)?;
    let Some((
        id,
        channel,
        voter_id,
        entered_by,
        witness,
        village_id,
        receipt,
        cast_at,
        witness_id,
        confirmation,
        confirmed_by,
    )) = row
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
        witness_id,
        confirmation: confirmation.as_deref().and_then(Confirmation::parse),
        confirmed_by,
        village_id,
        receipt,
        cast_at,
        choices: choices as usize,
    }))
}

/// Log one look-up by IIN: who looked, in which cycle, when, and whether a registered resident
/// of the cycle's territory had the IIN.
pub async fn log_lookup(
    db: &Db,
    cycle: Uuid,
    coordinator: Uuid,
    found: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    execute!(
        db,
        sqlx::query(INSERT_LOOKUP)
            .bind(new_id())
            .bind(cycle)
            .bind(coordinator)
            .bind(found)
            .bind(now)
    )?;
    Ok(())
}

/// What one coordinator did on a cycle's assisted-voting page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoordinatorCounts {
    pub coordinator: Uuid,
    pub name: String,
    /// Look-ups by IIN.
    pub lookups: i64,
    /// Assisted ballots recorded.
    pub ballots: i64,
}

/// Look-ups and assisted ballots of a cycle, per coordinator: the most ballots first.
pub async fn per_coordinator(db: &Db, cycle: Uuid) -> Result<Vec<CoordinatorCounts>> {
    let lookups: Vec<(Uuid, String, i64)> =
        on_pool!(db, |p| sqlx::query_as(LOOKUPS_PER_COORDINATOR)
            .bind(cycle)
            .fetch_all(p)
            .await)?;
    let ballots: Vec<(Uuid, String, i64)> =
        on_pool!(db, |p| sqlx::query_as(ASSISTED_PER_COORDINATOR)
            .bind(cycle)
            .bind(Channel::Assisted.as_str())
            .fetch_all(p)
            .await)?;
    let mut by: BTreeMap<Uuid, CoordinatorCounts> = BTreeMap::new();
    for (id, name, n) in lookups {
        by.entry(id).or_insert_with(|| counts(id, name)).lookups = n;
    }
    for (id, name, n) in ballots {
        by.entry(id).or_insert_with(|| counts(id, name)).ballots = n;
    }
    let mut out: Vec<CoordinatorCounts> = by.into_values().collect();
    out.sort_by(|a, b| (b.ballots, b.lookups, &a.name).cmp(&(a.ballots, a.lookups, &b.name)));
    Ok(out)
}

fn counts(coordinator: Uuid, name: String) -> CoordinatorCounts {
    CoordinatorCounts {
        coordinator,
        name,
        lookups: 0,
        ballots: 0,
    }
}
