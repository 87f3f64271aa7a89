//! Paper ballots typed in twice: a coordinator types a batch (ballot number, IIN, the project
//! numbers marked), a different coordinator types the same batch without seeing the first
//! entry; ballots both typed alike count, a person who already voted is flagged and counted
//! once, mismatches and rows only one entry has wait until an account other than the typist of
//! a version types the row again alike (two different accounts, security review H1). IINs
//! become the keyed fingerprints accounts use; none of their digits is stored.

use super::ballots::{admitted, Cycle, Obstacle, Proposal, Territory};
use crate::{Actor, App, Error, Result};
use domain::pb::paper::{self as rules, BallotLine, BatchLabel, LineError, PaperRules};
use domain::pb::Stage;
use domain::Action;
use store::pb::paper::BatchEntry;
use uuid::Uuid;

pub use store::pb::paper::{Batch, Line, LineStatus, PaperFlag, PaperRow, Summary, Typed};

fn paper_rules(cy: &Cycle, proposals: &[Proposal]) -> PaperRules {
    PaperRules {
        ballot: cy.ballot,
        costs: proposals.iter().map(|p| p.cost).collect(),
        envelope: cy.envelope.total(None),
        min_age: cy.eligibility.min_age,
        last_voting_day: cy.schedule.voting_end,
    }
}

fn row(app: &App, l: &BallotLine) -> PaperRow {
    PaperRow {
        ballot_no: l.ballot_no.clone(),
        person_hash: app.keys.iin.fingerprint(&l.iin),
        choices: l.choices.clone(),
    }
}

/// Whether paper ballots may be typed in today. Ballots are cast on paper inside the voting
/// dates, so nothing is typed before the first voting day; they come in from the villages after
/// the last one too, so entry stays open while the cycle is at voting, until the result is
/// published (decisions §12; the publication closes entry in its own transaction, see
/// `store::pb::move_stage`). Security review L6.
fn entry_open(app: &App, cy: &Cycle) -> Result<(), Obstacle> {
    if cy.stage != Stage::Voting {
        return Err(Obstacle::NotOpen);
    }
    if app.clock.today() < cy.schedule.voting_start {
        return Err(Obstacle::NotOpen);
    }
    Ok(())
}

/// The villages and towns under territory `t` (where paper ballots come from).
pub async fn villages(app: &App, t: &Territory) -> Result<Vec<Territory>> {
    Ok(store::territories::subtree(&app.db, t)
        .await?
        .into_iter()
        .filter(|v| v.kind.is_settlement())
        .collect())
}

/// The batches of a cycle, newest first.
pub async fn batches(app: &App, cycle: Uuid) -> Result<Vec<Batch>> {
    Ok(store::pb::paper::batches(&app.db, cycle).await?)
}

/// One batch of a cycle; `NotFound` when it is not there or belongs to another cycle.
pub async fn batch(app: &App, cycle: Uuid, id: Uuid) -> Result<Batch> {
    store::pb::paper::batch(&app.db, id)
        .await?
        .filter(|b| b.cycle_id == cycle)
        .ok_or(Error::NotFound)
}

/// The lines of a batch. Until the second entry nothing of the first is shown: the second
/// coordinator types blind.
pub async fn lines(app: &App, batch: &Batch) -> Result<Vec<Line>> {
    if batch.compared_at.is_none() {
        return Ok(Vec::new());
    }
    Ok(store::pb::paper::lines(&app.db, batch.id).await?)
}

/// Every flagged paper ballot of a cycle, as published (results, protocol): batch and ballot
/// number only.
pub async fn flags(app: &App, cycle: Uuid) -> Result<Vec<PaperFlag>> {
    Ok(store::pb::paper::flags(&app.db, cycle).await?)
}

/// A batch as typed on the entry form.
pub struct BatchInput<'a> {
    pub label: &'a str,
    /// KATO of the village the ballots come from.
    pub village: &'a str,
    /// One ballot a line: `ballot number; IIN; choices`.
    pub rows: &'a str,
}

/// What was wrong with the typed form, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors {
    pub label: bool,
    pub village: bool,
    /// No rows at all.
    pub empty: bool,
    /// (line number, why) for each refused row.
    pub lines: Vec<(usize, LineError)>,
}

/// What became of a typed entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryOutcome {
    /// First entry stored; another coordinator must type the same batch.
    AwaitingSecond {
        batch: Uuid,
        rows: usize,
    },
    /// Compared with the first entry: agreeing ballots recorded or flagged.
    Compared {
        batch: Uuid,
        summary: Summary,
    },
    /// Voting is not open.
    Closed(Obstacle),
    Invalid(FormErrors),
    /// Two first entries of one label at once: the other one was stored first.
    Busy,
    SameCoordinator,
    /// This label was entered twice already.
    AlreadyCompared {
        label: String,
    },
    /// The second entry names another village than the first.
    OtherVillage,
}

/// Type one entry of a paper batch.
pub async fn enter_paper_batch(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    input: &BatchInput<'_>,
) -> Result<EntryOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::EnterPaperBallots, &t.path)?;
    if let Err(o) = entry_open(app, &cy) {
        return Ok(EntryOutcome::Closed(o));
    }
    let mut errors = FormErrors::default();
    let label = BatchLabel::parse_line(input.label);
    errors.label = label.is_err();
    let places = villages(app, &t).await?;
    let village = places
        .iter()
        .find(|v| v.kato.as_str() == input.village.trim());
    errors.village = village.is_none();
    let proposals = admitted(app, cy.id).await?;
    let mut rows = Vec::new();
    match rules::read_batch(input.rows, &paper_rules(&cy, &proposals)) {
        Err(list) => errors.lines = list,
        Ok(lines) if lines.is_empty() => errors.empty = true,
        Ok(lines) => rows.extend(lines.iter().map(|l| row(app, l))),
    }
    let (Ok(label), Some(village), true) = (label, village, errors == FormErrors::default()) else {
        return Ok(EntryOutcome::Invalid(errors));
    };
    let ids: Vec<Uuid> = proposals.iter().map(|p| p.id).collect();
    let entry = BatchEntry {
        cycle: cy.id,
        label: label.as_str(),
        village: village.id,
        by,
        rows: &rows,
        proposals: &ids,
    };
    use store::pb::paper::EntryOutcome as Stored;
    Ok(
        match store::pb::paper::enter(&app.db, &entry, &app.keys.ballots, app.clock.now()).await {
            Err(store::StoreError::Conflict(_)) => EntryOutcome::Busy,
            Err(e) => return Err(e.into()),
            Ok(Stored::AwaitingSecond { batch }) => {
                tracing::info!(cycle = %cy.id, rows = rows.len(), "paper batch: first entry");
                EntryOutcome::AwaitingSecond {
                    batch,
                    rows: rows.len(),
                }
            }
            Ok(Stored::Compared { batch, summary }) => {
                tracing::info!(
                    cycle = %cy.id,
                    %batch,
                    accepted = summary.accepted,
                    flagged = summary.flagged,
                    mismatched = summary.mismatched,
                    "paper batch compared",
                );
                EntryOutcome::Compared { batch, summary }
            }
            Ok(Stored::SameCoordinator) => EntryOutcome::SameCoordinator,
            Ok(Stored::AlreadyCompared { .. }) => EntryOutcome::AlreadyCompared {
                label: label.into_string(),
            },
            Ok(Stored::OtherVillage) => EntryOutcome::OtherVillage,
            Ok(Stored::Closed) => EntryOutcome::Closed(Obstacle::Closed(cy.schedule.voting_end)),
        },
    )
}

/// What became of a row typed again to settle a mismatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveOutcome {
    /// The row agreed with one entry: it became a ballot, or was flagged (the person had one).
    Settled,
    Closed(Obstacle),
    /// The typed row is not a valid ballot.
    Invalid(LineError),
    /// The row agrees with neither entry: nothing was written.
    NoMatch,
    /// The row agrees only with the version this account typed itself: a different account
    /// must type it (security review H1).
    OwnVersion,
    /// This ballot number is not waiting to be settled.
    NotPending,
}

/// Settle a mismatched ballot `ballot_no` of a batch by typing its row (`IIN; choices`) again
/// from the paper: it counts when it agrees with a version another account typed (the first
/// entry, the second, or the only one); the typist of a version cannot confirm it alone.
pub async fn resolve_paper_row(
    app: &App,
    actor: &Actor,
    cycle: Uuid,
    batch_id: Uuid,
    ballot_no: &str,
    typed: &str,
) -> Result<ResolveOutcome> {
    let (cy, t) = super::cycle(app, cycle).await?;
    let by = actor.require(Action::EnterPaperBallots, &t.path)?;
    let batch = batch(app, cy.id, batch_id).await?;
    if let Err(o) = entry_open(app, &cy) {
        return Ok(ResolveOutcome::Closed(o));
    }
    let proposals = admitted(app, cy.id).await?;
    let line = format!("{ballot_no}; {}", typed.trim());
    let checked =
        rules::parse_line(&line).and_then(|l| rules::check_line(l, &paper_rules(&cy, &proposals)));
    let typed = match checked {
        Ok(l) => row(app, &l),
        Err(e) => return Ok(ResolveOutcome::Invalid(e)),
    };
    let ids: Vec<Uuid> = proposals.iter().map(|p| p.id).collect();
    let now = app.clock.now();
    use store::pb::paper::ResolveOutcome as Stored;
    Ok(
        match store::pb::paper::resolve(&app.db, batch.id, &typed, by, &ids, &app.keys.ballots, now)
            .await?
        {
            Stored::Accepted | Stored::Flagged => {
                tracing::info!(cycle = %cy.id, batch = %batch.id, "paper ballot settled");
                ResolveOutcome::Settled
            }
            Stored::NoMatch => ResolveOutcome::NoMatch,
            Stored::OwnVersion => {
                tracing::info!(cycle = %cy.id, batch = %batch.id, "paper ballot: own version refused");
                ResolveOutcome::OwnVersion
            }
            Stored::NotPending => ResolveOutcome::NotPending,
            Stored::Closed => ResolveOutcome::Closed(Obstacle::Closed(cy.schedule.voting_end)),
        },
    )
}
