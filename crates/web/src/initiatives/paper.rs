//! Typing in paper signature sheets: each sheet twice, by two coordinators. Rows are checked
//! as online signatures are (village inside the territory, age), IINs turned into the same
//! keyed fingerprints accounts use, and never stored in clear.

use super::load_visible;
use crate::i18n::Arg;
use crate::pages::{render, require_viewer, Ctx, FieldErrors};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use domain::initiatives::{parse_sheet, PaperLine};
use domain::{Action, Kato};
use serde::Deserialize;
use store::initiatives::{self as ini_store, Initiative, NewPaperRow, SheetOutcome};
use store::territories::{self, Territory};

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
    errors: FieldErrors,
    line_errors: Vec<String>,
    result: Option<String>,
    mismatched: Option<String>,
}

async fn allowed(s: &AppState, c: &Ctx, id: &str) -> Result<Initiative, AppError> {
    require_viewer(c)?;
    let ini = load_visible(s, c, id).await?;
    c.require(Action::EnterPaperSignatures, &ini.territory_path)?;
    Ok(ini)
}

fn page(
    c: &Ctx,
    ini: &Initiative,
    form: SheetForm,
    errors: FieldErrors,
    line_errors: Vec<String>,
    result: Option<String>,
    mismatched: Option<String>,
) -> Result<String, AppError> {
    Ok(render(&PaperPage {
        c,
        id: ini.id.to_string(),
        title: ini.title.clone(),
        form,
        errors,
        line_errors,
        result,
        mismatched,
    })?
    .0)
}

pub async fn form(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let ini = allowed(&s, &c, &id).await?;
    let html = page(
        &c,
        &ini,
        SheetForm::default(),
        FieldErrors::default(),
        Vec::new(),
        None,
        None,
    )?;
    Ok(axum::response::Html(html).into_response())
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

/// Find the village a row names (KATO code, or its Kazakh or Russian name in any case) among
/// the settlements of the initiative's territory.
fn village<'a>(villages: &'a [Territory], typed: &str) -> Option<&'a Territory> {
    if let Ok(k) = Kato::parse(typed) {
        return villages.iter().find(|v| v.kato == k);
    }
    let typed = typed.to_lowercase();
    villages
        .iter()
        .find(|v| v.name_kk.to_lowercase() == typed || v.name_ru.to_lowercase() == typed)
}

pub async fn enter(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<SheetForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let ini = allowed(&s, &c, &id).await?;
    let mut errors = FieldErrors::default();
    let sheet = f.sheet.trim().to_string();
    if sheet.is_empty() || sheet.chars().count() > 40 {
        errors.add("sheet", c.t("initiatives-paper-err-sheet"));
    }
    let territory = territories::by_id(&s.db, ini.territory_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let villages: Vec<Territory> = territories::subtree(&s.db, &territory)
        .await?
        .into_iter()
        .filter(|t| t.kind.is_settlement())
        .collect();
    let (rule, _) = ini_store::rule_for(&s.db, &territory).await?;
    let today = s.clock.today();
    let mut line_errors = Vec::new();
    let mut rows = Vec::new();
    match parse_sheet(&f.rows) {
        Err(list) => {
            line_errors.extend(
                list.iter()
                    .map(|e| line_error(&c, e.line, e.kind.message_id())),
            );
        }
        Ok(lines) if lines.is_empty() => errors.add("rows", c.t("initiatives-paper-err-empty")),
        Ok(lines) => {
            for (i, l) in lines.iter().enumerate() {
                match checked_row(&s, &villages, l, rule.min_age, today) {
                    Ok(r) => rows.push(r),
                    Err(id) => line_errors.push(line_error(&c, i + 1, id)),
                }
            }
        }
    }
    if !errors.is_empty() || !line_errors.is_empty() {
        let html = page(&c, &ini, f, errors, line_errors, None, None)?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, axum::response::Html(html)).into_response());
    }
    let outcome = ini_store::enter_sheet(
        &s.db,
        ini.id,
        &sheet,
        v.user.id,
        &rows,
        rule.consider_days,
        s.clock.now(),
    )
    .await?;
    let (status, result, mismatched) = match outcome {
        SheetOutcome::AwaitingSecond => (
            StatusCode::OK,
            c.t_str("initiatives-paper-awaiting", "sheet", &sheet),
            None,
        ),
        SheetOutcome::SameCoordinator => (
            StatusCode::CONFLICT,
            c.t("initiatives-paper-same-person"),
            None,
        ),
        SheetOutcome::AlreadyDone => (
            StatusCode::CONFLICT,
            c.t_str("initiatives-paper-done", "sheet", &sheet),
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
            (StatusCode::OK, text, lines)
        }
    };
    // The form is emptied after a stored entry: the next sheet starts clean.
    let kept = if status == StatusCode::OK {
        SheetForm::default()
    } else {
        f
    };
    let html = page(
        &c,
        &ini,
        kept,
        FieldErrors::default(),
        Vec::new(),
        Some(result),
        mismatched,
    )?;
    Ok((status, axum::response::Html(html)).into_response())
}

fn checked_row(
    s: &AppState,
    villages: &[Territory],
    l: &PaperLine,
    min_age: u32,
    today: chrono::NaiveDate,
) -> Result<NewPaperRow, &'static str> {
    let v = village(villages, &l.village).ok_or("initiatives-paper-err-village")?;
    if l.iin.age_on(today) < min_age {
        return Err("initiatives-paper-err-age");
    }
    if l.date > today {
        return Err("initiatives-paper-err-date");
    }
    Ok(NewPaperRow {
        name: l.name.clone(),
        person_hash: s.keys.iin.fingerprint(&l.iin),
        village_id: v.id,
        signed_on: l.date,
    })
}
