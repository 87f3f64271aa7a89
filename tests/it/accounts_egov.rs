//! eGov sign-in's use cases (the provider already vouched for an IIN): an existing verified
//! account is raised to `egov`; an unverified one is taken over (password and contact reset,
//! sessions ended, uncounted ballots struck, logged as a squatting resolution); a new person
//! completes registration with the IIN carried sealed, never from the form; a signed-in account
//! with another IIN is refused with nothing changed. On both engines.

use crate::support::{
    fresh_db, now, pb_cycle, resident, territory_tree, user_with_role, Person, TestDb,
    BUILDER_PASSWORD,
};
use app::accounts::egov::{self, Completed, Completion, EgovSignIn, Vouched};
use app::accounts::{LoggedIn, LoginLimits, SessionTtl};
use domain::accounts::LevelEvent;
use domain::pb::{Channel, Stage};
use domain::{Contact, Iin, Level, Role};
use uuid::Uuid;

const PROVIDER: &str = "http://127.0.0.1:1/test-provider";

fn ttl() -> SessionTtl {
    SessionTtl(chrono::Duration::days(1))
}

fn vouched(iin: &Iin, name: Option<&str>) -> Vouched {
    Vouched {
        iin: iin.clone(),
        name: name.map(str::to_string),
        provider: PROVIDER.into(),
    }
}

fn completion(name: &str, village: &store::territories::Territory, consent: bool) -> Completion {
    Completion {
        name: app::accounts::DisplayName::parse(name).expect("name"),
        village: village.kato.clone(),
        consent,
    }
}

async fn level(t: &TestDb, user: Uuid) -> Level {
    store::accounts::by_id(&t.db, user)
        .await
        .expect("read")
        .expect("account")
        .level
}

async fn actor(t: &TestDb, p: &Person) -> app::Actor {
    let contact = Contact::parse(&p.contact).expect("contact");
    app::access::actor_by_contact(&t.app, &contact)
        .await
        .expect("read")
        .expect("the account")
}

async fn password_login(t: &TestDb, contact: &str) -> LoggedIn {
    let limits = LoginLimits {
        per_account_address: 100,
        per_account: 100,
        per_address: 100,
        window_minutes: 15,
    };
    let contact = Contact::parse(contact).expect("contact");
    app::accounts::log_in(
        &t.app,
        "10.0.0.1",
        Some(&contact),
        BUILDER_PASSWORD.into(),
        None,
        &limits,
        ttl(),
    )
    .await
    .expect("log in")
}

fn pending(outcome: &EgovSignIn) -> (String, bool, String) {
    match outcome {
        EgovSignIn::Complete {
            pending,
            takeover,
            name,
        } => (pending.clone(), *takeover, name.clone()),
        other => panic!("expected the completing form, got {other:?}"),
    }
}

#[tokio::test]
async fn a_verified_account_signs_in_through_egov_and_is_raised() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "61", 1).await;
    let p = resident(&t.db, &tree.villages[0], Level::InPerson).await;
    let out = egov::sign_in(&t.app, vouched(&p.iin, Some("Айгүл")), None, ttl())
        .await
        .expect("sign in");
    let EgovSignIn::Yes { user, session } = out else {
        panic!("a verified account signs in at once: {out:?}");
    };
    assert_eq!(user, p.id);
    assert_eq!(level(&t, p.id).await, Level::Egov);
    let last = app::accounts::level_changes(&t.app, p.id)
        .await
        .expect("changes")
        .pop()
        .expect("one change");
    assert_eq!(
        (last.from, last.to, last.event, last.by),
        (Level::InPerson, Level::Egov, LevelEvent::EgovSignIn, None)
    );
    let signed_in = app::access::actor_of_session(&t.app, &session)
        .await
        .expect("read")
        .expect("the new session");
    assert_eq!(signed_in.user.id, p.id);
    // The password still works: nothing was taken over.
    assert!(matches!(
        password_login(&t, &p.contact).await,
        LoggedIn::Yes { .. }
    ));
}

#[tokio::test]
async fn a_new_person_completes_registration_at_egov_without_password_or_contact() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "62", 2).await;
    let iin = crate::support::next_iin();
    let out = egov::sign_in(&t.app, vouched(&iin, Some("Әсел Нұрланқызы")), None, ttl())
        .await
        .expect("sign in");
    let (sealed, takeover, name) = pending(&out);
    assert!(!takeover);
    assert_eq!(name, "Әсел Нұрланқызы");
    assert_eq!(store::accounts::count(&t.db).await.expect("count"), 0);
    assert_eq!(
        egov::pending(&t.app, &sealed).await.expect("read"),
        Some(egov::PendingView {
            name: "Әсел Нұрланқызы".into(),
            takeover: false
        })
    );

    // A changed seal, no consent and an unknown village change nothing.
    let tampered = format!("{}0{}", &sealed[..10], &sealed[11..]);
    let village = &tree.villages[1];
    let done = |s: String, c: Completion| {
        let app = t.app.clone();
        async move {
            egov::complete(&app, &s, c, None, ttl())
                .await
                .expect("complete")
        }
    };
    assert_eq!(
        done(tampered, completion("Әсел", village, true)).await,
        Completed::Expired
    );
    assert_eq!(
        done(sealed.clone(), completion("Әсел", village, false)).await,
        Completed::NoConsent
    );
    let okrug = Completion {
        village: tree.okrug.kato.clone(),
        ..completion("Әсел", village, true)
    };
    assert_eq!(done(sealed.clone(), okrug).await, Completed::UnknownVillage);
    assert_eq!(store::accounts::count(&t.db).await.expect("count"), 0);

    let Completed::Yes {
        user,
        session,
        took_over,
    } = done(sealed.clone(), completion("Әсел Н.", village, true)).await
    else {
        panic!("the registration completes");
    };
    assert!(!took_over);
    let u = store::accounts::by_id(&t.db, user)
        .await
        .expect("read")
        .expect("account");
    assert_eq!(
        (u.level, u.display_name.as_str(), u.residence_id),
        (Level::Egov, "Әсел Н.", village.id)
    );
    assert_eq!((u.phone, u.email), (None, None));
    assert_eq!(u.birth_date, iin.birth_date());
    assert_eq!(
        store::accounts::person_hash(&t.db, user)
            .await
            .expect("hash"),
        crate::support::fingerprint(&iin)
    );
    let changes = app::accounts::level_changes(&t.app, user)
        .await
        .expect("changes");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].event, LevelEvent::EgovSignIn);
    assert!(changes[0].evidence.consent);
    assert!(app::access::actor_of_session(&t.app, &session)
        .await
        .expect("read")
        .is_some());

    // The same sealed answer again: the account exists now, so it only signs in.
    let again = done(sealed, completion("Кто-то другой", village, true)).await;
    assert!(matches!(again, Completed::Yes { user: u2, took_over: false, .. } if u2 == user));
    // The next provider sign-in finds the account.
    let out = egov::sign_in(&t.app, vouched(&iin, None), None, ttl())
        .await
        .expect("sign in");
    assert!(matches!(out, EgovSignIn::Yes { user: u2, .. } if u2 == user));
    assert_eq!(store::accounts::count(&t.db).await.expect("count"), 1);
}

#[tokio::test]
async fn a_pending_registration_expires_after_fifteen_minutes() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "63", 1).await;
    let iin = crate::support::next_iin();
    let out = egov::sign_in(&t.app, vouched(&iin, None), None, ttl())
        .await
        .expect("sign in");
    let (sealed, _, name) = pending(&out);
    assert_eq!(name, "", "no name claim: nothing prefilled");
    t.app
        .clock
        .advance(chrono::Duration::minutes(egov::PENDING_MINUTES));
    assert_eq!(egov::pending(&t.app, &sealed).await.expect("read"), None);
    let late = egov::complete(
        &t.app,
        &sealed,
        completion("Ерлан", &tree.villages[0], true),
        None,
        ttl(),
    )
    .await
    .expect("complete");
    assert_eq!(late, Completed::Expired);
    assert_eq!(store::accounts::count(&t.db).await.expect("count"), 0);
}

#[tokio::test]
async fn the_first_egov_sign_in_takes_an_unverified_account_over() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "64", 2).await;
    let squatted = resident(&t.db, &tree.villages[0], Level::Contact).await;
    let squatter_session = match password_login(&t, &squatted.contact).await {
        LoggedIn::Yes { session, .. } => session,
        other => panic!("the squatter logs in: {other:?}"),
    };
    // The squatter voted in a cycle not yet counted.
    let coordinator =
        user_with_role(&t.db, &tree.villages[0], Role::Coordinator, &tree.okrug).await;
    let cycle = pb_cycle(&t.db, &tree, coordinator.id, 2031, Stage::Voting, 2, now()).await;
    let ballot = store::pb::ballots::NewBallot {
        cycle_id: cycle.id,
        person_hash: squatted.person_hash.clone(),
        voter_id: Some(squatted.id),
        channel: Channel::Web,
        entered_by: None,
        choices: vec![cycle.admitted[0]],
        receipt: "R-EGOV-1".into(),
    };
    store::pb::ballots::cast(&t.db, &ballot, crate::support::ballot_seal(), false, now())
        .await
        .expect("cast");

    let out = egov::sign_in(
        &t.app,
        vouched(&squatted.iin, Some("Нағыз Иесі")),
        None,
        ttl(),
    )
    .await
    .expect("sign in");
    let (sealed, takeover, _) = pending(&out);
    assert!(
        takeover,
        "the form warns that the account will be taken over"
    );
    assert_eq!(level(&t, squatted.id).await, Level::Contact, "not yet");

    let out = egov::complete(
        &t.app,
        &sealed,
        completion("Нағыз Иесі", &tree.villages[1], true),
        None,
        ttl(),
    )
    .await
    .expect("complete");
    let Completed::Yes {
        user, took_over, ..
    } = out
    else {
        panic!("the takeover completes: {out:?}");
    };
    assert!(took_over);
    assert_eq!(
        user, squatted.id,
        "the same account, the IIN's real holder's now"
    );
    let u = store::accounts::by_id(&t.db, user)
        .await
        .expect("read")
        .expect("account");
    assert_eq!(
        (u.level, u.display_name.as_str(), u.residence_id),
        (Level::Egov, "Нағыз Иесі", tree.villages[1].id)
    );
    assert_eq!((u.phone, u.email), (None, None), "contact reset");
    assert!(
        app::access::actor_of_session(&t.app, &squatter_session)
            .await
            .expect("read")
            .is_none(),
        "the squatter's sessions ended"
    );
    assert!(
        matches!(password_login(&t, &squatted.contact).await, LoggedIn::Wrong),
        "the old password and contact no longer sign in"
    );
    let events: Vec<LevelEvent> = app::accounts::level_changes(&t.app, user)
        .await
        .expect("changes")
        .iter()
        .map(|c| c.event)
        .collect();
    assert_eq!(events, [LevelEvent::Disowned, LevelEvent::EgovSignIn]);
    let log = egov::takeovers(&t.app, user).await.expect("log");
    assert_eq!(log.len(), 1, "logged as a squatting resolution");
    assert_eq!(log[0].provider, PROVIDER);
    assert_eq!(
        log[0].previous_contact.as_deref(),
        Some(squatted.contact.as_str())
    );
    assert_eq!((log[0].struck_ballots, log[0].struck_signatures), (1, 0));
    let left = store::pb::ballots::all(&t.db, cycle.id)
        .await
        .expect("read ballots");
    assert!(left.is_empty(), "the squatter's uncounted ballot is struck");
}

#[tokio::test]
async fn a_signed_in_account_with_another_iin_is_refused_and_nothing_changes() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "65", 1).await;
    let mine = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    let other = resident(&t.db, &tree.villages[0], Level::InPerson).await;
    let me = actor(&t, &mine).await;
    let out = egov::sign_in(&t.app, vouched(&other.iin, None), Some(&me), ttl())
        .await
        .expect("sign in");
    assert_eq!(out, EgovSignIn::Mismatch);
    let stranger = crate::support::next_iin();
    let out = egov::sign_in(&t.app, vouched(&stranger, None), Some(&me), ttl())
        .await
        .expect("sign in");
    assert_eq!(out, EgovSignIn::Mismatch);
    assert_eq!(level(&t, mine.id).await, Level::SelfDeclared);
    assert_eq!(level(&t, other.id).await, Level::InPerson);
    assert_eq!(store::accounts::count(&t.db).await.expect("count"), 2);

    // A pending registration completed while signed in to another account: refused too.
    let out = egov::sign_in(&t.app, vouched(&stranger, None), None, ttl())
        .await
        .expect("sign in");
    let (sealed, _, _) = pending(&out);
    let out = egov::complete(
        &t.app,
        &sealed,
        completion("Бөтен", &tree.villages[0], true),
        Some(&me),
        ttl(),
    )
    .await
    .expect("complete");
    assert_eq!(out, Completed::Mismatch);
    assert_eq!(store::accounts::count(&t.db).await.expect("count"), 2);
}

#[tokio::test]
async fn signed_in_to_the_unverified_account_of_the_same_iin_raises_it_without_a_takeover() {
    let t = fresh_db().await;
    let tree = territory_tree(&t.db, "66", 1).await;
    let p = resident(&t.db, &tree.villages[0], Level::SelfDeclared).await;
    let me = actor(&t, &p).await;
    let out = egov::sign_in(&t.app, vouched(&p.iin, None), Some(&me), ttl())
        .await
        .expect("sign in");
    assert!(matches!(out, EgovSignIn::Yes { user, .. } if user == p.id));
    assert_eq!(level(&t, p.id).await, Level::Egov);
    assert!(egov::takeovers(&t.app, p.id).await.expect("log").is_empty());
    assert!(matches!(
        password_login(&t, &p.contact).await,
        LoggedIn::Yes { .. }
    ));
}

/// An app whose provider cannot be reached (nothing listens on port 1).
async fn unreachable_provider() -> crate::support::TestApp {
    crate::support::TestApp::with_people_config(web::Config {
        oidc: Some(web::OidcSettings {
            issuer: "http://127.0.0.1:1".into(),
            client_id: "qatysu".into(),
            client_secret: "secret".into(),
            iin_claim: "iin".into(),
            scopes: vec!["profile".into()],
            public_url: "http://127.0.0.1:8080".into(),
        }),
        egov_sign_in: true,
        ..web::Config::default()
    })
    .await
}

#[tokio::test]
async fn egov_sign_in_is_offered_only_when_a_provider_is_configured() {
    let plain = crate::support::TestApp::with_people().await;
    let c = plain.client();
    for page in ["/login?lang=en", "/register?lang=en"] {
        assert!(!c.get(page).await.has("/login/oidc"), "{page}");
    }
    assert_eq!(
        c.get("/login/oidc").await.status,
        reqwest::StatusCode::NOT_FOUND
    );
    let app = unreachable_provider().await;
    let c = app.client();
    for page in ["/login?lang=en", "/register?lang=en"] {
        let p = c.get(page).await;
        assert!(p.has("href=\"/login/oidc\""), "{page}");
        assert!(p.has("Sign in with eGov"), "{page}");
    }
}

#[tokio::test]
async fn egov_sign_in_failures_get_a_clear_page_in_the_readers_language() {
    let app = unreachable_provider().await;
    let c = app.client();
    let p = c.get("/login/oidc?lang=en").await;
    assert_eq!(p.status, reqwest::StatusCode::BAD_GATEWAY);
    assert!(p.has("eGov cannot be reached right now"), "{}", p.body);
    // A callback this browser never started (or forged): the state cannot match.
    let p = c
        .get("/login/oidc/callback?code=abc&state=forged&lang=ru")
        .await;
    assert_eq!(p.status, reqwest::StatusCode::BAD_REQUEST);
    assert!(p.has("Вход занял слишком много времени"), "{}", p.body);
    // The provider refused (the person cancelled).
    let p = c
        .get("/login/oidc/callback?error=access_denied&state=x&lang=kk")
        .await;
    assert_eq!(p.status, reqwest::StatusCode::FORBIDDEN);
    assert!(p.has("eGov кіруді растамады"), "{}", p.body);
    // The completing form without a provider's answer.
    let p = c.get("/login/oidc/complete?lang=en").await;
    assert_eq!(p.status, reqwest::StatusCode::BAD_REQUEST);
    assert!(p.has("took too long"), "{}", p.body);
}
