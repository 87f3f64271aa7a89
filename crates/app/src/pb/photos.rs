//! Photos of a proposal: added and removed by its author while they may edit it, or by a
//! coordinator of the cycle's territory. The bytes are written by the caller before the
//! records; the limit per proposal is `domain::uploads::PB_PHOTOS`.

use super::cycles::{Cycle, Territory};
use super::proposals::Proposal;
use crate::{Actor, App, Error, Result};
use domain::uploads::PB_PHOTOS;
use domain::Action;
use store::pb::photos::Refused;
use uuid::Uuid;

pub use store::pb::photos::{NewPhoto, Photo};

/// Photos a proposal may have.
pub const MAX_PHOTOS: usize = PB_PHOTOS.files;

/// A new photo's id (the name of its file).
pub fn photo_id() -> Uuid {
    store::new_id()
}

/// May `actor` add or remove photos? The author while the proposal may be edited, and
/// coordinators of the cycle's territory.
pub fn may_change(actor: Option<&Actor>, p: &Proposal, cy: &Cycle, t: &Territory) -> bool {
    super::proposals::may_edit(actor, p, cy)
        || actor.is_some_and(|a| a.may(Action::ManageCycle, &t.path))
}

/// Whether `adding` more photos fit next to the `existing` ones.
pub fn room_for(existing: usize, adding: usize) -> bool {
    existing + adding <= MAX_PHOTOS
}

/// What became of an upload or a removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoOutcome {
    Done,
    /// The person may not change this proposal's photos.
    NotAllowed,
    /// The proposal would have more than [`MAX_PHOTOS`].
    TooMany,
}

/// Record photos already written under their ids, all or none.
pub async fn add_photo(
    app: &App,
    actor: &Actor,
    proposal: Uuid,
    photos: &[NewPhoto],
) -> Result<PhotoOutcome> {
    let (p, cy, t) = super::proposals::get(app, proposal).await?;
    if !may_change(Some(actor), &p, &cy, &t) {
        return Ok(PhotoOutcome::NotAllowed);
    }
    let now = app.clock.now();
    let max = MAX_PHOTOS as i64;
    match store::pb::photos::add(&app.db, p.id, photos, actor.user.id, max, now).await? {
        Ok(()) => {
            tracing::info!(proposal = %p.id, photos = photos.len(), "pb proposal photos added");
            Ok(PhotoOutcome::Done)
        }
        Err(Refused::TooMany(_)) => Ok(PhotoOutcome::TooMany),
    }
}

/// Remove a photo's record (the caller then deletes its file); `NotFound` when there is none.
pub async fn remove_photo(
    app: &App,
    actor: &Actor,
    proposal: Uuid,
    photo: Uuid,
) -> Result<PhotoOutcome> {
    let (p, cy, t) = super::proposals::get(app, proposal).await?;
    if !may_change(Some(actor), &p, &cy, &t) {
        return Ok(PhotoOutcome::NotAllowed);
    }
    if !store::pb::photos::remove(&app.db, p.id, photo).await? {
        return Err(Error::NotFound);
    }
    tracing::info!(proposal = %p.id, photo = %photo, "pb proposal photo removed");
    Ok(PhotoOutcome::Done)
}

/// A proposal's photos in the order they were added.
pub async fn list(app: &App, proposal: Uuid) -> Result<Vec<Photo>> {
    Ok(store::pb::photos::list(&app.db, proposal).await?)
}

pub async fn get(app: &App, proposal: Uuid, photo: Uuid) -> Result<Option<Photo>> {
    Ok(store::pb::photos::get(&app.db, proposal, photo).await?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn room_for_photos() {
        assert!(super::room_for(0, super::MAX_PHOTOS));
        assert!(!super::room_for(1, super::MAX_PHOTOS));
    }
}
