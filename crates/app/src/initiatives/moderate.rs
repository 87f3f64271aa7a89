//! Moderation: publishing a draft (collection starts, with the threshold frozen) or returning
//! it to its author with a reason.

use super::Outcome;
use crate::{Actor, App, Result};
use domain::initiatives::{Note, Refused};
use domain::Action;
use store::initiatives as ini;
use uuid::Uuid;

pub async fn publish_initiative(app: &App, actor: &Actor, id: Uuid) -> Result<Outcome<Refused>> {
    let i = super::visible(app, Some(actor), id).await?;
    let by = actor.require(Action::ModerateInitiative, &i.territory_path)?;
    let territory = super::territory_of(app, &i).await?;
    let (rule, _) = ini::rule_for(&app.db, &territory).await?;
    let now = app.clock.now();
    let required = i64::from(rule.required(territory.population));
    let until = rule.collection_deadline(now);
    Ok(ini::publish(&app.db, id, by, required, until, now)
        .await?
        .into())
}

pub async fn return_initiative(
    app: &App,
    actor: &Actor,
    id: Uuid,
    reason: &Note,
) -> Result<Outcome<Refused>> {
    let i = super::visible(app, Some(actor), id).await?;
    let by = actor.require(Action::ModerateInitiative, &i.territory_path)?;
    let r = ini::return_to_author(&app.db, id, by, reason.as_str(), app.clock.now()).await?;
    Ok(r.into())
}
