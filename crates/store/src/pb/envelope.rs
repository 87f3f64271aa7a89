//! The envelope split of a cycle (village quotas or city-district sub-envelopes), its
//! history, the voter's village for the count, and the MRP table's edits.

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::money::{Mrp, Tenge};
use domain::pb::Quota;
use uuid::Uuid;

pub use domain::pb::{SplitKind, SplitMode};

/// One sub-envelope: the territory (a village or a city district) and its quota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sub {
    pub territory_id: Uuid,
    /// `Quota::Share` or `Quota::Fixed`; its `village` is the territory id as text.
    pub quota: Quota,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub kind: SplitKind,
    pub mode: SplitMode,
    pub reserved_bp: u32,
    pub subs: Vec<Sub>,
}

impl Split {
    pub fn quotas(&self) -> Vec<Quota> {
        self.subs.iter().map(|s| s.quota.clone()).collect()
    }
}

const SELECT_SPLIT: &str = "SELECT kind, mode, reserved_bp FROM pb_envelope_split WHERE \
    cycle_id = $1";
const SELECT_SUBS: &str = "SELECT territory_id, share_bp, amount_tiyn FROM pb_sub_envelopes \
    WHERE cycle_id = $1 ORDER BY position";
const DELETE_SUBS: &str = "DELETE FROM pb_sub_envelopes WHERE cycle_id = $1";
const DELETE_SPLIT: &str = "DELETE FROM pb_envelope_split WHERE cycle_id = $1";
const INSERT_SPLIT: &str = "INSERT INTO pb_envelope_split (cycle_id, kind, mode, reserved_bp) \
    VALUES ($1, $2, $3, $4)";
const INSERT_SUB: &str = "INSERT INTO pb_sub_envelopes (cycle_id, territory_id, position, \
    share_bp, amount_tiyn) VALUES ($1, $2, $3, $4, $5)";
const INSERT_EVENT: &str = "INSERT INTO pb_envelope_events (id, cycle_id, at, by_user, event, \
    detail) VALUES ($1, $2, $3, $4, $5, $6)";
const SELECT_EVENTS: &str = "SELECT at, event, detail FROM pb_envelope_events WHERE cycle_id = \
    $1 ORDER BY at, id";
const INSERT_MRP: &str = "INSERT INTO mrp_values (valid_from, year, value_tiyn) VALUES ($1, $2, \
    $3) ON CONFLICT (valid_from) DO NOTHING";
const UPDATE_MRP: &str = "UPDATE mrp_values SET value_tiyn = $2 WHERE valid_from = $1";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("pb envelope: {what}"))
}

/// The split of a cycle; `None` when the whole envelope is counted at once.
pub async fn get(db: &Db, cycle: Uuid) -> Result<Option<Split>> {
    let head: Option<(String, String, i64)> = on_pool!(db, |p| sqlx::query_as(SELECT_SPLIT)
        .bind(cycle)
        .fetch_optional(p)
        .await)?;
    let Some((kind, mode, reserved_bp)) = head else {
        return Ok(None);
    };
    let rows: Vec<(Uuid, Option<i64>, Option<i64>)> =
        on_pool!(db, |p| sqlx::query_as(SELECT_SUBS)
            .bind(cycle)
            .fetch_all(p)
            .await)?;
    let subs = rows
        .into_iter()
        .map(|(territory_id, share, amount)| {
            let village = territory_id.to_string();
            let quota = match (share, amount) {
                (_, Some(a)) => Quota::Fixed {
                    village,
                    amount: Tenge::from_tiyn(a),
                },
                (Some(bp), None) => Quota::Share {
                    village,
                    share_bp: u32::try_from(bp).map_err(|_| corrupt("share"))?,
                },
                (None, None) => return Err(corrupt("sub-envelope without an amount")),
            };
            Ok(Sub {
                territory_id,
                quota,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(Split {
        kind: SplitKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
        mode: SplitMode::parse(&mode).ok_or_else(|| corrupt("mode"))?,
        reserved_bp: u32::try_from(reserved_bp).map_err(|_| corrupt("reserved"))?,
        subs,
    }))
}

/// Replace the split of a cycle (`None`: no split), recording it in the history.
pub async fn set(
    db: &Db,
    cycle: Uuid,
    split: Option<&Split>,
    event: &str,
    detail: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<()> {
    in_tx!(db, |tx| {
        sqlx::query(DELETE_SUBS)
            .bind(cycle)
            .execute(&mut *tx)
            .await?;
        sqlx::query(DELETE_SPLIT)
            .bind(cycle)
            .execute(&mut *tx)
            .await?;
        if let Some(s) = split {
            sqlx::query(INSERT_SPLIT)
                .bind(cycle)
                .bind(s.kind.as_str())
                .bind(s.mode.as_str())
                .bind(i64::from(s.reserved_bp))
                .execute(&mut *tx)
                .await?;
            for (i, sub) in s.subs.iter().enumerate() {
                let (share, amount) = match &sub.quota {
                    Quota::Share { share_bp, .. } => (Some(i64::from(*share_bp)), None),
                    Quota::Fixed { amount, .. } => (None, Some(amount.tiyn())),
                };
                sqlx::query(INSERT_SUB)
                    .bind(cycle)
                    .bind(sub.territory_id)
                    .bind(i as i64)
                    .bind(share)
                    .bind(amount)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query(INSERT_EVENT)
            .bind(new_id())
            .bind(cycle)
            .bind(now)
            .bind(by)
            .bind(event)
            .bind(detail)
            .execute(&mut *tx)
            .await?;
    });
    Ok(())
}

/// One entry of a cycle's envelope history.
#[derive(Debug, Clone)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub event: String,
    pub detail: String,
}

pub async fn events(db: &Db, cycle: Uuid) -> Result<Vec<Event>> {
    let rows: Vec<(DateTime<Utc>, String, String)> =
        on_pool!(db, |p| sqlx::query_as(SELECT_EVENTS)
            .bind(cycle)
            .fetch_all(p)
            .await)?;
    Ok(rows
        .into_iter()
        .map(|(at, event, detail)| Event { at, event, detail })
        .collect())
}

/// A ballot as the count reads it: its proposals and the voter's village.
pub type CountedBallot = (Vec<Uuid>, Option<Uuid>);

/// Every ballot of a cycle with the voter's village (frozen into the ballot when it was cast:
/// the village of a paper batch, the resident's at a centre, else the voter's residence), in
/// the canonical order of `ballots::all` (by village, then by choices; ballots with at least
/// one choice).
pub async fn ballots_with_villages(db: &Db, cycle: Uuid) -> Result<Vec<CountedBallot>> {
    Ok(super::ballots::canonical(db, cycle)
        .await?
        .into_iter()
        .map(|(village, choices)| (choices, village))
        .collect())
}

/// A row for that date is in the table already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MrpDateTaken;

/// Add a row to the MRP table.
pub async fn mrp_add(db: &Db, m: &Mrp) -> Result<std::result::Result<(), MrpDateTaken>> {
    let outcome = in_tx!(db, |tx| {
        let inserted = sqlx::query(INSERT_MRP)
            .bind(m.valid_from)
            .bind(i64::from(m.year))
            .bind(m.value.tiyn())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if inserted == 1 {
            Ok(())
        } else {
            Err(MrpDateTaken)
        }
    });
    Ok(outcome)
}

/// Correct the value of the row valid from `valid_from`; `false` when there is no such row.
/// Cycles keep the MRP they were created with.
pub async fn mrp_correct(db: &Db, valid_from: NaiveDate, value: Tenge) -> Result<bool> {
    let n = in_tx!(db, |tx| {
        sqlx::query(UPDATE_MRP)
            .bind(valid_from)
            .bind(value.tiyn())
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    Ok(n == 1)
}
