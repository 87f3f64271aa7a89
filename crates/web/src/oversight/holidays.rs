//! `/admin/holidays`: the table of public holidays and day transfers that every working-day
//! deadline is counted on (administrators only).

use crate::extract::{Form, Query};
use crate::i18n::Arg;
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::oversight::{HolidayEdit, HolidaysOutcome};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use domain::oversight::{table_year, transfer_allowed, Holiday};
use domain::projects::{parse_date, FieldError};
use serde::Deserialize;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct HolidayForm {
    kind: String,
    day: String,
    carries_over: Option<String>,
    day_off: String,
    working_day: String,
    year: String,
}

#[derive(Template)]
#[template(path = "oversight/holidays.html")]
struct HolidaysPage<'a> {
    c: &'a Ctx,
    year: i32,
    year_heading: String,
    years: Vec<(i32, bool)>,
    holidays: Vec<(String, String, bool)>,
    transfers: Vec<(String, String)>,
    form: HolidayForm,
    errors: &'a FieldErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    year: String,
}

async fn view(
    s: &AppState,
    c: &Ctx,
    year: i32,
    form: HolidayForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let actor = require_viewer(c)?;
    let this = s.clock.today().year();
    let (holidays, transfers) = app::oversight::holidays_of_year(s, actor, year).await?;
    let holidays = holidays
        .into_iter()
        .map(|h| (h.date.to_string(), c.lang.date(h.date), h.carries_over))
        .collect();
    let transfers = transfers
        .into_iter()
        .map(|(off, work)| {
            let line = c.lang.t_args(
                "projects-transfer-line",
                &[
                    ("off", Arg::Str(c.lang.date(off))),
                    ("work", Arg::Str(c.lang.date(work))),
                ],
            );
            (off.to_string(), line)
        })
        .collect();
    let html = render(&HolidaysPage {
        c,
        year,
        year_heading: c.t_str("projects-holidays-of", "year", &year.to_string()),
        years: (this - 2..=this + 4).map(|y| (y, y == year)).collect(),
        holidays,
        transfers,
        form,
        errors: &r.errors,
    })?;
    Ok(r.respond(html))
}

pub async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let year = table_year(&q.year, s.clock.today());
    view(&s, &c, year, HolidayForm::default(), &Rejected::none()).await
}

fn required_date(c: &Ctx, e: &mut FieldErrors, field: &'static str, v: &str) -> Option<NaiveDate> {
    match parse_date(v) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            e.add(
                field,
                c.t(&format!("projects-err-{}", FieldError::Required.code())),
            );
            None
        }
        Err(x) => {
            e.add(field, c.t(&format!("projects-err-{}", x.code())));
            None
        }
    }
}

fn saved(year: i32) -> Response {
    Redirect::to(&format!(
        "/admin/holidays?year={year}&ok=projects-holidays-saved"
    ))
    .into_response()
}

pub async fn save(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<HolidayForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let mut errors = FieldErrors::default();
    let year;
    let edit;
    if f.kind == "transfer" {
        let off = required_date(&c, &mut errors, "day_off", &f.day_off);
        let work = required_date(&c, &mut errors, "working_day", &f.working_day);
        year = off
            .map(|d| d.year())
            .unwrap_or_else(|| table_year(&f.year, s.clock.today()));
        edit = match (off, work) {
            (Some(day_off), Some(working_day)) if errors.is_empty() => {
                Some(HolidayEdit::SetTransfer {
                    day_off,
                    working_day,
                })
            }
            _ => {
                // Show every mistake at once: the working day's too.
                if work.is_some_and(|w| !transfer_allowed(w)) {
                    errors.add("working_day", c.t("projects-err-not-weekend"));
                }
                None
            }
        };
    } else {
        let day = required_date(&c, &mut errors, "day", &f.day);
        year = day
            .map(|d| d.year())
            .unwrap_or_else(|| table_year(&f.year, s.clock.today()));
        edit = day.map(|date| {
            HolidayEdit::SetHoliday(Holiday {
                date,
                carries_over: f.carries_over.is_some(),
            })
        });
    }
    if let Some(edit) = edit {
        match app::oversight::edit_holidays(&s, actor, edit).await? {
            HolidaysOutcome::Saved => return Ok(saved(year)),
            HolidaysOutcome::NotWeekend => {
                errors.add("working_day", c.t("projects-err-not-weekend"));
            }
        }
    }
    view(&s, &c, year, f, &Rejected::invalid(errors)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RemoveForm {
    holiday: String,
    transfer: String,
}

pub async fn remove(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let h = parse_date(&f.holiday).ok().flatten();
    let t = parse_date(&f.transfer).ok().flatten();
    let (edit, year) = match (h, t) {
        (Some(d), _) => (HolidayEdit::RemoveHoliday(d), d.year()),
        (None, Some(d)) => (HolidayEdit::RemoveTransfer(d), d.year()),
        (None, None) => {
            // Nothing to remove: forbidden for others first, as for any edit.
            c.require(domain::Action::EditHolidays, &[])?;
            return Err(AppError::NotFound);
        }
    };
    app::oversight::edit_holidays(&s, actor, edit).await?;
    Ok(saved(year))
}
