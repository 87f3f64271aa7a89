//! Assisted voting only for a person who is there (security review H2), through a real server
//! on both engines: a look-up by IIN shows nothing of someone living elsewhere and never an
//! earlier ballot's receipt; the ballot is recorded only once the resident confirmed it is
//! them (their password, a code sent to their contact, or a registrar's document check); the
//! witness is an account other than the coordinator; every look-up is logged and limited.
//! The cycle is one of the demo okrug (Alakol) voting now, made on [`TestApp::with_people`].

use crate::support::pb::{demo_account, demo_territory, Rules};
use crate::support::{fingerprint, resident, Client, Page, TestApp};
use app::messages::{claim_due, record_attempt, Attempt, CodeArgs, CODE};
use domain::{Iin, Role};
use qatysu::cli::demo;
use reqwest::StatusCode;
use store::Db;
use uuid::Uuid;

const PROJECTS: [&str; 3] = [
    "Абай көшесіндегі су құбырын жаңарту",
    "Медпункт шатырын жөндеу",
    "Мектеп көшесіне шам орнату",
];

/// The demo resident (an account in the demo village, with a confirmed e-mail).
const RESIDENT: (&str, &str) = ("resident@demo.qatysu.kz", "demo-resident-2026");
/// The demo monitor: an account other than the coordinator, a witness.
const MONITOR: (&str, &str) = ("monitor@demo.qatysu.kz", "demo-monitor-2026");
const COORDINATOR: (&str, &str) = ("coordinator@demo.qatysu.kz", "demo-coordinator-2026");
const REGISTRAR: (&str, &str) = ("registrar@demo.qatysu.kz", "demo-registrar-2026");

struct Cycle {
    id: Uuid,
    /// The proposals on its ballot, in ballot order.
    pids: Vec<String>,
}

async fn voting(app: &TestApp) -> Cycle {
    let (id, ids) = crate::support::pb::voting(app, &Rules::default(), &PROJECTS).await;
    Cycle {
        id,
        pids: ids.iter().map(Uuid::to_string).collect(),
    }
}

/// The demo resident's IIN, as typed.
fn resident_iin() -> String {
    demo::demo_iin(6).expect("resident IIN")
}

fn person(iin: &str) -> Vec<u8> {
    fingerprint(&Iin::parse(iin).expect("iin"))
}

/// The page shows `text` (askama escapes apostrophes).
fn says(p: &Page, text: &str) -> bool {
    p.has(&text.replace('\'', "&#39;"))
}

/// A search by IIN on the assisted-voting page.
async fn find(c: &Client, cy: &Cycle, iin: &str) -> Page {
    let id = cy.id;
    c.submit(
        &format!("/pb/{id}/assist?lang=en"),
        &format!("/pb/{id}/assist"),
        &[("step", "find"), ("iin", iin)],
    )
    .await
}

/// The record form sent for the resident with `iin` choosing the first project, with the
/// demo monitor as the witness (their password) unless `fields` say otherwise.
async fn record(c: &Client, cy: &Cycle, iin: &str, fields: &[(&str, &str)]) -> Page {
    let id = cy.id;
    let mut all = vec![
        ("step", "record"),
        ("iin", iin),
        ("choice", cy.pids[0].as_str()),
    ];
    for default in [("witness", MONITOR.0), ("witness_secret", MONITOR.1)] {
        if !fields.iter().any(|(k, _)| *k == default.0) {
            all.push(default);
        }
    }
    all.extend_from_slice(fields);
    c.submit(
        &format!("/pb/{id}/assist?lang=en"),
        &format!("/pb/{id}/assist"),
        &all,
    )
    .await
}

/// How the person's ballot was recorded: (channel, witness account, confirmation, the
/// registrar who confirmed), read straight from their voter row (the ballot names nobody).
async fn ballot(
    db: &Db,
    cy: &Cycle,
    iin: &str,
) -> Option<(String, Option<Uuid>, Option<String>, Option<Uuid>)> {
    const Q: &str = "SELECT channel, witness_id, confirmation, confirmed_by FROM pb_voters \
        WHERE cycle_id = $1 AND person_hash = $2";
    let hash = person(iin);
    match db {
        Db::Sqlite(p) => {
            sqlx::query_as(Q)
                .bind(cy.id)
                .bind(&hash)
                .fetch_optional(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_as(Q)
                .bind(cy.id)
                .bind(&hash)
                .fetch_optional(p)
                .await
        }
    }
    .expect("the assisted-ballot columns")
}

/// The look-up log of a cycle: (coordinator, found), oldest first.
async fn lookups(db: &Db, cy: &Cycle) -> Vec<(Uuid, bool)> {
    const Q: &str = "SELECT coordinator_id, found FROM pb_assisted_lookups WHERE cycle_id = $1 \
        ORDER BY looked_up_at, id";
    match db {
        Db::Sqlite(p) => sqlx::query_as(Q).bind(cy.id).fetch_all(p).await,
        Db::Postgres(p) => sqlx::query_as(Q).bind(cy.id).fetch_all(p).await,
    }
    .expect("the look-up log")
}

/// The one code for assisted ballots delivered to `to` since the last look.
async fn code_for(app: &TestApp, to: &str) -> String {
    let mut got = Vec::new();
    for m in claim_due(&app.app, 100).await.expect("claim") {
        if m.kind == CODE {
            let args: CodeArgs = serde_json::from_str(&m.args).expect("code args");
            if args.to == to {
                got.push(args);
            }
        }
        record_attempt(&app.app, &m, Attempt::Sent)
            .await
            .expect("mark sent");
    }
    assert_eq!(got.len(), 1, "one code to {to}: {got:?}");
    assert_eq!(got[0].purpose, "confirm_assisted_ballot");
    got[0].digits.clone()
}

/// A resident of the demo village whose e-mail is confirmed (so a code can reach them).
async fn resident_with_contact(app: &TestApp, iin: &str, email: &str, password: &str) {
    let id = qatysu::cli::user::create_account(
        &app.app,
        &qatysu::cli::user::AccountSpec {
            name: "Көмек Алған Тұрғын",
            contact: email,
            iin,
            village: demo::DEMO_VILLAGE,
            password,
            role: None,
            level: domain::Level::InPerson,
        },
    )
    .await
    .expect("account");
    store::accounts::contact::mark_confirmed(&app.db, id, app.clock.now())
        .await
        .expect("confirm the e-mail");
}

/// Security review H2: a coordinator looking up the IIN of someone who lives in another okrug
/// learns nothing about them — no name, village or age, the same answer as for an IIN nobody
/// has — and gets no form to record a ballot.
#[tokio::test]
async fn h2_a_lookup_outside_the_territory_shows_no_name_village_or_age() {
    let app = TestApp::with_people().await;
    let cy = voting(&app).await;
    let elsewhere = crate::support::next_iin_digits();
    crate::support::civic::resident_of_another_okrug(&app, "Айбек Тестов", &elsewhere).await;
    let village = demo_territory(&app.db, "114445200").await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let outside = find(&coordinator, &cy, &elsewhere).await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!outside.has("Айбек Тестов"), "{}", outside.body);
    assert!(!outside.has(&village.name_kk) && !outside.has(&village.name_ru));
    assert!(!outside.has(" years<") && !outside.has("Age<"));
    assert!(!outside.has("name=\"witness\""));
    assert!(says(
        &outside,
        "No registered resident of this cycle's territory has this IIN"
    ));
    // The same answer as for an IIN nobody registered.
    let unknown = find(&coordinator, &cy, &crate::support::next_iin_digits()).await;
    assert_eq!(unknown.status, outside.status);
    assert!(says(
        &unknown,
        "No registered resident of this cycle's territory has this IIN"
    ));
    // Recording for them is refused the same way, and nothing is stored.
    let forced = record(
        &coordinator,
        &cy,
        &elsewhere,
        &[
            ("confirm", "password"),
            ("password", "elsewhere-resident-2026"),
        ],
    )
    .await;
    assert!(!forced.has("Айбек Тестов") && !forced.has("name=\"witness\""));
    assert!(ballot(&app.db, &cy, &elsewhere).await.is_none());
}

/// Security review H2: looking up a resident who has voted says only that they have voted —
/// never their receipt code, name or age — and offers no form to record another ballot.
#[tokio::test]
async fn h2_a_lookup_of_someone_who_voted_shows_no_receipt() {
    let app = TestApp::with_people().await;
    let cy = voting(&app).await;
    let resident = app.login_as(Role::Resident).await;
    let id = cy.id;
    let voted = resident
        .submit(
            &format!("/pb/{id}/vote"),
            &format!("/pb/{id}/vote"),
            &[("choice", &cy.pids[1])],
        )
        .await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.body);
    let receipt = store::pb::ballots::receipt_of(
        &app.db,
        crate::support::ballot_seal(),
        id,
        &person(&resident_iin()),
    )
    .await
    .expect("read")
    .expect("the resident's receipt");
    let coordinator = app.login_as(Role::Coordinator).await;
    let page = find(&coordinator, &cy, &resident_iin()).await;
    assert!(page.has("has already voted"), "{}", page.body);
    assert!(!page.has(&receipt), "the receipt is the resident's alone");
    assert!(!page.has("Бауыржан Нұрланов") && !page.has("name=\"witness\""));
    // A record attempt all the same gets the same answer, and still no receipt.
    let again = record(
        &coordinator,
        &cy,
        &resident_iin(),
        &[("confirm", "password"), ("password", RESIDENT.1)],
    )
    .await;
    assert!(again.has("has already voted") && !again.has(&receipt));
}

/// Security review H2: without the resident's confirmation nothing is recorded; a wrong
/// password is refused with a clear message and the form keeps the choice; the resident's own
/// password records the ballot, marked `password`, with the witness's account.
#[tokio::test]
async fn h2_a_ballot_needs_the_residents_password_or_another_confirmation() {
    let app = TestApp::with_people().await;
    let cy = voting(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let me = resident_iin();
    let unconfirmed = record(&coordinator, &cy, &me, &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.has("Choose how the resident confirms it is them"));
    assert!(ballot(&app.db, &cy, &me).await.is_none());
    let found = find(&coordinator, &cy, &me).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert!(found.has("Бауыржан Нұрланов") && found.has("name=\"confirm\""));
    let empty = record(
        &coordinator,
        &cy,
        &me,
        &[("confirm", "password"), ("password", "")],
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let wrong = record(
        &coordinator,
        &cy,
        &me,
        &[
            ("confirm", "password"),
            ("password", "not-the-password-2026"),
        ],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        says(&wrong, "This is not the resident's password"),
        "{}",
        wrong.body
    );
    assert!(
        wrong.has(&format!("value=\"{}\" checked", cy.pids[0])),
        "the choice is kept"
    );
    assert!(
        wrong.has(&format!("value=\"{}\"", MONITOR.0)),
        "the witness is kept"
    );
    assert!(!wrong.has(MONITOR.1), "no secret is shown again");
    assert!(ballot(&app.db, &cy, &me).await.is_none());

    let ok = record(
        &coordinator,
        &cy,
        &me,
        &[("confirm", "password"), ("password", RESIDENT.1)],
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert!(ok.has("Hand this receipt code to the resident"));
    let monitor = demo_account(&app.db, Role::Monitor).await;
    let (channel, witness, how, by) = ballot(&app.db, &cy, &me).await.expect("recorded");
    assert_eq!(channel, "assisted");
    assert_eq!(witness, Some(monitor));
    assert_eq!(how.as_deref(), Some("password"));
    assert_eq!(by, None);
}

/// Security review H2: a resident with a confirmed contact confirms with the one-time code
/// the page sends them ("send a code to the resident"); a wrong code is refused and keeps the
/// choice; the right one records the ballot, marked `code`.
#[tokio::test]
async fn h2_a_code_sent_to_the_resident_confirms_the_ballot() {
    let app = TestApp::with_people().await;
    let cy = voting(&app).await;
    let helped = crate::support::next_iin_digits();
    let email = "helped@demo.qatysu.kz";
    resident_with_contact(&app, &helped, email, "helped-resident-2026").await;
    let coordinator = app.login_as(Role::Coordinator).await;
    // No code was sent: any digits are refused and nothing is recorded.
    let guessed = record(
        &coordinator,
        &cy,
        &helped,
        &[("confirm", "code"), ("code", "123456")],
    )
    .await;
    assert_eq!(guessed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(ballot(&app.db, &cy, &helped).await.is_none());
    let found = find(&coordinator, &cy, &helped).await;
    assert!(found.has("Send a code to the resident"), "{}", found.body);
    let id = cy.id;
    let sent = coordinator
        .submit(
            &format!("/pb/{id}/assist?lang=en"),
            &format!("/pb/{id}/assist"),
            &[("iin", &helped), ("send_code", "1")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(sent.has("A code was sent to the resident"));
    assert!(!sent.has(email), "where the code went is not shown");
    let code = code_for(&app, email).await;
    let other = if code == "000000" { "111111" } else { "000000" };
    let wrong = record(
        &coordinator,
        &cy,
        &helped,
        &[("confirm", "code"), ("code", other)],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.has("The code is wrong"));
    assert!(wrong.has(&format!("value=\"{}\" checked", cy.pids[0])));
    assert!(ballot(&app.db, &cy, &helped).await.is_none());
    let ok = record(
        &coordinator,
        &cy,
        &helped,
        &[("confirm", "code"), ("code", &code)],
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let (_, _, how, by) = ballot(&app.db, &cy, &helped).await.expect("recorded");
    assert_eq!((how.as_deref(), by), (Some("code"), None));
}

/// Security review H2: a resident with neither a password they know nor a confirmed contact
/// votes after a registrar — not the coordinator — checked their identity document and
/// confirmed with the registrar's own password; the ballot names that registrar.
#[tokio::test]
async fn h2_a_registrars_document_check_confirms_the_ballot() {
    let app = TestApp::with_people().await;
    let cy = voting(&app).await;
    let village = demo_territory(&app.db, demo::DEMO_VILLAGE).await;
    // Made by the builder: the e-mail was never confirmed, so no code can reach them.
    let p = resident(&app.db, &village, domain::Level::InPerson).await;
    let iin = p.iin_digits.clone();
    let coordinator = app.login_as(Role::Coordinator).await;
    let document = |who: (&'static str, &'static str)| {
        [
            ("confirm", "document"),
            ("registrar", who.0),
            ("registrar_password", who.1),
        ]
    };
    // The coordinator cannot check the document themselves, nor can a non-registrar.
    let own = record(&coordinator, &cy, &iin, &document(COORDINATOR)).await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(own.has("another person, a registrar, must check the document"));
    assert!(ballot(&app.db, &cy, &iin).await.is_none());
    let found = find(&coordinator, &cy, &iin).await;
    assert!(found.has("no confirmed phone or e-mail"), "{}", found.body);
    assert!(!found.has("Send a code to the resident"));
    let expert = record(
        &coordinator,
        &cy,
        &iin,
        &document(("expert@demo.qatysu.kz", "demo-expert-2026")),
    )
    .await;
    assert!(says(
        &expert,
        "This account is not a registrar of the resident's territory"
    ));
    let bad = record(
        &coordinator,
        &cy,
        &iin,
        &document((REGISTRAR.0, "wrong-password-2026")),
    )
    .await;
    assert!(bad.has("No account has this phone or e-mail with this password."));
    assert!(ballot(&app.db, &cy, &iin).await.is_none());
    // The registrar cannot be the witness as well.
    let mut both = document(REGISTRAR).to_vec();
    both.extend([("witness", REGISTRAR.0), ("witness_secret", REGISTRAR.1)]);
    let same = record(&coordinator, &cy, &iin, &both).await;
    assert!(same.has("cannot also be the witness"));
    assert!(ballot(&app.db, &cy, &iin).await.is_none());

    let ok = record(&coordinator, &cy, &iin, &document(REGISTRAR)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let registrar = demo_account(&app.db, Role::Registrar).await;
    let (_, _, how, by) = ballot(&app.db, &cy, &iin).await.expect("recorded");
    assert_eq!((how.as_deref(), by), (Some("document"), Some(registrar)));
}

/// Security review H2: the witness is a registered account other than the coordinator and the
/// resident, proven present: a typed name, an unknown contact, the coordinator, the resident or
/// a wrong password are refused; the presence code of the witness's account page works.
#[tokio::test]
async fn h2_the_witness_is_an_account_other_than_the_coordinator() {
    let app = TestApp::with_people().await;
    let cy = voting(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let me = resident_iin();
    let confirmed = [("confirm", "password"), ("password", RESIDENT.1)];
    let with_witness = |who: &'static str, secret: String| {
        let mut f = confirmed.to_vec();
        f.push(("witness", who));
        (f, secret)
    };
    for (witness, secret, refusal) in [
        (
            "Сәуле Жұмабаева",
            MONITOR.1.to_string(),
            "a name is not enough",
        ),
        (
            "nobody@demo.qatysu.kz",
            "nobody-password-2026".into(),
            "No account has this phone or e-mail with this password or presence code",
        ),
        (
            COORDINATOR.0,
            COORDINATOR.1.into(),
            "the witness must be someone else",
        ),
        (RESIDENT.0, RESIDENT.1.into(), "cannot be their own witness"),
        (
            MONITOR.0,
            "not-the-monitor-2026".into(),
            "No account has this phone or e-mail with this password or presence code",
        ),
    ] {
        let (mut f, secret) = with_witness(witness, secret);
        f.push(("witness_secret", &secret));
        let page = record(&coordinator, &cy, &me, &f).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{witness}: {}",
            page.body
        );
        assert!(says(&page, refusal), "{witness}: {}", page.body);
        assert!(ballot(&app.db, &cy, &me).await.is_none(), "{witness}");
    }
    // The monitor reads the presence code from their own account page.
    let monitor = demo_account(&app.db, Role::Monitor).await;
    let presence = app::centres::presence_code(&app.app, monitor).code;
    let (mut f, secret) = with_witness(MONITOR.0, presence);
    f.push(("witness_secret", &secret));
    let ok = record(&coordinator, &cy, &me, &f).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let (_, witness, how, _) = ballot(&app.db, &cy, &me).await.expect("recorded");
    assert_eq!((witness, how.as_deref()), (Some(monitor), Some("password")));
}

/// Security review H2: every look-up writes a log row (coordinator, cycle, found or not; no
/// IIN), the cycle's managers see the look-ups and assisted ballots per coordinator, and a
/// coordinator's look-ups are limited (60 an hour).
#[tokio::test]
async fn h2_each_lookup_is_logged_counted_for_managers_and_limited() {
    let app = TestApp::with_people().await;
    let cy = voting(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let me = demo_account(&app.db, Role::Coordinator).await;
    assert!(lookups(&app.db, &cy).await.is_empty());
    find(&coordinator, &cy, &crate::support::next_iin_digits()).await;
    assert_eq!(lookups(&app.db, &cy).await, vec![(me, false)]);
    find(&coordinator, &cy, &resident_iin()).await;
    assert_eq!(lookups(&app.db, &cy).await, vec![(me, false), (me, true)]);
    let page = coordinator
        .get(&format!("/pb/{}/assist?lang=en", cy.id))
        .await;
    assert!(
        page.has("IIN look-ups") && page.has("Айгүл Сейітова"),
        "{}",
        page.body
    );
    assert!(
        page.has(">2</td><td class=\"num\" data-label=\"Ballots recorded\">0</td>"),
        "{}",
        page.body
    );

    // Sixty look-ups an hour: the two above and 58 more pass, the next is refused.
    let token = page.csrf();
    let path = format!("/pb/{}/assist", cy.id);
    let iin = crate::support::next_iin_digits();
    let fields = [
        ("csrf", token.as_str()),
        ("step", "find"),
        ("iin", iin.as_str()),
    ];
    for n in 0..58 {
        let r = coordinator.post(&path, &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "look-up {n}");
    }
    let over = coordinator.post(&path, &fields).await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS, "{}", over.body);
    assert!(over.has("Too many IIN look-ups"));
    assert_eq!(
        lookups(&app.db, &cy).await.len(),
        60,
        "a refused look-up looks nothing up"
    );
    app.clock.advance(chrono::Duration::minutes(61));
    let later = coordinator.post(&path, &fields).await;
    assert_eq!(later.status, StatusCode::UNPROCESSABLE_ENTITY);
}
