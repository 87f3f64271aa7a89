//! Moving a cycle to its next stage (the coordinator's button). Moving to results counts the
//! ballots and publishes the count in the same transaction as the move.

use super::results::{count_ballots, inputs, published};
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
    // The count is fixed as voting closes: the ballots are read and counted inside the
    // transaction that moves the stage, so a paper ballot typed meanwhile is either counted or
    // refused, never left out (security review L6); `qatysu verify` recounts from the ballots.
    let moved = if to == Stage::Results {
        let inputs = inputs(&app.db, &cy).await?;
        let failed: std::sync::Mutex<Option<crate::Error>> = std::sync::Mutex::new(None);
        let counter = |stored: &[store::pb::envelope::CountedBallot],
                       channels: &[(domain::pb::Channel, i64)]| {
            let count = match count_ballots(&cy, &inputs, stored, channels) {
                Ok(c) => c,
                Err(e) => {
                    if let Ok(mut f) = failed.lock() {
                        *f = Some(e);
                    }
                    return None;
                }
            };
            tracing::info!(
                cycle = %cy.id,
                ballots = count.ballots,
                selected = count.outcome.selected.len(),
                "pb result counted",
            );
            Some(published(&cy, &count, now))
        };
        let moved =
            store::pb::move_stage(&app.db, cy.id, cy.stage, to, Some(by), Some(&counter), now)
                .await?;
        if let Some(e) = failed.lock().ok().and_then(|mut f| f.take()) {
            return Err(e);
        }
        moved
    } else {
        store::pb::move_stage(&app.db, cy.id, cy.stage, to, Some(by), None, now).await?
    };
    if !moved {
        return Ok(StageOutcome::Raced);
    }
    tracing::info!(cycle = %cy.id, from = cy.stage.as_str(), to = to.as_str(), "pb stage changed");
    Ok(StageOutcome::Moved)
}
