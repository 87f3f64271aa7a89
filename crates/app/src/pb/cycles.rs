//! Cycles: the list, setting one up, and what the cycle's page shows.

use crate::{Actor, App, Error, Result};
use domain::pb::setup::Place;
use domain::pb::{CycleSetup, SetupError, SetupInput};
use domain::Action;
use std::collections::HashMap;
use store::pb::NewCycle;
use uuid::Uuid;

pub use store::pb::proposals::Proposal;
pub use store::pb::{Cycle, StageEvent};
pub use store::territories::Territory;

/// Every cycle of the territory whose path starts with `path_prefix` (all with `None`), each
/// with its territory.
pub async fn cycles(
    app: &App,
    path_prefix: Option<&str>,
) -> Result<Vec<(Cycle, Option<Territory>)>> {
    let list = store::pb::list(&app.db, path_prefix).await?;
    let mut rows = Vec::with_capacity(list.len());
    for cy in list {
        let t = store::territories::by_id(&app.db, cy.territory_id).await?;
        rows.push((cy, t));
    }
    Ok(rows)
}

/// The territory as the set-up rules need it (its kind and its parent's kind).
pub async fn place(app: &App, t: &Territory) -> Result<Place> {
    let parent_kind = match t.parent_id {
        Some(p) => store::territories::by_id(&app.db, p).await?.map(|p| p.kind),
        None => None,
    };
    Ok(Place {
        kind: t.kind,
        parent_kind,
    })
}

/// What became of a set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateOutcome {
    Created(Uuid),
    /// What is wrong, field by field.
    Refused(Vec<SetupError>),
    /// The territory already has a cycle for that year.
    YearTaken,
}

/// A coordinator sets up a cycle for the territory `territory`.
pub async fn create_cycle(
    app: &App,
    actor: &Actor,
    territory: Uuid,
    input: &SetupInput<'_>,
) -> Result<CreateOutcome> {
    let t = store::territories::by_id(&app.db, territory)
        .await?
        .ok_or(Error::NotFound)?;
    let by = actor.require(Action::ManageCycle, &t.path)?;
    let place = place(app, &t).await?;
    let mrp_table = store::pb::mrp_table(&app.db).await?;
    let setup = match CycleSetup::parse(input, place, &mrp_table) {
        Ok(s) => s,
        Err(errors) => return Ok(CreateOutcome::Refused(errors)),
    };
    let new = NewCycle {
        territory_id: t.id,
        setup,
    };
    match store::pb::create(&app.db, &new, by, app.clock.now()).await? {
        Ok(id) => {
            tracing::info!(cycle = %id, territory = %t.kato, year = new.setup.year, "pb cycle created");
            Ok(CreateOutcome::Created(id))
        }
        Err(store::pb::YearTaken) => Ok(CreateOutcome::YearTaken),
    }
}

/// What a cycle's page shows besides the cycle itself.
pub struct CyclePage {
    /// The stages the cycle entered, oldest first.
    pub history: Vec<StageEvent>,
    pub proposals: Vec<Proposal>,
    /// Votes per proposal, when the cycle shows them (empty otherwise).
    pub votes: HashMap<Uuid, i64>,
    /// The territories of the cycle's territory and under it, by id (proposals' villages).
    pub places: HashMap<Uuid, Territory>,
    /// Photos per proposal, for proposals that have any.
    pub photos: HashMap<Uuid, i64>,
}

pub async fn cycle_page(app: &App, cy: &Cycle, t: &Territory) -> Result<CyclePage> {
    let votes = if cy.votes_public() {
        store::pb::ballots::counts(&app.db, cy.id).await?
    } else {
        HashMap::new()
    };
    Ok(CyclePage {
        history: store::pb::history(&app.db, cy.id).await?,
        proposals: store::pb::proposals::of_cycle(&app.db, cy.id).await?,
        votes,
        places: villages(app, t).await?,
        photos: store::pb::photos::counts_of_cycle(&app.db, cy.id)
            .await?
            .into_iter()
            .collect(),
    })
}

/// The territory `t` and every territory under it, by id.
pub async fn villages(app: &App, t: &Territory) -> Result<HashMap<Uuid, Territory>> {
    Ok(store::territories::subtree(&app.db, t)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect())
}
