//! Participation centres: administrators describe them and name their registrars; anyone
//! finds the centres serving a territory (pages and JSON); a registrar of the centre raises a
//! resident of their territory to `in_person` at the desk, with the presence code from the
//! person's own account page, the document's last three digits, the residence proof and the
//! person's consent, all recorded with the change.

mod squatting;

use crate::support::civic::demo_account;
use crate::support::{resident, user_with_role, Client, Person, TestApp};
use app::centres::{CentreDraft, CentreInput};
use domain::accounts::{DocumentKind, LevelEvent, ResidenceProof};
use domain::{Contact, Kato, Level, Role};
use reqwest::StatusCode;
use store::territories::Territory;
use uuid::Uuid;

/// The okrug of the demo accounts' village, where the demo registrar holds the role.
const OKRUG: &str = "114435000";
const VILLAGE: &str = "114435200";
/// Another village of the same okrug.
const NEIGHBOUR: &str = "114435100";
const DISTRICT: &str = "114400000";
/// An okrug where none of the demo accounts lives, and a village of it.
const OTHER_OKRUG: &str = "114441000";
const OTHER_VILLAGE: &str = "114441100";

async fn territory(app: &TestApp, kato: &str) -> Territory {
    app::territories::by_code(&app.app, kato)
        .await
        .expect("a demo territory")
}

async fn actor(app: &TestApp, email: &str) -> app::Actor {
    let contact = Contact::parse(email).expect("contact");
    app::access::actor_by_contact(&app.app, &contact)
        .await
        .expect("read")
        .expect("the account")
}

fn draft(name: &str) -> CentreDraft {
    CentreDraft::parse(&CentreInput {
        name_kk: &format!("{name} орталығы"),
        name_ru: &format!("Центр {name}"),
        address_kk: "Көркем а., Бейбітшілік к., 12",
        address_ru: "с. Коркем, ул. Бейбитшилик, 12",
        hours: "Дс–Жм 09:00–18:00",
        phone: "8 (71642) 2-11-45",
    })
    .expect("a valid centre")
}

/// A centre of `kato` made by the demo administrator, with `registrars` (by e-mail).
pub(crate) async fn centre(app: &TestApp, kato: &str, name: &str, registrars: &[&str]) -> Uuid {
    let admin = actor(app, "admin@demo.qatysu.kz").await;
    let t = territory(app, kato).await;
    let id = app::centres::create(&app.app, &admin, &t, &draft(name))
        .await
        .expect("create the centre");
    let c = app::centres::by_id(&app.app, id).await.expect("the centre");
    for r in registrars {
        let contact = Contact::parse(r).expect("contact");
        let added = app::centres::add_registrar(&app.app, &admin, &c, &contact)
            .await
            .expect("add the registrar");
        assert_eq!(added, app::centres::RegistrarAdded::Yes);
    }
    id
}

const REGISTRAR: &str = "registrar@demo.qatysu.kz";

async fn registrar(app: &TestApp) -> Client {
    app.login_as(Role::Registrar).await
}

fn centre_fields<'a>(name_kk: &'a str, phone: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name_kk", name_kk),
        ("name_ru", "Центр цифрового участия Алакольского с.о."),
        ("address_kk", "Көркем а., Бейбітшілік к., 12"),
        ("address_ru", "с. Коркем, ул. Бейбитшилик, 12"),
        ("hours", "Дс–Жм 09:00–18:00"),
        ("phone", phone),
    ]
}

#[tokio::test]
async fn administrators_describe_centres_and_name_registrars_and_nobody_else_may() {
    let app = TestApp::with_people().await;
    let admin = app.login_as(Role::Admin).await;
    let new = format!("/territories/{OKRUG}/centres/new");
    let bad = admin
        .submit(
            &format!("{new}?lang=en"),
            &new,
            &centre_fields(" ", "call us"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.has("Enter the name in Kazakh") && bad.has("Enter a phone number"));
    assert!(
        bad.has("Центр цифрового участия Алакольского с.о."),
        "typed text kept"
    );
    let ok = admin
        .submit(&new, &new, &centre_fields("Алакөл орталығы", ""))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let location = ok.location().to_string();
    assert!(location.starts_with("/centres/") && location.ends_with("?ok=centres-saved"));
    let id = location["/centres/".len()..]
        .split('?')
        .next()
        .expect("id")
        .to_string();
    let page = admin.get(&format!("/centres/{id}?lang=ru")).await;
    assert!(page.has("Центр цифрового участия Алакольского с.о.") && page.has("Дс–Жм 09:00–18:00"));
    assert!(page.has("Здесь пока не работает ни один регистратор."));

    // Editing keeps what was typed when it is wrong, and saves when it is right.
    let edit = format!("/centres/{id}/edit");
    let bad = admin
        .submit(&edit, &edit, &centre_fields("Алакөл орталығы", "12"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = admin
        .submit(
            &edit,
            &edit,
            &centre_fields("Алакөл ЦҚО", "+7 701 555 44 33"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert!(admin
        .get(&format!("/centres/{id}?lang=kk"))
        .await
        .has("Алакөл ЦҚО"));

    // Registrars are named by contact; they get the registrar role on the centre's territory.
    let page = format!("/centres/{id}?lang=en");
    let unknown = admin
        .submit(
            &page,
            &format!("/centres/{id}/registrars"),
            &[("contact", "nobody@mail.kz")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.has("No account has this phone or e-mail."));
    let resident_id = demo_account(&app.db, Role::Resident).await;
    let added = admin
        .submit(
            &page,
            &format!("/centres/{id}/registrars"),
            &[("contact", "resident@demo.qatysu.kz")],
        )
        .await;
    assert_eq!(
        added.location(),
        format!("/centres/{id}?ok=centres-registrar-added")
    );
    assert!(admin.get(&page).await.has("Бауыржан Нұрланов"));
    let roles = store::accounts::roles_of(&app.db, resident_id)
        .await
        .expect("roles");
    assert!(roles.iter().any(|h| h.grant.role == Role::Registrar
        && h.grant.territory.as_ref().map(Kato::as_str) == Some(OKRUG)));
    let removed = admin
        .submit(
            &page,
            &format!("/centres/{id}/registrars/remove"),
            &[("user", &resident_id.to_string())],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(!admin.get(&page).await.has("Бауыржан Нұрланов"));

    // Everyone else: no form, and 403 on every write.
    for role in [
        Role::Coordinator,
        Role::Official,
        Role::Registrar,
        Role::Resident,
    ] {
        let c = app.login_as(role).await;
        assert_eq!(c.get(&new).await.status, StatusCode::FORBIDDEN, "{role:?}");
        let token = c.get("/account").await.csrf();
        let mut fields = centre_fields("Басқа орталық", "");
        fields.push(("csrf", &token));
        assert_eq!(
            c.post(&new, &fields).await.status,
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
        assert_eq!(
            c.post(&edit, &fields).await.status,
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
        let res = c
            .post(
                &format!("/centres/{id}/registrars"),
                &[("csrf", &token), ("contact", "resident@demo.qatysu.kz")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{role:?}");
        let shown = c.get(&format!("/centres/{id}")).await;
        assert!(
            !shown.has("name=\"contact\"") && !shown.has("/edit\""),
            "{role:?}"
        );
    }
    assert_eq!(
        app.client().get(&new).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_territory_lists_its_centres_and_those_above_it_in_pages_and_json() {
    let app = TestApp::with_people().await;
    let okrug_centre = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let district_centre = centre(&app, DISTRICT, "Аудандық", &[]).await;
    let anon = app.client();

    let village = anon.get(&format!("/territories/{VILLAGE}")).await;
    assert!(village.has(&format!("/territories/{VILLAGE}/centres")));
    let list = anon
        .get(&format!("/territories/{VILLAGE}/centres?lang=ru"))
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let near = list.body.find("Центр Алакөл").expect("the okrug's centre");
    let far = list
        .body
        .find("Центр Аудандық")
        .expect("the district's centre");
    assert!(near < far, "the nearest first");
    assert!(list.has("Часы работы: Дс–Жм 09:00–18:00"));
    let other = anon
        .get(&format!("/territories/{OTHER_OKRUG}/centres?lang=ru"))
        .await;
    assert!(other.has("Центр Аудандық") && !other.has("Центр Алакөл"));
    assert!(!other.has("/centres/new"), "no form for anonymous readers");

    let page = anon.get(&format!("/centres/{okrug_centre}?lang=en")).await;
    assert!(page.has("Алакөл орталығы") && page.has("Сәуле Жұмабаева"));
    assert!(
        !page.has("/desk\""),
        "the desk link is for the centre's registrars"
    );
    assert_eq!(
        anon.get("/centres/not-an-id").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anon.get(&format!("/centres/{}", Uuid::nil())).await.status,
        StatusCode::NOT_FOUND
    );

    let json: serde_json::Value = serde_json::from_str(
        &anon
            .get(&format!("/api/v1/centres?territory={VILLAGE}"))
            .await
            .body,
    )
    .expect("json");
    let ids: Vec<&str> = json
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, [okrug_centre.to_string(), district_centre.to_string()]);
    assert_eq!(json[0]["territory"], OKRUG);
    assert_eq!(json[0]["name_ru"], "Центр Алакөл");
    assert_eq!(json[0]["phone"], "8 (71642) 2-11-45");
    assert_eq!(json[0]["url"], format!("/centres/{okrug_centre}"));
    let all: serde_json::Value =
        serde_json::from_str(&anon.get("/api/v1/centres").await.body).expect("json");
    assert_eq!(all.as_array().map(Vec::len), Some(2));
    let missing = anon.get("/api/v1/centres?territory=999999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let spec: serde_json::Value =
        serde_json::from_str(&anon.get("/api/openapi.json").await.body).expect("openapi");
    assert!(spec["paths"]["/api/v1/centres"]["get"].is_object());
    assert!(spec["components"]["schemas"]["Centre"].is_object());
}

#[tokio::test]
async fn the_nearest_centres_are_those_of_the_deepest_territory_that_has_any() {
    let app = TestApp::with_people().await;
    let path = territory(&app, VILLAGE).await.path;
    assert!(app::centres::nearest(&app.app, &path)
        .await
        .expect("nearest")
        .is_empty());
    let district = centre(&app, DISTRICT, "Аудандық", &[]).await;
    let ids = |list: Vec<app::centres::Centre>| list.iter().map(|c| c.id).collect::<Vec<_>>();
    let near = app::centres::nearest(&app.app, &path)
        .await
        .expect("nearest");
    assert_eq!(ids(near), [district]);
    let okrug = centre(&app, OKRUG, "Алакөл", &[]).await;
    let near = app::centres::nearest(&app.app, &path)
        .await
        .expect("nearest");
    assert_eq!(
        ids(near),
        [okrug],
        "the okrug's centre, not the district's as well"
    );

    // A person below the level votes need sees where to go on their account page.
    let village = territory(&app, VILLAGE).await;
    let p = resident(&app.db, &village, Level::Contact).await;
    let page = app.login(&p).await.get("/account?lang=en").await;
    assert!(page.has("Where to get verified") && page.has("Алакөл орталығы"));
    let verified = app
        .login_as(Role::Resident)
        .await
        .get("/account?lang=en")
        .await;
    assert!(!verified.has("Where to get verified"));
}

/// What a registrar types at the desk for `p`, with the presence code `presence`.
fn raise_fields<'a>(
    p: &'a Person,
    iin: &'a str,
    presence: &'a str,
) -> Vec<(&'static str, &'a str)> {
    let _ = p;
    vec![
        ("iin", iin),
        ("presence", presence),
        ("document", "id_card"),
        ("tail", "04 123 4567"),
        ("proof", "household_book"),
        ("village", ""),
        ("consent", "yes"),
    ]
}

fn iin_digits(p: &Person) -> String {
    p.iin_digits.clone()
}

async fn level_of(app: &TestApp, p: &Person) -> Level {
    store::accounts::by_id(&app.db, p.id)
        .await
        .expect("read")
        .expect("the account")
        .level
}

#[tokio::test]
async fn a_registrar_raises_a_resident_who_reads_the_presence_code_and_the_evidence_is_kept() {
    let app = TestApp::with_people().await;
    let id = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let village = territory(&app, VILLAGE).await;
    let p = resident(&app.db, &village, Level::Contact).await;
    let iin = iin_digits(&p);
    let desk = format!("/centres/{id}/desk");
    let raise = format!("{desk}/raise");
    let r = registrar(&app).await;
    assert!(r
        .get(&format!("/centres/{id}"))
        .await
        .has(&format!("{desk}\"")));

    let found = r.submit(&desk, &desk, &[("iin", &iin)]).await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.has(&format!("Сынақ Тұрғын {}", p.iin.last_four())));
    assert!(found.has("name=\"presence\""));

    // The person's account page shows the code, and it is the one the app derives.
    let shown = app.login(&p).await.get("/account?lang=en").await;
    let code = app::centres::presence_code(&app.app, p.id).code;
    assert!(shown.has(&format!("{} {}", &code[..3], &code[3..])));
    assert!(shown.has("Read this code to the registrar"));

    // Without the right code, or without consent, nothing changes and the desk says why.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = r
        .submit(
            &format!("{desk}?lang=en"),
            &raise,
            &raise_fields(&p, &iin, wrong),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("is not the one this account shows now"));
    let mut no_consent = raise_fields(&p, &iin, &code);
    no_consent.retain(|(k, _)| *k != "consent");
    let refused = r
        .submit(&format!("{desk}?lang=en"), &raise, &no_consent)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.has("Without the person&#x27;s consent") || refused.has("Without the person"));
    let mut bad_tail = raise_fields(&p, &iin, &code);
    bad_tail.retain(|(k, _)| *k != "tail");
    bad_tail.push(("tail", "12"));
    let refused = r.submit(&desk, &raise, &bad_tail).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(level_of(&app, &p).await, Level::Contact);
    assert!(app::accounts::level_changes(&app.app, p.id)
        .await
        .expect("history")
        .is_empty());

    // The code of the previous ten-minute window still works; an older one does not.
    app.clock.advance(chrono::TimeDelta::minutes(10));
    let ok = r
        .submit(&desk, &raise, &raise_fields(&p, &iin, &code))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), format!("{desk}?ok=centres-raised"));
    assert_eq!(level_of(&app, &p).await, Level::InPerson);

    let history = app::accounts::level_changes(&app.app, p.id)
        .await
        .expect("history");
    let last = history.last().expect("a recorded change");
    let registrar_id = demo_account(&app.db, Role::Registrar).await;
    assert_eq!((last.from, last.to), (Level::Contact, Level::InPerson));
    assert_eq!(last.event, LevelEvent::SeenInPerson);
    assert_eq!(last.by, Some(registrar_id));
    assert_eq!(
        last.evidence
            .document
            .map(|(k, t)| (k, t.as_str().to_string())),
        Some((DocumentKind::IdCard, "567".to_string()))
    );
    assert_eq!(last.evidence.residence, Some(ResidenceProof::HouseholdBook));
    assert_eq!(last.evidence.centre, Some(id));
    assert_eq!(last.evidence.village, Some(village.id));
    assert!(last.evidence.consent);

    // The desk shows the history to the next registrar; the code from twenty minutes ago is
    // spent.
    let again = r
        .submit(&format!("{desk}?lang=en"), &desk, &[("iin", &iin)])
        .await;
    assert!(again.has("Seen at a participation centre") && again.has("ID card …567"));
    assert!(again.has("Household book of the akim") && again.has("Сәуле Жұмабаева"));
    app.clock.advance(chrono::TimeDelta::minutes(10));
    let stale = r
        .submit(&desk, &raise, &raise_fields(&p, &iin, &code))
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_registrar_fixes_the_village_within_the_territory_only() {
    let app = TestApp::with_people().await;
    let id = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let village = territory(&app, VILLAGE).await;
    let neighbour = territory(&app, NEIGHBOUR).await;
    let p = resident(&app.db, &village, Level::Contact).await;
    let iin = iin_digits(&p);
    let desk = format!("/centres/{id}/desk");
    let raise = format!("{desk}/raise");
    let r = registrar(&app).await;
    let code = app::centres::presence_code(&app.app, p.id).code;
    let mut outside = raise_fields(&p, &iin, &code);
    outside.retain(|(k, _)| *k != "village");
    outside.push(("village", OTHER_VILLAGE));
    let refused = r.submit(&desk, &raise, &outside).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(level_of(&app, &p).await, Level::Contact);

    let mut moved = raise_fields(&p, &iin, &code);
    moved.retain(|(k, _)| *k != "village");
    moved.push(("village", NEIGHBOUR));
    let ok = r.submit(&desk, &raise, &moved).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let user = store::accounts::by_id(&app.db, p.id)
        .await
        .expect("read")
        .expect("user");
    assert_eq!(
        (user.level, user.residence_id),
        (Level::InPerson, neighbour.id)
    );
    // The resident role moved with the residence: they act as residents of the new village.
    let a = app::access::actor(&app.app, p.id)
        .await
        .expect("read")
        .expect("actor");
    assert!(a.may(domain::Action::SubmitProposal, &neighbour.path));
    assert!(!a.may(domain::Action::SubmitProposal, &village.path));
}

#[tokio::test]
async fn an_iin_of_another_okrug_is_not_found_like_an_unknown_one() {
    let app = TestApp::with_people().await;
    let id = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let elsewhere = territory(&app, OTHER_VILLAGE).await;
    let p = resident(&app.db, &elsewhere, Level::Contact).await;
    let iin = iin_digits(&p);
    let desk = format!("/centres/{id}/desk");
    let r = registrar(&app).await;
    let outside = r
        .submit(&format!("{desk}?lang=en"), &desk, &[("iin", &iin)])
        .await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
    assert!(outside.has("No account with this IIN in your territory."));
    assert!(!outside.has(&format!("Сынақ Тұрғын {}", p.iin.last_four())));
    let unknown_digits = crate::support::next_iin_digits();
    let unknown = r
        .submit(
            &format!("{desk}?lang=en"),
            &desk,
            &[("iin", &unknown_digits)],
        )
        .await;
    assert_eq!(unknown.status, outside.status);
    let message = |page: &str| {
        page.split("class=\"err\" id=\"iin-err\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .map(str::to_string)
    };
    assert_eq!(
        message(&outside.body),
        message(&unknown.body),
        "the same answer"
    );

    // Raising them with their real code changes nothing either.
    let code = app::centres::presence_code(&app.app, p.id).code;
    let res = r
        .submit(
            &desk,
            &format!("{desk}/raise"),
            &raise_fields(&p, &iin, &code),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(level_of(&app, &p).await, Level::Contact);
}

#[tokio::test]
async fn only_the_centres_own_registrars_open_its_desk() {
    let app = TestApp::with_people().await;
    let okrug = territory(&app, OKRUG).await;
    let village = territory(&app, VILLAGE).await;
    let other = user_with_role(&app.db, &village, Role::Registrar, &okrug).await;
    let ours = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let other_contact = other.contact.clone();
    let theirs = centre(&app, OKRUG, "Екінші", &[&other_contact]).await;
    let p = resident(&app.db, &village, Level::Contact).await;
    let iin = iin_digits(&p);
    let code = app::centres::presence_code(&app.app, p.id).code;

    let r = registrar(&app).await;
    assert_eq!(
        r.get(&format!("/centres/{ours}/desk")).await.status,
        StatusCode::OK
    );
    let desk = format!("/centres/{theirs}/desk");
    assert_eq!(r.get(&desk).await.status, StatusCode::FORBIDDEN);
    let token = r.get("/account").await.csrf();
    let mut fields = raise_fields(&p, &iin, &code);
    fields.push(("csrf", &token));
    assert_eq!(r.post(&desk, &fields).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        r.post(&format!("{desk}/raise"), &fields).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(level_of(&app, &p).await, Level::Contact);
    // Administrators, coordinators and residents are no registrars of the centre either.
    for role in [Role::Admin, Role::Coordinator, Role::Resident] {
        let c = app.login_as(role).await;
        assert_eq!(c.get(&desk).await.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    assert_eq!(
        app.client().get(&desk).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Their own registrar may.
    let theirs_client = app.login(&other).await;
    assert_eq!(theirs_client.get(&desk).await.status, StatusCode::OK);
}

#[tokio::test]
async fn five_wrong_presence_codes_lock_the_account_at_every_desk_for_twenty_minutes() {
    let app = TestApp::with_people().await;
    let id = centre(&app, OKRUG, "Алакөл", &[REGISTRAR]).await;
    let village = territory(&app, VILLAGE).await;
    let p = resident(&app.db, &village, Level::Contact).await;
    let iin = iin_digits(&p);
    let desk = format!("/centres/{id}/desk");
    let raise = format!("{desk}/raise");
    let r = registrar(&app).await;
    r.submit(&desk, &desk, &[("iin", &iin)]).await;
    let code = app::centres::presence_code(&app.app, p.id).code;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let refused = r
            .submit(&desk, &raise, &raise_fields(&p, &iin, wrong))
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right code is refused now: a guesser cannot go on.
    let locked = r
        .submit(&desk, &raise, &raise_fields(&p, &iin, &code))
        .await;
    assert_eq!(locked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(level_of(&app, &p).await, Level::Contact);
    // Twenty minutes later the code the account shows then is accepted.
    app.clock.advance(chrono::TimeDelta::minutes(21));
    let code = app::centres::presence_code(&app.app, p.id).code;
    let ok = r
        .submit(&desk, &raise, &raise_fields(&p, &iin, &code))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(level_of(&app, &p).await, Level::InPerson);
}
