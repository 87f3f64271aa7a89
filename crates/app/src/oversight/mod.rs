//! Public oversight's shared ground: the working-day calendar every deadline of projects and
//! public control is counted on, and the holiday table behind it (administrators edit it);
//! seats on a cycle's expert council and monitoring group, taken by invitation
//! ([`invitations`]).

pub mod invitations;

use crate::{Actor, App, Result};
use chrono::{Datelike, NaiveDate};
use domain::oversight::{transfer_allowed, Holiday, WorkingCalendar};
use domain::Action;

/// The working-day calendar: the stored holidays and day transfers.
pub async fn calendar(app: &App) -> Result<WorkingCalendar> {
    Ok(store::oversight::calendar(&app.db).await?)
}

/// The holiday table of one year: its holidays, and the transfers that touch it
/// (day off, working day). Administrators only: the calendar is the whole country's.
pub async fn holidays_of_year(
    app: &App,
    actor: &Actor,
    year: i32,
) -> Result<(Vec<Holiday>, Vec<(NaiveDate, NaiveDate)>)> {
    actor.require(Action::EditHolidays, &[])?;
    let in_year = |d: &NaiveDate| d.year() == year;
    let holidays = store::oversight::holidays(&app.db)
        .await?
        .into_iter()
        .filter(|h| in_year(&h.date))
        .collect();
    let transfers = store::oversight::transfers(&app.db)
        .await?
        .into_iter()
        .filter(|(off, work)| in_year(off) || in_year(work))
        .collect();
    Ok((holidays, transfers))
}

/// One change to the holiday table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayEdit {
    /// Add a holiday or change whether it carries over.
    SetHoliday(Holiday),
    /// Make a weekday a day off and a weekend day a working day.
    SetTransfer {
        day_off: NaiveDate,
        working_day: NaiveDate,
    },
    RemoveHoliday(NaiveDate),
    RemoveTransfer(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidaysOutcome {
    Saved,
    /// The working day of a transfer is not a Saturday or Sunday.
    NotWeekend,
}

pub async fn edit_holidays(app: &App, actor: &Actor, edit: HolidayEdit) -> Result<HolidaysOutcome> {
    actor.require(Action::EditHolidays, &[])?;
    match edit {
        HolidayEdit::SetHoliday(h) => store::oversight::set_holiday(&app.db, h).await?,
        HolidayEdit::SetTransfer {
            day_off,
            working_day,
        } => {
            if !transfer_allowed(working_day) {
                return Ok(HolidaysOutcome::NotWeekend);
            }
            store::oversight::set_transfer(&app.db, day_off, working_day).await?
        }
        HolidayEdit::RemoveHoliday(d) => {
            store::oversight::remove_holiday(&app.db, d).await?;
        }
        HolidayEdit::RemoveTransfer(d) => {
            store::oversight::remove_transfer(&app.db, d).await?;
        }
    }
    tracing::info!(?edit, "holiday table changed");
    Ok(HolidaysOutcome::Saved)
}
