//! Builders for the page, account and PB discussion/photo tests: the demo people's own okrug
//! with a cycle in the state a test needs, made through the stage machine on a
//! [`TestApp::with_people`] app.

use super::{demo_tree, fixed_now, move_cycle, pb_cycle, TestApp};
use chrono::{Days, Duration};
use domain::money::{Mrp, Tenge};
use domain::pb::{
    BallotType, CountingRule, CycleSetup, Decision, Eligibility, Envelope, ProposalStatus,
    Schedule, Stage,
};
use domain::{Contact, Role};
use qatysu::cli::demo;
use uuid::Uuid;

impl TestApp {
    /// Like [`TestApp::with_people`], with a server `config` of the test's own.
    pub async fn with_people_config(config: web::Config) -> TestApp {
        let t = super::fresh_db().await;
        demo::seed_people(&t.app)
            .await
            .expect("seed the demo people");
        let data = t.dir.path().to_path_buf();
        let mut app = TestApp::start(t.app, t.url, &data, config).await;
        app._dir = Some(t.dir);
        app
    }

    /// The id of the demo account of `role`.
    pub async fn demo_user(&self, role: Role) -> Uuid {
        let (_, _, _, email, _) = demo::ACCOUNTS
            .iter()
            .find(|a| a.0 == role)
            .expect("demo role");
        store::accounts::credentials(&self.db, &Contact::parse(email).expect("demo contact"))
            .await
            .expect("read the account")
            .expect("a demo account")
            .0
            .id
    }
}

/// A cycle made by [`voting_cycle`].
#[derive(Debug, Clone)]
pub struct Voting {
    pub id: Uuid,
    /// The proposals on the ballot, in the order they were typed in.
    pub admitted: Vec<Uuid>,
    /// The one the council rejected.
    pub rejected: Uuid,
}

/// A cycle of the demo okrug voting now (since four days), set up by the demo coordinator:
/// five proposals admitted and a sixth rejected in review.
pub async fn voting_cycle(app: &TestApp, year: i32) -> Voting {
    let db = &app.db;
    let tree = demo_tree(db).await;
    let coordinator = app.demo_user(Role::Coordinator).await;
    // In review 25 days ago, so that voting (day 56 to 70 of the schedule) is open today.
    let then = app.clock.now() - Duration::days(25);
    let cycle = pb_cycle(db, &tree, coordinator, year, Stage::Review, 6, then).await;
    let pids: Vec<Uuid> = store::pb::proposals::of_cycle(db, cycle.id)
        .await
        .expect("proposals")
        .into_iter()
        .map(|p| p.id)
        .collect();
    for (n, pid) in pids.iter().enumerate() {
        let (decision, reason) = match n {
            5 => (Decision::Reject, Some("Жер телімі жеке меншікте.")),
            _ => (Decision::Admit, None),
        };
        store::pb::review::decide(db, *pid, decision, reason, None, coordinator, fixed_now())
            .await
            .expect("decide");
    }
    let schedule = store::pb::get(db, cycle.id)
        .await
        .expect("read")
        .expect("cycle")
        .schedule;
    let discussion = schedule.review_end + Days::new(1);
    move_cycle(
        db,
        cycle.id,
        Stage::Review,
        Stage::Discussion,
        coordinator,
        discussion,
    )
    .await;
    let voting = schedule.voting_start;
    move_cycle(
        db,
        cycle.id,
        Stage::Discussion,
        Stage::Voting,
        coordinator,
        voting,
    )
    .await;
    assert!(
        (schedule.voting_start..=schedule.voting_end).contains(&app.clock.today()),
        "voting is open today"
    );
    let id = cycle.id;
    let status = |s| async move {
        store::pb::proposals::of_cycle(db, id)
            .await
            .expect("proposals")
            .into_iter()
            .filter(|p| p.status == s)
            .map(|p| p.id)
            .collect::<Vec<_>>()
    };
    let admitted = status(ProposalStatus::Admitted).await;
    let rejected = status(ProposalStatus::Rejected).await;
    assert_eq!((admitted.len(), rejected.len()), (5, 1));
    Voting {
        id,
        admitted,
        rejected: rejected[0],
    }
}

/// A cycle of the demo okrug collecting proposals since yesterday (revision enabled), set up
/// by the demo coordinator; each resident may propose up to `per_author`.
pub async fn collecting_cycle(app: &TestApp, year: i32, per_author: i64) -> Uuid {
    let db = &app.db;
    let tree = demo_tree(db).await;
    let coordinator = app.demo_user(Role::Coordinator).await;
    let today = app.clock.today();
    let day = |n: u64| today + Days::new(n);
    let start = today - Days::new(1);
    let mrp = Mrp::in_force(&store::pb::mrp_table(db).await.expect("MRP table"), start)
        .expect("an MRP in force (the migrations carry the table)");
    let new = store::pb::NewCycle {
        territory_id: tree.okrug.id,
        setup: CycleSetup {
            year,
            envelope: Envelope {
                housing_spending: Tenge::from_tenge(200_000_000),
                share_bp: 1000,
                cofinancing: vec![],
            },
            mrp: mrp.value,
            cap_mrp: 1500,
            ballot: BallotType::UpTo(3),
            rule: CountingRule::Greedy,
            eligibility: Eligibility::default(),
            max_proposals_per_author: per_author,
            revision_enabled: true,
            votes_visible: true,
            changes_allowed: false,
            schedule: Schedule {
                collection_start: start,
                collection_end: day(30),
                review_end: day(45),
                discussion_end: day(55),
                voting_start: day(56),
                voting_end: day(70),
            },
        },
    };
    store::pb::create(db, &new, coordinator, app.clock.now())
        .await
        .expect("store")
        .expect("no cycle of the okrug in this year yet")
}
