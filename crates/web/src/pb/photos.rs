//! Photos of a proposal: added on the proposal page by its author (while the author may edit
//! it) or by a coordinator of the cycle's territory (for paper proposals, say), checked by
//! content and size and re-encoded without their metadata before anything is stored, served
//! inline to everyone under a name made from their id.

use super::proposals::{load, proposal_page};
use crate::extract::{Id, Ids, Multipart, Path};
use crate::i18n::Arg;
use crate::pages::{require_viewer, Ctx, Rejected};
use crate::uploads::{self, Refusal};
use crate::{AppError, AppState};
use app::pb::cycles::{Cycle, Territory};
use app::pb::photos::{NewPhoto, PhotoOutcome};
use app::pb::proposals::Proposal;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use uuid::Uuid;

/// Where the bytes live: `DATA/uploads/pb-photos/<id>`.
pub const AREA: &str = "pb-photos";
pub const MAX_PHOTOS: usize = app::pb::photos::MAX_PHOTOS;
pub const MAX_BYTES: usize = domain::uploads::PB_PHOTOS.bytes;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/pb/proposals/{pid}/photos",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(
                MAX_PHOTOS * MAX_BYTES + 64 * 1024,
            )),
        )
        .route("/pb/proposals/{pid}/photos/{fid}", get(photo))
        .route("/pb/proposals/{pid}/photos/{fid}/remove", post(remove))
}

/// One photo as the page shows it.
pub struct Shown {
    pub id: Uuid,
    pub alt: String,
}

/// The photos part of a proposal page.
#[derive(Default)]
pub struct PhotosView {
    pub photos: Vec<Shown>,
    /// The viewer may add and remove photos.
    pub can_change: bool,
    /// Room for more photos.
    pub room: bool,
    pub hint: String,
}

/// May the viewer add or remove photos? The author while the proposal may be edited, and
/// coordinators of the cycle's territory.
fn may_change(c: &Ctx, p: &Proposal, cy: &Cycle, t: &Territory) -> bool {
    app::pb::photos::may_change(c.viewer.as_ref(), p, cy, t)
}

pub(super) async fn view(
    s: &AppState,
    c: &Ctx,
    p: &Proposal,
    cy: &Cycle,
    t: &Territory,
) -> Result<PhotosView, AppError> {
    let list = app::pb::photos::list(&s.app, p.id).await?;
    let shown = list
        .iter()
        .enumerate()
        .map(|(i, f)| Shown {
            id: f.id,
            alt: c.lang.t_args(
                "pb-photo-alt",
                &[
                    ("title", Arg::Str(p.title.clone())),
                    ("n", Arg::Num(i as i64 + 1)),
                ],
            ),
        })
        .collect();
    Ok(PhotosView {
        room: list.len() < MAX_PHOTOS,
        photos: shown,
        can_change: may_change(c, p, cy, t),
        hint: c.t_num("pb-photo-hint", "max", MAX_PHOTOS as i64),
    })
}

fn refusal_message(c: &Ctx, r: Refusal) -> String {
    match r {
        Refusal::TooLarge => c.t("pb-photo-err-size"),
        Refusal::Type => c.t("pb-photo-err-type"),
        Refusal::Empty => c.t("pb-photo-err-empty"),
        Refusal::Pixels | Refusal::Unreadable | Refusal::TextTooLarge => {
            c.t(r.shared_message().unwrap_or_default())
        }
    }
}

/// Why the photos were refused is said next to them; the rest of the proposal page is intact.
fn not_allowed(c: &Ctx) -> Rejected {
    Rejected::field("photos", c.t("pb-photo-err-not-allowed")).with_status(StatusCode::FORBIDDEN)
}

fn too_many(c: &Ctx) -> Rejected {
    let message = c.t_num("pb-photo-err-too-many", "max", MAX_PHOTOS as i64);
    Rejected::field("photos", message)
}

pub async fn upload(
    State(s): State<AppState>,
    c: Ctx,
    Id(pid): Id,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let (p, cy, t) = load(&s, pid).await?;
    let actor = require_viewer(&c)?;
    let refused = match checked_photos(&s, &c, &p, &cy, &t, &mut multipart).await? {
        Ok(files) => match store(&s, actor, &p, &files).await? {
            PhotoOutcome::Done => {
                return Ok(Redirect::to(&format!(
                    "/pb/proposals/{}?ok=pb-photo-added#photos",
                    p.id
                ))
                .into_response())
            }
            PhotoOutcome::NotAllowed => not_allowed(&c),
            PhotoOutcome::TooMany => too_many(&c),
        },
        Err(refused) => refused,
    };
    proposal_page(&s, &c, &p, &cy, &t, &refused).await
}

/// The photos of the form, checked by content and size, with room for them all; nothing is
/// stored yet.
async fn checked_photos(
    s: &AppState,
    c: &Ctx,
    p: &Proposal,
    cy: &Cycle,
    t: &Territory,
    multipart: &mut Multipart,
) -> Result<Result<Vec<uploads::Upload>, Rejected>, AppError> {
    if !may_change(c, p, cy, t) {
        return Ok(Err(not_allowed(c)));
    }
    // One more than the limit is read, so that too many files are refused as too many.
    let (parts, refusal) = uploads::read_form(multipart, MAX_BYTES, MAX_PHOTOS + 1, true).await;
    let problem = match refusal {
        Some(r) => Some(r),
        None if parts.files.is_empty() => Some(Refusal::Empty),
        None => None,
    };
    if let Some(r) = problem {
        return Ok(Err(Rejected::field("photos", refusal_message(c, r))));
    }
    let existing = app::pb::photos::list(&s.app, p.id).await?.len();
    if !app::pb::photos::room_for(existing, parts.files.len()) {
        return Ok(Err(too_many(c)));
    }
    Ok(Ok(parts.files))
}

/// Write the files, then the records; the limit is checked again inside the transaction (two
/// uploads at once cannot both pass). Refused or failed, nothing written is left behind.
async fn store(
    s: &AppState,
    actor: &app::Actor,
    p: &Proposal,
    files: &[uploads::Upload],
) -> Result<PhotoOutcome, AppError> {
    let mut written: Vec<NewPhoto> = Vec::new();
    for u in files {
        let f = NewPhoto {
            id: app::pb::photos::photo_id(),
            content_type: u.content_type.to_string(),
            size: u.bytes.len() as i64,
        };
        if let Err(e) = uploads::save(s, AREA, f.id, &u.bytes).await {
            uploads::discard(s, AREA, &ids(&written)).await;
            return Err(e);
        }
        written.push(f);
    }
    let outcome = app::pb::photos::add_photo(&s.app, actor, p.id, &written).await;
    if !matches!(outcome, Ok(PhotoOutcome::Done)) {
        uploads::discard(s, AREA, &ids(&written)).await;
    }
    Ok(outcome?)
}

fn ids(list: &[NewPhoto]) -> Vec<Uuid> {
    list.iter().map(|f| f.id).collect()
}

pub async fn remove(
    State(s): State<AppState>,
    c: Ctx,
    Path((pid, fid)): Path<(String, String)>,
) -> Result<Response, AppError> {
    // (Read as text: a malformed photo id is a 404 only once the viewer is signed in.)
    let pid = Uuid::parse_str(&pid).map_err(|_| AppError::NotFound)?;
    let (p, cy, t) = load(&s, pid).await?;
    let actor = require_viewer(&c)?;
    let fid = Uuid::parse_str(&fid).map_err(|_| AppError::NotFound)?;
    if app::pb::photos::remove_photo(&s.app, actor, p.id, fid).await? == PhotoOutcome::NotAllowed {
        return proposal_page(&s, &c, &p, &cy, &t, &not_allowed(&c)).await;
    }
    uploads::discard(&s, AREA, &[fid]).await;
    Ok(Redirect::to(&format!(
        "/pb/proposals/{}?ok=pb-photo-removed#photos",
        p.id
    ))
    .into_response())
}

/// A photo, shown in the page (proposals are public, so are their photos).
pub async fn photo(State(s): State<AppState>, Ids(pid, fid): Ids) -> Result<Response, AppError> {
    let f = app::pb::photos::get(&s.app, pid, fid)
        .await?
        .ok_or(AppError::NotFound)?;
    uploads::send_inline(&s, AREA, f.id, &f.content_type, "public, max-age=86400").await
}
