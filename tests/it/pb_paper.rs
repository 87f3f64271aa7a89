//! Paper ballots typed in twice, assisted voting and the printable ballot, through a real
//! server on both engines (a cycle of the demo okrug voting now, one vote per ballot, five
//! admitted projects numbered 1–5).

use crate::support::pb::{close_voting, publish_results, Rules};
use crate::support::{TestApp, SECRET};
use domain::pb::Channel;
use domain::{Iin, Role};
use qatysu::cli::demo;
use reqwest::StatusCode;
use store::pb::assisted::record_of;
use uuid::Uuid;

const VILLAGE: &str = "114435200";

/// The projects on the ballot, numbered 1–5 in this order.
const PROJECTS: [&str; 5] = [
    "Абай көшесіндегі су құбырын жаңарту",
    "Медпункт шатырын жөндеу",
    "Мектеп көшесіне шам орнату",
    "Өзен үстіндегі жаяу көпір",
    "Балалар және спорт алаңы",
];

/// A cycle of the demo okrug voting now: one vote per ballot, the five [`PROJECTS`] admitted.
async fn voting(app: &TestApp) -> Uuid {
    crate::support::pb::voting(app, &Rules::default(), &PROJECTS)
        .await
        .0
}

/// A valid IIN from its first eleven digits.
fn iin_from(prefix: &str) -> String {
    (0..10)
        .map(|k| format!("{prefix}{k}"))
        .find(|s| Iin::parse(s).is_ok())
        .expect("some check digit fits")
}

/// Made-up voters with valid IINs, adults (none has an account).
fn voter(n: u32) -> String {
    iin_from(&format!("7{}0315{}9{:03}", n % 10, 3 + n % 2, n))
}

/// The demo resident's IIN (an account in the demo village).
fn resident_iin() -> String {
    demo::demo_iin(6).expect("resident IIN")
}

fn person(iin: &str) -> Vec<u8> {
    let iin = Iin::parse(iin).expect("iin");
    app::Keys::derive(SECRET).iin.fingerprint(&iin)
}

async fn ballots_of(app: &TestApp, cycle: Uuid) -> i64 {
    store::pb::ballots::counts(&app.db, cycle)
        .await
        .expect("counts")
        .values()
        .sum()
}

async fn enter(
    c: &crate::support::Client,
    id: Uuid,
    label: &str,
    rows: &str,
) -> crate::support::Page {
    c.submit(
        &format!("/pb/{id}/paper?lang=en"),
        &format!("/pb/{id}/paper"),
        &[("label", label), ("village", VILLAGE), ("rows", rows)],
    )
    .await
}

fn batch_path(page: &crate::support::Page) -> String {
    page.location().split('?').next().unwrap_or("").to_string()
}

/// Type row `no` of the batch at `path` again from the paper (`IIN; choices`).
async fn settle(
    who: &crate::support::Client,
    path: &str,
    no: &str,
    row: &str,
) -> crate::support::Page {
    who.submit(
        &format!("{path}?lang=en"),
        &format!("{path}/resolve"),
        &[("ballot_no", no), ("row", row)],
    )
    .await
}

fn batch_id(page: &crate::support::Page) -> Uuid {
    batch_path(page)
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("a batch id in the redirect")
}

#[tokio::test]
async fn two_entries_that_match_become_ballots_and_mismatches_are_settled() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let before = ballots_of(&app, id).await;
    let (a, b, c3, d) = (voter(1), voter(2), voter(3), voter(4));
    let coordinator = app.login_as(Role::Coordinator).await;
    let first = enter(
        &coordinator,
        id,
        "B-1",
        &format!("1; {a}; 1\n2; {b}; 2\n3; {c3}; 1"),
    )
    .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert!(first.location().contains("ok=pb-paper-awaiting"));
    // Nothing counts yet, and the second coordinator sees none of the first entry.
    assert_eq!(ballots_of(&app, id).await, before);
    let admin = app.login_as(Role::Admin).await;
    let list = admin.get(&format!("/pb/{id}/paper?lang=en")).await;
    assert!(list.has("waiting for the second entry"));
    let batch = list
        .body
        .split(&format!("/pb/{id}/paper/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("batch link")
        .to_string();
    let blind = admin.get(&format!("/pb/{id}/paper/{batch}?lang=en")).await;
    assert!(blind.has("shown only after") && !blind.has(&a[8..]));

    // The same coordinator cannot type the second entry.
    let again = enter(&coordinator, id, "B-1", &format!("1; {a}; 1")).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.has("a different coordinator must type the second"));

    // The second entry: ballot 1 agrees, 2 differs, 3 is missing, 4 is only here.
    let second = enter(
        &admin,
        id,
        " B-1 ",
        &format!("4; {d}; 2\n1; {a}; 1\n2; {b}; 1"),
    )
    .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let path = batch_path(&second);
    assert_eq!(ballots_of(&app, id).await, before + 1);
    let rec = record_of(&app.db, crate::support::ballot_seal(), id, &person(&a))
        .await
        .expect("q")
        .expect("ballot of a");
    assert_eq!(rec.channel, Channel::Paper);
    assert!(rec.village_id.is_some() && rec.entered_by.is_some());
    let page = admin.get(&format!("{path}?lang=en")).await;
    assert!(page.has("compared: 1 accepted, 0 flagged, 3 to settle"));
    assert!(page.has("entries differ") && page.has("not typed"));

    // Settling: a row that agrees with neither entry is refused and kept.
    let wrong = admin
        .submit(
            &format!("{path}?lang=en"),
            &format!("{path}/resolve"),
            &[("ballot_no", "2"), ("row", &format!("{b}; 3"))],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.has("agrees with neither entry") && wrong.has(&format!("{b}; 3")));
    // Each settled by an account other than the one who typed the version it agrees with.
    for (no, row, who) in [
        ("2", format!("{b}; 2"), &admin),
        ("3", format!("{c3}; 1"), &admin),
        ("4", format!("{d}; 2"), &coordinator),
    ] {
        let ok = who
            .submit(
                &format!("{path}?lang=en"),
                &format!("{path}/resolve"),
                &[("ballot_no", no), ("row", &row)],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{no}: {}", ok.body);
    }
    assert_eq!(ballots_of(&app, id).await, before + 4);
    let twice = admin
        .submit(
            &format!("{path}?lang=en"),
            &format!("{path}/resolve"),
            &[("ballot_no", "2"), ("row", &format!("{b}; 2"))],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.has("settled already"));
    assert_eq!(ballots_of(&app, id).await, before + 4);
    let done = admin
        .get(&format!("{path}?lang=en&ok=pb-paper-resolved"))
        .await;
    assert!(done.has("compared: 4 accepted, 0 flagged, 0 to settle"));
    // A batch typed twice cannot be typed again.
    let third = enter(&coordinator, id, "B-1", &format!("9; {}; 1", voter(9))).await;
    assert_eq!(third.status, StatusCode::CONFLICT);
    assert!(third.has("typed twice already"));
}

/// Security review H1: one coordinator could add ballots the second typist never typed and
/// "settle" them alone by typing them again. A row counts only when two different accounts
/// typed it alike: the typist of a version cannot confirm it; another account can, and the
/// batch page names who typed each version and who settled it.
#[tokio::test]
async fn a_paper_row_counts_only_when_two_different_accounts_typed_it_alike() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let before = ballots_of(&app, id).await;
    let (a, x) = (voter(21), voter(22));
    let invented: Vec<String> = (23..26).map(voter).collect();
    let coordinator = app.login_as(Role::Coordinator).await;
    let admin = app.login_as(Role::Admin).await;
    // A types the real ballot 1, a misread ballot 2 and three invented rows 900–902.
    let mut rows = format!("1; {a}; 1\n2; {x}; 1");
    for (i, iin) in invented.iter().enumerate() {
        rows.push_str(&format!("\n{}; {iin}; 3", 900 + i));
    }
    let first = enter(&coordinator, id, "H1", &rows).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    // B types the real batch: ballot 1 alike, ballot 2 as on paper.
    let second = enter(&admin, id, "H1", &format!("1; {a}; 1\n2; {x}; 2")).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let path = batch_path(&second);
    assert_eq!(ballots_of(&app, id).await, before + 1);

    // A alone cannot make the invented rows count, nor confirm A's own reading of ballot 2.
    for (i, iin) in invented.iter().enumerate() {
        let own = settle(
            &coordinator,
            &path,
            &(900 + i).to_string(),
            &format!("{iin}; 3"),
        )
        .await;
        assert_eq!(own.status, StatusCode::CONFLICT, "{}", own.body);
        assert!(own.has("You typed this version yourself"), "{}", own.body);
    }
    let own = settle(&coordinator, &path, "2", &format!("{x}; 1")).await;
    assert_eq!(own.status, StatusCode::CONFLICT, "{}", own.body);
    assert_eq!(ballots_of(&app, id).await, before + 1, "nothing counted");
    for iin in &invented {
        assert!(
            record_of(&app.db, crate::support::ballot_seal(), id, &person(iin))
                .await
                .expect("q")
                .is_none()
        );
    }
    // A agreeing with B's reading of ballot 2 is two people: it counts, as B typed it.
    let agreed = settle(&coordinator, &path, "2", &format!("{x}; 2")).await;
    assert_eq!(agreed.status, StatusCode::SEE_OTHER, "{}", agreed.body);
    assert_eq!(ballots_of(&app, id).await, before + 2);

    // The batch page names who typed each version and who settled it.
    let page = admin.get(&format!("{path}?lang=en")).await;
    assert!(page.has("Typed by"), "{}", page.body);
    assert!(page.has("first entry: Айгүл Сейітова; second entry: Әкімші Демо"));
    assert!(page.has("settled by: Айгүл Сейітова"));
    assert!(page.has("projects 3, typed by Айгүл Сейітова"));
    assert!(page.has("compared: 2 accepted, 0 flagged, 3 to settle"));
}

#[tokio::test]
async fn a_person_who_voted_already_is_flagged_and_counted_once() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let resident = app.login_as(Role::Resident).await;
    let pid = store::pb::proposals::of_cycle(&app.db, id)
        .await
        .expect("proposals")
        .into_iter()
        .find(|p| p.status == domain::pb::ProposalStatus::Admitted)
        .expect("admitted")
        .id
        .to_string();
    let voted = resident
        .submit(
            &format!("/pb/{id}/vote"),
            &format!("/pb/{id}/vote"),
            &[("choice", &pid)],
        )
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER);
    let before = ballots_of(&app, id).await;
    let (me, x) = (resident_iin(), voter(5));
    // The resident's paper ballot, another voter, and that voter's second paper ballot.
    let rows = format!("10; {me}; 3\n11; {x}; 2\n12; {x}; 4");
    let coordinator = app.login_as(Role::Coordinator).await;
    let admin = app.login_as(Role::Admin).await;
    enter(&coordinator, id, "Көркем-2", &rows).await;
    let second = enter(&admin, id, "Көркем-2", &rows).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    assert_eq!(ballots_of(&app, id).await, before + 1, "counted once each");
    let rec = record_of(&app.db, crate::support::ballot_seal(), id, &person(&me))
        .await
        .expect("q")
        .expect("ballot");
    assert_eq!(rec.channel, Channel::Web, "the first ballot counts");
    let page = admin.get(&format!("{}?lang=en", batch_path(&second))).await;
    assert!(page.has("compared: 1 accepted, 2 flagged, 0 to settle"));
    assert!(page.has("flagged: already voted") && page.has("The ballot that counts was recorded"));
    let flags = store::pb::paper::flags(&app.db, id).await.expect("flags");
    assert_eq!(flags.len(), 2);
    assert_eq!(flags[0].batch_label, "Көркем-2");
    let lines = store::pb::paper::lines(&app.db, batch_id(&second))
        .await
        .expect("lines");
    let counted = |no: &str| {
        lines
            .iter()
            .find(|l| l.ballot_no == no)
            .and_then(|l| l.counted_channel)
    };
    assert_eq!(counted("10"), Some(Channel::Web));
    assert_eq!(counted("12"), Some(Channel::Paper));
    assert!(flags.iter().any(|f| f.ballot_no == "12"));

    // After voting the flags are on the results page.
    // Voting ends: the server's clock passes the end of its last day in Kazakhstan.
    close_voting(&app, id).await;
    publish_results(&coordinator, id).await;
    let results = app.client().get(&format!("/pb/{id}/results?lang=en")).await;
    assert!(
        results.has("Paper ballots not counted twice") && results.has("ballot 12"),
        "{}",
        results.body
    );
    // Typing in is over once results are out.
    let late = enter(&coordinator, id, "late", &format!("1; {}; 1", voter(8))).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
}

/// Security review M4: the results page and the protocol (HTML, CSV, PDF) published a flagged
/// paper voter's last IIN digits and the date and channel of their other ballot. They show the
/// batch and ballot number only; the details stay on the coordinators' batch page.
#[tokio::test]
async fn a_flagged_paper_ballot_is_published_as_its_batch_and_number_only() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let resident = app.login_as(Role::Resident).await;
    let pid = store::pb::proposals::of_cycle(&app.db, id)
        .await
        .expect("proposals")[0]
        .id
        .to_string();
    let voted = resident
        .submit(
            &format!("/pb/{id}/vote"),
            &format!("/pb/{id}/vote"),
            &[("choice", &pid)],
        )
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.body);
    let me = resident_iin();
    let rows = format!("10; {me}; 3\n11; {}; 2", voter(31));
    let coordinator = app.login_as(Role::Coordinator).await;
    let admin = app.login_as(Role::Admin).await;
    enter(&coordinator, id, "M4", &rows).await;
    let second = enter(&admin, id, "M4", &rows).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    // The coordinators' page says which ballot counts instead.
    let batch = admin.get(&format!("{}?lang=ru", batch_path(&second))).await;
    assert!(batch.has("Учтён бюллетень, записанный"), "{}", batch.body);
    close_voting(&app, id).await;
    publish_results(&coordinator, id).await;

    let anon = app.client();
    let said = "Пачка: M4, бюллетень: 10 — не учтён, потому что этот человек уже проголосовал.";
    let last4 = format!("…{}", &me[8..]);
    for path in ["results", "protocol", "protocol.csv"] {
        let page = anon.get(&format!("/pb/{id}/{path}?lang=ru")).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.has(said), "{path}: {}", page.body);
        for leak in [last4.as_str(), "ИИН", "учитывается бюллетень", "онлайн)"]
        {
            assert!(!page.has(leak), "{path} shows {leak}: {}", page.body);
        }
    }
    let pdf = anon
        .http
        .get(format!("{}/pb/{id}/protocol.pdf?lang=ru", anon.base))
        .send()
        .await
        .expect("GET")
        .bytes()
        .await
        .expect("body")
        .to_vec();
    let (text, _) = pdf_text(&pdf);
    assert!(text.contains("не учтён"), "{text}");
    for leak in [last4.as_str(), "ИИН", "учитывается бюллетень"] {
        assert!(!text.contains(leak), "the PDF shows {leak}: {text}");
    }
}

#[tokio::test]
async fn a_paper_batch_racing_an_online_vote_yields_one_ballot() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let me = resident_iin();
    let rows = format!("1; {me}; 2");
    let coordinator = app.login_as(Role::Coordinator).await;
    let admin = app.login_as(Role::Admin).await;
    enter(&coordinator, id, "race", &rows).await;
    let resident = app.login_as(Role::Resident).await;
    let pid = store::pb::proposals::of_cycle(&app.db, id)
        .await
        .expect("proposals")[0]
        .id
        .to_string();
    let vote_page = resident.get(&format!("/pb/{id}/vote")).await;
    let entry_page = admin.get(&format!("/pb/{id}/paper")).await;
    let (vote_token, entry_token) = (vote_page.csrf(), entry_page.csrf());
    let vote_path = format!("/pb/{id}/vote");
    let paper_path = format!("/pb/{id}/paper");
    let vote_fields = [("csrf", vote_token.as_str()), ("choice", pid.as_str())];
    let paper_fields = [
        ("csrf", entry_token.as_str()),
        ("label", "race"),
        ("village", VILLAGE),
        ("rows", rows.as_str()),
    ];
    let (v, p) = tokio::join!(
        resident.post(&vote_path, &vote_fields),
        admin.post(&paper_path, &paper_fields),
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let rec = record_of(&app.db, crate::support::ballot_seal(), id, &person(&me))
        .await
        .expect("q")
        .expect("one ballot");
    let flags = store::pb::paper::flags(&app.db, id).await.expect("flags");
    match rec.channel {
        Channel::Web => assert_eq!(flags.len(), 1, "the paper ballot is flagged"),
        Channel::Paper => {
            assert!(flags.is_empty());
            assert!(!v.status.is_redirection(), "the online ballot was refused");
        }
        Channel::Assisted => panic!("no assisted ballot was cast"),
    }
    // No one else votes in this cycle: its only ballot is the resident's.
    let ballots: i64 = store::pb::ballots::turnout(&app.db, id)
        .await
        .expect("turnout")
        .iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(ballots, 1);
}

#[tokio::test]
async fn an_assisted_ballot_is_recorded_with_its_witness() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let form = coordinator.get(&format!("/pb/{id}/assist?lang=en")).await;
    assert_eq!(form.status, StatusCode::OK);
    let find = |iin: String| {
        let c = &coordinator;
        async move {
            c.submit(
                &format!("/pb/{id}/assist?lang=en"),
                &format!("/pb/{id}/assist"),
                &[("step", "find"), ("iin", &iin)],
            )
            .await
        }
    };
    // A typo and an unknown person are told so; the IIN stays in the field.
    let bad = find("12345".into()).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("an IIN has 12 digits") && bad.has("value=\"12345\""));
    let stranger = voter(7);
    let unknown = find(stranger.clone()).await;
    assert!(unknown.has("No registered resident of this cycle&#39;s territory has this IIN"));
    assert!(unknown.has(&format!("value=\"{stranger}\"")));

    // A registered resident of another okrug gets the same answer (security review H2).
    let elsewhere = voter(12);
    crate::support::civic::resident_of_another_okrug(&app, "Жалманқұлақ Тұрғыны", &elsewhere).await;
    let outside = find(elsewhere).await;
    assert!(outside.has("No registered resident of this cycle&#39;s territory has this IIN"));
    assert!(!outside.has("Жалманқұлақ Тұрғыны") && !outside.has("name=\"witness\""));

    let me = resident_iin();
    let found = find(me.clone()).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert!(found.has("Бауыржан Нұрланов") && found.has("name=\"witness\""));
    let pid = store::pb::proposals::of_cycle(&app.db, id)
        .await
        .expect("proposals")[1]
        .id
        .to_string();
    let record = |witness: &'static str| {
        let (c, me, pid) = (&coordinator, me.clone(), pid.clone());
        async move {
            c.submit(
                &format!("/pb/{id}/assist?lang=en"),
                &format!("/pb/{id}/assist"),
                &[
                    ("step", "record"),
                    ("iin", &me),
                    ("choice", &pid),
                    ("confirm", "password"),
                    ("password", "demo-resident-2026"),
                    ("witness", witness),
                    ("witness_secret", "demo-monitor-2026"),
                ],
            )
            .await
        }
    };
    let no_witness = record("").await;
    assert_eq!(no_witness.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_witness.has("Give the phone or e-mail the witness logs in with")
            && no_witness.has("checked")
    );
    assert!(
        record_of(&app.db, crate::support::ballot_seal(), id, &person(&me))
            .await
            .expect("q")
            .is_none()
    );
    let ok = record("monitor@demo.qatysu.kz").await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(
        ok.has("Hand this receipt code to the resident"),
        "{}",
        ok.body
    );
    let rec = record_of(&app.db, crate::support::ballot_seal(), id, &person(&me))
        .await
        .expect("q")
        .expect("ballot");
    assert_eq!(rec.channel, Channel::Assisted);
    assert_eq!(rec.witness, None, "no typed name is stored");
    let account = |contact: &'static str| {
        let db = app.db.clone();
        async move {
            store::accounts::credentials(&db, &domain::Contact::parse(contact).expect("c"))
                .await
                .expect("q")
                .expect("account")
                .0
                .id
        }
    };
    assert_eq!(
        rec.witness_id,
        Some(account("monitor@demo.qatysu.kz").await)
    );
    assert_eq!(
        rec.entered_by,
        Some(account("coordinator@demo.qatysu.kz").await)
    );
    let home = store::territories::by_kato(&app.db, &domain::Kato::parse(VILLAGE).expect("k"))
        .await
        .expect("q")
        .expect("village");
    assert_eq!(rec.village_id, Some(home.id));
    assert!(ok.has(&rec.receipt));
    // Found again: already voted, and nothing more (security review H2: no receipt); the
    // resident's own receipt page agrees.
    let again = find(me.clone()).await;
    assert!(again.has("has already voted") && !again.has(&rec.receipt));
    assert!(!again.has("name=\"witness\""));
    let check = app
        .client()
        .get(&format!("/pb/{id}/receipt?code={}&lang=en", rec.receipt))
        .await;
    assert!(check.has("at a participation centre"));
}

#[tokio::test]
async fn only_coordinators_of_the_territory_type_paper_ballots_or_assist() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let outsider_iin = voter(11);
    qatysu::cli::user::create_account(
        &app.app,
        &qatysu::cli::user::AccountSpec {
            name: "Басқа Үйлестіруші",
            contact: "other-coordinator@demo.qatysu.kz",
            iin: &outsider_iin,
            village: "114445200",
            password: "other-coordinator-2026",
            role: Some((Role::Coordinator, Some("114445000"))),
            level: domain::Level::InPerson,
        },
    )
    .await
    .expect("outsider");
    let outsider = app
        .login_as_contact("other-coordinator@demo.qatysu.kz", "other-coordinator-2026")
        .await;
    let coordinator = app.login_as(Role::Coordinator).await;
    enter(&coordinator, id, "A", &format!("1; {}; 1", voter(1))).await;
    let batch = store::pb::paper::batches(&app.db, id).await.expect("b")[0].id;
    let mut clients = vec![("outsider", outsider)];
    for role in [Role::Resident, Role::Expert, Role::Monitor, Role::Official] {
        clients.push((role.as_str(), app.login_as(role).await));
    }
    for (who, c) in &clients {
        for path in [
            format!("/pb/{id}/paper"),
            format!("/pb/{id}/paper/{batch}"),
            format!("/pb/{id}/assist"),
        ] {
            assert_eq!(
                c.get(&path).await.status,
                StatusCode::FORBIDDEN,
                "{who} GET {path}"
            );
        }
        let token = c.get("/account").await.csrf();
        for (path, fields) in [
            (
                format!("/pb/{id}/paper"),
                vec![("label", "A"), ("village", VILLAGE), ("rows", "1; 1; 1")],
            ),
            (
                format!("/pb/{id}/paper/{batch}/resolve"),
                vec![("ballot_no", "1"), ("row", "1; 1")],
            ),
            (
                format!("/pb/{id}/assist"),
                vec![("iin", "1"), ("step", "find")],
            ),
        ] {
            let mut all = vec![("csrf", token.as_str())];
            all.extend(fields);
            assert_eq!(
                c.post(&path, &all).await.status,
                StatusCode::FORBIDDEN,
                "{who} POST {path}"
            );
        }
        let cycle = c.get(&format!("/pb/{id}")).await;
        assert!(
            !cycle.has(&format!("/pb/{id}/paper\"")) && !cycle.has(&format!("/pb/{id}/assist\""))
        );
    }
    let anon = app.client();
    assert_eq!(
        anon.get(&format!("/pb/{id}/paper")).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Coordinators see the links on the cycle page; everyone sees the printable ballot.
    let page = coordinator.get(&format!("/pb/{id}")).await;
    assert!(page.has(&format!("/pb/{id}/paper\"")) && page.has(&format!("/pb/{id}/assist\"")));
    assert!(anon
        .get(&format!("/pb/{id}"))
        .await
        .has(&format!("/pb/{id}/ballot.pdf")));
}

#[tokio::test]
async fn bad_rows_are_refused_line_by_line_and_the_typed_text_is_kept() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let young = iin_from("12041550000");
    let rows = format!(
        "1; {}; 1\n2; 900101300013; 1\n3; {young}; 1\n4; {}; 9\n5; {}; 1, 2\n6; {}; один",
        voter(1),
        voter(2),
        voter(3),
        voter(4)
    );
    let res = enter(&coordinator, id, "bad", &rows).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for want in [
        "Line 2: this IIN has a wrong check digit",
        "Line 3: Voters must be at least 18 years old",
        "Line 4: A project number is not on the ballot.",
        "Line 5: More than 1 projects are marked.",
        "Line 6: the marked projects must be numbers",
        "900101300013; 1\n3;",
        "один</textarea>",
    ] {
        assert!(res.has(want), "missing {want:?}");
    }
    assert!(!res.has("Line 1:"));
    let empty = enter(&coordinator, id, "", "").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.has("Give the batch a name") && empty.has("Type at least one ballot"));
    assert!(store::pb::paper::batches(&app.db, id)
        .await
        .expect("b")
        .is_empty());
}

/// The text a PDF shows: its content streams' strings decoded through the font's ToUnicode map.
fn pdf_text(pdf: &[u8]) -> (String, usize) {
    use std::io::Read;
    let mut streams = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b"stream\n") {
        let start = at + i + b"stream\n".len();
        let Some(len) = find(&pdf[start..], b"endstream") else {
            break;
        };
        let mut out = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[start..start + len])
            .read_to_end(&mut out)
            .is_ok()
        {
            streams.push(out);
        }
        at = start + len + b"endstream".len();
    }
    let mut map = std::collections::HashMap::new();
    for s in streams.iter().filter(|s| find(s, b"beginbfchar").is_some()) {
        let text = String::from_utf8_lossy(s);
        for line in text.lines() {
            let parts: Vec<&str> = line
                .split(['<', '>', ' '])
                .filter(|p| !p.is_empty())
                .collect();
            if let [cid, uni] = parts[..] {
                if let (Ok(cid), Ok(_)) =
                    (u16::from_str_radix(cid, 16), u32::from_str_radix(uni, 16))
                {
                    let units: Vec<u16> = (0..uni.len() / 4)
                        .filter_map(|k| u16::from_str_radix(&uni[4 * k..4 * k + 4], 16).ok())
                        .collect();
                    map.insert(cid, String::from_utf16_lossy(&units));
                }
            }
        }
    }
    let mut text = String::new();
    for s in streams.iter().filter(|s| find(s, b" Tf").is_some()) {
        let mut i = 0;
        let mut bytes = Vec::new();
        let mut depth = 0;
        while i < s.len() {
            let b = s[i];
            match (depth, b) {
                (0, b'(') => depth = 1,
                (0, b'E') if s.get(i + 1) == Some(&b'T') => {
                    for pair in bytes.chunks(2) {
                        if let [hi, lo] = pair {
                            let cid = u16::from_be_bytes([*hi, *lo]);
                            text.push_str(map.get(&cid).map(String::as_str).unwrap_or("?"));
                        }
                    }
                    bytes.clear();
                    text.push('\n');
                }
                (1, b')') => depth = 0,
                (1, b'\\') => {
                    i += 1;
                    let c = s.get(i).copied().unwrap_or(b'\\');
                    match c {
                        b'0'..=b'7' => {
                            let mut v: u32 = 0;
                            let mut k = 0;
                            while k < 3 && matches!(s.get(i + k), Some(b'0'..=b'7')) {
                                v = v * 8 + u32::from(s[i + k] - b'0');
                                k += 1;
                            }
                            i += k - 1;
                            bytes.push(v as u8);
                        }
                        b'n' => bytes.push(b'\n'),
                        b'r' => bytes.push(b'\r'),
                        b't' => bytes.push(b'\t'),
                        b'b' => bytes.push(8),
                        b'f' => bytes.push(12),
                        other => bytes.push(other),
                    }
                }
                (1, other) => bytes.push(other),
                _ => {}
            }
            i += 1;
        }
    }
    let pages = String::from_utf8_lossy(pdf)
        .split("/Type/Pages/Count ")
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (text, pages)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[tokio::test]
async fn the_printable_ballot_is_a_pdf_in_kazakh_and_russian() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let anon = app.client();
    let res = anon
        .http
        .get(format!("{}/pb/{id}/ballot.pdf", anon.base))
        .send()
        .await
        .expect("GET");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    let bytes = res.bytes().await.expect("body").to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    let _ = std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/pb-ballot.pdf"),
        &bytes,
    );
    let (text, pages) = pdf_text(&bytes);
    assert!(pages >= 1, "{pages} pages");
    for want in [
        "Халық қатысатын бюджеттің бюллетені",
        "Бюллетень бюджета народного участия",
        "Мектеп көшесіне шам орнату",
        "ЖСН",
        "₸",
    ] {
        assert!(
            text.contains(want),
            "{want:?} not in the text layer:\n{text}"
        );
    }
    // No ballot before the council has admitted projects.
    let unknown = anon
        .get(&format!("/pb/{}/ballot.pdf", Uuid::now_v7()))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

/// A resident with an account but no login of their own use: voted for at the centre.
async fn assisted_voter(app: &TestApp, iin: &str) {
    qatysu::cli::user::create_account(
        &app.app,
        &qatysu::cli::user::AccountSpec {
            name: "Көмек Алған Тұрғын",
            contact: "helped@demo.qatysu.kz",
            iin,
            village: VILLAGE,
            password: "helped-resident-2026",
            role: None,
            level: domain::Level::InPerson,
        },
    )
    .await
    .expect("account");
}

#[tokio::test]
async fn a_counted_cycle_has_every_channel_and_a_flagged_paper_ballot() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let pids: Vec<String> = store::pb::proposals::of_cycle(&app.db, id)
        .await
        .expect("proposals")
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    // Online: the demo resident.
    let resident = app.login_as(Role::Resident).await;
    let voted = resident
        .submit(
            &format!("/pb/{id}/vote"),
            &format!("/pb/{id}/vote"),
            &[("choice", &pids[0])],
        )
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.body);
    // At the participation centre, with a witness.
    let helped = voter(13);
    assisted_voter(&app, &helped).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let assisted = coordinator
        .submit(
            &format!("/pb/{id}/assist?lang=en"),
            &format!("/pb/{id}/assist"),
            &[
                ("step", "record"),
                ("iin", &helped),
                ("choice", &pids[2]),
                ("confirm", "password"),
                ("password", "helped-resident-2026"),
                ("witness", "monitor@demo.qatysu.kz"),
                ("witness_secret", "demo-monitor-2026"),
            ],
        )
        .await;
    assert_eq!(assisted.status, StatusCode::OK, "{}", assisted.body);
    // On paper, typed twice: another voter, and the assisted voter's paper ballot.
    let rows = format!("1; {}; 2\n2; {helped}; 4", voter(14));
    let admin = app.login_as(Role::Admin).await;
    enter(&coordinator, id, "Көркем-3", &rows).await;
    let second = enter(&admin, id, "Көркем-3", &rows).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    // Voting ends and the coordinator publishes the count.
    close_voting(&app, id).await;
    publish_results(&coordinator, id).await;
    let done = store::pb::get(&app.db, id)
        .await
        .expect("read")
        .expect("cycle");
    let channels: Vec<Channel> = store::pb::ballots::turnout(&app.db, done.id)
        .await
        .expect("turnout")
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    for ch in [Channel::Web, Channel::Paper, Channel::Assisted] {
        assert!(channels.contains(&ch), "{ch:?}");
    }
    let flags = store::pb::paper::flags(&app.db, done.id)
        .await
        .expect("flags");
    assert_eq!(flags.len(), 1);
    let lines = store::pb::paper::lines(&app.db, batch_id(&second))
        .await
        .expect("lines");
    let flagged = lines
        .iter()
        .find(|l| l.ballot_no == flags[0].ballot_no)
        .expect("the flagged line");
    assert_eq!(flagged.counted_channel, Some(Channel::Assisted));
    let v = app::pb::results::verify_cycle(&app.app, done.id)
        .await
        .expect("verify")
        .expect("published");
    assert!(v.matches(), "the published result counts the paper batch");
    let page = app
        .client()
        .get(&format!("/pb/{}/results?lang=en", done.id))
        .await;
    assert!(page.has("Paper ballots not counted twice"));
    // Security review H2: assisted ballots per coordinator are published.
    assert!(page.has("Ballots recorded by coordinators at participation centres"));
    assert!(page.has("Айгүл Сейітова: 1 ballot<"), "{}", page.body);
}

mod browser {
    //! A coordinator and the administrator type the same batch of two paper ballots; both are
    //! accepted. Ignored unless asked for: `cargo test --test it pb_paper::browser -- --ignored`.

    use crate::browser::{
        click, expect_text, fill, login_demo, logout, wait_for, within, Failure, Session, Shots,
    };
    use crate::support::TestApp;
    use fantoccini::{Client, Locator};

    use std::time::Duration;
    use web::i18n::Lang;

    async fn flow(
        c: &Client,
        base: &str,
        id: uuid::Uuid,
        shots: &mut Shots,
    ) -> Result<(), Failure> {
        let kk = Lang::Kk;
        let rows = format!("1; {}; 1\n2; {}; 3", super::voter(1), super::voter(2));
        for (who, step) in [("coordinator", "first-entry"), ("admin", "second-entry")] {
            login_demo(c, base, who).await?;
            c.goto(&format!("{base}/pb/{id}?lang=kk")).await?;
            click(c, &format!("a[href='/pb/{id}/paper']")).await?;
            fill(c, "#label", "Көркем-1").await?;
            c.find(Locator::Css("#village"))
                .await?
                .select_by_value(super::VILLAGE)
                .await?;
            fill(c, "#rows", &rows).await?;
            shots.save(c, step).await?;
            click(c, &format!("form[action='/pb/{id}/paper'] button")).await?;
            wait_for(c, "main .notice[role=status]").await?;
            shots.save(c, &format!("{step}-saved")).await?;
            logout(c).await?;
        }
        login_demo(c, base, "coordinator").await?;
        c.goto(&format!("{base}/pb/{id}/paper")).await?;
        click(c, "main table a").await?;
        expect_text(
            c,
            "main dl.facts dd:last-child",
            &kk.t_args(
                "pb-paper-batch-compared",
                &[
                    ("accepted", web::i18n::Arg::Num(2)),
                    ("flagged", web::i18n::Arg::Num(0)),
                    ("mismatched", web::i18n::Arg::Num(0)),
                ],
            ),
        )
        .await?;
        shots.save(c, "accepted").await?;
        Ok(())
    }

    #[tokio::test]
    #[ignore = "needs Chromium and chromedriver: cargo test --test it browser -- --ignored"]
    async fn two_coordinators_type_a_batch_and_see_it_accepted() {
        let mut b = Session::start("browser-pb-voting").await;
        let app = TestApp::with_people().await;
        let id = super::voting(&app).await;
        let base = format!("http://{}", app.addr);
        let outcome = within(
            Duration::from_secs(120),
            flow(&b.client, &base, id, &mut b.shots),
        )
        .await;
        b.finish(outcome).await;
    }
}

/// Security review L6: paper entry checked only the stage, so a cycle moved to voting before
/// its first voting day took paper ballots that nobody could have cast yet. Entry now opens on
/// the first voting day (and stays open after the last one, until the result is published).
#[tokio::test]
async fn paper_ballots_are_not_typed_before_the_first_voting_day() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let start = store::pb::get(&app.db, id)
        .await
        .expect("read")
        .expect("cycle")
        .schedule
        .voting_start;
    app.clock
        .set(domain::time::kz_day_start(start) - chrono::Duration::hours(3));
    let coordinator = app.login_as(Role::Coordinator).await;
    let early = enter(&coordinator, id, "EARLY", &format!("1; {}; 1", voter(41))).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    assert!(
        early.has("EARLY"),
        "the form keeps the label: {}",
        early.body
    );
    assert!(store::pb::paper::batches(&app.db, id)
        .await
        .expect("batches")
        .is_empty());
    // On the first voting day the same batch is taken.
    app.clock
        .set(domain::time::kz_day_start(start) + chrono::Duration::hours(9));
    let coordinator = app.login_as(Role::Coordinator).await;
    let taken = enter(&coordinator, id, "EARLY", &format!("1; {}; 1", voter(41))).await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
}

/// Security review L6: the result was counted before the stage changed, so a paper batch
/// whose stage check had passed could still be written after the count and be left out of
/// the published result. The entry now holds the cycle at voting inside its own transaction:
/// an entry that reaches storage after the publication writes nothing.
#[tokio::test]
async fn a_paper_entry_reaching_storage_after_the_publication_writes_nothing() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let rows = format!("1; {}; 1\n2; {}; 2", voter(51), voter(52));
    let coordinator = app.login_as(Role::Coordinator).await;
    let first = enter(&coordinator, id, "LATE", &rows).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let batch = store::pb::paper::batches(&app.db, id)
        .await
        .expect("batches")[0]
        .id;
    close_voting(&app, id).await;
    publish_results(&coordinator, id).await;
    let published = store::pb::ballots::published(&app.db, id)
        .await
        .expect("read")
        .expect("published");

    // The second entry as the app would write it had its stage check run just before the
    // publication.
    let proposals: Vec<Uuid> = store::pb::proposals::of_cycle(&app.db, id)
        .await
        .expect("proposals")
        .iter()
        .map(|p| p.id)
        .collect();
    let admin = crate::support::pb::demo_account(&app.db, Role::Admin).await;
    let village = crate::support::pb::demo_territory(&app.db, VILLAGE).await;
    let typed: Vec<store::pb::paper::PaperRow> = [(1, voter(51), 0), (2, voter(52), 1)]
        .into_iter()
        .map(|(no, iin, choice)| store::pb::paper::PaperRow {
            ballot_no: no.to_string(),
            person_hash: person(&iin),
            choices: vec![choice],
        })
        .collect();
    let entry = store::pb::paper::BatchEntry {
        cycle: id,
        label: "LATE",
        village: village.id,
        by: admin,
        rows: &typed,
        proposals: &proposals,
    };
    let outcome = store::pb::paper::enter(
        &app.db,
        &entry,
        crate::support::ballot_seal(),
        app.clock.now(),
    )
    .await
    .expect("enter");
    assert_eq!(outcome, store::pb::paper::EntryOutcome::Closed);
    assert_eq!(ballots_of(&app, id).await, published.ballots);
    let batch = store::pb::paper::batch(&app.db, batch)
        .await
        .expect("read")
        .expect("batch");
    assert!(batch.compared_at.is_none(), "the batch was not compared");
}

/// Security review L7: every request for a published result counted the ballots again. The
/// count is now stored whole when the result is published and the pages serve it: a ballot
/// slipped into storage afterwards changes none of them (and `verify` finds it).
#[tokio::test]
async fn a_published_result_is_served_as_stored_not_counted_again() {
    let app = TestApp::with_people().await;
    let id = voting(&app).await;
    let rows = format!(
        "1; {}; 1\n2; {}; 2\n3; {}; 1",
        voter(61),
        voter(62),
        voter(63)
    );
    let coordinator = app.login_as(Role::Coordinator).await;
    let admin = app.login_as(Role::Admin).await;
    enter(&coordinator, id, "L7", &rows).await;
    let second = enter(&admin, id, "L7", &rows).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    close_voting(&app, id).await;
    publish_results(&coordinator, id).await;

    let anon = app.client();
    let paths = [
        format!("/pb/{id}/ballots.pb"),
        format!("/api/v1/cycles/{id}/results"),
        format!("/pb/{id}/results?lang=en"),
        format!("/pb/{id}/protocol.csv?lang=en"),
    ];
    let mut before = Vec::new();
    for p in &paths {
        let page = anon.get(p).await;
        assert_eq!(page.status, StatusCode::OK, "{p}: {}", page.body);
        before.push(page.body);
    }
    assert!(before[0].contains("num_votes;3"), "{}", before[0]);

    // A ballot written behind the count's back.
    let proposals = store::pb::proposals::of_cycle(&app.db, id)
        .await
        .expect("proposals");
    let slipped = store::pb::ballots::NewBallot {
        cycle_id: id,
        person_hash: person(&voter(64)),
        voter_id: None,
        channel: Channel::Paper,
        entered_by: None,
        choices: vec![proposals[4].id],
        receipt: "SLIPPED001".into(),
    };
    store::pb::ballots::cast_many(
        &app.db,
        &[slipped],
        crate::support::ballot_seal(),
        app.clock.now(),
    )
    .await
    .expect("cast");
    for (p, was) in paths.iter().zip(&before) {
        let page = anon.get(p).await;
        assert_eq!(&page.body, was, "{p} changed after the publication");
    }
    let check = app::pb::results::verify_cycle(&app.app, id)
        .await
        .expect("verify")
        .expect("a published result");
    assert!(!check.matches(), "verify sees the slipped ballot");
}
