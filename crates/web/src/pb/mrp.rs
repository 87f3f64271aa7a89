//! The MRP table editor (`/pb/mrp`, administrators only): the monthly calculation index by
//! year and valid-from date. Cycles keep the MRP they were created with.

use super::form::parse_tenge;
use crate::pages::{render, Ctx, FieldErrors};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Datelike;
use domain::money::Mrp;
use domain::Action;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/mrp", get(page).post(add))
        .route("/pb/mrp/correct", post(correct))
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct AddForm {
    valid_from: String,
    year: String,
    value: String,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct CorrectForm {
    valid_from: String,
    value: String,
}

pub struct MrpRow {
    valid_from: String,
    date: String,
    year: i32,
    value: String,
    /// The value field: what was typed when a correction of this row was refused.
    typed: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "pb/mrp.html")]
struct MrpPage<'a> {
    c: &'a Ctx,
    rows: Vec<MrpRow>,
    add: AddForm,
    errors: FieldErrors,
}

async fn show(
    s: &AppState,
    c: &Ctx,
    add: AddForm,
    errors: FieldErrors,
    correction: Option<(&CorrectForm, String)>,
) -> Result<Response, AppError> {
    let table = store::pb::mrp_table(&s.db).await?;
    let rows = table
        .iter()
        .rev()
        .map(|m| {
            let key = m.valid_from.format("%Y-%m-%d").to_string();
            let (typed, error) = match &correction {
                Some((f, e)) if f.valid_from.trim() == key => (f.value.clone(), Some(e.clone())),
                _ => ((m.value.tiyn() / 100).to_string(), None),
            };
            MrpRow {
                date: c.lang.date(m.valid_from),
                valid_from: key,
                year: m.year,
                value: m.value.format(c.lang.code()),
                typed,
                error,
            }
        })
        .collect();
    let status = if errors.is_empty() && correction.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = MrpPage {
        c,
        rows,
        add,
        errors,
    };
    Ok((status, render(&page)?).into_response())
}

async fn page(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    c.require(Action::EditMrp, &[])?;
    show(&s, &c, AddForm::default(), FieldErrors::default(), None).await
}

fn parse_value(s: &str) -> Option<domain::money::Tenge> {
    parse_tenge(s).filter(|t| t.tiyn() > 0 && t.tiyn() <= 100_000_000)
}

async fn add(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    c.require(Action::EditMrp, &[])?;
    let mut errors = FieldErrors::default();
    let date = domain::time::parse_date(&f.valid_from).ok();
    if date.is_none() {
        errors.add("valid_from", c.t("pb-mrp-err-date"));
    }
    let year: Option<i32> = f
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    match (year, date) {
        (None, _) => errors.add("year", c.t("pb-mrp-err-year")),
        (Some(y), Some(d)) if d.year() != y => errors.add("year", c.t("pb-mrp-err-year-date")),
        _ => {}
    }
    let value = parse_value(&f.value);
    if value.is_none() {
        errors.add("value", c.t("pb-mrp-err-value"));
    }
    let (Some(valid_from), Some(year), Some(value), true) = (date, year, value, errors.is_empty())
    else {
        return show(&s, &c, f, errors, None).await;
    };
    let row = Mrp {
        year,
        valid_from,
        value,
    };
    match store::pb::envelope::mrp_add(&s.db, &row).await? {
        Ok(()) => {
            tracing::info!(%valid_from, year, "mrp row added");
            Ok(Redirect::to("/pb/mrp?ok=pb-mrp-saved").into_response())
        }
        Err(store::pb::envelope::MrpDateTaken) => {
            errors.add("valid_from", c.t("pb-mrp-err-taken"));
            show(&s, &c, f, errors, None).await
        }
    }
}

async fn correct(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<CorrectForm>,
) -> Result<Response, AppError> {
    c.require(Action::EditMrp, &[])?;
    let Ok(valid_from) = domain::time::parse_date(&f.valid_from) else {
        return Err(AppError::NotFound);
    };
    let Some(value) = parse_value(&f.value) else {
        let e = c.t("pb-mrp-err-value");
        return show(
            &s,
            &c,
            AddForm::default(),
            FieldErrors::default(),
            Some((&f, e)),
        )
        .await;
    };
    if !store::pb::envelope::mrp_correct(&s.db, valid_from, value).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(%valid_from, "mrp row corrected");
    Ok(Redirect::to("/pb/mrp?ok=pb-mrp-saved").into_response())
}
