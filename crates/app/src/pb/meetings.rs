//! Face-to-face meetings of a cycle (a village gathering), recorded by a coordinator with the
//! proposals they discussed.

use crate::{Actor, App, Error, Result};
use domain::pb::discussion::MeetingRecord;
use domain::Action;
use uuid::Uuid;

pub use store::pb::meetings::Meeting;

/// A coordinator records a meeting held in `village` (a settlement of the cycle's territory)
/// that discussed `proposals` (of the same cycle; others are not linked).
pub async fn record_meeting(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    village: Uuid,
    record: MeetingRecord,
    proposals: Vec<Uuid>,
) -> Result<Uuid> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::ManageCycle, &t.path)?;
    let settlements = super::proposals::settlements(app, &t).await?;
    if !settlements.iter().any(|v| v.id == village) {
        return Err(Error::NotFound);
    }
    let new = store::pb::meetings::NewMeeting {
        cycle_id: cy.id,
        village_id: village,
        held_on: record.held_on,
        place: record.place.into_string(),
        attendance: record.attendance,
        minutes: record.minutes.into_string(),
        proposals,
    };
    let mid = store::pb::meetings::create(&app.db, &new, by, app.clock.now()).await?;
    tracing::info!(meeting = %mid, cycle = %cy.id, "pb meeting recorded");
    Ok(mid)
}

pub async fn get(app: &App, id: Uuid) -> Result<Meeting> {
    store::pb::meetings::get(&app.db, id)
        .await?
        .ok_or(Error::NotFound)
}

/// A cycle's meetings, newest first.
pub async fn of_cycle(app: &App, cycle: Uuid) -> Result<Vec<Meeting>> {
    Ok(store::pb::meetings::of_cycle(&app.db, cycle).await?)
}

/// The meetings that discussed a proposal, newest first.
pub async fn of_proposal(app: &App, proposal: Uuid) -> Result<Vec<Meeting>> {
    Ok(store::pb::meetings::of_proposal(&app.db, proposal).await?)
}

/// (id, title) of the proposals a meeting discussed.
pub async fn proposals_of(app: &App, meeting: Uuid) -> Result<Vec<(Uuid, String)>> {
    Ok(store::pb::meetings::proposals_of(&app.db, meeting).await?)
}
