//! Writing an initiative, and sending a returned one again.

use super::Outcome;
use crate::{Actor, App, Error, Result};
use domain::initiatives::{Addressee, Body, Refused, Title};
use domain::Action;
use store::initiatives::{self as ini, Draft};
use store::territories::{self, Territory};
use uuid::Uuid;

/// What an author writes, parsed.
#[derive(Debug, Clone)]
pub struct DraftInput {
    pub territory_id: Uuid,
    pub addressee: Addressee,
    pub title: Title,
    pub ask: Body,
    pub reasons: Body,
}

/// The territories an author may address: their village and every territory above it,
/// nearest first.
pub async fn own_territories(app: &App, actor: &Actor) -> Result<Vec<Territory>> {
    let home = territories::by_id(&app.db, actor.user.residence_id)
        .await?
        .ok_or_else(|| Error::Internal("residence missing".into()))?;
    actor.require(Action::SubmitInitiative, &home.path)?;
    let mut list = territories::ancestors(&app.db, &home).await?;
    list.push(home);
    list.reverse();
    Ok(list)
}

async fn draft(app: &App, actor: &Actor, d: DraftInput) -> Result<Draft> {
    let t = territories::by_id(&app.db, d.territory_id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.require(Action::SubmitInitiative, &t.path)?;
    Ok(Draft {
        territory_id: t.id,
        addressee: d.addressee,
        title: d.title.into_string(),
        ask: d.ask.into_string(),
        reasons: d.reasons.into_string(),
    })
}

/// A resident submits a draft for moderation; returns its id.
pub async fn submit_initiative(app: &App, actor: &Actor, d: DraftInput) -> Result<Uuid> {
    let d = draft(app, actor, d).await?;
    let id = ini::create(&app.db, actor.user.id, &d, app.clock.now()).await?;
    tracing::info!(initiative = %id, "initiative submitted");
    Ok(id)
}

/// The author sends a returned draft again, edited.
pub async fn resubmit_initiative(
    app: &App,
    actor: &Actor,
    id: Uuid,
    d: DraftInput,
) -> Result<Outcome<Refused>> {
    let current = super::visible(app, Some(actor), id).await?;
    if current.author_id != actor.user.id {
        return Err(Error::Forbidden);
    }
    let d = draft(app, actor, d).await?;
    Ok(ini::resubmit(&app.db, id, &d, app.clock.now())
        .await?
        .into())
}
