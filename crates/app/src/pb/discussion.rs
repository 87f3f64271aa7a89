//! Discussion of admitted proposals: residents' comments, moderation (hide with a public
//! reason, restore; every act in a public log, the author told of a hidden comment), and the
//! notices PB events leave for proposal authors.

use super::cycles::{Cycle, Territory};
use super::proposals::Proposal;
use crate::{Actor, App, Error, Result};
use domain::pb::discussion::{may_comment, CommentRefused, CommentText, ModerationReason};
use domain::Action;
use uuid::Uuid;

pub use store::pb::discussion::{Comment, LogEntry, Moderation, PbNotice};

/// Why a person may not comment on a proposal now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentRefusal {
    /// They do not live in the cycle's territory.
    NotResident,
    /// The proposal or the stage does not allow comments.
    Rule(CommentRefused),
}

/// May `actor` comment on the proposal now? Residents of the cycle's territory (on their
/// place of residence, like proposing), on admitted proposals, in discussion or voting.
pub fn may_comment_now(
    actor: &Actor,
    p: &Proposal,
    cy: &Cycle,
    t: &Territory,
) -> Result<(), CommentRefusal> {
    if !actor.may(Action::CommentProposal, &t.path) {
        return Err(CommentRefusal::NotResident);
    }
    may_comment(cy.stage, p.status).map_err(CommentRefusal::Rule)
}

/// What became of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentOutcome {
    /// Stored (or, sent again with the same form key, stored once before).
    Added,
    Refused(CommentRefusal),
}

/// A resident comments on a proposal. `key` is the form's one-time key: the same form sent
/// twice is stored once.
pub async fn comment_proposal(
    app: &App,
    actor: &Actor,
    proposal: Uuid,
    text: &CommentText,
    key: Option<Uuid>,
) -> Result<CommentOutcome> {
    let (p, cy, t) = super::proposals::get(app, proposal).await?;
    if let Err(r) = may_comment_now(actor, &p, &cy, &t) {
        return Ok(CommentOutcome::Refused(r));
    }
    let key = key.map(|k| k.to_string());
    let stored = store::pb::discussion::add_comment(
        &app.db,
        p.id,
        actor.user.id,
        &actor.user.display_name,
        text.as_str(),
        key.as_deref(),
        app.clock.now(),
    )
    .await?;
    match stored {
        Some(id) => tracing::info!(comment = %id, proposal = %p.id, "pb comment added"),
        None => tracing::info!(proposal = %p.id, "pb comment form sent again: stored once"),
    }
    Ok(CommentOutcome::Added)
}

/// A comment with its proposal, cycle and territory, for a moderator of the territory
/// (`Forbidden` for anyone else).
pub async fn for_moderation(
    app: &App,
    actor: &Actor,
    comment: Uuid,
) -> Result<(Comment, Proposal, Cycle, Territory)> {
    let k = store::pb::discussion::comment(&app.db, comment)
        .await?
        .ok_or(Error::NotFound)?;
    let (p, cy, t) = super::proposals::get(app, k.proposal_id).await?;
    actor.require(Action::ModerateComment, &t.path)?;
    Ok((k, p, cy, t))
}

/// What became of a moderation.
#[derive(Debug, Clone)]
pub enum ModerationOutcome {
    Done,
    /// Someone hid or restored the comment first; it is as it now stands.
    Already(Comment),
}

/// A moderator hides a comment (with a public reason; its author gets a notice) or restores
/// it (a reason optional); every act goes to the cycle's public log in the same transaction.
pub async fn moderate_comment(
    app: &App,
    actor: &Actor,
    comment: Uuid,
    act: Moderation,
    reason: Option<&ModerationReason>,
) -> Result<ModerationOutcome> {
    let (k, _p, cy, _t) = for_moderation(app, actor, comment).await?;
    let reason = reason.map(ModerationReason::as_str).unwrap_or("");
    let (by, by_name) = (actor.user.id, actor.user.display_name.as_str());
    let now = app.clock.now();
    if !store::pb::discussion::moderate(&app.db, k.id, act, reason, by, by_name, now).await? {
        let fresh = store::pb::discussion::comment(&app.db, k.id)
            .await?
            .unwrap_or(k);
        return Ok(ModerationOutcome::Already(fresh));
    }
    tracing::info!(comment = %k.id, cycle = %cy.id, act = act.as_str(), "pb comment moderated");
    Ok(ModerationOutcome::Done)
}

/// How many comments a proposal has (hidden ones included).
pub async fn comment_count(app: &App, proposal: Uuid) -> Result<i64> {
    Ok(store::pb::discussion::comment_count(&app.db, proposal).await?)
}

/// A page of a proposal's comments, oldest first.
pub async fn comments(app: &App, proposal: Uuid, skip: i64, limit: i64) -> Result<Vec<Comment>> {
    Ok(store::pb::discussion::comments(&app.db, proposal, skip, limit).await?)
}

/// The latest acts of a cycle's public moderation log.
pub async fn moderation_log(app: &App, cycle: Uuid, limit: i64) -> Result<Vec<LogEntry>> {
    Ok(store::pb::discussion::moderation_log(&app.db, cycle, limit).await?)
}

/// A person's PB notices, newest first.
pub async fn notices_of(app: &App, user: Uuid, limit: i64) -> Result<Vec<PbNotice>> {
    Ok(store::pb::discussion::notices_of(&app.db, user, limit).await?)
}
