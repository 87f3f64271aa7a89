//! Oversight's shared records: the holiday table and day transfers behind every working-day
//! deadline (monitoring answers, public-control deliveries, recommendations, hearings), and
//! the invitations to a cycle's expert council and monitoring group ([`invitations`]).

pub mod invitations;

use crate::db::{execute, on_pool};
use crate::{Db, Result};
use chrono::NaiveDate;
use domain::oversight::{Holiday, WorkingCalendar};

const HOLIDAYS: &str = "SELECT day, carries_over FROM holidays ORDER BY day";
const SET_HOLIDAY: &str = "INSERT INTO holidays (day, carries_over) VALUES ($1, $2) \
     ON CONFLICT (day) DO UPDATE SET carries_over = $2";
const REMOVE_HOLIDAY: &str = "DELETE FROM holidays WHERE day = $1";
const TRANSFERS: &str = "SELECT day_off, working_day FROM day_transfers ORDER BY day_off";
const SET_TRANSFER: &str = "INSERT INTO day_transfers (day_off, working_day) VALUES ($1, $2) \
     ON CONFLICT (day_off) DO UPDATE SET working_day = $2";
const REMOVE_TRANSFER: &str = "DELETE FROM day_transfers WHERE day_off = $1";

pub async fn holidays(db: &Db) -> Result<Vec<Holiday>> {
    let rows: Vec<(NaiveDate, bool)> =
        on_pool!(db, |p| sqlx::query_as(HOLIDAYS).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(date, carries_over)| Holiday { date, carries_over })
        .collect())
}

/// Add a holiday or change whether it carries over.
pub async fn set_holiday(db: &Db, h: Holiday) -> Result<()> {
    execute!(
        db,
        sqlx::query(SET_HOLIDAY).bind(h.date).bind(h.carries_over)
    )?;
    Ok(())
}

pub async fn remove_holiday(db: &Db, day: NaiveDate) -> Result<bool> {
    Ok(execute!(db, sqlx::query(REMOVE_HOLIDAY).bind(day))? > 0)
}

/// (weekday made a day off, weekend day made a working day), by date.
pub async fn transfers(db: &Db) -> Result<Vec<(NaiveDate, NaiveDate)>> {
    Ok(on_pool!(db, |p| sqlx::query_as(TRANSFERS)
        .fetch_all(p)
        .await)?)
}

pub async fn set_transfer(db: &Db, day_off: NaiveDate, working_day: NaiveDate) -> Result<()> {
    execute!(
        db,
        sqlx::query(SET_TRANSFER).bind(day_off).bind(working_day)
    )?;
    Ok(())
}

pub async fn remove_transfer(db: &Db, day_off: NaiveDate) -> Result<bool> {
    Ok(execute!(db, sqlx::query(REMOVE_TRANSFER).bind(day_off))? > 0)
}

/// The working calendar every deadline uses: the stored holidays and transfers.
pub async fn calendar(db: &Db) -> Result<WorkingCalendar> {
    let h = holidays(db).await?;
    let t = transfers(db).await?;
    Ok(WorkingCalendar::new(&h, &t))
}
