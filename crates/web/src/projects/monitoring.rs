//! The monitoring group of a cycle (recorded by a coordinator), its members' acceptance of
//! finished work, residents' monitoring reports with photos, and officials' answers.

use super::edit::refusal;
use super::show::{page, AcceptanceForm, AnswerForm, Forms, ReportForm};
use super::{date, load, AREA, MAX_BYTES, MAX_PHOTOS};
use crate::extract::Id;
use crate::i18n::Arg;
use crate::pages::{render, Ctx, FieldErrors};
use crate::uploads;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::projects::{parse_coordinates, parse_date, FieldError, Judgement, Verdict, GROUP_MIN};
use domain::{Action, Contact, Role};
use serde::Deserialize;
use store::pb::Cycle;
use store::projects::files::ProjectFile;
use store::projects::monitoring::{self, AddMember, NewReport};
use store::territories::Territory;
use uuid::Uuid;

const MAX_TEXT: usize = 4000;

fn err(c: &Ctx, e: FieldError) -> String {
    c.t(&format!("projects-err-{}", e.code()))
}

pub async fn sign(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AcceptanceForm>,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let by = c.require(Action::SignAcceptance, &proj.t.path)?.user.id;
    // Only members of this cycle's group sign, whatever roles they hold.
    if !monitoring::is_member(&s.db, proj.cy.id, by).await? {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let verdict = Verdict::parse(f.verdict.trim());
    let remarks = f.remarks.trim();
    match verdict {
        None => errors.add("verdict", c.t("projects-err-verdict")),
        Some(v) if v.needs_remarks() && remarks.is_empty() => {
            errors.add("remarks", c.t("projects-err-remarks"))
        }
        _ => {}
    }
    if remarks.chars().count() > MAX_TEXT {
        errors.add("remarks", c.t("projects-err-too-long"));
    }
    match verdict {
        Some(v) if errors.is_empty() => {
            monitoring::sign(&s.db, proj.p.id, by, v, remarks, s.clock.now()).await?;
            Ok(
                Redirect::to(&format!("/projects/{}?ok=projects-signed", proj.p.id))
                    .into_response(),
            )
        }
        _ => {
            let forms = Forms {
                acceptance: f,
                errors,
                ..Forms::default()
            };
            page(&s, &c, &proj, forms, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// A resident's report: text, judgement, optional coordinates and up to three photos, checked
/// before anything is stored.
pub async fn report(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let v = crate::pages::require_viewer(&c)?;
    if !c.may(Action::SubmitMonitoringReport, &proj.t.path) {
        return Err(AppError::Forbidden);
    }
    let author = v.user.id;
    let (parts, upload_refusal) =
        uploads::read_form(&mut multipart, MAX_BYTES, MAX_PHOTOS, true).await;
    let typed = ReportForm {
        body: parts.field("body"),
        judgement: parts.field("judgement"),
        lat: parts.field("lat"),
        lon: parts.field("lon"),
    };
    let mut errors = FieldErrors::default();
    let body = typed.body.trim().to_string();
    if body.is_empty() {
        errors.add("body", err(&c, FieldError::Required));
    } else if body.chars().count() > MAX_TEXT {
        errors.add("body", c.t("projects-err-too-long"));
    }
    let judgement = Judgement::parse(typed.judgement.trim());
    if judgement.is_none() {
        errors.add("judgement", c.t("projects-err-judgement"));
    }
    let coordinates = parse_coordinates(&typed.lat, &typed.lon)
        .map_err(|x| errors.add("coords", err(&c, x)))
        .ok()
        .flatten();
    let (status, error) = match upload_refusal {
        Some(r) => {
            let (st, m) = refusal(&c, r);
            (st, Some(m))
        }
        None => (StatusCode::UNPROCESSABLE_ENTITY, None),
    };
    let (Some(judgement), true, None) = (judgement, errors.is_empty(), &error) else {
        let forms = Forms {
            report: typed,
            errors,
            error,
            ..Forms::default()
        };
        return page(&s, &c, &proj, forms, status).await;
    };
    let now = s.clock.now();
    let mut photos = Vec::new();
    for u in &parts.files {
        let f = ProjectFile {
            id: store::new_id(),
            proposal_id: proj.p.id,
            report_id: None,
            file_name: u.name.clone(),
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
    let r = NewReport {
        proposal_id: proj.p.id,
        author_id: author,
        body,
        judgement,
        coordinates,
        filed_at: now,
    };
    match monitoring::add_report(&s.db, &r, &photos).await {
        Ok(rid) => {
            tracing::info!(project = %proj.p.id, report = %rid, photos = photos.len(), "monitoring report filed");
            Ok(Redirect::to(&format!(
                "/projects/{}?ok=projects-report-filed#reports",
                proj.p.id
            ))
            .into_response())
        }
        Err(e) => {
            let ids: Vec<Uuid> = photos.iter().map(|p| p.id).collect();
            uploads::discard(&s, AREA, &ids).await;
            Err(e.into())
        }
    }
}

pub async fn answer(
    State(s): State<AppState>,
    c: Ctx,
    Path((id, rid)): Path<(String, String)>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let proj = load(&s, &id).await?;
    let by = c
        .require(Action::AnswerMonitoringReport, &proj.t.path)?
        .user
        .id;
    let rid = Uuid::parse_str(&rid).map_err(|_| AppError::NotFound)?;
    let r = monitoring::get_report(&s.db, rid)
        .await?
        .filter(|r| r.proposal_id == proj.p.id)
        .ok_or(AppError::NotFound)?;
    let text = f.answer.trim();
    let mut errors = FieldErrors::default();
    if text.is_empty() {
        errors.add("answer", err(&c, FieldError::Required));
    } else if text.chars().count() > MAX_TEXT {
        errors.add("answer", c.t("projects-err-too-long"));
    }
    if !errors.is_empty() {
        let forms = Forms {
            answer: Some((r.id, f.answer.clone())),
            errors,
            ..Forms::default()
        };
        return page(&s, &c, &proj, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if !monitoring::answer(&s.db, r.id, text, by, s.clock.now()).await? {
        let forms = Forms {
            error: Some(c.t("projects-err-answered")),
            ..Forms::default()
        };
        return page(&s, &c, &proj, forms, StatusCode::CONFLICT).await;
    }
    Ok(Redirect::to(&format!(
        "/projects/{}?ok=projects-answered#report-{}",
        proj.p.id, r.id
    ))
    .into_response())
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
    size: String,
    too_small: bool,
    can_record: bool,
    form: GroupForm,
    errors: FieldErrors,
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
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let g = monitoring::group(&s.db, cy.id).await?;
    let form = form.unwrap_or_else(|| GroupForm {
        elected_on: g
            .as_ref()
            .map(|g| g.elected_on.to_string())
            .unwrap_or_default(),
        gathering: g.as_ref().map(|g| g.gathering.clone()).unwrap_or_default(),
        contact: String::new(),
    });
    let n = g.as_ref().map(|g| g.members.len()).unwrap_or(0);
    let html = render(&GroupPage {
        c,
        id: cy.id.to_string(),
        cycle_title: c.lang.t_args(
            "pb-cycle-title",
            &[
                ("year", Arg::Num(i64::from(cy.year))),
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
        size: c.t_num("projects-group-size", "count", n as i64),
        too_small: n < GROUP_MIN,
        can_record: c.may(Action::RecordMonitoringGroup, &t.path),
        form,
        errors,
    })?;
    Ok((status, html).into_response())
}

pub async fn group_page(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    group_view(
        &s,
        &c,
        &cy,
        &t,
        None,
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// Record the group's election and add one member (found by phone or e-mail), who is
/// granted the monitor role on the cycle's territory.
pub async fn record(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<GroupForm>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let by = c.require(Action::RecordMonitoringGroup, &t.path)?.user.id;
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
    let user = match Contact::parse(&f.contact) {
        Ok(contact) => store::accounts::credentials(&s.db, &contact)
            .await?
            .map(|(u, _)| u),
        Err(_) => None,
    };
    if user.is_none() {
        errors.add("contact", c.t("err-user-unknown"));
    }
    let (Some(elected_on), Some(user), true) = (elected_on, user, errors.is_empty()) else {
        return group_view(
            &s,
            &c,
            &cy,
            &t,
            Some(f),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match monitoring::record_member(
        &s.db,
        cy.id,
        elected_on,
        gathering,
        user.id,
        by,
        s.clock.now(),
    )
    .await?
    {
        AddMember::Full => {
            errors.add("contact", c.t("projects-err-group-full"));
            group_view(
                &s,
                &c,
                &cy,
                &t,
                Some(f),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        AddMember::Added | AddMember::Already => {
            store::accounts::grant(&s.db, user.id, Role::Monitor, Some(t.id), s.clock.now())
                .await?;
            Ok(
                Redirect::to(&format!("/pb/{}/monitoring?ok=projects-group-saved", cy.id))
                    .into_response(),
            )
        }
    }
}
