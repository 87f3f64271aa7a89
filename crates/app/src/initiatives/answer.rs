//! The addressee's official answer, and what followed it.

use super::Outcome;
use crate::{Actor, App, Result};
use chrono::NaiveDate;
use domain::initiatives::{AnswerKind, AnswerText, FollowUp, Note, Refused};
use domain::Action;
use store::initiatives::{self as ini, Answer};
use uuid::Uuid;

/// The official answer, parsed.
#[derive(Debug, Clone)]
pub struct AnswerInput {
    pub kind: AnswerKind,
    pub text: AnswerText,
    /// A link to the decision (checked to be http(s) by the caller's parser).
    pub url: Option<String>,
    pub plan: String,
    pub plan_due: Option<NaiveDate>,
}

pub async fn answer_initiative(
    app: &App,
    actor: &Actor,
    id: Uuid,
    a: AnswerInput,
) -> Result<Outcome<Refused>> {
    let i = super::visible(app, Some(actor), id).await?;
    let by = actor.require(Action::AnswerInitiative, &i.territory_path)?;
    let answer = Answer {
        kind: a.kind,
        text: a.text.into_string(),
        url: a.url,
        plan: a.plan,
        plan_due: a.plan_due,
    };
    Ok(ini::answer(&app.db, id, by, &answer, app.clock.now())
        .await?
        .into())
}

pub async fn follow_up(
    app: &App,
    actor: &Actor,
    id: Uuid,
    step: FollowUp,
    note: &Note,
) -> Result<Outcome<Refused>> {
    let i = super::visible(app, Some(actor), id).await?;
    let by = actor.require(Action::AnswerInitiative, &i.territory_path)?;
    let now = app.clock.now();
    Ok(ini::follow_up(&app.db, id, by, step, note.as_str(), now)
        .await?
        .into())
}
