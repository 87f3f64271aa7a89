//! Land reports: a resident reports a plot of unused or unlawfully granted farm land with
//! photos; the land commission (officials of the territory) moves it along the status graph
//! of [`LandStatus`] with a comment each time; the hectares returned are counted per district.

pub use store::land::{LogItem, Photo, Report, Returned};
pub use store::territories::Territory;

use crate::{Actor, App, Error, Result};
use domain::land::{Comment, Description, Hectares, LandKind, LandStatus, NotAllowed};
use domain::oversight::CadastralNumber;
use domain::{Action, Kato};
use store::land::NewReport;
use uuid::Uuid;

/// Reports of a territory (its path) and below, newest first.
pub async fn reports(app: &App, path: &[Kato], limit: i64) -> Result<Vec<Report>> {
    let prefix = store::territories::path_string(path);
    Ok(store::land::list(&app.db, &prefix, limit).await?)
}

/// The territory with this KATO code, for the open-data API; `NotFound` when unknown.
pub async fn territory(app: &App, kato: &Kato) -> Result<Territory> {
    store::territories::by_kato(&app.db, kato)
        .await?
        .ok_or(Error::NotFound)
}

/// Hectares returned to the state per district and year under a territory.
pub async fn returned(app: &App, path: &[Kato]) -> Result<Vec<Returned>> {
    let prefix = store::territories::path_string(path);
    Ok(store::land::returned_by_district(&app.db, &prefix).await?)
}

/// The villages and towns a report in this territory may name.
pub async fn villages(app: &App, t: &Territory, most: i64) -> Result<Vec<Territory>> {
    Ok(store::territories::settlements_under(&app.db, t, most).await?)
}

pub async fn report(app: &App, id: Uuid) -> Result<Report> {
    store::land::get(&app.db, id).await?.ok_or(Error::NotFound)
}

/// A report with its history (oldest first) and photos.
pub async fn report_page(app: &App, id: Uuid) -> Result<(Report, Vec<LogItem>, Vec<Photo>)> {
    let r = report(app, id).await?;
    let history = store::land::history(&app.db, r.id).await?;
    let photos = store::land::photos(&app.db, r.id).await?;
    Ok((r, history, photos))
}

/// A photo of a report (public, like the report).
pub async fn photo(app: &App, report_id: Uuid, photo: Uuid) -> Result<Photo> {
    let r = report(app, report_id).await?;
    store::land::photo(&app.db, r.id, photo)
        .await?
        .ok_or(Error::NotFound)
}

/// A report as checked: the plot, its village (one of [`villages`]) and what is wrong.
pub struct NewLandReport {
    pub village: Territory,
    pub cadastral_number: CadastralNumber,
    pub area: Hectares,
    pub kind: LandKind,
    pub description: Description,
}

/// Store a report with its photos (already written to the uploads folder) in one
/// transaction; the reporter must live in the territory. Returns the report's id.
pub async fn submit_land_report(
    app: &App,
    actor: &Actor,
    territory: &Territory,
    report: NewLandReport,
    photos: &[Photo],
) -> Result<Uuid> {
    let reporter = actor.require(Action::SubmitLandReport, &territory.path)?;
    if photos.len() > domain::uploads::LAND_PHOTOS.files {
        return Err(Error::Internal("too many photos".into()));
    }
    let r = NewReport {
        village_id: report.village.id,
        reporter_id: reporter,
        cadastral_number: report.cadastral_number,
        area: report.area,
        kind: report.kind,
        description: report.description.into_string(),
    };
    Ok(store::land::create(&app.db, &r, photos, app.clock.now()).await?)
}

#[derive(Debug, Clone)]
pub enum ReviewOutcome {
    Moved,
    /// Which of the status and the comment were refused.
    Invalid {
        status: bool,
        comment: bool,
    },
    /// The graph does not allow the move (perhaps someone moved it meanwhile); the report as
    /// it is now.
    NotAllowed(NotAllowed, Box<Report>),
}

/// The land commission moves a report to `to` with a comment.
pub async fn review_land_report(
    app: &App,
    actor: &Actor,
    id: Uuid,
    to: Option<LandStatus>,
    comment: &str,
) -> Result<ReviewOutcome> {
    let r = report(app, id).await?;
    let by = actor.require(Action::ReviewLandReport, &r.village_path)?;
    let comment = Comment::parse(comment).ok();
    let (Some(to), Some(comment)) = (to, comment.clone()) else {
        return Ok(ReviewOutcome::Invalid {
            status: to.is_none(),
            comment: comment.is_none(),
        });
    };
    let now = app.clock.now();
    match store::land::transition(&app.db, r.id, to, comment.as_str(), by, now).await? {
        Ok(()) => Ok(ReviewOutcome::Moved),
        Err(e) => {
            let fresh = store::land::get(&app.db, r.id).await?.unwrap_or(r);
            Ok(ReviewOutcome::NotAllowed(e, Box::new(fresh)))
        }
    }
}
