//! Moving a cycle to its next stage (the coordinator's button). Moving to results counts the
//! ballots and publishes the count in the same transaction as the move.

use super::results::{published, recount};
use crate::{Actor, App, Result};
use domain::pb::{Stage, StageError, StageFacts};
use domain::Action;
use uuid::Uuid;

/// What became of a requested move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageOutcome {
    Moved,
    /// The stage machine refused, with its reason.
    Refused(StageError),
    /// Someone else moved the cycle meanwhile; nothing was written.
    Raced,
}

pub async fn move_stage(app: &App, actor: &Actor, cycle: Uuid, to: Stage) -> Result<StageOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::ManageCycle, &t.path)?;
    let (all, admitted, undecided) = store::pb::proposals::counts(&app.db, cy.id).await?;
    let facts = StageFacts {
        today: app.clock.today(),
        proposals_submitted: all as usize,
        proposals_admitted: admitted as usize,
        proposals_undecided: undecided as usize,
        revision_enabled: cy.revision_enabled,
        voting_starts: Some(cy.schedule.voting_start),
        voting_ends: Some(cy.schedule.voting_end),
        results_published: store::pb::ballots::published(&app.db, cy.id)
            .await?
            .is_some(),
    };
    if let Err(e) = cy.stage.can_move_to(to, &facts) {
        return Ok(StageOutcome::Refused(e));
    }
    let now = app.clock.now();
    // The count is fixed as voting closes; `qatysu verify` recounts it from the ballots.
    let result = if to == Stage::Results {
        let count = recount(&app.db, &cy).await?;
        tracing::info!(
            cycle = %cy.id,
            ballots = count.ballots,
            selected = count.outcome.selected.len(),
            "pb result counted",
        );
        Some(published(&cy, &count, now))
    } else {
        None
    };
    let moved =
        store::pb::move_stage(&app.db, cy.id, cy.stage, to, Some(by), result.as_ref(), now).await?;
    if !moved {
        return Ok(StageOutcome::Raced);
    }
    tracing::info!(cycle = %cy.id, from = cy.stage.as_str(), to = to.as_str(), "pb stage changed");
    Ok(StageOutcome::Moved)
}
