//! IIN squatting resolved at the desk, residents without a phone or e-mail registered there,
//! and the printed slip's one-time code that signs either of them in.

use super::{actor, centre, level_of, territory, OKRUG, OTHER_OKRUG, OTHER_VILLAGE, REGISTRAR};
use super::{registrar, VILLAGE};
use crate::support::civic::demo_account;
use crate::support::{
    collecting_initiative, demo_tree, fixed_now, move_cycle, now, pb_cycle, resident,
    user_with_role, Client, Person, TestApp, BUILDER_PASSWORD,
};
use app::centres::{NewResident, Registered, Resolve, Resolved};
use domain::accounts::{DocumentKind, DocumentTail, LevelEvent, ResidenceProof};
use domain::pb::{Channel, Stage};
use domain::{Contact, Iin, Kato, Level, Role};
use reqwest::StatusCode;
use store::initiatives::{NewSignature, OnThreshold};
use uuid::Uuid;

const NEW_PASSWORD: &str = "жаңа-құпия-сөз-2026";

/// POST a form whose answer is a PDF (not decoded as a page): status, content type, bytes.
async fn post_pdf(
    c: &Client,
    form_page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Vec<u8>) {
    let token = c.get(form_page).await.csrf();
    let mut all = fields.to_vec();
    all.push(("csrf", &token));
    let res = c
        .http
        .post(format!("{}{action}", c.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(crate::support::form_body(&all))
        .send()
        .await
        .expect("POST");
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, kind, res.bytes().await.expect("body").to_vec())
}

async fn ballot(app: &TestApp, cycle: Uuid, p: &Person, choice: Uuid) {
    let b = store::pb::ballots::NewBallot {
        cycle_id: cycle,
        person_hash: p.person_hash.clone(),
        voter_id: Some(p.id),
        channel: Channel::Web,
        entered_by: None,
        choices: vec![choice],
        receipt: format!("R-{}", Uuid::new_v4().simple()),
    };
    store::pb::ballots::cast(&app.db, &b, crate::support::ballot_seal(), false, now())
        .await
        .expect("cast");
}

async fn sign(app: &TestApp, initiative: Uuid, p: &Person, village: Uuid) {
    let s = NewSignature {
        person_hash: p.person_hash.clone(),
        user_id: Some(p.id),
        village_id: village,
        paper: false,
    };
    let reach = OnThreshold {
        consider_due: now() + chrono::TimeDelta::days(30),
        answering: Role::Official,
    };
    store::initiatives::sign(&app.db, initiative, &s, &reach, now())
        .await
        .expect("sign");
}

async fn signatures(app: &TestApp, id: Uuid) -> (i64, String) {
    let i = store::initiatives::get(&app.db, id)
        .await
        .expect("read")
        .expect("initiative");
    (i.signatures, i.status.as_str().to_string())
}

fn evidence() -> ((DocumentKind, DocumentTail), ResidenceProof) {
    (
        (
            DocumentKind::IdCard,
            DocumentTail::parse("321").expect("tail"),
        ),
        ResidenceProof::HouseholdBook,
    )
}

async fn slip_sign_in(app: &TestApp, iin: &str, code: &str) -> (Client, StatusCode) {
    let c = app.client();
    let res = c
        .submit(
            "/login/slip?lang=en",
            "/login/slip",
            &[("iin", iin), ("code", code), ("password", NEW_PASSWORD)],
        )
        .await;
    if res.status == StatusCode::SEE_OTHER {
        assert_eq!(res.location(), "/account");
    } else {
        assert!(
            res.has("the code has expired or was used already"),
            "{}",
            res.body
        );
    }
    (c, res.status)
}

#[tokio::test]
async fn a_squatting_resolution_strikes_uncounted_votes_and_hands_the_account_over() {
    let app = TestApp::with_people().await;
    let id = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let village = territory(&app, VILLAGE).await;
    let squatter = resident(&app.db, &village, Level::Contact).await;
    let neighbour = resident(&app.db, &village, Level::Contact).await;
    let squatter_web = app.login(&squatter).await;
    assert_eq!(squatter_web.get("/account").await.status, StatusCode::OK);

    // A cycle still voting, one already published, an initiative collecting and one whose
    // threshold the squatter's signature reached.
    let tree = demo_tree(&app.db).await;
    let coordinator = demo_account(&app.db, Role::Coordinator).await;
    let open = pb_cycle(&app.db, &tree, coordinator, 2031, Stage::Voting, 2, now()).await;
    let closed = pb_cycle(&app.db, &tree, coordinator, 2032, Stage::Voting, 2, now()).await;
    ballot(&app, open.id, &squatter, open.admitted[0]).await;
    ballot(&app, open.id, &neighbour, open.admitted[0]).await;
    ballot(&app, closed.id, &squatter, closed.admitted[1]).await;
    let on = now().date_naive() + chrono::Days::new(11);
    move_cycle(
        &app.db,
        closed.id,
        Stage::Voting,
        Stage::Results,
        coordinator,
        on,
    )
    .await;
    let published = store::pb::ballots::published(&app.db, closed.id)
        .await
        .expect("read")
        .expect("published");
    let collecting =
        collecting_initiative(&app.db, &village, coordinator, coordinator, 100, now()).await;
    let reached =
        collecting_initiative(&app.db, &village, coordinator, coordinator, 1, now()).await;
    sign(&app, collecting, &squatter, village.id).await;
    sign(&app, collecting, &neighbour, village.id).await;
    sign(&app, reached, &squatter, village.id).await;
    assert_eq!(signatures(&app, collecting).await.0, 2);
    assert_eq!(signatures(&app, reached).await, (1, "must_consider".into()));

    let registrar_actor = actor(&app, REGISTRAR).await;
    let c = app::centres::by_id(&app.app, id).await.expect("centre");
    let (document, residence) = evidence();
    let resolved = app::centres::resolve(
        &app.app,
        &registrar_actor,
        &c,
        Resolve {
            iin: squatter.iin.clone(),
            name: app::accounts::DisplayName::parse_line("Нағыз Иесі").expect("name"),
            contact: Some(Contact::parse("holder@test.qatysu.kz").expect("contact")),
            document,
            residence,
            consent: true,
        },
    )
    .await
    .expect("resolve");
    let Resolved::Done {
        user,
        code,
        ballots,
        signatures: struck,
    } = resolved
    else {
        panic!("not resolved: {resolved:?}");
    };
    assert_eq!((user, ballots, struck), (squatter.id, 1, 1));

    // The account is the real holder's, disowned then seen in person, with the evidence.
    let u = store::accounts::by_id(&app.db, user)
        .await
        .expect("read")
        .expect("account");
    assert_eq!(u.display_name, "Нағыз Иесі");
    assert_eq!(u.email.as_deref(), Some("holder@test.qatysu.kz"));
    assert_eq!(u.level, Level::InPerson);
    // The consent on record is the real holder's, given at the desk, not the squatter's.
    let consent = store::accounts::directory::consent_at(&app.db, user)
        .await
        .expect("consent");
    assert!(consent.is_some_and(|at| at > fixed_now()), "{consent:?}");
    let history = app::accounts::level_changes(&app.app, user)
        .await
        .expect("history");
    let [.., disowned, seen] = history.as_slice() else {
        panic!("two changes recorded: {history:?}");
    };
    assert_eq!(
        (disowned.event, disowned.from, disowned.to),
        (LevelEvent::Disowned, Level::Contact, Level::SelfDeclared)
    );
    assert_eq!(
        (seen.event, seen.from, seen.to),
        (
            LevelEvent::SeenInPerson,
            Level::SelfDeclared,
            Level::InPerson
        )
    );
    assert_eq!(seen.evidence.centre, Some(id));
    assert_eq!(seen.by, Some(registrar_actor.user.id));
    assert!(seen.evidence.consent);

    // The squatter's session is over and the old password opens nothing.
    assert_eq!(
        squatter_web.get("/account").await.status,
        StatusCode::UNAUTHORIZED
    );
    let old = app
        .client()
        .submit(
            "/login",
            "/login",
            &[
                ("contact", "holder@test.qatysu.kz"),
                ("password", BUILDER_PASSWORD),
            ],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);

    // Uncounted votes are struck; the published cycle and the reached threshold stand.
    let receipt = |cycle, p: &Person| {
        let hash = p.person_hash.clone();
        let db = app.db.clone();
        async move {
            store::pb::ballots::receipt_of(&db, crate::support::ballot_seal(), cycle, &hash)
                .await
                .expect("read")
        }
    };
    assert_eq!(receipt(open.id, &squatter).await, None);
    assert!(receipt(open.id, &neighbour).await.is_some());
    assert!(receipt(closed.id, &squatter).await.is_some());
    let after = store::pb::ballots::published(&app.db, closed.id)
        .await
        .expect("read")
        .expect("published");
    assert_eq!(
        (after.ballots, after.selected, after.computed_at),
        (published.ballots, published.selected, published.computed_at)
    );
    assert_eq!(signatures(&app, collecting).await, (1, "collecting".into()));
    assert_eq!(signatures(&app, reached).await, (1, "must_consider".into()));

    // The centre's registrars see the resolution and what it struck.
    let r = registrar(&app).await;
    let list = r.get(&format!("/centres/{id}/resolutions?lang=en")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.has("Нағыз Иесі") && list.has(&format!("Сынақ Тұрғын {}", squatter.iin.last_four()))
    );
    assert!(list.has("1 ballot, 1 signature"));
    assert!(list.has(&format!(
        "Ballot: {}, participatory budget 2031",
        tree.okrug.name_kk
    )));
    assert!(list.has("Signature: initiative “Ауылға жаяу жүргінші жолы”"));
    let kk = r.get(&format!("/centres/{id}/resolutions?lang=kk")).await;
    assert!(kk.has("1 бюллетень, 1 қол"));
    let resident_web = app.login_as(Role::Resident).await;
    assert_eq!(
        resident_web
            .get(&format!("/centres/{id}/resolutions"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // The real holder signs in with the slip's code once; the second use is refused.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_eq!(
        slip_sign_in(&app, &squatter.iin_digits, wrong).await.1,
        StatusCode::UNAUTHORIZED
    );
    let (holder, status) = slip_sign_in(&app, &squatter.iin_digits, &code).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(holder.get("/account").await.has("Нағыз Иесі"));
    assert_eq!(
        slip_sign_in(&app, &squatter.iin_digits, &code).await.1,
        StatusCode::UNAUTHORIZED
    );
    app.login_as_contact("holder@test.qatysu.kz", NEW_PASSWORD)
        .await;
}

/// What a registrar types at the desk to resolve a squatting case.
fn resolve_fields(iin: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("iin", iin),
        ("name", "Нағыз Иесі"),
        ("contact", ""),
        ("s_document", "passport"),
        ("s_tail", "1234567"),
        ("s_proof", "address_certificate"),
        ("s_consent", "yes"),
    ]
}

#[tokio::test]
async fn a_registrar_of_another_territory_cannot_find_or_resolve() {
    let app = TestApp::with_people().await;
    let here = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let other_okrug = territory(&app, OTHER_OKRUG).await;
    let other_village = territory(&app, OTHER_VILLAGE).await;
    let outsider = user_with_role(&app.db, &other_village, Role::Registrar, &other_okrug).await;
    let there = centre(&app, OTHER_OKRUG, "Басқа", &[outsider.contact.as_str()]).await;
    let village = territory(&app, VILLAGE).await;
    let squatter = resident(&app.db, &village, Level::Contact).await;
    let iin = squatter.iin_digits.clone();

    let o = app.login(&outsider).await;
    let desk = format!("/centres/{there}/desk");
    let found = o.submit(&desk, &desk, &[("iin", &iin)]).await;
    assert_eq!(found.status, StatusCode::NOT_FOUND);
    let refused = o
        .submit(&desk, &format!("{desk}/resolve"), &resolve_fields(&iin))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let token = o.get(&desk).await.csrf();
    let mut fields = resolve_fields(&iin);
    fields.push(("csrf", &token));
    assert_eq!(
        o.post(&format!("/centres/{here}/desk/resolve"), &fields)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        o.get(&format!("/centres/{here}/resolutions")).await.status,
        StatusCode::FORBIDDEN
    );
    let actor = actor(&app, &outsider.contact).await;
    let c = app::centres::by_id(&app.app, there).await.expect("centre");
    let (document, residence) = evidence();
    let r = app::centres::resolve(
        &app.app,
        &actor,
        &c,
        Resolve {
            iin: squatter.iin.clone(),
            name: app::accounts::DisplayName::parse_line("Нағыз Иесі").expect("name"),
            contact: None,
            document,
            residence,
            consent: true,
        },
    )
    .await
    .expect("resolve");
    assert_eq!(r, Resolved::NotFound);
    let u = store::accounts::by_id(&app.db, squatter.id)
        .await
        .expect("read")
        .expect("account");
    assert_eq!(
        u.display_name,
        format!("Сынақ Тұрғын {}", squatter.iin.last_four())
    );
    assert_eq!(level_of(&app, &squatter).await, Level::Contact);

    // The centre's own registrar resolves it on the page and gets the slip; the contact is
    // cleared, which an account may be without.
    let r = registrar(&app).await;
    let desk = format!("/centres/{here}/desk");
    let mut no_consent = resolve_fields(&iin);
    no_consent.retain(|(k, _)| *k != "s_consent");
    let refused = r
        .submit(&desk, &format!("{desk}/resolve"), &no_consent)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, kind, pdf) =
        post_pdf(&r, &desk, &format!("{desk}/resolve"), &resolve_fields(&iin)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/pdf");
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 2_000);
    let u = store::accounts::by_id(&app.db, squatter.id)
        .await
        .expect("read")
        .expect("account");
    assert_eq!(u.display_name, "Нағыз Иесі");
    assert_eq!((u.phone, u.email), (None, None));
    assert_eq!(u.level, Level::InPerson);
    let list = r.get(&format!("/centres/{here}/resolutions?lang=ru")).await;
    assert!(list.has("Нағыз Иесі") && list.has("0 бюллетеней, 0 подписей"));
    assert!(list.has(&squatter.contact), "the previous contact is kept");
}

#[tokio::test]
async fn a_resident_without_phone_or_email_is_registered_at_the_desk_with_a_slip() {
    let app = TestApp::with_people().await;
    let id = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let village = territory(&app, VILLAGE).await;
    let r = registrar(&app).await;
    let form = format!("/centres/{id}/desk/resident");
    let page = r.get(&format!("{form}?lang=kk")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("Телефоны мен e-mail-і жоқ") || page.has("Тұрғынды тіркеу"));

    let iin = crate::support::next_iin_digits();
    let fields = |village: &'static str, consent: &'static str| {
        vec![
            ("name", "Айгүл Серікқызы"),
            ("iin", iin.as_str()),
            ("village", village),
            ("document", "id_card"),
            ("tail", "045 678 912"),
            ("proof", "personal_knowledge"),
            ("consent", consent),
        ]
    };
    let outside = r.submit(&form, &form, &fields(OTHER_VILLAGE, "yes")).await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    let no_consent = r.submit(&form, &form, &fields(VILLAGE, "")).await;
    assert_eq!(no_consent.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, kind, pdf) = post_pdf(&r, &form, &form, &fields(VILLAGE, "yes")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/pdf");
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 2_000);
    let taken = r.submit(&form, &form, &fields(VILLAGE, "yes")).await;
    assert_eq!(taken.status, StatusCode::CONFLICT);

    let hash = crate::support::fingerprint(&Iin::parse(&iin).expect("iin"));
    let u = store::accounts::by_person_hash(&app.db, &hash)
        .await
        .expect("read")
        .expect("the new account");
    assert_eq!(u.display_name, "Айгүл Серікқызы");
    assert_eq!((u.phone.clone(), u.email.clone()), (None, None));
    assert_eq!(u.level, Level::InPerson);
    assert_eq!(u.residence_id, village.id);
    let history = app::accounts::level_changes(&app.app, u.id)
        .await
        .expect("history");
    let [seen] = history.as_slice() else {
        panic!("one change: {history:?}");
    };
    assert_eq!(
        (seen.event, seen.from, seen.to),
        (
            LevelEvent::SeenInPerson,
            Level::SelfDeclared,
            Level::InPerson
        )
    );
    assert_eq!(seen.by, Some(demo_account(&app.db, Role::Registrar).await));
    assert!(seen.evidence.consent && seen.evidence.village == Some(village.id));

    // Another resident, through the use case (the code is only ever printed), signs in once.
    let registrar_actor = actor(&app, REGISTRAR).await;
    let c = app::centres::by_id(&app.app, id).await.expect("centre");
    let other = crate::support::next_iin_digits();
    let (document, residence) = evidence();
    let done = app::centres::register_resident(
        &app.app,
        &registrar_actor,
        &c,
        NewResident {
            name: app::accounts::DisplayName::parse_line("Ерлан Болатұлы").expect("name"),
            iin: Iin::parse(&other).expect("iin"),
            village: Kato::parse(VILLAGE).expect("kato"),
            document,
            residence,
            consent: true,
        },
    )
    .await
    .expect("register");
    let Registered::Done { code, .. } = done else {
        panic!("not registered: {done:?}");
    };
    let (person, status) = slip_sign_in(&app, &other, &code).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(person.get("/account").await.has("Ерлан Болатұлы"));
    assert_eq!(
        slip_sign_in(&app, &other, &code).await.1,
        StatusCode::UNAUTHORIZED
    );
    // The slip's code is the only way in: an IIN typed with another's code is refused.
    assert_eq!(
        slip_sign_in(&app, &iin, &code).await.1,
        StatusCode::UNAUTHORIZED
    );
}
