//! Identity: verification levels and their record, one-time codes, and what a vote or a
//! signature requires. Runs on SQLite, and on PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set.

use crate::support::civic::{initiative, Cast};
use crate::support::pb::{voting, Rules};
use crate::support::{demo_tree, fresh_db, resident, Client, TestApp};
use chrono::TimeDelta;
use domain::accounts::{
    CodePurpose, CodeRefusal, DocumentKind, DocumentTail, LevelEvent, ResidenceProof,
};
use domain::initiatives::Status;
use domain::{Level, Role};
use qatysu::cli::demo;
use reqwest::StatusCode;
use store::accounts::Evidence;

/// A client registered on the web in the demo village, nothing confirmed.
async fn newcomer(app: &TestApp) -> (Client, uuid::Uuid) {
    let c = app.client();
    // A demo-style IIN no demo account has (the demo uses 0 to 12).
    let iin = demo::demo_iin(19).expect("a valid IIN");
    let reg = c
        .submit(
            "/register",
            "/register",
            &[
                ("name", "Жаңа Тұрғын"),
                ("contact", "new@mail.kz"),
                ("iin", &iin),
                ("village", demo::DEMO_VILLAGE),
                ("password", "жаңа-тұрғын-2026"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(reg.status, StatusCode::SEE_OTHER, "{}", reg.body);
    let contact = domain::Contact::parse("new@mail.kz").expect("contact");
    let (user, _) = store::accounts::credentials(&app.db, &contact)
        .await
        .expect("read")
        .expect("registered");
    assert_eq!(user.level, Level::SelfDeclared);
    (c, user.id)
}

#[tokio::test]
async fn a_resident_who_confirmed_nothing_cannot_vote_or_sign_and_is_told_where_to_go() {
    let app = TestApp::with_people().await;
    let (cycle, pids) = voting(&app, &Rules::default(), &["Су құбыры", "Жарық"]).await;
    let cast = Cast::demo(&app.db).await;
    let ini = initiative(
        &app.db,
        &cast,
        Status::Collecting,
        "Тротуар",
        app.clock.now(),
    )
    .await;
    let centre = crate::centres::centre(&app, "114435000", "Алакөл", &[]).await;
    let (c, id) = newcomer(&app).await;

    let page = c.get(&format!("/pb/{cycle}?lang=en")).await;
    assert!(page.has("Taking part needs an account verified at a participation centre"));
    let ballot = c.get(&format!("/pb/{cycle}/vote?lang=en")).await;
    assert!(
        ballot.has("not verified enough for this vote"),
        "{}",
        ballot.body
    );
    assert!(ballot.has("participation centre"));
    let link = format!("href=\"/centres/{centre}\"");
    assert!(
        ballot.has(&link),
        "the nearest centre, where to get verified"
    );
    let pid = pids[0].to_string();
    let token = ballot.csrf_or_empty();
    let token = if token.is_empty() {
        c.get("/account").await.csrf()
    } else {
        token
    };
    c.post(
        &format!("/pb/{cycle}/vote"),
        &[("csrf", &token), ("choice", &pid)],
    )
    .await;
    let counts = store::pb::ballots::counts(&app.db, cycle)
        .await
        .expect("counts");
    assert_eq!(counts.values().sum::<i64>(), 0, "no vote counted");

    let before = signatures(&app, ini).await;
    let sign = c
        .submit(
            &format!("/initiatives/{ini}?lang=en"),
            &format!("/initiatives/{ini}/sign"),
            &[],
        )
        .await;
    assert!(sign.has("not verified enough to sign"), "{}", sign.body);
    assert!(sign.has(&link));
    assert_eq!(signatures(&app, ini).await, before, "no signature counted");
    let account = c.get("/account?lang=en").await;
    assert!(account.has("Registered; nothing checked yet"));
    assert!(account.has("Take your identity document to a participation centre"));

    // Verified in person, the same account votes.
    let registrar = crate::support::pb::demo_account(&app.db, Role::Coordinator).await;
    let level = app::accounts::apply_level_event(
        &app.app,
        id,
        LevelEvent::SeenInPerson,
        Some(registrar),
        Evidence::default(),
    )
    .await
    .expect("raise");
    assert_eq!(level, Level::InPerson);
    let voted = c
        .submit(
            &format!("/pb/{cycle}/vote"),
            &format!("/pb/{cycle}/vote"),
            &[("choice", &pid)],
        )
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.body);
    let counts = store::pb::ballots::counts(&app.db, cycle)
        .await
        .expect("counts");
    assert_eq!(counts.values().sum::<i64>(), 1);
    let account = c.get("/account?lang=en").await;
    assert!(account.has("Verified at a participation centre"));
    assert!(!account.has("Take your identity document"));
    let ballot = c.get(&format!("/pb/{cycle}/vote?lang=en")).await;
    assert!(!ballot.has(&link), "nothing to point at once verified");
}

async fn signatures(app: &TestApp, ini: uuid::Uuid) -> i64 {
    store::initiatives::get(&app.db, ini)
        .await
        .expect("read")
        .expect("initiative")
        .signatures
}

#[tokio::test]
async fn each_level_change_is_recorded_with_who_when_and_evidence() {
    let t = fresh_db().await;
    let tree = crate::support::territory_tree(&t.db, "31", 2).await;
    let person = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    let registrar = resident(&t.db, &tree.villages[1], Level::InPerson).await;
    let apply = |event, by, evidence| {
        app::accounts::apply_level_event(&t.app, person.id, event, by, evidence)
    };
    assert_eq!(
        apply(LevelEvent::ContactConfirmed, None, Evidence::default())
            .await
            .expect("confirm"),
        Level::Contact
    );
    t.app.clock.advance(TimeDelta::days(3));
    let evidence = Evidence {
        document: Some((
            DocumentKind::IdCard,
            DocumentTail::parse("04 5512 789").expect("tail"),
        )),
        residence: Some(ResidenceProof::HouseholdBook),
        ..Evidence::default()
    };
    assert_eq!(
        apply(LevelEvent::SeenInPerson, Some(registrar.id), evidence)
            .await
            .expect("verify"),
        Level::InPerson
    );
    // A confirmed contact proves less than a registrar: it changes nothing and is not recorded.
    assert_eq!(
        apply(LevelEvent::ContactConfirmed, None, Evidence::default())
            .await
            .expect("again"),
        Level::InPerson
    );
    t.app.clock.advance(TimeDelta::days(30));
    assert_eq!(
        apply(
            LevelEvent::ResidenceChanged,
            Some(person.id),
            Evidence::default()
        )
        .await
        .expect("move"),
        Level::Contact
    );

    let log = app::accounts::level_changes(&t.app, person.id)
        .await
        .expect("history");
    let steps: Vec<(Level, Level, LevelEvent)> =
        log.iter().map(|c| (c.from, c.to, c.event)).collect();
    assert_eq!(
        steps,
        vec![
            (
                Level::SelfDeclared,
                Level::Contact,
                LevelEvent::ContactConfirmed
            ),
            (Level::Contact, Level::InPerson, LevelEvent::SeenInPerson),
            (
                Level::InPerson,
                Level::Contact,
                LevelEvent::ResidenceChanged
            ),
        ]
    );
    assert_eq!(log[1].by, Some(registrar.id));
    let (kind, tail) = log[1].evidence.document.expect("the document seen");
    assert_eq!((kind, tail.as_str()), (DocumentKind::IdCard, "789"));
    assert_eq!(
        log[1].evidence.residence,
        Some(ResidenceProof::HouseholdBook)
    );
    assert!(log[0].at < log[1].at && log[1].at < log[2].at);
    let user = store::accounts::by_id(&t.db, person.id)
        .await
        .expect("read")
        .expect("user");
    assert_eq!(user.level, Level::Contact);
}

#[tokio::test]
async fn codes_expire_count_tries_work_once_and_only_the_last_one_counts() {
    let t = fresh_db().await;
    let tree = crate::support::territory_tree(&t.db, "32", 1).await;
    let p = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    let purpose = CodePurpose::ConfirmContact;
    let issue = || app::accounts::issue_code(&t.app, p.id, purpose, Some("p@mail.kz"));
    let app = &t.app;
    let check = |typed: String| async move {
        app::accounts::check_code(app, p.id, purpose, &typed)
            .await
            .expect("check")
    };

    let first = issue().await.expect("issue");
    assert_eq!(first.len(), 6);
    let second = issue().await.expect("issue again");
    if first != second {
        assert_eq!(
            check(first.clone()).await,
            Err(CodeRefusal::Wrong),
            "superseded"
        );
    }
    let ok = check(format!("{} {}", &second[..3], &second[3..])).await;
    assert_eq!(ok.map(|a| a.contact), Ok(Some("p@mail.kz".into())));
    assert_eq!(check(second).await, Err(CodeRefusal::Used));
    // Another purpose's code is not this one.
    assert_eq!(
        app::accounts::check_code(&t.app, p.id, CodePurpose::ResetPassword, "123456")
            .await
            .expect("check"),
        Err(CodeRefusal::Wrong)
    );

    let code = issue().await.expect("issue");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..domain::accounts::codes::TRIES {
        assert_eq!(check(wrong.to_string()).await, Err(CodeRefusal::Wrong));
    }
    assert_eq!(check(code).await, Err(CodeRefusal::TriesSpent));

    let code = issue().await.expect("issue");
    t.app.clock.advance(TimeDelta::minutes(10));
    assert_eq!(check(code).await, Err(CodeRefusal::Expired));
    assert_eq!(check("12a456".into()).await, Err(CodeRefusal::Malformed));

    // Two right tries at once: one is accepted, the other finds the code used.
    let code = issue().await.expect("issue");
    let (a, b) = tokio::join!(check(code.clone()), check(code));
    let accepted = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(accepted, 1, "{a:?} {b:?}");
}

#[tokio::test]
async fn a_cycle_cannot_ask_for_less_than_a_confirmed_contact_nor_for_egov_without_a_provider() {
    let app = TestApp::with_people().await;
    let admin = app.login_as(Role::Admin).await;
    let okrug = "114441000";
    admin
        .submit(
            &format!("/territories/{okrug}/roles"),
            &format!("/territories/{okrug}/roles"),
            &[
                ("contact", "coordinator@demo.qatysu.kz"),
                ("role", "coordinator"),
            ],
        )
        .await;
    let c = app.login_as(Role::Coordinator).await;
    let blank = c.get(&format!("/territories/{okrug}/pb/new?lang=en")).await;
    assert!(
        blank.has("<option value=\"in_person\" selected>"),
        "the default"
    );
    assert!(!blank.has("value=\"self\"") && !blank.has("value=\"egov\""));
    for level in ["self", "egov"] {
        let res = c
            .submit(
                &format!("/territories/{okrug}/pb/new"),
                &format!("/territories/{okrug}/pb?lang=en"),
                &crate::pb::form(&[("min_level", level)]),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{level}");
        assert!(res.has("at least residents with a confirmed phone or e-mail"));
        assert!(
            res.has("value=\"120 000 000\""),
            "the form keeps what was typed"
        );
    }
    let res = c
        .submit(
            &format!("/territories/{okrug}/pb/new"),
            &format!("/territories/{okrug}/pb"),
            &crate::pb::form(&[("min_level", "contact")]),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = c.get(&format!("{}&lang=en", res.location())).await;
    assert!(page.has("Taking part needs a confirmed phone or e-mail."));
    let tree = demo_tree(&app.db).await;
    assert_ne!(tree.okrug.kato.as_str(), okrug);
}

/// A valid IIN of someone born on 5 May 1995 with serial `n` (no demo or builder person).
fn iin_digits(n: u32) -> String {
    (0..10)
        .map(|k| format!("950505{}{n:04}{k}", 3 + n % 2))
        .find(|s| domain::Iin::parse(s).is_ok())
        .expect("one check digit fits")
}

/// The fields of a registration in the demo village with IIN number `n`.
fn registration(n: u32, contact: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "Сынақ Адам".into()),
        ("contact", contact.into()),
        ("iin", iin_digits(n)),
        ("village", demo::DEMO_VILLAGE.into()),
        ("password", "сынақ-адам-2026".into()),
        ("consent", "yes".into()),
    ]
}

async fn register(app: &TestApp, n: u32, contact: &str) -> crate::support::Page {
    let fields = registration(n, contact);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.client()
        .submit("/register?lang=en", "/register", &fields)
        .await
}

#[tokio::test]
async fn registrations_are_limited_per_address_and_per_contact() {
    let app = TestApp::with_people_config(web::Config {
        register_limit_ip: 4,
        ..web::Config::default()
    })
    .await;
    let before = store::accounts::count(&app.db).await.expect("count");
    // One contact tried with three IINs (a script testing whose IIN is free) is stopped after
    // three tries, however the tries ended.
    for n in [20, 21, 22] {
        let p = register(&app, n, "same@mail.kz").await;
        assert_ne!(p.status, StatusCode::TOO_MANY_REQUESTS, "try {n}");
    }
    let p = register(&app, 23, "same@mail.kz").await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(p.has("Too many attempts"));
    assert!(
        p.has("value=\"same@mail.kz\""),
        "the form keeps what was typed"
    );
    // The address has used its four; a fifth, new contact from it is stopped too.
    let p = register(&app, 24, "other@mail.kz").await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        store::accounts::count(&app.db).await.expect("count"),
        before + 1,
        "only the first registration made an account"
    );
    // An hour later the address may register again.
    app.clock.advance(TimeDelta::minutes(61));
    let p = register(&app, 25, "later@mail.kz").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
}

/// Decisions §8 "Residence": verification fixed the village, so moving drops an `in_person`
/// account to `contact` (the residence, the resident role and the level change together, on
/// the record); the page warns first, and a wrong password or the same village changes nothing.
#[tokio::test]
async fn moving_to_another_village_needs_the_password_and_drops_a_verified_level() {
    let app = TestApp::empty().await;
    let tree = crate::support::territory_tree(&app.db, "33", 2).await;
    let (home, other) = (&tree.villages[0], &tree.villages[1]);
    let p = resident(&app.db, home, Level::InPerson).await;
    let web = app.login(&p).await;

    let form = web.get("/account").await;
    assert!(
        form.body.contains("/account/residence"),
        "linked from the account page"
    );
    let page = web.get("/account/residence?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(other.kato.as_str()),
        "the other village is offered"
    );
    assert!(
        page.body
            .contains("until a registrar at a participation centre confirms"),
        "a verified person is warned before moving"
    );

    let post = |village: String, password: &'static str| {
        let web = &web;
        async move {
            web.submit(
                "/account/residence",
                "/account/residence",
                &[("village", &village), ("password", password)],
            )
            .await
        }
    };
    let wrong = post(other.kato.to_string(), "not-the-password").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains(other.kato.as_str()),
        "the choice is kept"
    );
    let same = post(home.kato.to_string(), crate::support::BUILDER_PASSWORD).await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unchanged = store::accounts::by_id(&app.db, p.id)
        .await
        .expect("read")
        .expect("account");
    assert_eq!(
        (unchanged.level, unchanged.residence_id),
        (Level::InPerson, home.id)
    );

    let moved = post(other.kato.to_string(), crate::support::BUILDER_PASSWORD).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    assert_eq!(moved.location(), "/account?ok=accounts-residence-moved");
    let u = store::accounts::by_id(&app.db, p.id)
        .await
        .expect("read")
        .expect("account");
    assert_eq!((u.level, u.residence_id), (Level::Contact, other.id));
    let history = app::accounts::level_changes(&app.app, p.id)
        .await
        .expect("history");
    let last = history.last().expect("the move is recorded");
    assert_eq!(
        (last.event, last.from, last.to, last.by),
        (
            LevelEvent::ResidenceChanged,
            Level::InPerson,
            Level::Contact,
            Some(p.id)
        )
    );
    assert_eq!(last.evidence.village, Some(other.id));
    // The resident role moved with the residence.
    let roles = store::accounts::roles_of(&app.db, p.id)
        .await
        .expect("roles");
    assert!(roles
        .iter()
        .filter(|r| r.grant.role == Role::Resident)
        .all(|r| r.grant.territory.as_ref() == Some(&other.kato)));
}

/// Security review L8: behind a proxy, the client address is the hop the proxy added (the last
/// of `X-Forwarded-For`), not the first, which the client writes itself — a script cannot dodge
/// the per-address registration limit by forging it.
#[tokio::test]
async fn a_forged_first_forwarded_hop_does_not_dodge_the_address_limit() {
    let app = TestApp::with_people_config(web::Config {
        trust_proxy: true,
        register_limit_ip: 2,
        ..web::Config::default()
    })
    .await;
    let mut statuses = Vec::new();
    for n in [30u32, 31, 32] {
        let c = app.client();
        let token = c.get("/register").await.csrf();
        let contact = format!("hop{n}@mail.kz");
        let mut fields = registration(n, &contact);
        fields.push(("csrf", token));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = c
            .http
            .post(format!("{}/register", c.base))
            .header("x-forwarded-for", format!("203.0.113.{n}, 198.51.100.7"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(crate::support::form_body(&fields))
            .send()
            .await
            .expect("register");
        statuses.push(res.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::SEE_OTHER,
            StatusCode::SEE_OTHER,
            StatusCode::TOO_MANY_REQUESTS
        ],
        "the proxy's hop 198.51.100.7 is the address counted"
    );
}
