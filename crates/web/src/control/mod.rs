//! Public-control events on the web: a resident (or an NGO through its member) registers an
//! event about a state body of a territory, publishes its final document with recommendations,
//! records its delivery; officials of the territory answer each recommendation; the countdowns
//! of the legal deadlines are shown per item; a hearing on the answer needs enough notice.

mod show;

use crate::extract::{Form, Path};
use crate::i18n::Arg;
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::control::{Event, EventField, EventInput, RegisterOutcome, Territory};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use domain::control::{countdown, Countdown, EventKind};
use domain::oversight::WorkingCalendar;
use domain::Action;
use serde::Deserialize;

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
    let path = t.map(|t| t.path.as_slice()).unwrap_or_default();
    let (events, overdue) = app::control::events(s, path, LIST_LIMIT).await?;
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
    errors: &'a FieldErrors,
}

fn new_page(c: &Ctx, t: &Territory, form: EventForm, r: &Rejected) -> Result<Response, AppError> {
    let kinds = EventKind::ALL
        .iter()
        .map(|k| (k.as_str(), kind_label(c, *k), k.as_str() == form.kind))
        .collect();
    Ok(r.respond(render(&NewPage {
        c,
        kato: t.kato.to_string(),
        territory: t.name(c.lang.code()).to_string(),
        kinds,
        form,
        errors: &r.errors,
    })?))
}

async fn new_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = territory(&s, &kato).await?;
    c.require(Action::RegisterControlEvent, &t.path)?;
    let form = EventForm {
        kind: EventKind::Hearing.as_str().into(),
        ..EventForm::default()
    };
    new_page(&c, &t, form, &Rejected::none())
}

/// The message of a refused field of the registration form.
fn field_error(c: &Ctx, f: EventField) -> (&'static str, String) {
    let (field, id) = match f {
        EventField::Title => ("title", "control-err-title"),
        EventField::Kind => ("kind", "control-err-kind"),
        EventField::Body => ("body", "control-err-body"),
        EventField::Starts => ("starts", "control-err-date"),
        EventField::Ends => ("ends", "control-err-date"),
        EventField::EndsBeforeStarts => ("ends", "control-err-ends"),
        EventField::Participants => ("participants", "control-err-participants"),
        EventField::NgoName => ("ngo_name", "control-err-ngo-name"),
        EventField::NgoBin => ("ngo_bin", "control-err-bin"),
    };
    (field, c.t(id))
}

async fn create(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
    Form(f): Form<EventForm>,
) -> Result<Response, AppError> {
    let t = territory(&s, &kato).await?;
    c.require(Action::RegisterControlEvent, &t.path)?;
    let actor = require_viewer(&c)?;
    let input = EventInput {
        title: &f.title,
        kind: &f.kind,
        body: &f.body,
        starts: &f.starts,
        ends: &f.ends,
        participants: &f.participants,
        ngo_name: &f.ngo_name,
        ngo_bin: &f.ngo_bin,
    };
    match app::control::register_control_event(&s, actor, &t, &input).await? {
        RegisterOutcome::Registered(id) => {
            Ok(Redirect::to(&format!("/control/{id}?ok=control-registered")).into_response())
        }
        RegisterOutcome::Invalid(fields) => {
            let mut errors = FieldErrors::default();
            for x in fields {
                let (field, message) = field_error(&c, x);
                errors.add(field, message);
            }
            new_page(&c, &t, f, &Rejected::invalid(errors))
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
