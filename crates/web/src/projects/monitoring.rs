//! The monitoring group of a cycle (recorded by a coordinator), its members' acceptance of
//! finished work, residents' monitoring reports with photos, and officials' answers.

use super::edit::refusal;
use super::show::{page, AcceptanceForm, AnswerForm, Forms, ReportForm};
use super::{date, AREA, MAX_BYTES, MAX_PHOTOS};
use crate::extract::{Form, Id, Ids, Multipart};
use crate::i18n::Arg;
use crate::oversight::invitations::conflict_message;
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::uploads;
use crate::{AppError, AppState};
use app::projects::{AcceptanceOutcome, AnswerOutcome, GroupOutcome, NewReport, ProjectFile};
use app::projects::{Cycle, Territory};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::projects::{
    parse_coordinates, parse_date, report_text, FieldError, Judgement, Remarks, RemarksError,
    Verdict, GROUP_MIN,
};
use domain::{Action, Contact};
use serde::Deserialize;
use uuid::Uuid;

fn err(c: &Ctx, e: FieldError) -> String {
    c.t(&format!("projects-err-{}", e.code()))
}

fn remarks_err(c: &Ctx, e: RemarksError) -> String {
    c.t(match e {
        RemarksError::Required => "projects-err-remarks",
        RemarksError::TooLong => "projects-err-too-long",
    })
}

pub async fn sign(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<AcceptanceForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let mut errors = FieldErrors::default();
    let outcome = match Verdict::parse(f.verdict.trim()) {
        Some(v) => app::projects::sign_acceptance(&s, actor, id, v, &f.remarks).await?,
        None => {
            // Not a verdict: say so, and check what else can be checked.
            let proj = app::projects::project(&s, id).await?;
            if !app::projects::may_sign(&s, Some(actor), &proj).await? {
                return Err(AppError::Forbidden);
            }
            errors.add("verdict", c.t("projects-err-verdict"));
            if Remarks::parse(&f.remarks).is_err() {
                errors.add("remarks", c.t("projects-err-too-long"));
            }
            AcceptanceOutcome::Refused(RemarksError::Required)
        }
    };
    match outcome {
        AcceptanceOutcome::Signed => {
            Ok(Redirect::to(&format!("/projects/{id}?ok=projects-signed")).into_response())
        }
        AcceptanceOutcome::Refused(e) => {
            if errors.is_empty() {
                errors.add("remarks", remarks_err(&c, e));
            }
            let forms = Forms {
                acceptance: f,
                ..Forms::default()
            };
            page(&s, &c, id, forms, &Rejected::invalid(errors)).await
        }
    }
}

/// A resident's report: text, judgement, optional coordinates and up to three photos, checked
/// before anything is stored.
pub async fn report(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let proj = app::projects::project(&s, id).await?;
    if !c.may(Action::SubmitMonitoringReport, &proj.t.path) {
        return Err(AppError::Forbidden);
    }
    let (parts, upload_refusal) =
        uploads::read_form(&mut multipart, MAX_BYTES, MAX_PHOTOS, true).await;
    let typed = ReportForm {
        body: parts.field("body"),
        judgement: parts.field("judgement"),
        lat: parts.field("lat"),
        lon: parts.field("lon"),
    };
    let mut errors = FieldErrors::default();
    let body = report_text(&typed.body)
        .map_err(|x| errors.add("body", err(&c, x)))
        .ok();
    let judgement = Judgement::parse(typed.judgement.trim());
    if judgement.is_none() {
        errors.add("judgement", c.t("projects-err-judgement"));
    }
    let coordinates = parse_coordinates(&typed.lat, &typed.lon)
        .map_err(|x| errors.add("coords", err(&c, x)))
        .ok()
        .flatten();
    let upload = upload_refusal.map(|r| refusal(&c, r));
    let (Some(body), Some(judgement), true, None) = (body, judgement, errors.is_empty(), &upload)
    else {
        // A refused upload answers with its own status; otherwise the fields are to blame.
        let refused = match upload {
            Some(r) => Rejected { errors, ..r },
            None => Rejected::invalid(errors),
        };
        let forms = Forms {
            report: typed,
            ..Forms::default()
        };
        return page(&s, &c, id, forms, &refused).await;
    };
    let now = s.clock.now();
    let mut photos = Vec::new();
    for u in &parts.files {
        let f = ProjectFile {
            id: Uuid::now_v7(),
            proposal_id: id,
            report_id: None,
            content_type: u.content_type.to_string(),
            size_bytes: u.bytes.len() as i64,
            created_at: now,
        };
        if let Err(e) = uploads::save(&s, AREA, f.id, &u.bytes).await {
            let ids: Vec<Uuid> = photos.iter().map(|p: &ProjectFile| p.id).collect();
            uploads::discard(&s, AREA, &ids).await;
            return Err(e);
        }
        photos.push(f);
    }
    let ids: Vec<Uuid> = photos.iter().map(|p| p.id).collect();
    let r = NewReport {
        body,
        judgement,
        coordinates,
    };
    match app::projects::submit_report(&s, actor, id, r, photos).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/projects/{id}?ok=projects-report-filed#reports"))
                .into_response(),
        ),
        Err(e) => {
            uploads::discard(&s, AREA, &ids).await;
            Err(e.into())
        }
    }
}

pub async fn answer(
    State(s): State<AppState>,
    c: Ctx,
    Ids(id, rid): Ids,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    match app::projects::answer_report(&s, actor, id, rid, &f.answer).await? {
        AnswerOutcome::Answered => Ok(Redirect::to(&format!(
            "/projects/{id}?ok=projects-answered#report-{rid}"
        ))
        .into_response()),
        AnswerOutcome::Refused(e) => {
            let message = match e {
                FieldError::TooLong => c.t("projects-err-too-long"),
                e => err(&c, e),
            };
            let forms = Forms {
                answer: Some((rid, f.answer.clone())),
                ..Forms::default()
            };
            page(&s, &c, id, forms, &Rejected::field("answer", message)).await
        }
        AnswerOutcome::AlreadyAnswered => {
            let r = Rejected::conflict(c.t("projects-err-answered"));
            page(&s, &c, id, Forms::default(), &r).await
        }
    }
}

// ---- the monitoring group of a cycle ----

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct GroupForm {
    elected_on: String,
    gathering: String,
    contact: String,
}

#[derive(Template)]
#[template(path = "projects/group.html")]
struct GroupPage<'a> {
    c: &'a Ctx,
    id: String,
    cycle_title: String,
    elected: Option<String>,
    members: Vec<String>,
    /// Invited, not answered yet (shown to those who may invite).
    invitees: Vec<String>,
    size: String,
    too_small: bool,
    can_record: bool,
    form: GroupForm,
    errors: &'a FieldErrors,
}

async fn load_cycle(s: &AppState, id: Uuid) -> Result<(Cycle, Territory), AppError> {
    Ok(app::pb::cycle(&s.app, id).await?)
}

async fn group_view(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    form: Option<GroupForm>,
    r: &Rejected,
) -> Result<Response, AppError> {
    let g = app::projects::group(s, cy.id).await?;
    let form = form.unwrap_or_else(|| GroupForm {
        elected_on: g
            .as_ref()
            .map(|g| g.elected_on.to_string())
            .unwrap_or_default(),
        gathering: g.as_ref().map(|g| g.gathering.clone()).unwrap_or_default(),
        contact: String::new(),
    });
    let n = g.as_ref().map(|g| g.members.len()).unwrap_or(0);
    let body = app::oversight::invitations::Body::MonitoringGroup;
    let invitees = app::oversight::invitations::invitees(s, c.viewer.as_ref(), body, cy.id)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let html = render(&GroupPage {
        c,
        id: cy.id.to_string(),
        cycle_title: c.lang.t_args(
            "pb-cycle-title",
            &[
                ("year", Arg::Str(cy.year.to_string())),
                ("territory", Arg::Str(t.name(c.lang.code()).to_string())),
            ],
        ),
        elected: g.as_ref().map(|g| {
            c.lang.t_args(
                "projects-group-elected",
                &[
                    ("date", Arg::Str(date(c, g.elected_on))),
                    ("gathering", Arg::Str(g.gathering.clone())),
                ],
            )
        }),
        members: g
            .map(|g| g.members.into_iter().map(|m| m.1).collect())
            .unwrap_or_default(),
        invitees,
        size: c.t_num("projects-group-size", "count", n as i64),
        too_small: n < GROUP_MIN,
        can_record: c.may(Action::RecordMonitoringGroup, &t.path)
            && c.may(Action::InviteMember, &t.path),
        form,
        errors: &r.errors,
    })?;
    Ok(r.respond(html))
}

pub async fn group_page(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    group_view(&s, &c, &cy, &t, None, &Rejected::none()).await
}

/// Record the group's election and invite one member (found by phone or e-mail): the seat is
/// theirs when they accept it on their account page (security review M5); no role is granted.
pub async fn record(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<GroupForm>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::RecordMonitoringGroup, &t.path)?;
    let mut errors = FieldErrors::default();
    let elected_on = match parse_date(&f.elected_on) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add("elected_on", err(&c, FieldError::Required));
            None
        }
        Err(x) => {
            errors.add("elected_on", err(&c, x));
            None
        }
    };
    let gathering = f.gathering.trim();
    if gathering.is_empty() {
        errors.add("gathering", err(&c, FieldError::Required));
    }
    let contact = Contact::parse(&f.contact).ok();
    let (Some(elected_on), Some(contact), true) = (elected_on, &contact, errors.is_empty()) else {
        // Every mistake at once: an unknown person too.
        let known = match &contact {
            Some(contact) => app::projects::knows_contact(&s, contact).await?,
            None => false,
        };
        if !known {
            errors.add("contact", c.t("err-user-unknown"));
        }
        return group_view(&s, &c, &cy, &t, Some(f), &Rejected::invalid(errors)).await;
    };
    let done =
        |ok: &str| Ok(Redirect::to(&format!("/pb/{}/monitoring?ok={ok}", cy.id)).into_response());
    let r = match app::projects::record_monitoring_group(
        &s, actor, cy.id, elected_on, gathering, contact,
    )
    .await?
    {
        GroupOutcome::UnknownPerson => Rejected::field("contact", c.t("err-user-unknown")),
        GroupOutcome::Full => Rejected::field("contact", c.t("projects-err-group-full")),
        GroupOutcome::Refused(e) => Rejected::field("contact", conflict_message(&c, e))
            .with_status(axum::http::StatusCode::CONFLICT),
        GroupOutcome::Invited => return done("projects-group-invited"),
        GroupOutcome::Recorded => return done("projects-group-saved"),
    };
    group_view(&s, &c, &cy, &t, Some(f), &r).await
}
