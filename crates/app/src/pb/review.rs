//! Expert review: forming the council, members' conclusions and the council's decisions.

use super::cycles::Cycle;
use super::proposals::Proposal;
use crate::oversight::invitations::{self as seats, Body, DutyConflict};
use crate::{Actor, App, Result};
use domain::pb::review::{Conclusion, ReviewError, Verdict};
use domain::{Action, Contact};
use uuid::Uuid;

pub use store::pb::review::{Conclusion as SavedConclusion, Decided, Member};

/// What became of a conclusion or a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewOutcome {
    Saved,
    /// What is wrong, in the order of the form.
    Refused(Vec<ReviewError>),
}

/// A council member gives their conclusion on a proposal (only during review).
pub async fn conclude(
    app: &App,
    actor: &Actor,
    proposal: Uuid,
    legal: bool,
    feasible: bool,
    adjusted_cost: &str,
    comment: &str,
) -> Result<ReviewOutcome> {
    let (p, cy, t) = super::proposals::get(app, proposal).await?;
    // A seat on this cycle's council, and no other duty of the cycle: never a role grant.
    let user = seats::require_seat(app, actor, Action::ReviewProposal, cy.id, &t.path).await?;
    let k = match Conclusion::parse(cy.stage, legal, feasible, adjusted_cost, comment) {
        Ok(k) => k,
        Err(e) => return Ok(ReviewOutcome::Refused(e)),
    };
    let conclusion = store::pb::review::NewConclusion {
        proposal: p.id,
        user,
        legal: k.legal,
        feasible: k.feasible,
        adjusted_cost: k.adjusted_cost,
        comment: k.comment.as_str(),
    };
    store::pb::review::conclude(&app.db, &conclusion, app.clock.now()).await?;
    Ok(ReviewOutcome::Saved)
}

/// The coordinator records the council's decision (admit, reject, return, merge); the author
/// gets a notice in the same transaction.
pub async fn decide(
    app: &App,
    actor: &Actor,
    proposal: Uuid,
    decision: &str,
    reason: &str,
    merged_into: &str,
) -> Result<ReviewOutcome> {
    let (p, cy, t) = super::proposals::get(app, proposal).await?;
    let by = actor.require(Action::ManageCycle, &t.path)?;
    let target = match Uuid::parse_str(merged_into.trim()).ok() {
        Some(o) if o != p.id => store::pb::proposals::get(&app.db, o)
            .await?
            .filter(|x| x.cycle_id == cy.id)
            .map(|x| x.id),
        _ => None,
    };
    let v = match Verdict::parse(cy.stage, decision, reason, target) {
        Ok(v) => v,
        Err(e) => return Ok(ReviewOutcome::Refused(e)),
    };
    let now = app.clock.now();
    let (d, reason) = (v.decision, v.reason.as_deref());
    store::pb::review::decide(&app.db, p.id, d, reason, v.merged_into, by, now).await?;
    tracing::info!(proposal = %p.id, decision = d.as_str(), "pb decision recorded");
    Ok(ReviewOutcome::Saved)
}

/// What became of inviting a council member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberOutcome {
    /// The invitation waits on their account page; they have no power until they accept.
    Invited,
    /// They sit on the council already: their civil-society mark was updated.
    Updated,
    /// No account has that phone or e-mail.
    UnknownUser,
    /// They may not sit on this council (security review M5): nothing was written.
    Refused(DutyConflict),
}

/// The coordinator invites a person to the council. Nobody invites themselves, and nobody who
/// coordinates the cycle's territory or sits on its monitoring group is invited (checked again
/// when they accept). No role is granted: the accepted seat is what lets them conclude.
pub async fn add_council_member(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    contact: &str,
    civil_society: bool,
) -> Result<MemberOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::InviteMember, &t.path)?;
    let user = match Contact::parse(contact) {
        Ok(contact) => store::accounts::credentials(&app.db, &contact)
            .await?
            .map(|(u, _)| u),
        Err(_) => None,
    };
    let Some(user) = user else {
        return Ok(MemberOutcome::UnknownUser);
    };
    let body = Body::ExpertCouncil;
    if let Some(conflict) = seats::refusal(app, actor, user.id, body, cy.id, &t.path).await? {
        return Ok(MemberOutcome::Refused(conflict));
    }
    let now = app.clock.now();
    use store::pb::review::Invited;
    Ok(
        match store::pb::review::invite_member(&app.db, cy.id, user.id, civil_society, by, now)
            .await?
        {
            Invited::Invited => MemberOutcome::Invited,
            Invited::Member => MemberOutcome::Updated,
        },
    )
}

/// What the proposal page shows of the review.
pub struct ReviewData {
    pub conclusions: Vec<SavedConclusion>,
    pub decided: Decided,
    /// The proposal this one was merged into (id, title).
    pub merged_into: Option<(Uuid, String)>,
    /// The viewer may conclude by a seat on the cycle's council (and no other duty of it).
    pub member: bool,
}

pub async fn review_data(
    app: &App,
    actor: Option<&Actor>,
    p: &Proposal,
    cy: &Cycle,
) -> Result<ReviewData> {
    let decided = store::pb::review::decision(&app.db, p.id).await?;
    let merged_into = match decided.merged_into {
        Some(id) => store::pb::proposals::get(&app.db, id)
            .await?
            .map(|m| (m.id, m.title)),
        None => None,
    };
    let (_, t) = super::cycle(app, cy.id).await?;
    let member = seats::may_act(app, actor, Action::ReviewProposal, cy.id, &t.path).await?;
    Ok(ReviewData {
        conclusions: store::pb::review::conclusions(&app.db, p.id).await?,
        decided,
        merged_into,
        member,
    })
}

/// The council of a cycle (accepted seats), in the order members took them.
pub async fn members(app: &App, cycle: Uuid) -> Result<Vec<Member>> {
    Ok(store::pb::review::members(&app.db, cycle).await?)
}
