//! Online voting: casting a ballot (one per person, by the database; replacing it where the
//! cycle allows), the receipt a voter checks later, and the vote counts pages show.

use crate::{Actor, App, Result};
use chrono::NaiveDate;
use domain::pb::{
    replaceable, voting_window, BallotError, Channel, Ineligible, ProposalStatus, VotingWindow,
};
use std::collections::HashMap;
use store::pb::ballots::NewBallot;
use uuid::Uuid;

pub use store::pb::ballots::{Published, Receipt};
pub use store::pb::proposals::Proposal;
pub use store::pb::Cycle;
pub use store::territories::Territory;

/// Why a person cannot vote in a cycle now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Obstacle {
    /// Not the voting stage, or before the first voting day.
    NotOpen,
    /// After the last voting day (that day).
    Closed(NaiveDate),
    Ineligible(Ineligible),
}

/// Whether voting is open today: `Err` with the reason when it is not.
pub fn open_today(app: &App, cy: &Cycle) -> Result<(), Obstacle> {
    match voting_window(cy.stage, &cy.schedule, app.clock.today()) {
        VotingWindow::Open => Ok(()),
        VotingWindow::NotOpen => Err(Obstacle::NotOpen),
        VotingWindow::Closed(last) => Err(Obstacle::Closed(last)),
    }
}

/// Why `actor` cannot vote in the cycle of territory `t` today, if they cannot.
pub fn obstacle(app: &App, actor: &Actor, cy: &Cycle, t: &Territory) -> Option<Obstacle> {
    if let Err(o) = open_today(app, cy) {
        return Some(o);
    }
    let u = &actor.user;
    cy.eligibility
        .check(
            u.birth_date,
            u.level,
            &actor.home,
            &t.kato,
            cy.schedule.voting_end,
        )
        .err()
        .map(Obstacle::Ineligible)
}

/// The admitted proposals in ballot order: number `n` on a paper ballot is element `n - 1`.
pub async fn admitted(app: &App, cycle: Uuid) -> Result<Vec<Proposal>> {
    Ok(store::pb::proposals::of_cycle(&app.db, cycle)
        .await?
        .into_iter()
        .filter(|p| p.status == ProposalStatus::Admitted)
        .collect())
}

/// The receipt code of `actor`'s ballot in a cycle, if they voted.
pub async fn my_receipt(app: &App, actor: &Actor, cycle: Uuid) -> Result<Option<String>> {
    let person = store::accounts::person_hash(&app.db, actor.user.id).await?;
    Ok(store::pb::ballots::receipt_of(&app.db, &app.keys.ballots, cycle, &person).await?)
}

/// A new receipt code (see [`domain::pb::receipt_code`]), from the random bits of fresh
/// identifiers.
pub fn new_receipt() -> String {
    loop {
        let random = (0..4).flat_map(|_| {
            let id = Uuid::now_v7();
            // Bytes 9..16 of a UUIDv7 are random.
            id.as_bytes()[9..].to_vec()
        });
        if let Some(code) = domain::pb::receipt_code(random) {
            return code;
        }
    }
}

/// Seal the links from voters to their ballots that the secret-ballot migration left in the
/// clear (SQL has no key): run right after migrating, before serving, in one transaction;
/// returns how many were sealed (none on every later start).
pub async fn seal_migrated_links(app: &App) -> Result<usize> {
    let sealed = store::pb::ballots::seal_migrated(&app.db, &app.keys.ballots).await?;
    if sealed > 0 {
        tracing::info!(sealed, "migrated ballot links sealed");
    }
    Ok(sealed)
}

/// What became of a ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CastOutcome {
    Cast,
    /// The person's earlier ballot was replaced (the cycle allows changes).
    Replaced,
    /// The person had voted already and may not change it; nothing was written.
    AlreadyVoted,
    /// Voting is not open, or the person may not vote here.
    Refused(Obstacle),
    /// The choices break the ballot's rules.
    Invalid(BallotError),
}

/// Cast `actor`'s online ballot for the proposals `chosen`.
pub async fn cast_ballot(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    chosen: &[Uuid],
) -> Result<CastOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    if let Some(o) = obstacle(app, actor, &cy, &t) {
        return Ok(CastOutcome::Refused(o));
    }
    let admitted = admitted(app, cy.id).await?;
    let cost = |pid: &Uuid| admitted.iter().find(|p| p.id == *pid).map(|p| p.cost);
    if let Err(e) = cy.ballot.validate(chosen, cost, cy.envelope.total(None)) {
        return Ok(CastOutcome::Invalid(e));
    }
    let ballot = NewBallot {
        cycle_id: cy.id,
        person_hash: store::accounts::person_hash(&app.db, actor.user.id).await?,
        voter_id: Some(actor.user.id),
        channel: Channel::Web,
        entered_by: None,
        choices: chosen.to_vec(),
        receipt: new_receipt(),
    };
    let changes = replaceable(cy.ballot, cy.changes_allowed);
    let now = app.clock.now();
    Ok(
        match store::pb::ballots::cast(&app.db, &ballot, &app.keys.ballots, changes, now).await? {
            store::pb::ballots::Cast::New { .. } => {
                tracing::info!(cycle = %cy.id, "ballot cast");
                CastOutcome::Cast
            }
            store::pb::ballots::Cast::Replaced { .. } => CastOutcome::Replaced,
            store::pb::ballots::Cast::AlreadyVoted { .. } => CastOutcome::AlreadyVoted,
        },
    )
}

/// What a receipt code proves in a cycle; `None` when no ballot has it. `code` is cleaned
/// as [`domain::pb::typed_receipt`] does.
pub async fn receipt(app: &App, cycle: Uuid, code: &str) -> Result<Option<Receipt>> {
    let code = domain::pb::typed_receipt(code);
    Ok(store::pb::ballots::check_receipt(&app.db, cycle, &code).await?)
}

/// Votes per proposal.
pub async fn votes(app: &App, cycle: Uuid) -> Result<HashMap<Uuid, i64>> {
    Ok(store::pb::ballots::counts(&app.db, cycle).await?)
}

/// Votes per proposal when the cycle shows them now (`None` while it hides live counts).
pub async fn public_votes(app: &App, cy: &Cycle) -> Result<Option<HashMap<Uuid, i64>>> {
    if domain::pb::votes_public(cy.stage, cy.votes_visible) {
        Ok(Some(votes(app, cy.id).await?))
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_ten_letters_of_the_alphabet() {
        let code = new_receipt();
        assert_eq!(code.len(), domain::pb::RECEIPT_LEN);
        assert!(code
            .bytes()
            .all(|b| domain::pb::RECEIPT_ALPHABET.contains(&b)));
        assert_ne!(new_receipt(), new_receipt());
    }
}
