//! Face-to-face meetings of a cycle (a village gathering): recorded by a coordinator with the
//! date, village, place, attendance, minutes and the proposals discussed; listed on the cycle
//! page and on each linked proposal's page, each with its own page.

use super::{cycle_title, load_cycle};
use crate::extract::{Form, Id};
use crate::pages::{render, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::pb::cycles::{Cycle, Territory};
use app::pb::meetings::Meeting;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use domain::pb::discussion::{check_meeting, MeetingError};
use domain::{Action, Kato};
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pb/{id}/meetings/new", get(new_form))
        .route("/pb/{id}/meetings", axum::routing::post(create))
        .route("/pb/meetings/{mid}", get(show))
}

pub struct MeetingRow {
    pub id: Uuid,
    pub date: String,
    pub village: String,
    pub place: String,
    pub attendance: String,
}

/// Village names come from the territory table; one lookup per meeting is fine for the few
/// meetings a cycle has.
pub fn rows(c: &Ctx, list: Vec<(Meeting, String)>) -> Vec<MeetingRow> {
    list.into_iter()
        .map(|(m, village)| MeetingRow {
            id: m.id,
            date: c.lang.date(m.held_on),
            village,
            place: m.place,
            attendance: c.t_num("pb-meetings-attendance-count", "count", m.attendance),
        })
        .collect()
}

/// Each meeting with its village's name in the reader's language.
pub async fn with_villages(
    s: &AppState,
    c: &Ctx,
    list: Vec<Meeting>,
) -> Result<Vec<(Meeting, String)>, AppError> {
    let mut out = Vec::with_capacity(list.len());
    for m in list {
        let village = app::pb::proposals::territory(&s.app, m.village_id)
            .await?
            .map(|v| v.name(c.lang.code()).to_string())
            .unwrap_or_default();
        out.push((m, village));
    }
    Ok(out)
}

/// What the cycle page shows of the discussion: its meetings, and links to record one and to
/// the moderation log.
pub struct CycleDiscussion {
    pub meetings: Vec<MeetingRow>,
    pub can_record: bool,
}

pub async fn for_cycle(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
) -> Result<CycleDiscussion, AppError> {
    let list = with_villages(s, c, app::pb::meetings::of_cycle(&s.app, cy.id).await?).await?;
    Ok(CycleDiscussion {
        meetings: rows(c, list),
        can_record: c.may(Action::ManageCycle, &t.path),
    })
}

// ---- recording ----

pub struct Pick {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Default)]
pub struct MeetingForm {
    held_on: String,
    village: String,
    place: String,
    attendance: String,
    minutes: String,
    proposals: Vec<String>,
}

impl MeetingForm {
    fn from_fields(fields: Vec<(String, String)>) -> MeetingForm {
        let mut f = MeetingForm::default();
        for (k, v) in fields {
            match k.as_str() {
                "held_on" => f.held_on = v,
                "village" => f.village = v,
                "place" => f.place = v,
                "attendance" => f.attendance = v,
                "minutes" => f.minutes = v,
                "proposal" => f.proposals.push(v),
                _ => {}
            }
        }
        f
    }
}

#[derive(Template)]
#[template(path = "pb/meeting_form.html")]
struct FormPage<'a> {
    c: &'a Ctx,
    id: Uuid,
    cycle_title: String,
    form: MeetingForm,
    villages: Vec<Pick>,
    proposals: Vec<Pick>,
    errors: &'a FieldErrors,
}

async fn villages(s: &AppState, t: &Territory) -> Result<Vec<Territory>, AppError> {
    Ok(app::pb::proposals::settlements(&s.app, t).await?)
}

async fn form_page(
    s: &AppState,
    c: &Ctx,
    cy: &Cycle,
    t: &Territory,
    form: MeetingForm,
    r: &Rejected,
) -> Result<Response, AppError> {
    let villages = villages(s, t)
        .await?
        .into_iter()
        .map(|v| Pick {
            selected: form.village.trim() == v.kato.as_str(),
            value: v.kato.to_string(),
            label: v.name(c.lang.code()).to_string(),
        })
        .collect();
    let proposals = app::pb::proposals::of_cycle(&s.app, cy.id)
        .await?
        .into_iter()
        .map(|p| Pick {
            selected: form.proposals.iter().any(|x| x.trim() == p.id.to_string()),
            value: p.id.to_string(),
            label: p.title,
        })
        .collect();
    let html = render(&FormPage {
        c,
        id: cy.id,
        cycle_title: cycle_title(c, cy, t),
        form,
        villages,
        proposals,
        errors: &r.errors,
    })?;
    Ok(r.respond(html))
}

async fn new_form(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    c.require(Action::ManageCycle, &t.path)?;
    let form = MeetingForm {
        held_on: s.clock.today().to_string(),
        ..MeetingForm::default()
    };
    form_page(&s, &c, &cy, &t, form, &Rejected::none()).await
}

fn length(c: &Ctx, l: domain::pb::discussion::Length) -> String {
    c.lang.t_args(
        "pb-discussion-err-length",
        &[
            ("min", crate::i18n::Arg::Num(l.min as i64)),
            ("max", crate::i18n::Arg::Num(l.max as i64)),
        ],
    )
}

async fn create(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (cy, t) = load_cycle(&s, id).await?;
    let actor = c.require(Action::ManageCycle, &t.path)?;
    let f = MeetingForm::from_fields(fields);
    let mut errors = FieldErrors::default();
    let village = match Kato::parse(f.village.trim()) {
        Ok(k) => villages(&s, &t).await?.into_iter().find(|v| v.kato == k),
        Err(_) => None,
    };
    if village.is_none() {
        errors.add("village", c.t("pb-meetings-err-village"));
    }
    let today = s.clock.today();
    let record = match check_meeting(&f.held_on, &f.place, &f.attendance, &f.minutes, today) {
        Ok(r) => Some(r),
        Err(list) => {
            for e in list {
                match e {
                    MeetingError::Date => errors.add("held_on", c.t("pb-meetings-err-date")),
                    MeetingError::FutureDate => {
                        errors.add("held_on", c.t("pb-meetings-err-future"))
                    }
                    MeetingError::Place(l) => errors.add("place", length(&c, l)),
                    MeetingError::Attendance(max) => errors.add(
                        "attendance",
                        c.t_num("pb-meetings-err-attendance", "max", max),
                    ),
                    MeetingError::Minutes(l) => errors.add("minutes", length(&c, l)),
                }
            }
            None
        }
    };
    let all = app::pb::proposals::of_cycle(&s.app, cy.id).await?;
    let mut linked = Vec::new();
    for x in &f.proposals {
        match Uuid::parse_str(x.trim())
            .ok()
            .filter(|u| all.iter().any(|p| p.id == *u))
        {
            Some(u) if !linked.contains(&u) => linked.push(u),
            Some(_) => {}
            None => {
                if !errors.has("proposals") {
                    errors.add("proposals", c.t("pb-meetings-err-proposal"));
                }
            }
        }
    }
    let (Some(village), Some(r), true) = (village, record, errors.is_empty()) else {
        return form_page(&s, &c, &cy, &t, f, &Rejected::invalid(errors)).await;
    };
    let mid =
        app::pb::meetings::record_meeting(&s.app, actor, cy.id, village.id, r, linked).await?;
    Ok(Redirect::to(&format!("/pb/meetings/{mid}?ok=pb-meetings-recorded")).into_response())
}

// ---- the meeting's page ----

#[derive(Template)]
#[template(path = "pb/meeting.html")]
struct MeetingPage<'a> {
    c: &'a Ctx,
    m: Meeting,
    cycle_title: String,
    date: String,
    village: String,
    attendance: String,
    proposals: Vec<(Uuid, String)>,
}

async fn show(State(s): State<AppState>, c: Ctx, Id(mid): Id) -> Result<Response, AppError> {
    let m = app::pb::meetings::get(&s.app, mid).await?;
    let (cy, t) = load_cycle(&s, m.cycle_id).await?;
    let village = app::pb::proposals::territory(&s.app, m.village_id)
        .await?
        .map(|v| v.name(c.lang.code()).to_string())
        .unwrap_or_default();
    let proposals = app::pb::meetings::proposals_of(&s.app, m.id).await?;
    Ok(render(&MeetingPage {
        cycle_title: cycle_title(&c, &cy, &t),
        date: c.lang.date(m.held_on),
        village,
        attendance: c.t_num("pb-meetings-attendance-count", "count", m.attendance),
        proposals,
        m,
        c: &c,
    })?
    .into_response())
}
