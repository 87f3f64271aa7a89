//! Seats on a cycle's expert council and monitoring group (security review M5): the
//! coordinator invites, the person accepts or declines on their own account page, and nobody
//! holds two of the cycle's duties (coordinator of its territory, council member, group
//! member). The seat — not a role grant — is what lets a person review proposals or sign the
//! acceptance of works, for that one cycle.

use crate::{Actor, App, Error, Result};
use domain::access::{coordinates, may_as_member, may_join, Duties};
use domain::{Action, Grant, Kato};
use uuid::Uuid;

pub use domain::access::{Body, DutyConflict};
pub use store::oversight::invitations::{Addressed, Seat};

/// The duties `user`, holding `grants`, has for `cycle`, whose territory's path is `path`.
async fn duties(
    app: &App,
    user: Uuid,
    grants: &[Grant],
    cycle: Uuid,
    path: &[Kato],
) -> Result<Duties> {
    Ok(Duties {
        coordinates: coordinates(grants, path),
        member_of: store::oversight::invitations::seats(&app.db, cycle, user).await?,
    })
}

/// Why `invitee` may not be invited to `body` of `cycle` by `inviter`, if they may not: the
/// check made when inviting (acceptance checks again).
pub(crate) async fn refusal(
    app: &App,
    inviter: &Actor,
    invitee: Uuid,
    body: Body,
    cycle: Uuid,
    path: &[Kato],
) -> Result<Option<DutyConflict>> {
    let grants: Vec<Grant> = store::accounts::roles_of(&app.db, invitee)
        .await?
        .into_iter()
        .map(|h| h.grant)
        .collect();
    let duties = duties(app, invitee, &grants, cycle, path).await?;
    Ok(may_join(body, &duties, inviter.user.id == invitee).err())
}

/// May `actor` take `action` (a conclusion, a signature) on `cycle`, whose territory's path is
/// `path`, by their seat? Only with a seat of the right body and no other duty of the cycle.
pub async fn may_act(
    app: &App,
    actor: Option<&Actor>,
    action: Action,
    cycle: Uuid,
    path: &[Kato],
) -> Result<bool> {
    let Some(actor) = actor else {
        return Ok(false);
    };
    let duties = duties(app, actor.user.id, &actor.grants, cycle, path).await?;
    Ok(may_as_member(action, &duties))
}

/// The actor's id when [`may_act`]; `Forbidden` otherwise.
pub async fn require_seat(
    app: &App,
    actor: &Actor,
    action: Action,
    cycle: Uuid,
    path: &[Kato],
) -> Result<Uuid> {
    if may_act(app, Some(actor), action, cycle, path).await? {
        Ok(actor.user.id)
    } else {
        Err(Error::Forbidden)
    }
}

/// The actor's own pending invitations, oldest first; none for an account that may not answer
/// them (its resident role taken away), whose account page still opens.
pub async fn addressed(app: &App, actor: &Actor) -> Result<Vec<Addressed>> {
    if !actor.may(Action::AnswerInvitation, &actor.home) {
        return Ok(Vec::new());
    }
    Ok(store::oversight::invitations::addressed_to(&app.db, actor.user.id).await?)
}

/// The seats the actor holds, the latest cycles first.
pub async fn seats(app: &App, actor: &Actor) -> Result<Vec<Seat>> {
    Ok(store::oversight::invitations::seats_of(&app.db, actor.user.id).await?)
}

/// Who is invited to `body` of `cycle` and has not answered: (user id, name). For those who
/// may invite (the names of people who may still decline are not public).
pub async fn invitees(
    app: &App,
    actor: Option<&Actor>,
    body: Body,
    cycle: Uuid,
) -> Result<Vec<(Uuid, String)>> {
    let (_, t) = crate::pb::cycle(app, cycle).await?;
    if !actor.is_some_and(|a| a.may(Action::InviteMember, &t.path)) {
        return Ok(Vec::new());
    }
    Ok(store::oversight::invitations::invitees(&app.db, body, cycle).await?)
}

/// What became of an answer to an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// The seat is theirs.
    Accepted(Body),
    Declined,
    /// They hold another duty of the cycle (perhaps granted since the invitation): nothing
    /// changed, the invitation still waits (they may decline it).
    Refused(DutyConflict),
    /// The monitoring group is full: nothing changed.
    Full,
}

/// The actor accepts their invitation `id`, unless they hold another duty of its cycle now.
/// `NotFound` when it is not theirs or was answered already.
pub async fn accept(app: &App, actor: &Actor, id: Uuid) -> Result<Answered> {
    let user = actor.require(Action::AnswerInvitation, &actor.home)?;
    let inv = store::oversight::invitations::pending(&app.db, id, user)
        .await?
        .ok_or(Error::NotFound)?;
    let (cy, t) = crate::pb::cycle(app, inv.cycle_id).await?;
    // The actor's grants as loaded for this request: a coordinator grant given since the
    // invitation counts.
    let duties = duties(app, user, &actor.grants, cy.id, &t.path).await?;
    if let Err(conflict) = may_join(inv.body, &duties, inv.invited_by == Some(user)) {
        return Ok(Answered::Refused(conflict));
    }
    use store::oversight::invitations::Accepted;
    let now = app.clock.now();
    Ok(
        match store::oversight::invitations::accept(&app.db, id, user, now).await? {
            Accepted::Seated => {
                tracing::info!(invitation = %id, cycle = %cy.id, body = inv.body.as_str(), %user, "seat accepted");
                Answered::Accepted(inv.body)
            }
            Accepted::OtherBody(b) => Answered::Refused(DutyConflict::OtherBody(b)),
            Accepted::Full => Answered::Full,
            Accepted::Gone => return Err(Error::NotFound),
        },
    )
}

/// The actor declines their invitation `id`. `NotFound` when it is not theirs or was answered
/// already.
pub async fn decline(app: &App, actor: &Actor, id: Uuid) -> Result<Answered> {
    let user = actor.require(Action::AnswerInvitation, &actor.home)?;
    let now = app.clock.now();
    if store::oversight::invitations::decline(&app.db, id, user, now).await? {
        Ok(Answered::Declined)
    } else {
        Err(Error::NotFound)
    }
}
