//! Public-control events on the web: a resident (or an NGO through its member) registers an
//! event about a state body of a territory, publishes its final document with recommendations,
//! records its delivery; officials of the territory answer each recommendation; the countdowns
//! of the legal deadlines are shown per item; a hearing on the answer needs enough notice.

mod show;

use crate::i18n::Arg;
use crate::pages::{render, require_viewer, Ctx, FieldErrors};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use domain::control::{countdown, Countdown, EventKind, PARTICIPANTS_MAX, TITLE_MAX};
use domain::oversight::{Bin, WorkingCalendar};
use domain::Action;
use serde::Deserialize;
use store::control::{self as ctl, Event, NewEvent};
use store::territories::Territory;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/control", get(list_all))
        .route("/territories/{kato}/control", get(list_in).post(create))
        .route("/territories/{kato}/control/new", get(new_form))
        .route("/control/{id}", get(show::show))
        .route("/control/{id}/document", post(show::document))
        .route("/control/{id}/delivery", post(show::delivery))
        .route(
            "/control/{id}/recommendations/{rid}/answer",
            post(show::answer),
        )
        .route("/control/{id}/hearing", post(show::hearing))
}

/// The working-day calendar every deadline of public control is counted with: the holiday
/// table administrators edit (`/admin/holidays`), shared with monitoring reports.
pub(crate) async fn calendar(s: &AppState) -> Result<WorkingCalendar, AppError> {
    Ok(app::oversight::calendar(s).await?)
}

/// "Due 30 November 2026: 3 working days left" / "… overdue by 2 working days".
pub(crate) fn countdown_text(
    c: &Ctx,
    due: NaiveDate,
    today: NaiveDate,
    cal: &WorkingCalendar,
) -> (String, bool) {
    let date = Arg::Str(c.lang.date(due));
    match countdown(cal, due, today) {
        Countdown::Left(0) => (c.lang.t_args("control-due-today", &[("date", date)]), false),
        Countdown::Left(n) => (
            c.lang.t_args(
                "control-days-left",
                &[("date", date), ("days", Arg::Num(i64::from(n)))],
            ),
            false,
        ),
        Countdown::Overdue(n) => (
            c.lang.t_args(
                "control-overdue-by",
                &[("date", date), ("days", Arg::Num(i64::from(n)))],
            ),
            true,
        ),
    }
}

pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    domain::time::parse_date(s).ok()
}

fn kind_label(c: &Ctx, k: EventKind) -> String {
    c.t(&format!("control-kind-{}", k.as_str()))
}

async fn territory(s: &AppState, kato: &str) -> Result<Territory, AppError> {
    crate::territories::load(s, kato).await
}

/// One line of a list.
pub struct Card {
    id: String,
    title: String,
    kind: String,
    territory: String,
    dates: String,
    stage: String,
    overdue: bool,
}

fn stage(c: &Ctx, e: &Event) -> String {
    let id = if e.hearing_on.is_some() {
        "control-stage-hearing"
    } else if e.delivered_on.is_some() {
        "control-stage-delivered"
    } else if e.document.is_some() {
        "control-stage-document"
    } else {
        "control-stage-registered"
    };
    c.t(id)
}

fn dates(c: &Ctx, e: &Event) -> String {
    if e.starts_on == e.ends_on {
        c.lang.date(e.starts_on)
    } else {
        format!("{} — {}", c.lang.date(e.starts_on), c.lang.date(e.ends_on))
    }
}

fn card(c: &Ctx, e: &Event, overdue: &[uuid::Uuid]) -> Card {
    Card {
        id: e.id.to_string(),
        title: e.title.clone(),
        kind: kind_label(c, e.kind),
        territory: e.territory_name(c.lang.code()).to_string(),
        dates: dates(c, e),
        stage: stage(c, e),
        overdue: overdue.contains(&e.id),
    }
}

#[derive(Template)]
#[template(path = "control/list.html")]
struct ListPage<'a> {
    c: &'a Ctx,
    title: String,
    kato: String,
    territory: String,
    cards: Vec<Card>,
    can_register: bool,
}

const LIST_LIMIT: i64 = 300;

async fn list_page(s: &AppState, c: &Ctx, t: Option<&Territory>) -> Result<Response, AppError> {
    let prefix = t.map(|t| t.path_prefix()).unwrap_or_else(|| "/".into());
    let events = ctl::list(&s.db, &prefix, LIST_LIMIT).await?;
    let overdue = ctl::overdue_events(&s.db, &prefix, s.clock.today()).await?;
    let can_register = match t {
        Some(t) => c.may(Action::RegisterControlEvent, &t.path),
        None => false,
    };
    let title = match t {
        Some(t) => c.t_str("control-list-title-in", "territory", t.name(c.lang.code())),
        None => c.t("control-list-title"),
    };
    Ok(render(&ListPage {
        c,
        title,
        kato: t.map(|t| t.kato.to_string()).unwrap_or_default(),
        territory: t
            .map(|t| t.name(c.lang.code()).to_string())
            .unwrap_or_default(),
        cards: events.iter().map(|e| card(c, e, &overdue)).collect(),
        can_register,
    })?
    .into_response())
}

async fn list_all(State(s): State<AppState>, c: Ctx) -> Result<Response, AppError> {
    list_page(&s, &c, None).await
}

async fn list_in(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = territory(&s, &kato).await?;
    list_page(&s, &c, Some(&t)).await
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct EventForm {
    title: String,
    kind: String,
    body: String,
    starts: String,
    ends: String,
    participants: String,
    ngo_name: String,
    ngo_bin: String,
}

#[derive(Template)]
#[template(path = "control/new.html")]
struct NewPage<'a> {
    c: &'a Ctx,
    kato: String,
    territory: String,
    kinds: Vec<(&'static str, String, bool)>,
    form: EventForm,
    errors: FieldErrors,
}

async fn may_register(_s: &AppState, c: &Ctx, t: &Territory) -> Result<(), AppError> {
    require_viewer(c)?;
    if c.may(Action::RegisterControlEvent, &t.path) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn new_page(
    c: &Ctx,
    t: &Territory,
    form: EventForm,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    let kinds = EventKind::ALL
        .iter()
        .map(|k| (k.as_str(), kind_label(c, *k), k.as_str() == form.kind))
        .collect();
    render(&NewPage {
        c,
        kato: t.kato.to_string(),
        territory: t.name(c.lang.code()).to_string(),
        kinds,
        form,
        errors,
    })
}

async fn new_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = territory(&s, &kato).await?;
    may_register(&s, &c, &t).await?;
    let form = EventForm {
        kind: EventKind::Hearing.as_str().into(),
        ..EventForm::default()
    };
    Ok(new_page(&c, &t, form, FieldErrors::default())?.into_response())
}

fn between(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.chars().count())
}

fn validate(
    c: &Ctx,
    t: &Territory,
    organiser: uuid::Uuid,
    f: &EventForm,
) -> Result<NewEvent, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = f.title.trim();
    if !between(title, 5, TITLE_MAX) {
        errors.add("title", c.t("control-err-title"));
    }
    let kind = EventKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", c.t("control-err-kind"));
    }
    let body = f.body.trim();
    if !between(body, 3, 300) {
        errors.add("body", c.t("control-err-body"));
    }
    let starts = parse_date(&f.starts);
    if starts.is_none() {
        errors.add("starts", c.t("control-err-date"));
    }
    let ends = parse_date(&f.ends);
    match (starts, ends) {
        (_, None) => errors.add("ends", c.t("control-err-date")),
        (Some(a), Some(b)) if b < a => errors.add("ends", c.t("control-err-ends")),
        _ => {}
    }
    let participants = domain::control::split_items(&f.participants);
    if participants.is_empty()
        || participants.len() > PARTICIPANTS_MAX
        || participants.iter().any(|p| p.chars().count() > 300)
    {
        errors.add("participants", c.t("control-err-participants"));
    }
    let ngo_name = f.ngo_name.trim();
    let ngo_bin = f.ngo_bin.trim();
    let mut ngo = None;
    if !ngo_name.is_empty() || !ngo_bin.is_empty() {
        if !between(ngo_name, 2, 300) {
            errors.add("ngo_name", c.t("control-err-ngo-name"));
        }
        match Bin::parse(ngo_bin) {
            Ok(b) => ngo = Some((ngo_name.to_string(), b.to_string())),
            Err(_) => errors.add("ngo_bin", c.t("control-err-bin")),
        }
    }
    match (kind, starts, ends) {
        (Some(kind), Some(starts_on), Some(ends_on)) if errors.is_empty() => Ok(NewEvent {
            territory_id: t.id,
            organiser_id: organiser,
            ngo,
            kind,
            title: title.to_string(),
            body_name: body.to_string(),
            starts_on,
            ends_on,
            participants,
        }),
        _ => Err(errors),
    }
}

async fn create(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
    Form(f): Form<EventForm>,
) -> Result<Response, AppError> {
    let t = territory(&s, &kato).await?;
    may_register(&s, &c, &t).await?;
    let v = require_viewer(&c)?;
    match validate(&c, &t, v.user.id, &f) {
        Ok(e) => {
            let id = ctl::create(&s.db, &e, s.clock.now()).await?;
            Ok(Redirect::to(&format!("/control/{id}?ok=control-registered")).into_response())
        }
        Err(errors) => {
            let page = new_page(&c, &t, f, errors)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{message_ids, Lang};
    use domain::control::{DocumentKind, EventKind};
    use domain::land::{HectaresError, LandKind, LandStatus};

    /// Ids built at run time from closed sets of values exist in every language.
    #[test]
    fn built_message_ids_exist() {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(
            EventKind::ALL
                .iter()
                .map(|k| format!("control-kind-{}", k.as_str())),
        );
        ids.extend(
            DocumentKind::ALL
                .iter()
                .map(|k| format!("control-doc-{}", k.as_str())),
        );
        ids.extend(
            LandKind::ALL
                .iter()
                .map(|k| format!("land-kind-{}", k.as_str())),
        );
        ids.extend(
            LandStatus::ALL
                .iter()
                .map(|k| format!("land-status-{}", k.as_str())),
        );
        ids.extend(
            [
                HectaresError::Format,
                HectaresError::NotPositive,
                HectaresError::TooLarge,
            ]
            .iter()
            .map(|e| e.message_id().to_string()),
        );
        for lang in Lang::ALL {
            let known = message_ids(lang);
            let missing: Vec<_> = ids.iter().filter(|i| !known.contains(i)).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
        }
    }
}
