//! Proposals: submitted online by residents or typed in by a coordinator from a paper form
//! (or at a participation centre), and edited by their author while the rules allow.

use super::cycles::{Cycle, Territory};
use crate::{Actor, App, Error, Result};
use domain::money::Tenge;
use domain::pb::{Category, Channel, PaperEntry, PlaceText, Stage};
use domain::Action;
use store::pb::proposals::Refused;
use uuid::Uuid;

pub use store::pb::proposals::{Event, NewProposal, Proposal};

/// What the author writes, whoever enters it: parsed and checked against the cycle's limits.
#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub description: String,
    pub category: Category,
    pub village_id: Uuid,
    pub place: PlaceText,
    pub items: Vec<(String, Tenge)>,
    pub pledge_money: Tenge,
    pub pledge_labour_days: i64,
}

/// Who enters a proposal.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A resident, online, as its author.
    Online,
    /// A coordinator, from a paper form or at a participation centre.
    Paper(PaperEntry),
}

/// Why a resident may not submit online.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitRefusal {
    /// They do not live in the cycle's territory.
    NotResident,
    /// Proposals are not collected now.
    Closed,
}

/// What became of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    Submitted(Uuid),
    Refused(SubmitRefusal),
    /// The author already has this many proposals in the cycle.
    TooMany(i64),
    /// This paper form number was typed in already.
    FormNumberTaken,
}

/// May this person submit online to the cycle? Residents of its territory, during collection.
pub fn may_submit(actor: &Actor, cy: &Cycle, t: &Territory) -> Result<(), SubmitRefusal> {
    if !actor.may(Action::SubmitProposal, &t.path) {
        return Err(SubmitRefusal::NotResident);
    }
    if cy.stage != Stage::Collection {
        return Err(SubmitRefusal::Closed);
    }
    Ok(())
}

/// Whether a proposal can still be entered (online or from paper).
pub fn collecting(cy: &Cycle) -> bool {
    cy.stage == Stage::Collection
}

/// A resident submits a proposal online, or a coordinator enters one (`Entry::Paper`).
pub async fn submit_proposal(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    entry: Entry,
    draft: Draft,
) -> Result<SubmitOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let (author_id, author_name, channel, form_number, entered_by) = match entry {
        Entry::Online => {
            if let Err(r) = may_submit(actor, &cy, &t) {
                return Ok(SubmitOutcome::Refused(r));
            }
            let name = actor.user.display_name.clone();
            (Some(actor.user.id), name, Channel::Web, None, None)
        }
        Entry::Paper(e) => {
            let by = actor.require(Action::ManageCycle, &t.path)?;
            if !collecting(&cy) {
                return Ok(SubmitOutcome::Refused(SubmitRefusal::Closed));
            }
            let name = e.author_name.into_string();
            (None, name, e.channel, e.form_number, Some(by))
        }
    };
    if !village_in(app, &t, draft.village_id).await? {
        return Err(Error::NotFound);
    }
    let new = NewProposal {
        cycle_id: cy.id,
        author_id,
        author_name,
        channel,
        paper_form_number: form_number,
        entered_by,
        title: draft.title,
        description: draft.description,
        category: draft.category,
        village_id: draft.village_id,
        place: draft.place.into_string(),
        items: draft.items,
        pledge_money: draft.pledge_money,
        pledge_labour_days: draft.pledge_labour_days,
    };
    let now = app.clock.now();
    match store::pb::proposals::create(&app.db, &new, cy.max_proposals_per_author, now).await? {
        Ok(pid) => {
            tracing::info!(
                proposal = %pid,
                cycle = %cy.id,
                channel = channel.as_str(),
                "pb proposal submitted",
            );
            Ok(SubmitOutcome::Submitted(pid))
        }
        Err(Refused::TooMany(n)) => Ok(SubmitOutcome::TooMany(n)),
        Err(Refused::FormNumberTaken) => Ok(SubmitOutcome::FormNumberTaken),
    }
}

/// May `actor` (none when signed out) edit the proposal now? Its author, while the domain
/// allows.
pub fn may_edit(actor: Option<&Actor>, p: &Proposal, cy: &Cycle) -> bool {
    domain::pb::may_edit(
        cy.stage,
        p.status,
        p.author_id.as_ref(),
        actor.map(|a| &a.user.id),
    )
}

/// The author changes their proposal; a returned one goes back to the council as submitted,
/// in the same transaction.
pub async fn edit_proposal(app: &App, actor: &Actor, proposal: Uuid, draft: Draft) -> Result<()> {
    let (p, cy, t) = get(app, proposal).await?;
    if !may_edit(Some(actor), &p, &cy) {
        return Err(Error::Forbidden);
    }
    if !village_in(app, &t, draft.village_id).await? {
        return Err(Error::NotFound);
    }
    let new = NewProposal {
        cycle_id: cy.id,
        author_id: p.author_id,
        author_name: p.author_name.clone(),
        channel: p.channel,
        paper_form_number: p.paper_form_number.clone(),
        entered_by: None,
        title: draft.title,
        description: draft.description,
        category: draft.category,
        village_id: draft.village_id,
        place: draft.place.into_string(),
        items: draft.items,
        pledge_money: draft.pledge_money,
        pledge_labour_days: draft.pledge_labour_days,
    };
    let resubmit = p.status == domain::pb::ProposalStatus::Returned;
    let now = app.clock.now();
    store::pb::proposals::update(&app.db, p.id, &new, actor.user.id, resubmit, now).await?;
    Ok(())
}

/// A proposal with its cycle and the cycle's territory; `NotFound` when any is missing.
pub async fn get(app: &App, id: Uuid) -> Result<(Proposal, Cycle, Territory)> {
    let p = store::pb::proposals::get(&app.db, id)
        .await?
        .ok_or(Error::NotFound)?;
    let (cy, t) = super::cycle(app, p.cycle_id).await?;
    Ok((p, cy, t))
}

/// The settlements of the cycle's territory, where a project can be placed.
pub async fn settlements(app: &App, t: &Territory) -> Result<Vec<Territory>> {
    Ok(store::territories::subtree(&app.db, t)
        .await?
        .into_iter()
        .filter(|v| v.kind.is_settlement())
        .collect())
}

async fn village_in(app: &App, t: &Territory, village: Uuid) -> Result<bool> {
    Ok(settlements(app, t).await?.iter().any(|v| v.id == village))
}

/// A territory by id (a proposal's village).
pub async fn territory(app: &App, id: Uuid) -> Result<Option<Territory>> {
    Ok(store::territories::by_id(&app.db, id).await?)
}

/// A proposal's public history, oldest first.
pub async fn history(app: &App, proposal: Uuid) -> Result<Vec<Event>> {
    Ok(store::pb::proposals::history(&app.db, proposal).await?)
}

/// A cycle's proposals, in the order they were submitted.
pub async fn of_cycle(app: &App, cycle: Uuid) -> Result<Vec<Proposal>> {
    Ok(store::pb::proposals::of_cycle(&app.db, cycle).await?)
}
