//! Issue 12, security review L5: a secret ballot. Who voted (one ballot per person, the
//! receipt) lives apart from what they chose, so the database alone cannot say how a named
//! person voted, and the published `.pb` file lists ballots in a canonical order, not in the
//! order they were cast.

use crate::support::pb::Rules;
use crate::support::pb::{close_voting, demo_account, demo_territory, publish_results, voting};
use crate::support::{ballot_seal, resident, Person, TestApp};
use domain::pb::{BallotType, Channel};
use domain::{Level, Role};
use qatysu::cli::demo;
use reqwest::StatusCode;
use std::collections::BTreeSet;
use store::pb::ballots::NewBallot;
use store::Db;
use uuid::Uuid;

const OTHER_VILLAGE: &str = "114435100";

/// The columns of `table`, on whichever engine.
async fn columns(db: &Db, table: &str) -> BTreeSet<String> {
    let names: Vec<String> = match db {
        Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
                .bind(table)
                .fetch_all(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_scalar(
                "SELECT column_name::text FROM information_schema.columns \
            WHERE table_schema = 'public' AND table_name = $1",
            )
            .bind(table)
            .fetch_all(p)
            .await
        }
    }
    .expect("columns");
    names.into_iter().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Residents of the demo okrug's two villages, alternately.
async fn residents(app: &TestApp, n: usize) -> Vec<Person> {
    let villages = [
        demo_territory(&app.db, OTHER_VILLAGE).await,
        demo_territory(&app.db, demo::DEMO_VILLAGE).await,
    ];
    let mut people = Vec::with_capacity(n);
    for i in 0..n {
        people.push(resident(&app.db, &villages[i % 2], Level::InPerson).await);
    }
    people
}

fn online(cycle: Uuid, p: &Person, choices: &[Uuid], receipt: String) -> NewBallot {
    NewBallot {
        cycle_id: cycle,
        person_hash: p.person_hash.clone(),
        voter_id: Some(p.id),
        channel: Channel::Web,
        entered_by: None,
        choices: choices.to_vec(),
        receipt,
    }
}

/// Security review L5: `pb_ballots.voter_id` linked each account to its choices. Now, after
/// votes (online through the site, and more), the table of ballots has no column that names a
/// person — its columns are among id, cycle, village, channel and receipt — and the voter
/// table holds no ballot id and no receipt in the clear: no column of it joins a ballot, and
/// its sealed link shows neither. The voter still finds their receipt (through the sealed
/// link), and their ballot carries the village they lived in when they voted.
#[tokio::test]
async fn a_ballot_names_no_person_and_a_voter_names_no_ballot() {
    let app = TestApp::with_people().await;
    let (id, pids) = voting(&app, &Rules::default(), &["Су құбыры", "Жарық шамдары"]).await;
    let r = app.login_as(Role::Resident).await;
    let voted = r
        .submit(
            &format!("/pb/{id}/vote"),
            &format!("/pb/{id}/vote"),
            &[("choice", &pids[0].to_string())],
        )
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.body);
    let others: Vec<NewBallot> = residents(&app, 4)
        .await
        .iter()
        .enumerate()
        .map(|(i, p)| online(id, p, &[pids[i % 2]], format!("SECRET{i:04}")))
        .collect();
    store::pb::ballots::cast_many(&app.db, &others, ballot_seal(), app.clock.now())
        .await
        .expect("cast");

    let ballot_columns = columns(&app.db, "pb_ballots").await;
    assert!(
        ballot_columns.is_subset(&set(&[
            "id",
            "cycle_id",
            "village_id",
            "channel",
            "receipt"
        ])),
        "a ballot names no person: {ballot_columns:?}"
    );
    assert_eq!(
        columns(&app.db, "pb_voters").await,
        set(&[
            "cycle_id",
            "person_hash",
            "voter_id",
            "channel",
            "cast_at",
            "entered_by",
            "witness",
            "witness_id",
            "confirmation",
            "confirmed_by",
            "sealed",
            "ballot_id_unsealed",
        ]),
        "no ballot id beside the sealed link (and the migration's, emptied at start)"
    );
    for column in [
        "voter_id",
        "entered_by",
        "witness_id",
        "confirmed_by",
        "ballot_id_unsealed",
    ] {
        let sql = format!(
            "SELECT COUNT(*) FROM pb_voters v JOIN pb_ballots b ON b.id = v.{column} \
            WHERE v.cycle_id = $1"
        );
        let joined: i64 = match &app.db {
            Db::Sqlite(p) => sqlx::query_scalar(&sql).bind(id).fetch_one(p).await,
            Db::Postgres(p) => sqlx::query_scalar(&sql).bind(id).fetch_one(p).await,
        }
        .expect("join");
        assert_eq!(joined, 0, "pb_voters.{column} joins no ballot");
    }
    let sealed: Vec<Vec<u8>> = match &app.db {
        Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT sealed FROM pb_voters WHERE cycle_id = $1")
                .bind(id)
                .fetch_all(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_scalar("SELECT sealed FROM pb_voters WHERE cycle_id = $1")
                .bind(id)
                .fetch_all(p)
                .await
        }
    }
    .expect("sealed links");
    let ballots: Vec<(Uuid, String, Option<Uuid>)> = match &app.db {
        Db::Sqlite(p) => {
            sqlx::query_as("SELECT id, receipt, village_id FROM pb_ballots WHERE cycle_id = $1")
                .bind(id)
                .fetch_all(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_as("SELECT id, receipt, village_id FROM pb_ballots WHERE cycle_id = $1")
                .bind(id)
                .fetch_all(p)
                .await
        }
    }
    .expect("ballots");
    assert_eq!((sealed.len(), ballots.len()), (5, 5));
    let holds = |s: &[u8], part: &[u8]| s.windows(part.len()).any(|w| w == part);
    for s in &sealed {
        for (ballot, receipt, _) in &ballots {
            assert!(
                !holds(s, ballot.as_bytes()) && !holds(s, receipt.as_bytes()),
                "a sealed link shows no ballot id or receipt"
            );
        }
    }
    for (ballot, _, _) in &ballots {
        assert_eq!(ballot.get_version_num(), 4, "a ballot id tells no time");
    }

    // The resident finds their receipt again, and it proves their one-choice online ballot
    // of the village they live in.
    let user = demo_account(&app.db, Role::Resident).await;
    let person = store::accounts::person_hash(&app.db, user)
        .await
        .expect("person");
    let receipt = store::pb::ballots::receipt_of(&app.db, ballot_seal(), id, &person)
        .await
        .expect("receipt")
        .expect("the resident voted");
    let proof = store::pb::ballots::check_receipt(&app.db, id, &receipt)
        .await
        .expect("check")
        .expect("a counted ballot");
    assert_eq!((proof.channel, proof.choices), (Channel::Web, 1));
    let home = store::accounts::by_id(&app.db, user)
        .await
        .expect("account")
        .expect("the resident")
        .residence_id;
    assert!(ballots
        .iter()
        .any(|(_, code, village)| *code == receipt && *village == Some(home)));
}

/// Security review L5: `ballots.pb` numbered voters 1..N in the order they voted, so whoever
/// knew someone's place in that order (an assisted-voting coordinator, a receipt's date) could
/// read their choices. Now it lists the ballots sorted by village, then by vote, with a
/// `village` column for recounting quota cycles: the same ballots cast in the opposite order
/// give a byte-identical file, and the published result still verifies.
#[tokio::test]
async fn the_ballots_file_is_the_same_whatever_the_order_of_casting() {
    let app = TestApp::with_people().await;
    let rules = Rules {
        ballot: BallotType::UpTo(2),
        ..Rules::default()
    };
    let (id, p) = voting(&app, &rules, &["Су құбыры", "Жарық шамдары", "Саябақ"]).await;
    let picks: [&[Uuid]; 6] = [
        &[p[2]],
        &[p[0], p[1]],
        &[p[1]],
        &[p[0]],
        &[p[1], p[2]],
        &[p[0]],
    ];
    let ballots: Vec<NewBallot> = residents(&app, picks.len())
        .await
        .iter()
        .zip(picks)
        .enumerate()
        .map(|(i, (person, chosen))| online(id, person, chosen, format!("ORDER{i:05}")))
        .collect();
    let cast = |list: Vec<NewBallot>| {
        let (db, now) = (app.db.clone(), app.clock.now());
        async move {
            // One transaction per ballot, as voters cast them.
            for b in &list {
                store::pb::ballots::cast_many(&db, std::slice::from_ref(b), ballot_seal(), now)
                    .await
                    .expect("cast");
            }
        }
    };
    cast(ballots.clone()).await;
    close_voting(&app, id).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    publish_results(&coordinator, id).await;
    let url = format!("/api/v1/cycles/{id}/ballots.pb");
    let first = coordinator.get(&url).await;
    assert_eq!(first.status, StatusCode::OK);

    // The same ballots again, cast in the opposite order.
    for sql in [
        "DELETE FROM pb_ballot_choices WHERE ballot_id IN \
        (SELECT id FROM pb_ballots WHERE cycle_id = $1)",
        "DELETE FROM pb_ballots WHERE cycle_id = $1",
        "DELETE FROM pb_voters WHERE cycle_id = $1",
    ] {
        crate::raw_sql!(&app.db, sqlx::query(sql).bind(id)).expect(sql);
    }
    cast(ballots.into_iter().rev().collect()).await;
    let second = coordinator.get(&url).await;
    assert_eq!(
        first.body, second.body,
        "the order of casting does not show"
    );

    // Sorted by village, then by vote, with the village of each voter.
    let votes: Vec<(String, String)> = first
        .body
        .lines()
        .skip_while(|l| *l != "VOTES")
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(';').collect();
            (cells[2].to_string(), cells[1].to_string())
        })
        .collect();
    assert_eq!(
        votes[0],
        ("village".into(), "vote".into()),
        "{}",
        first.body
    );
    let rows = &votes[1..];
    assert_eq!(rows.len(), 6);
    let mut sorted = rows.to_vec();
    sorted.sort();
    assert_eq!(rows, sorted.as_slice(), "{}", first.body);
    let villages: BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        villages,
        BTreeSet::from([OTHER_VILLAGE, demo::DEMO_VILLAGE]),
        "each voter's village"
    );
    let v = app::pb::results::verify_cycle(&app.app, id)
        .await
        .expect("verify")
        .expect("published");
    assert!(v.matches(), "the recount gives the published result");
}
