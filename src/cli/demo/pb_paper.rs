//! Paper and assisted ballots in the finished demo cycle (Zhalmankulak): one of the okrug's
//! residents votes at a participation centre (confirming with their own password, another
//! resident witnessing with the presence code of their account page), then one paper batch is
//! typed in twice by two people after voting closes; the same resident's paper ballot is
//! flagged and not counted twice.

use super::act::{refused, Demo};
use super::demo_iin;
use anyhow::Context;
use app::pb::assisted::{AssistInput, AssistOutcome, Confirm};
use app::pb::paper::{BatchInput, EntryOutcome};
use app::Actor;
use std::fmt::Write as _;
use uuid::Uuid;

/// Who is at the participation centre: the resident who votes there and the password they
/// type, and the witness (another resident of the okrug, with an account).
pub struct AtCentre<'a> {
    pub voter: &'a Actor,
    pub password: &'a str,
    pub witness: &'a Actor,
}

/// The cycle is at the voting stage. The voter at the centre lives in the okrug and has the
/// IIN of the batch's last paper ballot; `second` types the batch again after the coordinator.
pub async fn seed(
    d: &Demo,
    cycle: Uuid,
    coordinator: &Actor,
    second: &Actor,
    at: &AtCentre<'_>,
) -> anyhow::Result<()> {
    let app = &d.app;
    let proposals = app::pb::ballots::admitted(app, cycle).await?;
    // Five made-up voters (IINs no real person has: serial 9xxx, demo birth dates); each
    // paper ballot marks one project by its number on the ballot.
    let mut rows = String::new();
    let mut last = String::new();
    for (i, n) in (7..12u32).enumerate() {
        last = demo_iin(n).context("demo IIN")?;
        let _ = writeln!(rows, "{}; {last}; {}", 101 + i, [1, 2, 4, 1, 3][i]);
    }
    // The last of them votes at a participation centre three days before voting closes.
    let (cy, _) = app::pb::cycle(app, cycle).await?;
    d.on(Demo::before(cy.schedule.voting_end, 3), 11);
    let chosen: Vec<Uuid> = proposals.get(2).map(|p| p.id).into_iter().collect();
    let witness = at
        .witness
        .user
        .email
        .clone()
        .context("the witness's e-mail")?;
    let presence = app::centres::presence_code(app, at.witness.user.id).code;
    let input = AssistInput {
        iin: &last,
        chosen: &chosen,
        witness: &witness,
        witness_secret: &presence,
        confirm: Confirm::Password(at.password.to_string()),
    };
    match app::pb::assisted::assist_voter(app, coordinator, cycle, &input).await? {
        AssistOutcome::Recorded { voter: found, .. } if found.user.id == at.voter.user.id => {}
        other => return Err(refused("assisted ballot", other)),
    }
    // The paper ballots of the village come in the day after voting closed.
    d.on(Demo::after(cy.schedule.voting_end, 1), 10);
    let batch = BatchInput {
        label: "Жалманқұлақ-1",
        village: "114445200",
        rows: &rows,
    };
    let first = app::pb::paper::enter_paper_batch(app, coordinator, cycle, &batch).await?;
    if !matches!(first, EntryOutcome::AwaitingSecond { .. }) {
        return Err(refused("paper batch, first entry", first));
    }
    d.on(Demo::after(cy.schedule.voting_end, 1), 14);
    match app::pb::paper::enter_paper_batch(app, second, cycle, &batch).await? {
        EntryOutcome::Compared { summary, .. } if summary.flagged == 1 => Ok(()),
        other => Err(refused("paper batch, second entry", other)),
    }
}
