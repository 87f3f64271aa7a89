//! What officials of the territory record: the contract and dates, milestones, payments,
//! documents and photos. Each change is logged publicly; a refused form comes back filled in.

use super::show::{page, Forms, MilestoneForm, PaymentForm, RecordForm};
use super::{AREA, MAX_BYTES};
use crate::extract::{Form, Id, Ids, Multipart};
use crate::pages::{Ctx, FieldErrors, Rejected};
use crate::uploads::{self, Refusal};
use crate::{AppError, AppState};
use app::projects::{
    edit_implementation, EditOutcome, Implementation, ImplementationEdit, Payment, ProjectFile,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::oversight::Bin;
use domain::projects::{
    check_period, parse_amount, parse_date, parse_percent, payment_note, FieldError,
};
use domain::Action;
use uuid::Uuid;

fn err(c: &Ctx, e: FieldError) -> String {
    c.t(&format!("projects-err-{}", e.code()))
}

fn done(id: Uuid, notice: &str) -> Response {
    Redirect::to(&format!("/projects/{id}?ok={notice}")).into_response()
}

/// The person may edit this project's record: "please log in" or 403 before the form is read.
async fn editor<'a>(s: &AppState, c: &'a Ctx, id: Uuid) -> Result<&'a app::Actor, AppError> {
    let proj = app::projects::project(s, id).await?;
    c.require(Action::EditImplementation, &proj.t.path)
}

/// Apply one edit; a refusal (none is possible but a full file list) is a server error here.
async fn apply(
    s: &AppState,
    actor: &app::Actor,
    id: Uuid,
    edit: ImplementationEdit,
) -> Result<EditOutcome, AppError> {
    Ok(edit_implementation(s, actor, id, edit).await?)
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
    if let (Some(a), Some(b)) = (ps, pe) {
        if let Err(x) = check_period(a, b) {
            e.add("planned_end", err(c, x));
        }
    }
    if let (Some(a), Some(b)) = (as_, ae) {
        if let Err(x) = check_period(a, b) {
            e.add("actual_end", err(c, x));
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
    Id(id): Id,
    Form(f): Form<RecordForm>,
) -> Result<Response, AppError> {
    let actor = editor(&s, &c, id).await?;
    let mut errors = FieldErrors::default();
    match validate(&c, id, &f, &mut errors) {
        Some(i) => {
            apply(&s, actor, id, ImplementationEdit::Record(i)).await?;
            Ok(done(id, "projects-saved"))
        }
        None => {
            let forms = Forms {
                record: Some(f),
                ..Forms::default()
            };
            page(&s, &c, id, forms, &Rejected::invalid(errors)).await
        }
    }
}

pub async fn add_milestone(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    let actor = editor(&s, &c, id).await?;
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
            let edit = ImplementationEdit::AddMilestone {
                title: title.to_string(),
                due,
                progress,
            };
            apply(&s, actor, id, edit).await?;
            Ok(done(id, "projects-milestone-added"))
        }
        _ => {
            let forms = Forms {
                milestone: f,
                ..Forms::default()
            };
            page(&s, &c, id, forms, &Rejected::invalid(errors)).await
        }
    }
}

pub async fn set_progress(
    State(s): State<AppState>,
    c: Ctx,
    Ids(id, mid): Ids,
    Form(f): Form<MilestoneForm>,
) -> Result<Response, AppError> {
    let actor = editor(&s, &c, id).await?;
    match parse_percent(&f.ms_progress) {
        Ok(progress) => {
            let edit = ImplementationEdit::SetProgress {
                milestone: mid,
                progress,
            };
            apply(&s, actor, id, edit).await?;
            Ok(done(id, "projects-progress-saved"))
        }
        Err(x) => {
            let r = Rejected::field("ms_row", err(&c, x));
            page(&s, &c, id, Forms::default(), &r).await
        }
    }
}

pub async fn add_payment(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<PaymentForm>,
) -> Result<Response, AppError> {
    let actor = editor(&s, &c, id).await?;
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
                note: payment_note(&f.pay_note),
            };
            apply(&s, actor, id, ImplementationEdit::AddPayment(p)).await?;
            Ok(done(id, "projects-payment-added"))
        }
        _ => {
            let forms = Forms {
                payment: f,
                ..Forms::default()
            };
            page(&s, &c, id, forms, &Rejected::invalid(errors)).await
        }
    }
}

/// A refused upload: its message, answered with its own status.
pub fn refusal(c: &Ctx, r: Refusal) -> Rejected {
    match r {
        Refusal::TooLarge => Rejected::refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            c.t("projects-upload-err-size"),
        ),
        Refusal::Type => Rejected::refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            c.t("projects-upload-err-type"),
        ),
        Refusal::Empty => Rejected::unprocessable(c.t("projects-upload-err-empty")),
        Refusal::TextTooLarge => Rejected::refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            c.t(r.shared_message().unwrap_or_default()),
        ),
        Refusal::Pixels | Refusal::Unreadable => {
            Rejected::unprocessable(c.t(r.shared_message().unwrap_or_default()))
        }
    }
}

pub async fn upload(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let actor = editor(&s, &c, id).await?;
    let (parts, refused_with) = uploads::read_form(&mut multipart, MAX_BYTES, 1, false).await;
    let problem = match refused_with {
        Some(r) => Some(r),
        None if parts.files.is_empty() => Some(Refusal::Empty),
        None => None,
    };
    if let Some(r) = problem {
        return page(&s, &c, id, Forms::default(), &refusal(&c, r)).await;
    }
    for u in parts.files {
        let f = ProjectFile {
            id: Uuid::now_v7(),
            proposal_id: id,
            report_id: None,
            content_type: u.content_type.to_string(),
            size_bytes: u.bytes.len() as i64,
            created_at: s.clock.now(),
        };
        uploads::save(&s, AREA, f.id, &u.bytes).await?;
        let fid = f.id;
        match edit_implementation(&s, actor, id, ImplementationEdit::AddFile(f)).await {
            Ok(EditOutcome::Saved) => {}
            Ok(EditOutcome::TooManyFiles) => {
                uploads::discard(&s, AREA, &[fid]).await;
                let r = refusal(&c, Refusal::TooLarge);
                return page(&s, &c, id, Forms::default(), &r).await;
            }
            Err(e) => {
                uploads::discard(&s, AREA, &[fid]).await;
                return Err(e.into());
            }
        }
    }
    Ok(done(id, "projects-file-added"))
}

/// Documents and report photos are public, like the rest of the project.
pub async fn download(State(s): State<AppState>, Ids(id, fid): Ids) -> Result<Response, AppError> {
    let f = app::projects::file(&s, id, fid).await?;
    uploads::send(&s, AREA, f.id, &f.content_type, "public, max-age=86400").await
}
