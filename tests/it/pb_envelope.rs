//! PB envelope split: village quotas in the count, city-district sub-envelopes and their
//! redistribution, the MRP table editor, and the protocol of results in three formats.

use crate::browser::{
    click, expect_text, fill, login_demo, logout, wait_path, within, Failure, Session, Shots,
};
use crate::support::pb::{close_voting, demo_account, publish_results};
use crate::support::{move_cycle, TestApp};
use domain::money::Tenge;
use domain::pb::{
    BallotType, Category, Channel, CountingRule, Decision, Eligibility, Envelope, Quota, Schedule,
    Stage,
};
use domain::{Contact, Kato, Role};
use reqwest::StatusCode;
use store::pb::ballots::NewBallot;
use store::pb::proposals::NewProposal;
use store::territories::Territory;
use store::Db;
use uuid::Uuid;
use web::i18n::Lang;

async fn territory(db: &Db, kato: &str) -> Territory {
    store::territories::by_kato(db, &Kato::parse(kato).expect("kato"))
        .await
        .expect("query")
        .expect("territory")
}

async fn coordinator_id(db: &Db) -> Uuid {
    demo_account(db, Role::Coordinator).await
}

/// A greedy cycle of `t` (envelope: 10% of `housing` tenge), in collection now (by the app's
/// clock) though its dates put today in voting: it moves on with [`admitted`].
async fn cycle(app: &TestApp, t: &Territory, housing: i64) -> Uuid {
    let db = &app.db;
    let today = app.clock.today();
    let day = |n: i64| today + chrono::Duration::days(n);
    let new = store::pb::NewCycle {
        territory_id: t.id,
        setup: domain::pb::CycleSetup {
            year: 2036,
            envelope: Envelope {
                housing_spending: Tenge::from_tenge(housing),
                share_bp: 1000,
                cofinancing: vec![],
            },
            mrp: Tenge::from_tenge(4325),
            cap_mrp: 25_000,
            ballot: BallotType::OneVote,
            rule: CountingRule::Greedy,
            eligibility: Eligibility::default(),
            max_proposals_per_author: 10,
            revision_enabled: false,
            votes_visible: true,
            changes_allowed: false,
            schedule: Schedule {
                collection_start: day(-30),
                collection_end: day(-20),
                review_end: day(-15),
                discussion_end: day(-10),
                voting_start: day(-9),
                voting_end: day(10),
            },
        },
    };
    store::pb::create(db, &new, coordinator_id(db).await, app.clock.now())
        .await
        .expect("store")
        .expect("created")
}

/// Admitted proposals (title, village or district, cost in tenge); the cycle ends in
/// discussion, before voting. Each stage move is checked as the cycle page does, today.
async fn admitted(app: &TestApp, cycle: Uuid, list: &[(&str, Uuid, i64)]) -> Vec<Uuid> {
    let db = &app.db;
    let by = coordinator_id(db).await;
    let mut ids = Vec::new();
    for (i, (title, village, cost)) in list.iter().enumerate() {
        let p = NewProposal {
            cycle_id: cycle,
            author_id: None,
            author_name: "Гүлжан Сәрсенова".into(),
            channel: Channel::Paper,
            paper_form_number: Some(format!("E-{i}")),
            entered_by: Some(by),
            title: title.to_string(),
            description: "Ауылға керек жұмыс, тұрғындар жиналысында талқыланды.".into(),
            category: Category::WaterAndSewerage,
            village_id: *village,
            place: "Орталық көше".into(),
            items: vec![("Жұмыс".into(), Tenge::from_tenge(*cost))],
            pledge_money: Tenge::default(),
            pledge_labour_days: 0,
        };
        ids.push(
            store::pb::proposals::create(db, &p, 10, app.clock.now())
                .await
                .expect("store")
                .expect("created"),
        );
    }
    let today = app.clock.today();
    move_cycle(db, cycle, Stage::Collection, Stage::Review, by, today).await;
    for id in &ids {
        store::pb::review::decide(db, *id, Decision::Admit, None, None, by, app.clock.now())
            .await
            .expect("admit");
    }
    move_cycle(db, cycle, Stage::Review, Stage::Discussion, by, today).await;
    ids
}

/// A resident of `village` (no login needed: they only cast a stored ballot).
async fn resident(db: &Db, village: Uuid, n: u32) -> Uuid {
    let u = store::accounts::NewUser {
        display_name: format!("Тұрғын {n}"),
        contact: Contact::parse(&format!("voter{n}@quota.test")).expect("contact"),
        password_hash: "not-a-login".into(),
        iin_hash: format!("quota-voter-{n}").into_bytes(),
        birth_date: chrono::NaiveDate::from_ymd_opt(1990, 1, 1).expect("date"),
        residence_id: village,
        level: domain::Level::SelfDeclared,
        consent_at: None,
    };
    store::accounts::create(db, &u, crate::support::fixed_now())
        .await
        .expect("store")
        .expect("created")
}

#[tokio::test]
async fn a_village_quota_funds_its_project_though_a_bigger_village_outvotes_it() {
    let app = TestApp::with_people().await;
    let okrug = territory(&app.db, "114435000").await;
    let small = territory(&app.db, "114435100").await;
    let big = territory(&app.db, "114435200").await;
    let id = cycle(&app, &okrug, 100_000_000).await;
    // Envelope 10 000 000: the big village's two projects take it all without quotas.
    let p = admitted(
        &app,
        id,
        &[
            ("Көркем: су құбыры", big.id, 6_000_000),
            ("Көркем: шамдар", big.id, 4_000_000),
            ("Полтавское: көпір", small.id, 3_000_000),
        ],
    )
    .await;

    let coordinator = app.login_as(Role::Coordinator).await;
    let form = format!("/pb/{id}/envelope");
    let field = format!("amount_{}", small.id);
    let bad = coordinator
        .submit(
            &form,
            &form,
            &[("mode", "fixed"), ("reserved", ""), (&field, "үш миллион")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("үш миллион"), "what was typed is kept");
    let over = coordinator
        .submit(&form, &form, &[("mode", "fixed"), (&field, "20 000 000")])
        .await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(over.has("20 000 000"));
    assert!(store::pb::envelope::get(&app.db, id)
        .await
        .expect("get")
        .is_none());
    let ok = coordinator
        .submit(&form, &form, &[("mode", "fixed"), (&field, "3 000 000")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(
        ok.location(),
        format!("/pb/{id}/envelope?ok=pb-envelope-saved")
    );
    let page = coordinator.get(&format!("/pb/{id}?lang=en")).await;
    assert!(page.has("Common remainder"), "{}", page.body);
    // A resident cannot change the split.
    let resident_client = app.login_as(Role::Resident).await;
    let refused = resident_client
        .submit(&form, &form, &[("mode", "none")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Voting: 4 + 3 residents of the big village, 2 of the small one.
    let by = coordinator_id(&app.db).await;
    let today = app.clock.today();
    move_cycle(&app.db, id, Stage::Discussion, Stage::Voting, by, today).await;
    let mut list = Vec::new();
    for n in 0..9u32 {
        let (village, choice) = match n {
            0..=3 => (big.id, p[0]),
            4..=6 => (big.id, p[1]),
            _ => (small.id, p[2]),
        };
        list.push(NewBallot {
            cycle_id: id,
            person_hash: format!("quota-person-{n}").into_bytes(),
            voter_id: Some(resident(&app.db, village, n).await),
            channel: if n % 2 == 0 {
                Channel::Web
            } else {
                Channel::Paper
            },
            entered_by: None,
            choices: vec![choice],
            receipt: format!("QUOTA{n:04}"),
        });
    }
    store::pb::ballots::cast_many(
        &app.db,
        &list,
        crate::support::ballot_seal(),
        app.clock.now(),
    )
    .await
    .expect("cast");
    // The split is fixed once voting has started.
    let locked = coordinator.submit(&form, &form, &[("mode", "none")]).await;
    assert_eq!(locked.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Voting ends: the server's clock passes the end of its last day in Kazakhstan.
    close_voting(&app, id).await;
    publish_results(&coordinator, id).await;

    let api: serde_json::Value = serde_json::from_str(
        &coordinator
            .get(&format!("/api/v1/cycles/{id}/results"))
            .await
            .body,
    )
    .expect("json");
    let selected: Vec<String> = api["selected"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    // The small village's bridge first (its quota), then the most-voted project that fits.
    assert_eq!(selected, [p[2].to_string(), p[0].to_string()]);
    assert_eq!(api["projects"].as_array().map(Vec::len), Some(3));

    let v = app::pb::results::verify_cycle(&app.app, id)
        .await
        .expect("verify")
        .expect("published");
    assert!(
        v.matches(),
        "the recount with quotas matches the published result"
    );

    let results = coordinator.get(&format!("/pb/{id}/results?lang=en")).await;
    assert!(results.has("How quotas are counted"), "{}", results.body);
    assert!(results.has(&format!("/pb/{id}/protocol.pdf")));

    // The protocol in three formats.
    let html = coordinator.get(&format!("/pb/{id}/protocol?lang=en")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.has("Flagged paper ballots") && html.has("none"));
    assert!(html.has("Common remainder") && html.has(&small.name_kk));
    let csv_page = coordinator
        .get(&format!("/pb/{id}/protocol.csv?lang=en"))
        .await;
    assert_eq!(csv_page.status, StatusCode::OK);
    assert!(csv_page
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv")));
    let mut reader = csv::Reader::from_reader(csv_page.body.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(&headers[0], "section");
    assert_eq!(&headers[5], "cost_kzt");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let projects: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "project").collect();
    assert_eq!(projects.len(), 3);
    let bridge = projects
        .iter()
        .find(|r| r[1].contains("көпір"))
        .expect("the bridge");
    assert_eq!(&bridge[5], "3000000", "amounts in tenge");
    assert_eq!(&bridge[6], "yes");
    assert_eq!(&bridge[7], small.name_kk);
    assert!(rows.iter().any(|r| &r[0] == "flagged" && &r[1] == "none"));
    assert!(rows.iter().any(|r| &r[0] == "left" && &r[2] == "1000000"));
    // The PDF is binary: fetched as bytes (the protocol is public).
    let pdf = reqwest::get(format!("http://{}/pb/{id}/protocol.pdf?lang=ru", app.addr))
        .await
        .expect("GET pdf");
    assert_eq!(pdf.status(), StatusCode::OK);
    let bytes = pdf.bytes().await.expect("pdf bytes");
    assert!(bytes.starts_with(b"%PDF"));
}

const CITY_CSV: &str = "kato,kato_version,level,type_code,name_ru,name_kk,population\n\
750000000,NK RK 11-2025,oblast,0,г.Алматы,Алматы қаласы,\n\
751100000,NK RK 11-2025,district,2,Алатауский район,Алатау ауданы,300000\n\
751300000,NK RK 11-2025,district,2,Бостандыкский район,Бостандық ауданы,300000\n\
751500000,NK RK 11-2025,district,2,Медеуский район,Медеу ауданы,400000\n";

#[tokio::test]
async fn city_districts_get_sub_envelopes_and_redistribute_the_surplus() {
    let app = TestApp::with_people().await;
    let rows = qatysu::cli::import::parse_territories(CITY_CSV).expect("csv");
    store::territories::upsert_all(&app.db, &rows, |_| {})
        .await
        .expect("import");
    let city = territory(&app.db, "750000000").await;
    let [alatau, bostandyk, medeu] = [
        territory(&app.db, "751100000").await,
        territory(&app.db, "751300000").await,
        territory(&app.db, "751500000").await,
    ];
    // 100 000 000 split 30 / 30 / 40 by population.
    let id = cycle(&app, &city, 1_000_000_000).await;
    let p = admitted(
        &app,
        id,
        &[
            ("Алатау: саябақ", alatau.id, 10_000_000),
            ("Бостандық: аула", bostandyk.id, 25_000_000),
            ("Бостандық: жол", bostandyk.id, 20_000_000),
            ("Медеу: алаң", medeu.id, 30_000_000),
            ("Медеу: көше", medeu.id, 30_000_000),
        ],
    )
    .await;
    let admin = app.login_as(Role::Admin).await;
    let form = format!("/pb/{id}/envelope");
    let page = admin.get(&format!("{form}?lang=en")).await;
    assert!(page.has("district sub-envelopes"), "{}", page.body);
    let bad = admin
        .submit(&form, &form, &[("mode", "population"), ("reserved", "120")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("120"));
    let ok = admin
        .submit(&form, &form, &[("mode", "population"), ("reserved", "100")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

    let table = admin.get(&format!("/pb/{id}/redistribution?lang=en")).await;
    assert_eq!(table.status, StatusCode::OK);
    assert!(table.has("Unmet demand") && table.has("Apply the redistribution"));
    // A resident sees the table but cannot apply it.
    let resident_client = app.login_as(Role::Resident).await;
    let seen = resident_client
        .get(&format!("/pb/{id}/redistribution"))
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    let token = resident_client.get("/pb").await.csrf_or_empty();
    let refused = resident_client
        .post(&format!("/pb/{id}/redistribution"), &[("csrf", &token)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let applied = admin
        .submit(
            &format!("/pb/{id}/redistribution"),
            &format!("/pb/{id}/redistribution"),
            &[],
        )
        .await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.body);
    let split = store::pb::envelope::get(&app.db, id)
        .await
        .expect("get")
        .expect("split");
    let after: Vec<i64> = split
        .subs
        .iter()
        .map(|s| match &s.quota {
            Quota::Fixed { amount, .. } => amount.tiyn() / 100,
            Quota::Share { .. } => -1,
        })
        .collect();
    // Alatau's 20 000 000 surplus goes 15 : 20 to Bostandyk and Medeu, whole tenge.
    assert_eq!(after, [10_000_000, 38_571_429, 51_428_571]);
    assert_eq!(after.iter().sum::<i64>(), 100_000_000);
    let history = store::pb::envelope::events(&app.db, id)
        .await
        .expect("events");
    assert!(history.iter().any(|e| e.event == "redistributed"));
    let envelope_page = admin.get(&format!("{form}?lang=en")).await;
    assert!(envelope_page.has("surplus redistributed between districts"));

    // Voting: each district counted within its sub-envelope, then the remainder.
    let by = coordinator_id(&app.db).await;
    let today = app.clock.today();
    move_cycle(&app.db, id, Stage::Discussion, Stage::Voting, by, today).await;
    let votes = [
        (alatau.id, p[0]),
        (bostandyk.id, p[1]),
        (bostandyk.id, p[1]),
        (bostandyk.id, p[1]),
        (bostandyk.id, p[2]),
        (bostandyk.id, p[2]),
        (medeu.id, p[3]),
        (medeu.id, p[3]),
        (medeu.id, p[3]),
        (medeu.id, p[4]),
    ];
    let mut list = Vec::new();
    for (n, (district, choice)) in votes.iter().enumerate() {
        let n = n as u32;
        list.push(NewBallot {
            cycle_id: id,
            person_hash: format!("district-person-{n}").into_bytes(),
            voter_id: Some(resident(&app.db, *district, n).await),
            channel: Channel::Web,
            entered_by: None,
            choices: vec![*choice],
            receipt: format!("DIST{n:04}"),
        });
    }
    store::pb::ballots::cast_many(
        &app.db,
        &list,
        crate::support::ballot_seal(),
        app.clock.now(),
    )
    .await
    .expect("cast");
    // Voting ends; the administrator publishes the count from the cycle page.
    close_voting(&app, id).await;
    publish_results(&admin, id).await;
    // Districts first (park, yard, square: the road and the street do not fit what is left
    // of their districts), then the 35 000 000 remainder buys the road.
    let published = store::pb::ballots::published(&app.db, id)
        .await
        .expect("published")
        .expect("a result");
    assert_eq!(published.selected, [p[0], p[1], p[3], p[2]]);
    let v = app::pb::results::verify_cycle(&app.app, id)
        .await
        .expect("verify")
        .expect("published");
    assert!(v.matches());
    let protocol = admin.get(&format!("/pb/{id}/protocol?lang=en")).await;
    assert_eq!(protocol.status, StatusCode::OK);
    assert!(protocol.has(&medeu.name_kk) && protocol.has("Common remainder"));
}

#[tokio::test]
async fn the_mrp_table_is_edited_by_an_admin_only() {
    let app = TestApp::with_people().await;
    let coordinator = app.login_as(Role::Coordinator).await;
    assert_eq!(
        coordinator.get("/pb/mrp").await.status,
        StatusCode::FORBIDDEN
    );
    let token = coordinator.get("/pb").await.csrf_or_empty();
    let refused = coordinator
        .post(
            "/pb/mrp",
            &[
                ("csrf", &token),
                ("valid_from", "2027-01-01"),
                ("year", "2027"),
                ("value", "4 600"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let admin = app.login_as(Role::Admin).await;
    let page = admin.get("/pb/mrp?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("MRP table"));
    let bad = admin
        .submit(
            "/pb/mrp",
            "/pb/mrp",
            &[
                ("valid_from", "2027-13-01"),
                ("year", "2027"),
                ("value", "көп"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("2027-13-01") && bad.has("көп"), "typed values kept");
    let ok = admin
        .submit(
            "/pb/mrp",
            "/pb/mrp",
            &[
                ("valid_from", "2027-01-01"),
                ("year", "2027"),
                ("value", "4 600"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let again = admin
        .submit(
            "/pb/mrp",
            "/pb/mrp",
            &[
                ("valid_from", "2027-01-01"),
                ("year", "2027"),
                ("value", "4 700"),
            ],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "one row per date"
    );

    // Correcting a value: cycles keep the MRP they were created with.
    let okrug = territory(&app.db, "114435000").await;
    let id = cycle(&app, &okrug, 100_000_000).await;
    let before = store::pb::get(&app.db, id)
        .await
        .expect("get")
        .expect("cycle")
        .mrp;
    let row = store::pb::mrp_table(&app.db)
        .await
        .expect("table")
        .into_iter()
        .find(|m| m.value == before)
        .expect("the cycle's row");
    let date = row.valid_from.format("%Y-%m-%d").to_string();
    let wrong = admin
        .submit(
            "/pb/mrp",
            "/pb/mrp/correct",
            &[("valid_from", &date), ("value", "x1")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.has("value=\"x1\""), "typed value kept");
    let fixed = admin
        .submit(
            "/pb/mrp",
            "/pb/mrp/correct",
            &[("valid_from", &date), ("value", "9 999")],
        )
        .await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER);
    let table = store::pb::mrp_table(&app.db).await.expect("table");
    assert!(table
        .iter()
        .any(|m| m.valid_from == row.valid_from && m.value == Tenge::from_tenge(9_999)));
    assert!(table
        .iter()
        .any(|m| m.year == 2027 && m.value == Tenge::from_tenge(4_600)));
    let kept = store::pb::get(&app.db, id)
        .await
        .expect("get")
        .expect("cycle");
    assert_eq!(kept.mrp, before);
}

/// In a browser (ignored unless run with `-- --ignored`): the coordinator sets village quotas
/// by population from the cycle page, then the administrator corrects an MRP value.
/// The coordinator reserves village quotas by population; the administrator corrects an MRP.
async fn envelope_flow(
    c: &fantoccini::Client,
    base: &str,
    id: Uuid,
    shots: &mut Shots,
) -> Result<(), Failure> {
    let kk = Lang::Kk;
    c.set_window_size(412, 900).await?;
    login_demo(c, base, "coordinator").await?;
    c.goto(&format!("{base}/pb/{id}")).await?;
    click(c, &format!("main a[href='/pb/{id}/envelope']")).await?;
    wait_path(c, &format!("/pb/{id}/envelope")).await?;
    click(c, "input[name=mode][value=population]").await?;
    fill(c, "#reserved", "40").await?;
    shots.save(c, "quota-form").await?;
    click(
        c,
        &format!("form[action='/pb/{id}/envelope'] button[type=submit]"),
    )
    .await?;
    expect_text(c, "main .notice[role=status]", &kk.t("pb-envelope-saved")).await?;
    shots.save(c, "quota-saved").await?;
    logout(c).await?;

    login_demo(c, base, "admin").await?;
    c.goto(&format!("{base}/pb/mrp")).await?;
    fill(
        c,
        "form[action='/pb/mrp/correct'] input[name=value]",
        "4 400",
    )
    .await?;
    click(c, "form[action='/pb/mrp/correct'] button[type=submit]").await?;
    expect_text(c, "main .notice[role=status]", &kk.t("pb-mrp-saved")).await?;
    shots.save(c, "mrp-corrected").await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
async fn browser_quotas_and_the_mrp_table() {
    use std::time::Duration;

    let mut b = Session::start("browser-pb-envelope").await;
    let app = TestApp::with_people().await;
    let okrug = territory(&app.db, "114435000").await;
    let big = territory(&app.db, "114435200").await;
    let id = cycle(&app, &okrug, 100_000_000).await;
    admitted(&app, id, &[("Көркем: су құбыры", big.id, 6_000_000)]).await;
    let base = format!("http://{}", app.addr);
    let outcome = within(
        Duration::from_secs(120),
        envelope_flow(&b.client, &base, id, &mut b.shots),
    )
    .await;
    b.finish(outcome).await;
    let split = store::pb::envelope::get(&app.db, id)
        .await
        .expect("get")
        .expect("split saved in the browser");
    assert_eq!(split.reserved_bp, 4000);
}
