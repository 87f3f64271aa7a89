//! One public-control event: its facts, final document, recommendations with their
//! countdowns and answers, the hearing on the answer, and every action taken on it.

use super::{countdown_text, dates, kind_label, stage};
use crate::extract::{Form, Id, Ids};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::control::{
    AnswerOutcome, DeliveryOutcome, DocumentOutcome, Event, EventPage, HearingOutcome,
};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::control::DocumentKind;
use domain::time::parse_date;
use domain::Action;
use serde::Deserialize;
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
    errors: &'a FieldErrors,
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

async fn page(
    s: &AppState,
    c: &Ctx,
    id: Uuid,
    form: ActionForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let EventPage {
        event,
        recommendations: recs,
        calendar: cal,
        today: now,
    } = app::control::event_page(s, id).await?;
    let e = &event;
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
        error: r.message.clone(),
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
        errors: &r.errors,
    };
    Ok(r.respond(render(&p)?))
}

pub async fn show(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    page(&s, &c, id, ActionForm::default(), &Rejected::none()).await
}

fn done(id: Uuid, notice: &str) -> Response {
    Redirect::to(&format!("/control/{id}?ok={notice}")).into_response()
}

pub async fn document(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let outcome =
        app::control::publish_document(&s, actor, id, &f.kind, &f.text, &f.recommendations).await?;
    let refused = match outcome {
        DocumentOutcome::Published => return Ok(done(id, "control-document-published")),
        DocumentOutcome::Invalid {
            kind,
            text,
            recommendations,
        } => {
            let mut errors = FieldErrors::default();
            if kind {
                errors.add("kind", c.t("control-err-doc-kind"));
            }
            if text {
                errors.add("text", c.t("control-err-doc-text"));
            }
            if recommendations {
                errors.add("recommendations", c.t("control-err-recommendations"));
            }
            Rejected::form_has_errors(&c, errors)
        }
        DocumentOutcome::AlreadyPublished => Rejected::conflict(c.t("control-err-document-exists")),
    };
    page(&s, &c, id, f, &refused).await
}

pub async fn delivery(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let on = parse_date(&f.date).ok();
    let refused = match app::control::record_delivery(&s, actor, id, on).await? {
        DeliveryOutcome::Recorded => return Ok(done(id, "control-delivery-recorded")),
        DeliveryOutcome::NoDocument => Rejected::conflict(c.t("control-err-no-document")),
        DeliveryOutcome::NoDate => date_error(&c, c.t("control-err-date")),
        DeliveryOutcome::DateOutOfRange { document_on } => {
            let date = c.lang.date(document_on);
            date_error(&c, c.t_str("control-err-delivery-date", "date", &date))
        }
    };
    page(&s, &c, id, f, &refused).await
}

fn date_error(c: &Ctx, message: String) -> Rejected {
    let mut errors = FieldErrors::default();
    errors.add("date", message);
    Rejected::form_has_errors(c, errors)
}

pub async fn answer(
    State(s): State<AppState>,
    c: Ctx,
    Ids(id, rid): Ids,
    Form(mut f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let outcome = app::control::answer_recommendation(&s, actor, id, rid, &f.text).await?;
    f.rid = rid.to_string();
    let refused = match outcome {
        AnswerOutcome::Answered => return Ok(done(id, "control-answered")),
        AnswerOutcome::Invalid => {
            let mut errors = FieldErrors::default();
            errors.add("answer", c.t("control-err-answer"));
            Rejected::form_has_errors(&c, errors)
        }
        AnswerOutcome::NotDelivered => Rejected::conflict(c.t("control-err-not-delivered")),
        AnswerOutcome::AlreadyAnswered => Rejected::conflict(c.t("control-err-answered-already")),
    };
    page(&s, &c, id, f, &refused).await
}

pub async fn hearing(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ActionForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let on = parse_date(&f.date).ok();
    let refused = match app::control::schedule_hearing(&s, actor, id, on, &f.place).await? {
        HearingOutcome::Scheduled => return Ok(done(id, "control-hearing-scheduled")),
        HearingOutcome::NotDelivered => Rejected::conflict(c.t("control-err-not-delivered")),
        HearingOutcome::Invalid { date, place } => {
            let mut errors = FieldErrors::default();
            if date {
                errors.add("date", c.t("control-err-date"));
            }
            if place {
                errors.add("place", c.t("control-err-place"));
            }
            Rejected::form_has_errors(&c, errors)
        }
        HearingOutcome::NoticeTooShort(short) => {
            // The page-level message is the date's own: too early is the whole story.
            let msg = c.t_str("control-err-notice", "date", &c.lang.date(short.earliest));
            Rejected::field("date", msg.clone()).with_message(msg)
        }
    };
    page(&s, &c, id, f, &refused).await
}
