//! One public-control event: its facts, final document, recommendations with their
//! countdowns and answers, the hearing on the answer, and every action taken on it.

use super::{calendar, countdown_text, dates, kind_label, parse_date, stage};
use crate::pages::{render, require_viewer, Ctx, FieldErrors};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::control::{
    split_items, Deadlines, DocumentKind, RECOMMENDATIONS_MAX, RECOMMENDATION_MAX, TEXT_MAX,
};
use domain::Action;
use serde::Deserialize;
use store::control::{self as ctl, Document, Event};
use uuid::Uuid;

/// What was typed into the forms of the page, kept when one is refused.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ActionForm {
    kind: String,
    text: String,
    recommendations: String,
    date: String,
    place: String,
    /// The recommendation an answer form belongs to (from the URL).
    #[serde(skip)]
    rid: String,
}

struct RecView {
    id: String,
    no: i64,
    text: String,
    state: String,
    overdue: bool,
    answer: Option<(String, String)>,
    can_answer: bool,
}

#[derive(Template)]
#[template(path = "control/show.html")]
struct ShowPage<'a> {
    c: &'a Ctx,
    id: String,
    title: String,
    kind: String,
    stage: String,
    kato: String,
    territory: String,
    body: String,
    organiser: String,
    ngo: Option<(String, String)>,
    dates: String,
    participants: Vec<String>,
    document: Option<(String, String, String)>,
    delivery: Option<(String, bool)>,
    recs: Vec<RecView>,
    hearing: Option<(String, String)>,
    can_document: bool,
    can_deliver: bool,
    can_hearing: bool,
    error: Option<String>,
    doc_kinds: Vec<(&'static str, String, bool)>,
    form: ActionForm,
    errors: FieldErrors,
    today: String,
}

fn is_organiser(c: &Ctx, e: &Event) -> bool {
    c.viewer
        .as_ref()
        .is_some_and(|v| v.user.id == e.organiser_id)
}

fn may_answer(c: &Ctx, e: &Event) -> bool {
    c.may(Action::AnswerRecommendation, &e.territory_path)
}

async fn load(s: &AppState, id: &str) -> Result<Event, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    ctl::get(&s.db, id).await?.ok_or(AppError::NotFound)
}

async fn page(
    s: &AppState,
    c: &Ctx,
    e: &Event,
    error: Option<String>,
    form: ActionForm,
    errors: FieldErrors,
) -> Result<String, AppError> {
    let cal = calendar(s).await?;
    let now = s.clock.today();
    let recs = ctl::recommendations(&s.db, e.id).await?;
    let answerer = may_answer(c, e);
    let views = recs
        .iter()
        .map(|r| {
            let (state, overdue) = match (&r.answer_text, r.answer_due) {
                (Some(_), _) => (String::new(), false),
                (None, Some(due)) => countdown_text(c, due, now, &cal),
                (None, None) => (c.t("control-rec-not-delivered"), false),
            };
            let answer = r.answer_text.as_ref().map(|t| {
                let on = r.answered_on.unwrap_or(now);
                let late = r
                    .answer_due
                    .map(|d| cal.working_days_late(d, on))
                    .unwrap_or(0);
                let mut meta = c.t_str("control-answered-on", "date", &c.lang.date(on));
                if let Some(by) = &r.answered_by {
                    meta.push_str(" · ");
                    meta.push_str(by);
                }
                if r.answer_due.is_some_and(|d| on > d) {
                    meta.push_str(" · ");
                    meta.push_str(&c.t_num(
                        "control-answered-late",
                        "days",
                        i64::from(late.max(1)),
                    ));
                }
                (t.clone(), meta)
            });
            RecView {
                id: r.id.to_string(),
                no: r.item_no,
                text: r.text.clone(),
                state,
                overdue,
                answer,
                can_answer: answerer && r.answer_text.is_none() && r.delivered_on.is_some(),
            }
        })
        .collect();
    let delivery = match (&e.document, e.delivered_on, e.delivery_due) {
        (Some(_), Some(on), due) => {
            let mut text = c.t_str("control-delivered-on", "date", &c.lang.date(on));
            let late = due.filter(|d| on > *d);
            if let Some(d) = late {
                text.push_str(" · ");
                text.push_str(&c.t_num(
                    "control-delivered-late",
                    "days",
                    i64::from(cal.working_days_late(d, on).max(1)),
                ));
            }
            Some((text, late.is_some()))
        }
        (Some(_), None, Some(due)) => Some(countdown_text(c, due, now, &cal)),
        _ => None,
    };
    let undelivered = recs.iter().any(|r| r.delivered_on.is_none());
    let organiser = is_organiser(c, e);
    let p = ShowPage {
        c,
        id: e.id.to_string(),
        title: e.title.clone(),
        kind: kind_label(c, e.kind),
        stage: stage(c, e),
        kato: e.territory_kato.to_string(),
        territory: e.territory_name(c.lang.code()).to_string(),
        body: e.body_name.clone(),
        organiser: e.organiser_name.clone(),
        ngo: e.ngo_name.clone().zip(e.ngo_bin.clone()),
        dates: dates(c, e),
        participants: e.participants.clone(),
        document: e.document.as_ref().map(|d| {
            (
                c.t(&format!("control-doc-{}", d.kind.as_str())),
                c.lang.date(d.on),
                d.text.clone(),
            )
        }),
        delivery,
        recs: views,
        hearing: e
            .hearing_on
            .map(|d| (c.lang.date(d), e.hearing_place.clone().unwrap_or_default())),
        can_document: organiser && e.document.is_none(),
        can_deliver: e.document.is_some() && undelivered && (organiser || answerer),
        can_hearing: organiser && e.delivered_on.is_some(),
        error,
        doc_kinds: DocumentKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str(),
                    c.t(&format!("control-doc-{}", k.as_str())),
                    k.as_str() == form.kind,
                )
            })
            .collect(),
        today: now.format("%Y-%m-%d").to_string(),
        form,
        errors,
    };
    Ok(render(&p)?.0)
}

pub async fn show(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let e = load(&s, &id).await?;
    let html = page(
        &s,
        &c,
        &e,
        None,
        ActionForm::default(),
        FieldErrors::default(),
    )
    .await?;
    Ok(axum::response::Html(html).into_response())
}

/// The page again with what was wrong; nothing was written.
async fn refused(
    s: &AppState,
    c: &Ctx,
    e: &Event,
    status: StatusCode,
    message: String,
    form: ActionForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let html = page(s, c, e, Some(message), form, errors).await?;
    Ok((status, axum::response::Html(html)).into_response())
}

/// Refused because of the event's state (already answered, not delivered yet…).
async fn conflict(
    s: &AppState,
    c: &Ctx,
    e: &Event,
    message_id: &str,
    form: ActionForm,
) -> Result<Response, AppError> {
    let msg = c.t(message_id);
    refused(
        s,
        c,
        e,
        StatusCode::CONFLICT,
        msg,
        form,
        FieldErrors::default(),
    )
    .await
}

/// Refused because of what was typed: the fields' errors, the form kept.
async fn invalid(
    s: &AppState,
    c: &Ctx,
    e: &Event,
    form: ActionForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let msg = c.t("form-has-errors");
    refused(s, c, e, StatusCode::UNPROCESSABLE_ENTITY, msg, form, errors).await
}

fn done(e: &Event, notice: &str) -> Response {
    Redirect::to(&format!("/control/{}?ok={notice}", e.id)).into_response()
}

pub async fn document(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    require_viewer(&c)?;
    let e = load(&s, &id).await?;
    if !is_organiser(&c, &e) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let kind = DocumentKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", c.t("control-err-doc-kind"));
    }
    let text = f.text.trim();
    if !(20..=TEXT_MAX).contains(&text.chars().count()) {
        errors.add("text", c.t("control-err-doc-text"));
    }
    let recs = split_items(&f.recommendations);
    if recs.is_empty()
        || recs.len() > RECOMMENDATIONS_MAX
        || recs.iter().any(|r| r.chars().count() > RECOMMENDATION_MAX)
    {
        errors.add("recommendations", c.t("control-err-recommendations"));
    }
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        return invalid(&s, &c, &e, f, errors).await;
    };
    let cal = calendar(&s).await?;
    let on = s.clock.today();
    let doc = Document {
        kind,
        text: text.to_string(),
        on,
    };
    let due = Deadlines::default().delivery_due(&cal, on);
    if ctl::publish_document(&s.db, e.id, &doc, due, &recs, s.clock.now()).await? {
        Ok(done(&e, "control-document-published"))
    } else {
        conflict(&s, &c, &e, "control-err-document-exists", f).await
    }
}

pub async fn delivery(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    require_viewer(&c)?;
    let e = load(&s, &id).await?;
    if !(is_organiser(&c, &e) || may_answer(&c, &e)) {
        return Err(AppError::Forbidden);
    }
    let Some(doc) = &e.document else {
        return conflict(&s, &c, &e, "control-err-no-document", f).await;
    };
    let on = parse_date(&f.date);
    let mut errors = FieldErrors::default();
    match on {
        None => errors.add("date", c.t("control-err-date")),
        Some(d) if d < doc.on || d > s.clock.today() => errors.add(
            "date",
            c.t_str("control-err-delivery-date", "date", &c.lang.date(doc.on)),
        ),
        _ => {}
    }
    let Some(on) = on.filter(|_| errors.is_empty()) else {
        return invalid(&s, &c, &e, f, errors).await;
    };
    let cal = calendar(&s).await?;
    let due = Deadlines::default().answer_due(&cal, on);
    ctl::record_delivery(&s.db, e.id, on, due).await?;
    Ok(done(&e, "control-delivery-recorded"))
}

pub async fn answer(
    State(s): State<AppState>,
    c: Ctx,
    Path((id, rid)): Path<(String, String)>,
    Form(mut f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let e = load(&s, &id).await?;
    if !may_answer(&c, &e) {
        return Err(AppError::Forbidden);
    }
    let rid = Uuid::parse_str(&rid).map_err(|_| AppError::NotFound)?;
    let recs = ctl::recommendations(&s.db, e.id).await?;
    let rec = recs
        .iter()
        .find(|r| r.id == rid)
        .ok_or(AppError::NotFound)?;
    f.rid = rid.to_string();
    let text = f.text.trim().to_string();
    if !(10..=TEXT_MAX).contains(&text.chars().count()) {
        let mut errors = FieldErrors::default();
        errors.add("answer", c.t("control-err-answer"));
        return invalid(&s, &c, &e, f, errors).await;
    }
    if rec.delivered_on.is_none() {
        return conflict(&s, &c, &e, "control-err-not-delivered", f).await;
    }
    if ctl::answer(&s.db, e.id, rid, &text, s.clock.today(), v.user.id).await? {
        Ok(done(&e, "control-answered"))
    } else {
        conflict(&s, &c, &e, "control-err-answered-already", f).await
    }
}

pub async fn hearing(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    require_viewer(&c)?;
    let e = load(&s, &id).await?;
    if !is_organiser(&c, &e) {
        return Err(AppError::Forbidden);
    }
    if e.delivered_on.is_none() {
        return conflict(&s, &c, &e, "control-err-not-delivered", f).await;
    }
    let mut errors = FieldErrors::default();
    let on = parse_date(&f.date);
    if on.is_none() {
        errors.add("date", c.t("control-err-date"));
    }
    let place = f.place.trim().to_string();
    if !(3..=300).contains(&place.chars().count()) {
        errors.add("place", c.t("control-err-place"));
    }
    let Some(on) = on.filter(|_| errors.is_empty()) else {
        return invalid(&s, &c, &e, f, errors).await;
    };
    let cal = calendar(&s).await?;
    if let Err(short) = Deadlines::default().check_notice(&cal, s.clock.today(), on) {
        let msg = c.t_str("control-err-notice", "date", &c.lang.date(short.earliest));
        let mut errors = FieldErrors::default();
        errors.add("date", msg.clone());
        return refused(&s, &c, &e, StatusCode::UNPROCESSABLE_ENTITY, msg, f, errors).await;
    }
    ctl::schedule_hearing(&s.db, e.id, on, &place).await?;
    Ok(done(&e, "control-hearing-scheduled"))
}
