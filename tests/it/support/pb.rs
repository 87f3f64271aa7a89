//! Builders for the PB tests on a [`TestApp::with_people`] app: cycles of the demo okrug
//! (Alakol, where every demo account lives) with the demo cycle's money and rules, and the
//! clock moves that open and close their voting. Dates follow the app's clock.

use super::{move_cycle, proposal, TestApp};
use chrono::{Days, Duration, NaiveDate};
use domain::money::{Mrp, Tenge};
use domain::pb::{
    BallotType, CapRules, CoFinancing, CoFinancingSource, CountingRule, Decision, Eligibility,
    Envelope, Schedule, Stage,
};
use domain::time::{kz_day_end, kz_day_start};
use domain::{Contact, Kato, Role, TerritoryKind};
use qatysu::cli::demo;
use store::territories::Territory;
use store::Db;
use uuid::Uuid;

/// How a builder-made cycle of the demo okrug is set up. `Default` is the demo cycle's:
/// one vote, greedy count, live counts shown, no changing a ballot, three proposals an
/// author, a revision stage; for 2035 (the demo's own cycles are for other years).
#[derive(Debug, Clone)]
pub struct Rules {
    pub year: i32,
    pub ballot: BallotType,
    pub changes_allowed: bool,
    pub votes_visible: bool,
    pub max_proposals_per_author: i64,
    pub revision_enabled: bool,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            year: 2035,
            ballot: BallotType::OneVote,
            changes_allowed: false,
            votes_visible: true,
            max_proposals_per_author: 3,
            revision_enabled: true,
        }
    }
}

/// The account id of the demo account of `role` (made by [`TestApp::with_people`]).
pub async fn demo_account(db: &Db, role: Role) -> Uuid {
    let (_, _, _, email, _) = demo::ACCOUNTS
        .iter()
        .find(|a| a.0 == role)
        .expect("a demo role");
    store::accounts::credentials(db, &Contact::parse(email).expect("demo contact"))
        .await
        .expect("read the account")
        .expect("the demo account")
        .0
        .id
}

/// A demo territory by its KATO code.
pub async fn demo_territory(db: &Db, kato: &str) -> Territory {
    store::territories::by_kato(db, &Kato::parse(kato).expect("KATO"))
        .await
        .expect("read territory")
        .expect("a demo territory")
}

/// The demo envelope: 10% of 186 000 000 ₸, a district subvention and an oblast one paid
/// only at 20% turnout.
fn demo_envelope() -> Envelope {
    Envelope {
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
    }
}

/// The dates of a cycle that collects proposals on `day0`: from the day before for 31 days,
/// review to day 45, discussion to day 55, voting on days 56–70.
fn schedule(day0: NaiveDate) -> Schedule {
    let day = |n: u64| day0 + Days::new(n);
    Schedule {
        collection_start: day0 - Days::new(1),
        collection_end: day(30),
        review_end: day(45),
        discussion_end: day(55),
        voting_start: day(56),
        voting_end: day(70),
    }
}

async fn create(app: &TestApp, rules: &Rules, schedule: Schedule) -> Uuid {
    let db = &app.db;
    let okrug = demo_territory(db, demo::pb::DEMO_OKRUG).await;
    let mrp = Mrp::in_force(
        &store::pb::mrp_table(db).await.expect("MRP table"),
        schedule.collection_start,
    )
    .expect("an MRP in force (the migrations carry the table)");
    let new = store::pb::NewCycle {
        territory_id: okrug.id,
        setup: domain::pb::CycleSetup {
            year: rules.year,
            envelope: demo_envelope(),
            mrp: mrp.value,
            cap_mrp: CapRules::default()
                .cap_mrp(TerritoryKind::RuralOkrug, Some(TerritoryKind::District)),
            ballot: rules.ballot,
            rule: CountingRule::Greedy,
            eligibility: Eligibility::default(),
            max_proposals_per_author: rules.max_proposals_per_author,
            revision_enabled: rules.revision_enabled,
            votes_visible: rules.votes_visible,
            changes_allowed: rules.changes_allowed,
            schedule,
        },
    };
    let coordinator = demo_account(db, Role::Coordinator).await;
    store::pb::create(db, &new, coordinator, app.clock.now())
        .await
        .expect("store")
        .expect("no cycle of the demo okrug for this year yet")
}

/// A cycle of the demo okrug under `rules`, collecting proposals today (since yesterday),
/// voting on days 56–70 from today; no proposals yet.
pub async fn collecting(app: &TestApp, rules: &Rules) -> Uuid {
    create(app, rules, schedule(app.clock.today())).await
}

/// A cycle of the demo okrug under `rules`, voting today (since two days ago, for twelve days
/// more, like the demo's), with one admitted 2 000 000 ₸ paper proposal in the demo village
/// per title; the ids are in ballot order (number `n` on a paper ballot is `ids[n - 1]`).
pub async fn voting(app: &TestApp, rules: &Rules, titles: &[&str]) -> (Uuid, Vec<Uuid>) {
    let db = &app.db;
    let s = schedule(app.clock.today() - Days::new(58));
    let id = create(app, rules, s).await;
    let coordinator = demo_account(db, Role::Coordinator).await;
    let village = demo_territory(db, demo::DEMO_VILLAGE).await;
    let mut ids = Vec::with_capacity(titles.len());
    for title in titles {
        ids.push(proposal(db, id, &village, coordinator, title).await);
    }
    // Each move is checked on the day it would have happened.
    let next = |d: NaiveDate| d + Days::new(1);
    move_cycle(
        db,
        id,
        Stage::Collection,
        Stage::Review,
        coordinator,
        next(s.collection_end),
    )
    .await;
    for pid in &ids {
        store::pb::review::decide(
            db,
            *pid,
            Decision::Admit,
            None,
            None,
            coordinator,
            app.clock.now(),
        )
        .await
        .expect("admit");
    }
    move_cycle(
        db,
        id,
        Stage::Review,
        Stage::Discussion,
        coordinator,
        next(s.review_end),
    )
    .await;
    move_cycle(
        db,
        id,
        Stage::Discussion,
        Stage::Voting,
        coordinator,
        s.voting_start,
    )
    .await;
    (id, ids)
}

async fn schedule_of(app: &TestApp, cycle: Uuid) -> Schedule {
    store::pb::get(&app.db, cycle)
        .await
        .expect("read the cycle")
        .expect("the cycle")
        .schedule
}

/// The server's clock at 10:00 in Kazakhstan on the first voting day of `cycle`.
pub async fn open_voting(app: &TestApp, cycle: Uuid) {
    let start = schedule_of(app, cycle).await.voting_start;
    app.clock.set(kz_day_start(start) + Duration::hours(10));
}

/// The server's clock a minute after the last voting day of `cycle` ended in Kazakhstan.
pub async fn close_voting(app: &TestApp, cycle: Uuid) {
    let end = schedule_of(app, cycle).await.voting_end;
    app.clock.set(kz_day_end(end) + Duration::minutes(1));
}

/// The coordinator publishes the results with the cycle page's stage form (voting closed).
pub async fn publish_results(coordinator: &super::Client, cycle: Uuid) {
    let token = coordinator.get(&format!("/pb/{cycle}")).await.csrf();
    let res = coordinator
        .post(
            &format!("/pb/{cycle}/stage"),
            &[("csrf", &token), ("to", "results")],
        )
        .await;
    assert_eq!(
        res.status,
        reqwest::StatusCode::SEE_OTHER,
        "results not published: {}",
        res.body
    );
}
