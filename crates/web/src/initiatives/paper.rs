//! Typing in paper signature sheets: each sheet twice, by two coordinators. Rows are checked
//! as online signatures are (village inside the territory, age), IINs turned into the same
//! keyed fingerprints accounts use, and never stored in clear.

use super::load_visible;
use super::messages;
use crate::extract::{Form, Id};
use crate::i18n::Arg;
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::initiatives::{self as ini, Initiative, PaperOutcome, SheetOutcome};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::initiatives::{parse_sheet, SheetNo};
use domain::Action;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SheetForm {
    sheet: String,
    rows: String,
}

#[derive(Template)]
#[template(path = "initiatives/paper.html")]
struct PaperPage<'a> {
    c: &'a Ctx,
    id: String,
    title: String,
    form: SheetForm,
    errors: &'a FieldErrors,
    line_errors: Vec<String>,
    result: Option<String>,
    mismatched: Option<String>,
}

async fn allowed(s: &AppState, c: &Ctx, id: uuid::Uuid) -> Result<Initiative, AppError> {
    require_viewer(c)?;
    let ini = load_visible(s, c, id).await?;
    c.require(Action::EnterPaperSignatures, &ini.territory_path)?;
    Ok(ini)
}

/// The form; `r.message` is the outcome of the last sheet (stored or refused).
fn page(
    c: &Ctx,
    ini: &Initiative,
    form: SheetForm,
    line_errors: Vec<String>,
    mismatched: Option<String>,
    r: &Rejected,
) -> Result<Response, AppError> {
    Ok(r.respond(render(&PaperPage {
        c,
        id: ini.id.to_string(),
        title: ini.title.clone(),
        form,
        errors: &r.errors,
        line_errors,
        result: r.message.clone(),
        mismatched,
    })?))
}

pub async fn form(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let ini = allowed(&s, &c, id).await?;
    page(
        &c,
        &ini,
        SheetForm::default(),
        Vec::new(),
        None,
        &Rejected::none(),
    )
}

fn line_error(c: &Ctx, line: usize, message_id: &str) -> String {
    c.lang.t_args(
        "initiatives-paper-line",
        &[
            ("line", Arg::Num(line as i64)),
            ("error", Arg::Str(c.t(message_id))),
        ],
    )
}

pub async fn enter(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<SheetForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = allowed(&s, &c, id).await?;
    let mut errors = FieldErrors::default();
    let sheet = SheetNo::parse(&f.sheet);
    if sheet.is_err() {
        errors.add("sheet", c.t("initiatives-paper-err-sheet"));
    }
    let mut line_errors = Vec::new();
    let mut outcome = None;
    match parse_sheet(&f.rows) {
        Err(list) => {
            line_errors.extend(
                list.iter()
                    .map(|e| line_error(&c, e.line, messages::sheet(e.kind))),
            );
        }
        Ok(lines) if lines.is_empty() => errors.add("rows", c.t("initiatives-paper-err-empty")),
        Ok(lines) => {
            let refused = match &sheet {
                Ok(no) if errors.is_empty() => {
                    match ini::enter_paper_signatures(&s, v, id, no, &lines).await? {
                        PaperOutcome::Entered(o) => {
                            outcome = Some(o);
                            Vec::new()
                        }
                        PaperOutcome::Rows(refused) => refused,
                    }
                }
                // The sheet number is wrong: the rows are still checked, to show everything.
                _ => ini::check_paper_rows(&s, &ini, &lines)
                    .await?
                    .err()
                    .unwrap_or_default(),
            };
            line_errors.extend(
                refused
                    .into_iter()
                    .map(|(n, why)| line_error(&c, n, messages::row(why))),
            );
        }
    }
    let (Some(outcome), Ok(sheet)) = (outcome, sheet) else {
        return page(&c, &ini, f, line_errors, None, &Rejected::invalid(errors));
    };
    let sheet = sheet.as_str();
    let stored = |text| Rejected::none().with_message(text);
    let (r, mismatched) = match outcome {
        SheetOutcome::AwaitingSecond => (
            stored(c.t_str("initiatives-paper-awaiting", "sheet", sheet)),
            None,
        ),
        SheetOutcome::SameCoordinator => (
            Rejected::conflict(c.t("initiatives-paper-same-person")),
            None,
        ),
        SheetOutcome::AlreadyDone => (
            Rejected::conflict(c.t_str("initiatives-paper-done", "sheet", sheet)),
            None,
        ),
        SheetOutcome::Compared {
            accepted,
            flagged,
            mismatched,
            not_counted,
        } => {
            let text = c.lang.t_args(
                "initiatives-paper-result",
                &[
                    ("accepted", Arg::Num(accepted as i64)),
                    ("flagged", Arg::Num(flagged as i64)),
                    ("late", Arg::Num(not_counted as i64)),
                ],
            );
            let lines = (!mismatched.is_empty()).then(|| {
                let list = mismatched
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                c.t_str("initiatives-paper-mismatched", "lines", &list)
            });
            (stored(text), lines)
        }
    };
    // The form is emptied after a stored entry: the next sheet starts clean.
    let kept = if r.status == StatusCode::OK {
        SheetForm::default()
    } else {
        f
    };
    page(&c, &ini, kept, Vec::new(), mismatched, &r)
}
