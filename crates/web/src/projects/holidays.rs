//! `/admin/holidays`: the table of public holidays and day transfers that every working-day
//! deadline is counted on (administrators only).

use crate::i18n::Arg;
use crate::pages::{render, Ctx, FieldErrors};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{Datelike, NaiveDate, Weekday};
use domain::oversight::Holiday;
use domain::projects::{parse_date, FieldError};
use domain::Action;
use serde::Deserialize;
use store::projects::holidays as store_h;

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
#[template(path = "projects/holidays.html")]
struct HolidaysPage<'a> {
    c: &'a Ctx,
    year: i32,
    year_heading: String,
    years: Vec<(i32, bool)>,
    holidays: Vec<(String, String, bool)>,
    transfers: Vec<(String, String)>,
    form: HolidayForm,
    errors: FieldErrors,
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
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let this = s.clock.today().year();
    let in_year = |d: &NaiveDate| d.year() == year;
    let holidays = store_h::holidays(&s.db)
        .await?
        .into_iter()
        .filter(|h| in_year(&h.date))
        .map(|h| (h.date.to_string(), c.lang.date(h.date), h.carries_over))
        .collect();
    let transfers = store_h::transfers(&s.db)
        .await?
        .into_iter()
        .filter(|(off, work)| in_year(off) || in_year(work))
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
        year_heading: c.t_num("projects-holidays-of", "year", i64::from(year)),
        years: (this - 2..=this + 4).map(|y| (y, y == year)).collect(),
        holidays,
        transfers,
        form,
        errors,
    })?;
    Ok((status, html).into_response())
}

/// The year asked for, or this year in Kazakhstan.
fn year_of(text: &str, today: NaiveDate) -> i32 {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| today.year())
}

pub async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    // Only administrators: the calendar is the whole country's.
    c.require(Action::EditHolidays, &[])?;
    view(
        &s,
        &c,
        year_of(&q.year, s.clock.today()),
        HolidayForm::default(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
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

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

pub async fn save(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<HolidayForm>,
) -> Result<Response, AppError> {
    c.require(Action::EditHolidays, &[])?;
    let mut errors = FieldErrors::default();
    let year;
    if f.kind == "transfer" {
        let off = required_date(&c, &mut errors, "day_off", &f.day_off);
        let work = required_date(&c, &mut errors, "working_day", &f.working_day);
        if work.is_some_and(|w| !is_weekend(w)) {
            errors.add("working_day", c.t("projects-err-not-weekend"));
        }
        year = off
            .map(|d| d.year())
            .unwrap_or_else(|| year_of(&f.year, s.clock.today()));
        if let (Some(off), Some(work), true) = (off, work, errors.is_empty()) {
            store_h::set_transfer(&s.db, off, work).await?;
            return Ok(Redirect::to(&format!(
                "/admin/holidays?year={year}&ok=projects-holidays-saved"
            ))
            .into_response());
        }
    } else {
        let day = required_date(&c, &mut errors, "day", &f.day);
        year = day
            .map(|d| d.year())
            .unwrap_or_else(|| year_of(&f.year, s.clock.today()));
        if let (Some(date), true) = (day, errors.is_empty()) {
            let h = Holiday {
                date,
                carries_over: f.carries_over.is_some(),
            };
            store_h::set_holiday(&s.db, h).await?;
            return Ok(Redirect::to(&format!(
                "/admin/holidays?year={year}&ok=projects-holidays-saved"
            ))
            .into_response());
        }
    }
    view(&s, &c, year, f, errors, StatusCode::UNPROCESSABLE_ENTITY).await
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
    c.require(Action::EditHolidays, &[])?;
    let h = parse_date(&f.holiday).ok().flatten();
    let t = parse_date(&f.transfer).ok().flatten();
    let year = match (h, t) {
        (Some(d), _) => {
            store_h::remove_holiday(&s.db, d).await?;
            d.year()
        }
        (None, Some(d)) => {
            store_h::remove_transfer(&s.db, d).await?;
            d.year()
        }
        (None, None) => return Err(AppError::NotFound),
    };
    Ok(Redirect::to(&format!(
        "/admin/holidays?year={year}&ok=projects-holidays-saved"
    ))
    .into_response())
}
