//! People's Participation Budget (Халық қатысатын бюджет / бюджет народного участия): the
//! use cases of a cycle.

pub mod assisted;
pub mod ballots;
pub mod cycles;
pub mod discussion;
pub mod envelope;
pub mod meetings;
pub mod mrp;
pub mod paper;
pub mod photos;
pub mod proposals;
pub mod results;
pub mod review;
pub mod stage;

use crate::{App, Error, Result};
use store::pb::Cycle;
use store::territories::Territory;
use uuid::Uuid;

/// A cycle and the territory it belongs to; `NotFound` when either is missing.
pub async fn cycle(app: &App, id: Uuid) -> Result<(Cycle, Territory)> {
    let cy = store::pb::get(&app.db, id).await?.ok_or(Error::NotFound)?;
    let t = store::territories::by_id(&app.db, cy.territory_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((cy, t))
}
