//! Paper and assisted ballots in the finished demo cycle (Zhalmankulak): one paper batch typed
//! in twice by two coordinators, with one voter who had already voted at a participation
//! centre: their paper ballot is flagged and not counted twice. The result is then published
//! again from all the stored ballots.

use super::demo_iin;
use super::pb::FINISHED_OKRUG;
use anyhow::Context;
use app::App;
use domain::pb::Channel;
use domain::{Contact, Iin, Kato};
use store::pb::ballots::{self, NewBallot};
use store::pb::paper::{self, BatchEntry, EntryOutcome, PaperRow};
use store::Db;
use uuid::Uuid;

async fn user(db: &Db, email: &str) -> anyhow::Result<Uuid> {
    let (u, _) = store::accounts::credentials(db, &Contact::parse(email)?)
        .await?
        .context("demo account")?;
    Ok(u.id)
}

pub async fn seed(app: &App) -> anyhow::Result<()> {
    let db = &app.db;
    let key = &app.keys.iin;
    let now = app.clock.now();
    let okrug = store::territories::by_kato(db, &Kato::parse(FINISHED_OKRUG)?)
        .await?
        .context("demo okrug")?;
    let village = store::territories::by_kato(db, &Kato::parse("114445200")?)
        .await?
        .context("demo village")?;
    let cycle = store::pb::list(db, Some(&okrug.path_prefix()))
        .await?
        .into_iter()
        .find(|c| c.territory_id == okrug.id)
        .context("the finished demo cycle")?;
    let proposals: Vec<Uuid> = store::pb::proposals::of_cycle(db, cycle.id)
        .await?
        .into_iter()
        .filter(|p| p.status == domain::pb::ProposalStatus::Admitted)
        .map(|p| p.id)
        .collect();
    let first = user(db, "coordinator@demo.qatysu.kz").await?;
    let second = user(db, "admin@demo.qatysu.kz").await?;
    // Five made-up voters (IINs no real person has: serial 9xxx, demo birth dates).
    let mut rows = Vec::new();
    for (i, n) in (7..12u32).enumerate() {
        let iin = Iin::parse(&demo_iin(n).context("demo IIN")?)?;
        rows.push(PaperRow {
            ballot_no: format!("{}", 101 + i),
            person_hash: key.fingerprint(&iin),
            iin_last4: iin.last_four(),
            choices: vec![[1, 2, 4, 1, 3][i]],
        });
    }
    // The last of them voted at a participation centre before the paper batch was typed.
    let assisted = rows.last().context("rows")?;
    ballots::cast_many(
        db,
        &[NewBallot {
            cycle_id: cycle.id,
            person_hash: assisted.person_hash.clone(),
            voter_id: None,
            channel: Channel::Assisted,
            entered_by: Some(first),
            choices: proposals.get(2).copied().into_iter().collect(),
            receipt: "DEMOZASSIST".into(),
        }],
        now,
    )
    .await?;
    for by in [first, second] {
        let entry = BatchEntry {
            cycle: cycle.id,
            label: "Жалманқұлақ-1",
            village: village.id,
            by,
            rows: &rows,
            proposals: &proposals,
        };
        let outcome = paper::enter(db, &entry, now).await?;
        if by == second && !matches!(outcome, EntryOutcome::Compared { .. }) {
            anyhow::bail!("demo paper batch not compared: {outcome:?}");
        }
    }
    app::pb::results::publish_results(app, &cycle).await?;
    Ok(())
}
