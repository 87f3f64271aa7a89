//! The holiday table and day transfers behind every working-day deadline.

use crate::db::{execute, on_pool};
use crate::{Db, Result};
use chrono::NaiveDate;
use domain::oversight::{Holiday, WorkingCalendar};

pub async fn holidays(db: &Db) -> Result<Vec<Holiday>> {
    let rows: Vec<(NaiveDate, bool)> = on_pool!(db, p => sqlx::query_as("SELECT day, carries_over FROM holidays ORDER BY day")
        .fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(date, carries_over)| Holiday { date, carries_over })
        .collect())
}

/// Add a holiday or change whether it carries over.
pub async fn set_holiday(db: &Db, h: Holiday) -> Result<()> {
    execute!(db, sqlx::query("INSERT INTO holidays (day, carries_over) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET carries_over = $2")
        .bind(h.date).bind(h.carries_over))?;
    Ok(())
}

pub async fn remove_holiday(db: &Db, day: NaiveDate) -> Result<bool> {
    Ok(execute!(
        db,
        sqlx::query("DELETE FROM holidays WHERE day = $1").bind(day)
    )? > 0)
}

/// (weekday made a day off, weekend day made a working day), by date.
pub async fn transfers(db: &Db) -> Result<Vec<(NaiveDate, NaiveDate)>> {
    Ok(
        on_pool!(db, p => sqlx::query_as("SELECT day_off, working_day FROM day_transfers ORDER BY day_off")
        .fetch_all(p).await)?,
    )
}

pub async fn set_transfer(db: &Db, day_off: NaiveDate, working_day: NaiveDate) -> Result<()> {
    execute!(db, sqlx::query("INSERT INTO day_transfers (day_off, working_day) VALUES ($1, $2) ON CONFLICT (day_off) DO UPDATE SET working_day = $2")
        .bind(day_off).bind(working_day))?;
    Ok(())
}

pub async fn remove_transfer(db: &Db, day_off: NaiveDate) -> Result<bool> {
    Ok(execute!(
        db,
        sqlx::query("DELETE FROM day_transfers WHERE day_off = $1").bind(day_off)
    )? > 0)
}

/// The working calendar every deadline uses: the stored holidays and transfers.
pub async fn calendar(db: &Db) -> Result<WorkingCalendar> {
    let h = holidays(db).await?;
    let t = transfers(db).await?;
    Ok(WorkingCalendar::new(&h, &t))
}
