//! Assisted voting: at a participation centre a coordinator finds the registered resident by
//! IIN, checks that they may vote (territory, age on the last voting day, verification level),
//! and records their choice on their behalf with a witness. The ballot is marked `assisted`;
//! the receipt code is handed to the resident.

use super::ballots::{admitted, new_receipt, open_today, Cycle, Obstacle, Territory};
use crate::{Actor, App, Result};
use domain::pb::{BallotError, Ineligible, Witness, WitnessError};
use domain::{Action, Iin};
use store::accounts::User;
use store::pb::assisted::AssistedBallot;
use store::pb::ballots::Cast;
use uuid::Uuid;

/// The resident found by IIN.
#[derive(Debug, Clone)]
pub struct Voter {
    pub user: User,
    /// Where they live.
    pub village: Option<Territory>,
    /// Their age today.
    pub age: u32,
    /// The receipt of their ballot, when they have voted already.
    pub receipt: Option<String>,
    /// Why they may not vote in this cycle, if so.
    pub ineligible: Option<Ineligible>,
    person_hash: Vec<u8>,
}

/// What a search by IIN found.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// Voting is not open today.
    Closed(Obstacle),
    /// Not a valid IIN.
    BadIin,
    /// No account has this IIN.
    NotFound,
    Found(Box<Voter>),
}

async fn lookup(app: &App, cy: &Cycle, t: &Territory, iin: &str) -> Result<Lookup> {
    if let Err(o) = open_today(app, cy) {
        return Ok(Lookup::Closed(o));
    }
    let Ok(iin) = Iin::parse(iin) else {
        return Ok(Lookup::BadIin);
    };
    let person = app.keys.iin.fingerprint(&iin);
    let user = match store::pb::assisted::account_of(&app.db, &person).await? {
        Some(u) => store::accounts::by_id(&app.db, u).await?,
        None => None,
    };
    let Some(user) = user else {
        return Ok(Lookup::NotFound);
    };
    let village = store::territories::by_id(&app.db, user.residence_id).await?;
    let path = village.as_ref().map(|h| h.path.clone()).unwrap_or_default();
    let ineligible = cy
        .eligibility
        .check(
            user.birth_date,
            user.level,
            &path,
            &t.kato,
            cy.schedule.voting_end,
        )
        .err();
    Ok(Lookup::Found(Box::new(Voter {
        age: domain::accounts::age_on(user.birth_date, app.clock.today()),
        receipt: store::pb::ballots::receipt_of(&app.db, &app.keys.ballots, cy.id, &person).await?,
        user,
        village,
        ineligible,
        person_hash: person,
    })))
}

/// Find the resident with this IIN, and whether they may vote in the cycle today.
pub async fn find_voter(app: &App, actor: &Actor, cycle: Uuid, iin: &str) -> Result<Lookup> {
    let (cy, t) = super::cycle(app, cycle).await?;
    actor.require(Action::AssistVoter, &t.path)?;
    lookup(app, &cy, &t, iin).await
}

/// What became of an assisted ballot.
#[derive(Debug, Clone)]
pub enum AssistOutcome {
    /// Not recorded: voting closed, no such resident, voted already or not eligible.
    NotReady(Lookup),
    /// The witness or the choices were refused.
    Invalid {
        voter: Box<Voter>,
        witness: Option<WitnessError>,
        ballot: Option<BallotError>,
    },
    Recorded {
        voter: Box<Voter>,
        receipt: String,
    },
    /// Someone recorded the person's ballot meanwhile: theirs counts.
    AlreadyVoted {
        voter: Box<Voter>,
        receipt: String,
    },
}

/// Record the choice of the resident with this IIN on their behalf, with a witness.
pub async fn assist_voter(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    iin: &str,
    witness: &str,
    chosen: &[Uuid],
) -> Result<AssistOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::AssistVoter, &t.path)?;
    let voter = match lookup(app, &cy, &t, iin).await? {
        Lookup::Found(v) if v.receipt.is_none() && v.ineligible.is_none() => v,
        other => return Ok(AssistOutcome::NotReady(other)),
    };
    let witness = Witness::parse(witness);
    let proposals = admitted(app, cy.id).await?;
    let cost = |pid: &Uuid| proposals.iter().find(|p| p.id == *pid).map(|p| p.cost);
    let ballot = cy.ballot.validate(chosen, cost, cy.envelope.total(None));
    let witness = match (witness, ballot) {
        (Ok(w), Ok(())) => w,
        (w, b) => {
            return Ok(AssistOutcome::Invalid {
                voter,
                witness: w.err(),
                ballot: b.err(),
            })
        }
    };
    let b = AssistedBallot {
        cycle_id: cy.id,
        person_hash: voter.person_hash.clone(),
        voter_id: voter.user.id,
        village_id: voter.user.residence_id,
        entered_by: by,
        witness: witness.as_str().to_string(),
        choices: chosen.to_vec(),
        receipt: new_receipt(),
    };
    Ok(
        match store::pb::assisted::cast(&app.db, &b, &app.keys.ballots, app.clock.now()).await? {
            Cast::New { receipt } | Cast::Replaced { receipt } => {
                tracing::info!(cycle = %cy.id, "assisted ballot recorded");
                AssistOutcome::Recorded { voter, receipt }
            }
            Cast::AlreadyVoted { receipt } => AssistOutcome::AlreadyVoted { voter, receipt },
        },
    )
}
