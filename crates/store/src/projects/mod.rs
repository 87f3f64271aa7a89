//! Implementation of funded projects: the contract, dates, milestones and payments, each
//! change logged publicly; documents and photos in [`files`]; the monitoring group, its
//! acceptance and residents' reports in [`monitoring`]. The holiday table is
//! [`crate::oversight`]'s.

pub mod files;
pub mod monitoring;

use crate::db::{in_tx, on_pool};
use crate::pb::ballots;
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::money::Tenge;
use domain::projects::LogKind;
use uuid::Uuid;

pub(crate) const INSERT_IMPL_LOG: &str =
    "INSERT INTO impl_log (id, proposal_id, at, by_user, what, detail) VALUES ($1, $2, \
     $3, $4, $5, $6)";

/// Append a line to a project's public log inside a transaction `$tx`.
macro_rules! log_line {
    ($tx:expr, $proposal:expr, $by:expr, $at:expr, $what:expr, $detail:expr) => {
        sqlx::query($crate::projects::INSERT_IMPL_LOG)
            .bind($crate::new_id())
            .bind($proposal)
            .bind($at)
            .bind($by)
            .bind($what.as_str())
            .bind($detail)
            .execute(&mut *$tx)
            .await?
    };
}
pub(crate) use log_line;

/// The implementation record of a funded proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Implementation {
    pub proposal_id: Uuid,
    pub contractor_name: String,
    /// Checked with [`domain::oversight::Bin`] by the caller.
    pub contractor_bin: String,
    pub contract_number: String,
    pub contract_sum: Tenge,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
}

struct Row {
    proposal_id: Uuid,
    contractor_name: String,
    contractor_bin: String,
    contract_number: String,
    contract_sum_tiyn: i64,
    planned_start: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
    actual_start: Option<NaiveDate>,
    actual_end: Option<NaiveDate>,
}
crate::db::from_row!(Row {
    proposal_id,
    contractor_name,
    contractor_bin,
    contract_number,
    contract_sum_tiyn,
    planned_start,
    planned_end,
    actual_start,
    actual_end
});

const SELECT_IMPLEMENTATIONS: &str =
    "SELECT proposal_id, contractor_name, contractor_bin, contract_number, \
     contract_sum_tiyn, planned_start, planned_end, actual_start, actual_end FROM \
     implementations WHERE proposal_id = $1";

pub async fn get(db: &Db, proposal: Uuid) -> Result<Option<Implementation>> {
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(SELECT_IMPLEMENTATIONS)
        .bind(proposal)
        .fetch_optional(p)
        .await)?;
    Ok(row.map(|r| Implementation {
        proposal_id: r.proposal_id,
        contractor_name: r.contractor_name,
        contractor_bin: r.contractor_bin,
        contract_number: r.contract_number,
        contract_sum: Tenge::from_tiyn(r.contract_sum_tiyn),
        planned_start: r.planned_start,
        planned_end: r.planned_end,
        actual_start: r.actual_start,
        actual_end: r.actual_end,
    }))
}

const INSERT_IMPLEMENTATIONS: &str =
    "INSERT INTO implementations (proposal_id, contractor_name, contractor_bin, \
     contract_number, contract_sum_tiyn, planned_start, planned_end, actual_start, \
     actual_end, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT \
     (proposal_id) DO UPDATE SET contractor_name = $2, contractor_bin = $3, \
     contract_number = $4, contract_sum_tiyn = $5, planned_start = $6, planned_end = $7, \
     actual_start = $8, actual_end = $9, updated_at = $10";

/// Create or replace the record; the log line says what it now holds.
pub async fn save(db: &Db, i: &Implementation, by: Uuid, now: DateTime<Utc>) -> Result<()> {
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    let detail = format!(
        "{} ({}), № {}, {} ₸; {} – {}; {} – {}",
        i.contractor_name,
        i.contractor_bin,
        i.contract_number,
        i.contract_sum.tiyn() / 100,
        d(i.planned_start),
        d(i.planned_end),
        d(i.actual_start),
        d(i.actual_end)
    );
    in_tx!(db, |tx| {
        sqlx::query(INSERT_IMPLEMENTATIONS)
            .bind(i.proposal_id)
            .bind(&i.contractor_name)
            .bind(&i.contractor_bin)
            .bind(&i.contract_number)
            .bind(i.contract_sum.tiyn())
            .bind(i.planned_start)
            .bind(i.planned_end)
            .bind(i.actual_start)
            .bind(i.actual_end)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        log_line!(tx, i.proposal_id, by, now, LogKind::Record, &detail);
    });
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub id: Uuid,
    pub title: String,
    pub due: Option<NaiveDate>,
    pub progress: u8,
}

const SELECT_IMPL_MILESTONES: &str =
    "SELECT id, title, due, progress FROM impl_milestones WHERE proposal_id = $1 ORDER BY \
     due NULLS LAST, created_at, id";

pub async fn milestones(db: &Db, proposal: Uuid) -> Result<Vec<Milestone>> {
    type MilestoneRow = (Uuid, String, Option<NaiveDate>, i64);
    let rows: Vec<MilestoneRow> = on_pool!(db, |p| sqlx::query_as(SELECT_IMPL_MILESTONES)
        .bind(proposal)
        .fetch_all(p)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, title, due, progress)| Milestone {
            id,
            title,
            due,
            progress: u8::try_from(progress.clamp(0, 100)).unwrap_or(0),
        })
        .collect())
}

const INSERT_IMPL_MILESTONES: &str =
    "INSERT INTO impl_milestones (id, proposal_id, title, due, progress, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6)";

pub async fn add_milestone(
    db: &Db,
    proposal: Uuid,
    title: &str,
    due: Option<NaiveDate>,
    progress: u8,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let id = new_id();
    let detail = format!("{title}: {progress}%");
    in_tx!(db, |tx| {
        sqlx::query(INSERT_IMPL_MILESTONES)
            .bind(id)
            .bind(proposal)
            .bind(title)
            .bind(due)
            .bind(i64::from(progress))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        log_line!(tx, proposal, by, now, LogKind::Milestone, &detail);
    });
    Ok(id)
}

const MILESTONE_TITLE: &str =
    "SELECT title FROM impl_milestones WHERE id = $1 AND proposal_id = $2";

/// Set a milestone's progress; false when it is not one of the project's.
pub async fn set_progress(
    db: &Db,
    proposal: Uuid,
    milestone: Uuid,
    progress: u8,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let done = in_tx!(db, |tx| {
        let title: Option<String> = sqlx::query_scalar(MILESTONE_TITLE)
            .bind(milestone)
            .bind(proposal)
            .fetch_optional(&mut *tx)
            .await?;
        match title {
            Some(title) => {
                sqlx::query("UPDATE impl_milestones SET progress = $2 WHERE id = $1")
                    .bind(milestone)
                    .bind(i64::from(progress))
                    .execute(&mut *tx)
                    .await?;
                let detail = format!("{title}: {progress}%");
                log_line!(tx, proposal, by, now, LogKind::Progress, &detail);
                true
            }
            None => false,
        }
    });
    Ok(done)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub paid_on: NaiveDate,
    pub amount: Tenge,
    pub note: String,
}

const SELECT_IMPL_PAYMENTS: &str =
    "SELECT paid_on, amount_tiyn, note FROM impl_payments WHERE proposal_id = $1 ORDER BY \
     paid_on, created_at, id";

pub async fn payments(db: &Db, proposal: Uuid) -> Result<Vec<Payment>> {
    let rows: Vec<(NaiveDate, i64, String)> =
        on_pool!(db, |p| sqlx::query_as(SELECT_IMPL_PAYMENTS)
            .bind(proposal)
            .fetch_all(p)
            .await)?;
    Ok(rows
        .into_iter()
        .map(|(paid_on, a, note)| Payment {
            paid_on,
            amount: Tenge::from_tiyn(a),
            note,
        })
        .collect())
}

const INSERT_IMPL_PAYMENTS: &str =
    "INSERT INTO impl_payments (id, proposal_id, paid_on, amount_tiyn, note, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6)";

pub async fn add_payment(
    db: &Db,
    proposal: Uuid,
    p: &Payment,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    let detail = format!("{}: {} ₸ {}", p.paid_on, p.amount.tiyn() / 100, p.note)
        .trim_end()
        .to_string();
    in_tx!(db, |tx| {
        sqlx::query(INSERT_IMPL_PAYMENTS)
            .bind(new_id())
            .bind(proposal)
            .bind(p.paid_on)
            .bind(p.amount.tiyn())
            .bind(&p.note)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        log_line!(tx, proposal, by, now, LogKind::Payment, &detail);
    });
    Ok(())
}

/// One line of the public change log.
#[derive(Debug, Clone)]
pub struct LogLine {
    pub at: DateTime<Utc>,
    pub by: Option<String>,
    pub what: LogKind,
    pub detail: String,
}

const SELECT_IMPL_LOG: &str =
    "SELECT l.at, u.display_name, l.what, l.detail FROM impl_log l LEFT JOIN users u ON \
     u.id = l.by_user WHERE l.proposal_id = $1 ORDER BY l.at DESC, l.id DESC";

/// The log, newest first.
pub async fn log(db: &Db, proposal: Uuid) -> Result<Vec<LogLine>> {
    type LogRow = (DateTime<Utc>, Option<String>, String, String);
    let rows: Vec<LogRow> = on_pool!(db, |p| sqlx::query_as(SELECT_IMPL_LOG)
        .bind(proposal)
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(|(at, by, what, detail)| {
            Ok(LogLine {
                at,
                by,
                what: LogKind::parse(&what)
                    .ok_or_else(|| StoreError::Corrupt(format!("log kind {what:?}")))?,
                detail,
            })
        })
        .collect()
}

/// Whether a proposal is in its cycle's published selection.
pub async fn is_funded(db: &Db, cycle: Uuid, proposal: Uuid) -> Result<bool> {
    Ok(ballots::published(db, cycle)
        .await?
        .is_some_and(|p| p.selected.contains(&proposal)))
}

/// Funded proposals of a cycle, in the order the count selected them.
pub async fn funded_of_cycle(db: &Db, cycle: Uuid) -> Result<Vec<Uuid>> {
    Ok(ballots::published(db, cycle)
        .await?
        .map(|p| p.selected)
        .unwrap_or_default())
}

const SELECT_PB_RESULTS: &str =
    "SELECT c.id, r.selected FROM pb_results r JOIN pb_cycles c ON c.id = r.cycle_id JOIN \
     territories t ON t.id = c.territory_id WHERE t.path LIKE $1 ORDER BY c.year DESC, \
     c.id";

/// Funded proposals of every cycle of a territory and below: (cycle, proposal), newest
/// cycles first.
pub async fn funded_under(db: &Db, path_prefix: &str) -> Result<Vec<(Uuid, Uuid)>> {
    let rows: Vec<(Uuid, String)> = on_pool!(db, |p| sqlx::query_as(SELECT_PB_RESULTS)
        .bind(format!("{path_prefix}%"))
        .fetch_all(p)
        .await)?;
    Ok(rows
        .into_iter()
        .flat_map(|(cycle, selected)| {
            selected
                .split(',')
                .filter_map(|s| Uuid::parse_str(s).ok())
                .map(move |p| (cycle, p))
                .collect::<Vec<_>>()
        })
        .collect())
}

const SUM_PAID: &str =
    "SELECT CAST(SUM(amount_tiyn) AS BIGINT) FROM impl_payments WHERE proposal_id = $1";

/// Sum of payments of a project.
pub async fn paid(db: &Db, proposal: Uuid) -> Result<Tenge> {
    let sum: Option<i64> = on_pool!(db, |p| sqlx::query_scalar(SUM_PAID)
        .bind(proposal)
        .fetch_one(p)
        .await)?;
    Ok(Tenge::from_tiyn(sum.unwrap_or(0)))
}
