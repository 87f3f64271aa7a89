//! Demo budget cycles: the Alakol rural okrug collecting proposals for next year.

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use domain::money::{Mrp, Tenge};
use domain::pb::{
    BallotType, CapRules, CoFinancing, CoFinancingSource, CountingRule, Eligibility, Envelope,
    Schedule,
};
use domain::{Contact, Kato, TerritoryKind};
use store::pb::NewCycle;
use store::Db;

/// The okrug of the demo accounts.
pub const DEMO_OKRUG: &str = "114435000";

pub async fn seed(db: &Db, today: NaiveDate) -> anyhow::Result<()> {
    let okrug = store::territories::by_kato(db, &Kato::parse(DEMO_OKRUG)?)
        .await?
        .context("demo okrug")?;
    let coordinator = Contact::parse("coordinator@demo.qatysu.kz")?;
    let (by, _) = store::accounts::credentials(db, &coordinator)
        .await?
        .context("demo coordinator")?;
    // Collection is open today, so residents can try the next steps as they arrive.
    let schedule = Schedule {
        collection_start: today.pred_opt().unwrap_or(today),
        collection_end: today + chrono::Days::new(30),
        review_end: today + chrono::Days::new(45),
        discussion_end: today + chrono::Days::new(55),
        voting_start: today + chrono::Days::new(56),
        voting_end: today + chrono::Days::new(70),
    };
    let mrp_table = store::pb::mrp_table(db).await?;
    let mrp = Mrp::in_force(&mrp_table, schedule.collection_start).context("no MRP for today")?;
    let cycle = NewCycle {
        territory_id: okrug.id,
        year: today.year() + 1,
        envelope: Envelope {
            housing_spending: Tenge::from_tenge(186_000_000),
            share_bp: 1000,
            cofinancing: vec![
                CoFinancing {
                    source: CoFinancingSource::DistrictSubvention,
                    amount: Tenge::from_tenge(5_000_000),
                    min_turnout_bp: None,
                },
                CoFinancing {
                    source: CoFinancingSource::OblastSubvention,
                    amount: Tenge::from_tenge(7_500_000),
                    min_turnout_bp: Some(2000),
                },
            ],
        },
        mrp: mrp.value,
        cap_mrp: CapRules::default()
            .cap_mrp(TerritoryKind::RuralOkrug, Some(TerritoryKind::District)),
        ballot: BallotType::OneVote,
        rule: CountingRule::Greedy,
        eligibility: Eligibility::default(),
        max_proposals_per_author: 3,
        revision_enabled: true,
        votes_visible: true,
        changes_allowed: false,
        schedule,
    };
    store::pb::create(db, &cycle, by.id)
        .await?
        .map_err(|_| anyhow::anyhow!("the demo cycle exists already"))?;
    Ok(())
}
