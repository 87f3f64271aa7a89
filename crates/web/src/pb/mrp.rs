//! The MRP table editor (`/pb/mrp`, administrators only): the monthly calculation index by
//! year and valid-from date. Cycles keep the MRP they were created with.

use crate::extract::Form;
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::mrp::{self as mrp_app, MrpEdit, MrpOutcome};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::pb::MrpYearError;
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
    errors: &'a FieldErrors,
}

/// The table and its forms; a refused correction keeps what was typed in its row, with
/// `r.message` next to it.
async fn show(
    s: &AppState,
    c: &Ctx,
    add: AddForm,
    correction: Option<&CorrectForm>,
    r: &Rejected,
) -> Result<Response, AppError> {
    let table = mrp_app::table(&s.app).await?;
    let rows = table
        .iter()
        .rev()
        .map(|m| {
            let key = m.valid_from.format("%Y-%m-%d").to_string();
            let (typed, error) = match correction {
                Some(f) if f.valid_from.trim() == key => (f.value.clone(), r.message.clone()),
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
    let page = MrpPage {
        c,
        rows,
        add,
        errors: &r.errors,
    };
    Ok(r.respond(render(&page)?))
}

async fn page(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    c.require(Action::EditMrp, &[])?;
    show(&s, &c, AddForm::default(), None, &Rejected::none()).await
}

async fn add(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    let actor = c.require(Action::EditMrp, &[])?;
    let edit = MrpEdit::Add {
        valid_from: &f.valid_from,
        year: &f.year,
        value: &f.value,
    };
    let mut errors = FieldErrors::default();
    match mrp_app::edit_mrp(&s.app, actor, &edit).await? {
        MrpOutcome::Saved => return Ok(Redirect::to("/pb/mrp?ok=pb-mrp-saved").into_response()),
        MrpOutcome::Invalid(e) => {
            if e.date {
                errors.add("valid_from", c.t("pb-mrp-err-date"));
            }
            match e.year {
                Some(MrpYearError::Invalid) => errors.add("year", c.t("pb-mrp-err-year")),
                Some(MrpYearError::OtherThanDate) => {
                    errors.add("year", c.t("pb-mrp-err-year-date"))
                }
                None => {}
            }
            if e.value {
                errors.add("value", c.t("pb-mrp-err-value"));
            }
        }
        MrpOutcome::DateTaken => errors.add("valid_from", c.t("pb-mrp-err-taken")),
    }
    show(&s, &c, f, None, &Rejected::invalid(errors)).await
}

async fn correct(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<CorrectForm>,
) -> Result<Response, AppError> {
    let actor = c.require(Action::EditMrp, &[])?;
    let edit = MrpEdit::Correct {
        valid_from: &f.valid_from,
        value: &f.value,
    };
    match mrp_app::edit_mrp(&s.app, actor, &edit).await? {
        MrpOutcome::Saved => Ok(Redirect::to("/pb/mrp?ok=pb-mrp-saved").into_response()),
        MrpOutcome::Invalid(_) | MrpOutcome::DateTaken => {
            let r = Rejected::unprocessable(c.t("pb-mrp-err-value"));
            show(&s, &c, AddForm::default(), Some(&f), &r).await
        }
    }
}
