//! What officials of the territory record: the contract and dates, milestones, payments,
//! documents and photos. Each change is logged publicly; a refused form comes back filled in.

use super::show::{page, Forms, MilestoneForm, PaymentForm, RecordForm};
use super::{load, Project, AREA, MAX_BYTES};
use crate::pages::{Ctx, FieldErrors};
use crate::uploads::{self, Refusal};
use crate::{AppError, AppState};
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::oversight::Bin;
use domain::projects::{parse_amount, parse_date, parse_percent, FieldError};
use domain::Action;
use store::projects::files::{self, ProjectFile};
use store::projects::{self as prj, Implementation, Payment};
use uuid::Uuid;

/// A project has at most this many documents and photos of its own.
const MAX_DOCUMENTS: usize = 30;

fn err(c: &Ctx, e: FieldError) -> String {
    c.t(&format!("projects-err-{}", e.code()))
}

fn done(proj: &Project, notice: &str) -> Response {
    Redirect::to(&format!("/projects/{}?ok={notice}", proj.p.id)).into_response()
}

async fn refused(
    s: &AppState,
    c: &Ctx,
    proj: &Project,
    forms: Forms,
) -> Result<Response, AppError> {
    page(s, c, proj, forms, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// The record from the form, or what is wrong with each field.
fn validate(
    c: &Ctx,
    proposal: Uuid,
    f: &RecordForm,
    e: &mut FieldErrors,
) -> Option<Implementation> {
    let name = f.contractor_name.trim();
    if name.is_empty() {
        e.add("contractor_name", err(c, FieldError::Required));
    }
    let bin = match Bin::parse(&f.contractor_bin) {
        Ok(b) => Some(b),
        Err(_) => {
            e.add("contractor_bin", err(c, FieldError::Bin));
            None
        }
    };
    let number = f.contract_number.trim();
    if number.is_empty() {
        e.add("contract_number", err(c, FieldError::Required));
    }
    let sum = parse_amount(&f.contract_sum)
        .map_err(|x| e.add("contract_sum", err(c, x)))
        .ok();
    let mut date =
        |field: &'static str, v: &str| parse_date(v).map_err(|x| e.add(field, err(c, x))).ok();
    let ps = date("planned_start", &f.planned_start);
    let pe = date("planned_end", &f.planned_end);
    let as_ = date("actual_start", &f.actual_start);
    let ae = date("actual_end", &f.actual_end);
    if let (Some(Some(a)), Some(Some(b))) = (ps, pe) {
        if b < a {
            e.add("planned_end", err(c, FieldError::Order));
        }
    }
    if let (Some(Some(a)), Some(Some(b))) = (as_, ae) {
        if b < a {
            e.add("actual_end", err(c, FieldError::Order));
        }
    }
    if !e.is_empty() {
        return None;
    }
    Some(Implementation {
        proposal_id: proposal,
        contractor_name: name.to_string(),
        contractor_bin: bin?.to_string(),
        contract_number: number.to_string(),
        contract_sum: sum?,
        planned_start: ps?,
        planned_end: pe?,
        actual_start: as_?,
        actual_end: ae?,
    })
}

pub async fn save(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<RecordForm>,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let by = c.require(Action::EditImplementation, &proj.t.path)?.user.id;
    let mut errors = FieldErrors::default();
    match validate(&c, proj.p.id, &f, &mut errors) {
        Some(i) => {
            prj::save(&s.db, &i, by, s.clock.now()).await?;
            Ok(done(&proj, "projects-saved"))
        }
        None => {
            let forms = Forms {
                record: Some(f),
                errors,
                ..Forms::default()
            };
            refused(&s, &c, &proj, forms).await
        }
    }
}

pub async fn add_milestone(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let by = c.require(Action::EditImplementation, &proj.t.path)?.user.id;
    let mut errors = FieldErrors::default();
    let title = f.ms_title.trim();
    if title.is_empty() {
        errors.add("ms_title", err(&c, FieldError::Required));
    }
    let due = parse_date(&f.ms_due)
        .map_err(|x| errors.add("ms_due", err(&c, x)))
        .ok();
    let progress = if f.ms_progress.trim().is_empty() {
        Ok(0)
    } else {
        parse_percent(&f.ms_progress)
    };
    let progress = progress
        .map_err(|x| errors.add("ms_progress", err(&c, x)))
        .ok();
    match (errors.is_empty(), due, progress) {
        (true, Some(due), Some(progress)) => {
            prj::add_milestone(&s.db, proj.p.id, title, due, progress, by, s.clock.now()).await?;
            Ok(done(&proj, "projects-milestone-added"))
        }
        _ => {
            let forms = Forms {
                milestone: f,
                errors,
                ..Forms::default()
            };
            refused(&s, &c, &proj, forms).await
        }
    }
}

pub async fn set_progress(
    State(s): State<AppState>,
    c: Ctx,
    Path((id, mid)): Path<(String, String)>,
    Form(f): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let by = c.require(Action::EditImplementation, &proj.t.path)?.user.id;
    let mid = Uuid::parse_str(&mid).map_err(|_| AppError::NotFound)?;
    match parse_percent(&f.ms_progress) {
        Ok(p) => {
            if !prj::set_progress(&s.db, proj.p.id, mid, p, by, s.clock.now()).await? {
                return Err(AppError::NotFound);
            }
            Ok(done(&proj, "projects-progress-saved"))
        }
        Err(x) => {
            let mut errors = FieldErrors::default();
            errors.add("ms_row", err(&c, x));
            let forms = Forms {
                errors,
                ..Forms::default()
            };
            refused(&s, &c, &proj, forms).await
        }
    }
}

pub async fn add_payment(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<PaymentForm>,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let by = c.require(Action::EditImplementation, &proj.t.path)?.user.id;
    let mut errors = FieldErrors::default();
    let paid_on = match parse_date(&f.pay_date) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add("pay_date", err(&c, FieldError::Required));
            None
        }
        Err(x) => {
            errors.add("pay_date", err(&c, x));
            None
        }
    };
    let amount = parse_amount(&f.pay_amount)
        .map_err(|x| errors.add("pay_amount", err(&c, x)))
        .ok();
    match (paid_on, amount) {
        (Some(paid_on), Some(amount)) => {
            let p = Payment {
                paid_on,
                amount,
                note: f.pay_note.trim().chars().take(300).collect(),
            };
            prj::add_payment(&s.db, proj.p.id, &p, by, s.clock.now()).await?;
            Ok(done(&proj, "projects-payment-added"))
        }
        _ => {
            let forms = Forms {
                payment: f,
                errors,
                ..Forms::default()
            };
            refused(&s, &c, &proj, forms).await
        }
    }
}

/// The message and status of a refused upload.
pub fn refusal(c: &Ctx, r: Refusal) -> (StatusCode, String) {
    match r {
        Refusal::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            c.t("projects-upload-err-size"),
        ),
        Refusal::Type => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            c.t("projects-upload-err-type"),
        ),
        Refusal::Empty => (
            StatusCode::UNPROCESSABLE_ENTITY,
            c.t("projects-upload-err-empty"),
        ),
    }
}

pub async fn upload(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let by = c.require(Action::EditImplementation, &proj.t.path)?.user.id;
    let (parts, refused_with) = uploads::read_form(&mut multipart, MAX_BYTES, 1, false).await;
    let problem = match refused_with {
        Some(r) => Some(r),
        None if parts.files.is_empty() => Some(Refusal::Empty),
        None => None,
    };
    let count = files::of_project(&s.db, proj.p.id).await?.len();
    if let Some(r) = problem.or((count >= MAX_DOCUMENTS).then_some(Refusal::TooLarge)) {
        let (status, message) = refusal(&c, r);
        let forms = Forms {
            error: Some(message),
            ..Forms::default()
        };
        return page(&s, &c, &proj, forms, status).await;
    }
    for u in parts.files {
        let f = ProjectFile {
            id: store::new_id(),
            proposal_id: proj.p.id,
            report_id: None,
            file_name: u.name,
            content_type: u.content_type.to_string(),
            size_bytes: u.bytes.len() as i64,
            created_at: s.clock.now(),
        };
        uploads::save(&s, AREA, f.id, &u.bytes).await?;
        if let Err(e) = files::add(&s.db, &f, by, s.clock.now()).await {
            uploads::discard(&s, AREA, &[f.id]).await;
            return Err(e.into());
        }
    }
    Ok(done(&proj, "projects-file-added"))
}

/// Documents and report photos are public, like the rest of the project.
pub async fn download(
    State(s): State<AppState>,
    Path((id, fid)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let fid = Uuid::parse_str(&fid).map_err(|_| AppError::NotFound)?;
    let f = files::get(&s.db, proj.p.id, fid)
        .await?
        .ok_or(AppError::NotFound)?;
    uploads::send(
        &s,
        AREA,
        f.id,
        &f.content_type,
        &f.file_name,
        "public, max-age=86400",
    )
    .await
}
