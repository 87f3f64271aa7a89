//! Assisted ballots: a coordinator at a participation centre records a registered
//! resident's choice on their behalf, with a witness. One ballot per person still holds: the
//! same unique index decides.

use super::ballots::Cast;
use super::voters::{link_of, record_new, BallotSeal, Voter};
use crate::db::{execute, in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::pb::assisted::Confirmation;
use domain::pb::Channel;
use std::collections::BTreeMap;
use uuid::Uuid;

const SELECT_ACCOUNT: &str = "SELECT id FROM users WHERE iin_hash = $1";
const SELECT_VOTER: &str = "SELECT channel, voter_id, entered_by, witness, cast_at, sealed, \
    witness_id, confirmation, confirmed_by FROM pb_voters WHERE cycle_id = $1 AND person_hash = $2";
const INSERT_LOOKUP: &str = "INSERT INTO pb_assisted_lookups (id, cycle_id, coordinator_id, \
    found, looked_up_at) VALUES ($1, $2, $3, $4, $5)";
const LOOKUPS_PER_COORDINATOR: &str = "SELECT u.id, u.display_name, COUNT(*) FROM \
    pb_assisted_lookups l JOIN users u ON u.id = l.coordinator_id WHERE l.cycle_id = $1 \
    GROUP BY u.id, u.display_name";
/// Who typed a ballot lives on the voter row (the ballot itself names nobody).
const ASSISTED_PER_COORDINATOR: &str = "SELECT u.id, u.display_name, COUNT(*) FROM pb_voters \
    v JOIN users u ON u.id = v.entered_by WHERE v.cycle_id = $1 AND v.channel = $2 \
    GROUP BY u.id, u.display_name";
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
        witness: None,
        witness_id: Some(b.witness_id),
        confirmation: Some(b.confirmation.as_str()),
        confirmed_by: b.confirmed_by,
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
    pub witness_id: Option<Uuid>,
    pub confirmation: Option<Confirmation>,
    pub confirmed_by: Option<Uuid>,
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
        Option<Uuid>,
        Option<String>,
        Option<Uuid>,
    );
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_VOTER)
        .bind(cycle)
        .bind(person_hash)
        .fetch_optional(p)
        .await)?;
    let Some((
        channel,
        voter_id,
        entered_by,
        witness,
        cast_at,
        sealed,
        witness_id,
        confirmation,
        confirmed_by,
    )) = row
    else {
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
        witness_id,
        confirmation: confirmation.as_deref().and_then(Confirmation::parse),
        confirmed_by,
        village_id,
        choices: super::voters::choices(db, link.ballot).await?,
        receipt: link.receipt,
        cast_at,
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
