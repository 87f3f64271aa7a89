//! Land reports on the web: a resident reports a plot of unused or unlawfully granted farm
//! land with photos, the land commission (officials of the territory) moves it along the status
//! graph with a comment each time, and the hectares returned to the state are shown per
//! district and year as a table and a server-rendered SVG chart. JSON at
//! `/api/v1/land-reports`.

mod api;
mod chart;
mod submit;

use crate::extract::{Form, Id, Ids, Path};
use crate::pages::{render, require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::land::{Report, ReviewOutcome, Territory};
use askama::Template;
use axum::extract::{DefaultBodyLimit, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::land::{Hectares, LandStatus};
use domain::Action;
use serde::Deserialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/territories/{kato}/land",
            get(list).post(submit::create).layer(DefaultBodyLimit::max(
                submit::MAX_PHOTOS * submit::MAX_BYTES + 256 * 1024,
            )),
        )
        .route("/territories/{kato}/land/new", get(submit::new_form))
        .route("/land/{id}", get(show))
        .route("/land/{id}/review", post(review))
        .route("/land/{id}/photos/{pid}", get(photo))
        .merge(api::routes())
}

/// An area as the reader's language writes it: "12,5 га" / "12.5 ha".
pub(crate) fn area(c: &Ctx, h: Hectares) -> String {
    let whole = c.number(h.whole());
    let n = match h.fraction() {
        None => whole,
        Some(f) => {
            let sep = if c.lang.code() == "en" { "." } else { "," };
            let frac = if f % 10 == 0 {
                format!("{}", f / 10)
            } else {
                format!("{f:02}")
            };
            format!("{whole}{sep}{frac}")
        }
    };
    c.t_str("land-hectares", "area", &n)
}

fn status_label(c: &Ctx, s: LandStatus) -> String {
    c.t(&format!("land-status-{}", s.as_str()))
}

/// One row of the reports table.
pub struct Row {
    id: String,
    cadastral: String,
    village: String,
    area: String,
    status: String,
    reported: String,
}

fn row(c: &Ctx, r: &Report) -> Row {
    Row {
        id: r.id.to_string(),
        cadastral: r.cadastral_number.clone(),
        village: r.village_name(c.lang.code()).to_string(),
        area: area(c, r.area),
        status: status_label(c, r.status),
        reported: c.lang.date_of(r.reported_at),
    }
}

#[derive(Template)]
#[template(path = "land/list.html")]
struct ListPage<'a> {
    c: &'a Ctx,
    title: String,
    kato: String,
    territory: String,
    rows: Vec<Row>,
    can_report: bool,
    /// (district, year, hectares)
    returned: Vec<(String, String, String)>,
    total: String,
    chart: chart::Chart,
}

const LIST_LIMIT: i64 = 500;

async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Path(kato): Path<String>,
) -> Result<Response, AppError> {
    let t = crate::territories::load(&s, &kato).await?;
    list_page(&s, &c, &t).await
}

async fn list_page(s: &AppState, c: &Ctx, t: &Territory) -> Result<Response, AppError> {
    let lang = c.lang.code();
    let reports = app::land::reports(s, &t.path, LIST_LIMIT).await?;
    let returned = app::land::returned(s, &t.path).await?;
    let total = returned
        .iter()
        .fold(Hectares::default(), |sum, r| sum + r.area);
    let bars: Vec<(String, i64, String)> = returned
        .iter()
        .map(|r| {
            (
                format!("{} · {}", r.district_name(lang), r.year),
                r.area.hundredths(),
                area(c, r.area),
            )
        })
        .collect();
    let chart = chart::Chart::new(
        c.t("land-chart-title"),
        c.t_str("land-chart-desc", "total", &area(c, total)),
        &bars,
    );
    let p = ListPage {
        c,
        title: c.t_str("land-list-title-in", "territory", t.name(lang)),
        kato: t.kato.to_string(),
        territory: t.name(lang).to_string(),
        rows: reports.iter().map(|r| row(c, r)).collect(),
        can_report: c.may(Action::SubmitLandReport, &t.path),
        returned: returned
            .iter()
            .map(|r| {
                (
                    r.district_name(lang).to_string(),
                    r.year.to_string(),
                    area(c, r.area),
                )
            })
            .collect(),
        total: area(c, total),
        chart,
    };
    Ok(render(&p)?.into_response())
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ReviewForm {
    status: String,
    comment: String,
}

#[derive(Template)]
#[template(path = "land/show.html")]
struct ShowPage<'a> {
    c: &'a Ctx,
    id: String,
    kato: String,
    village_kato: String,
    village: String,
    cadastral: String,
    area: String,
    kind: String,
    status: String,
    reported: String,
    description: String,
    returned_on: Option<String>,
    photos: Vec<(String, String, String)>,
    history: Vec<(String, String, Option<String>, String)>,
    next: Vec<(&'static str, String, bool)>,
    error: Option<String>,
    form: ReviewForm,
    errors: &'a FieldErrors,
}

fn may_review(c: &Ctx, r: &Report) -> bool {
    c.may(Action::ReviewLandReport, &r.village_path)
}

/// The page of report `id`; `shown` replaces the stored report (the fresh one after a
/// refused move).
async fn page(
    s: &AppState,
    c: &Ctx,
    id: Uuid,
    shown: Option<Report>,
    form: ReviewForm,
    rejected: &Rejected,
) -> Result<Response, AppError> {
    let (stored, history, photos) = app::land::report_page(s, id).await?;
    let r = &shown.unwrap_or(stored);
    let history = history
        .into_iter()
        .map(|h| {
            // Whoever reported the plot stays unnamed in public (reports of unlawful grants
            // name people with power over the reporter); the commission's members are named.
            let actor = h.actor.filter(|_| h.status != LandStatus::Received);
            let st = status_label(c, h.status);
            (c.lang.date_of(h.created_at), st, actor, h.comment)
        })
        .collect();
    // Photos are listed by number: the name a photo was uploaded with can name whoever took it.
    let labels = crate::uploads::labels(c, photos.iter().map(|p| p.content_type.as_str()));
    let photos = photos
        .into_iter()
        .zip(labels)
        .map(|(p, label)| {
            let kb = (p.size_bytes + 1023) / 1024;
            (
                p.id.to_string(),
                label,
                c.t_str("land-photo-size", "kb", &c.number(kb)),
            )
        })
        .collect();
    let next = if may_review(c, r) {
        r.status
            .successors()
            .iter()
            .map(|st| {
                (
                    st.as_str(),
                    status_label(c, *st),
                    st.as_str() == form.status,
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    // The report's land-commission territory is the district above the village when known.
    let kato = r.village_path.get(1).unwrap_or(&r.village_kato).to_string();
    Ok(rejected.respond(render(&ShowPage {
        c,
        id: r.id.to_string(),
        kato,
        village_kato: r.village_kato.to_string(),
        village: r.village_name(c.lang.code()).to_string(),
        cadastral: r.cadastral_number.clone(),
        area: area(c, r.area),
        kind: c.t(&format!("land-kind-{}", r.kind.as_str())),
        status: status_label(c, r.status),
        reported: c.lang.date_of(r.reported_at),
        description: r.description.clone(),
        returned_on: r.returned_on.map(|d| c.lang.date(d)),
        photos,
        history,
        next,
        error: rejected.message.clone(),
        form,
        errors: &rejected.errors,
    })?))
}

async fn show(State(s): State<AppState>, c: Ctx, Id(id): Id) -> Result<Response, AppError> {
    page(&s, &c, id, None, ReviewForm::default(), &Rejected::none()).await
}

async fn review(
    State(s): State<AppState>,
    c: Ctx,
    Id(id): Id,
    Form(f): Form<ReviewForm>,
) -> Result<Response, AppError> {
    let actor = require_viewer(&c)?;
    let to = LandStatus::parse(&f.status);
    match app::land::review_land_report(&s, actor, id, to, &f.comment).await? {
        ReviewOutcome::Moved => {
            Ok(Redirect::to(&format!("/land/{id}?ok=land-moved")).into_response())
        }
        ReviewOutcome::Invalid { status, comment } => {
            let mut errors = FieldErrors::default();
            if status {
                errors.add("status", c.t("land-err-status"));
            }
            if comment {
                errors.add("comment", c.t("land-err-comment"));
            }
            page(&s, &c, id, None, f, &Rejected::form_has_errors(&c, errors)).await
        }
        ReviewOutcome::NotAllowed(e, fresh) => {
            let msg = c.lang.t_args(
                "land-err-transition",
                &[
                    ("from", crate::i18n::Arg::Str(status_label(&c, e.from))),
                    ("to", crate::i18n::Arg::Str(status_label(&c, e.to))),
                ],
            );
            page(&s, &c, id, Some(*fresh), f, &Rejected::conflict(msg)).await
        }
    }
}

/// Where land photos live: `DATA/uploads/land/<id>`.
const AREA: &str = domain::uploads::Folder::Land.as_str();

fn photo_path(s: &AppState, id: Uuid) -> std::path::PathBuf {
    crate::uploads::path(s, AREA, id)
}

async fn photo(State(s): State<AppState>, Ids(id, pid): Ids) -> Result<Response, AppError> {
    let p = app::land::photo(&s, id, pid).await?;
    crate::uploads::send_inline(&s, AREA, p.id, &p.content_type, "public, max-age=86400").await
}
