//! Administrators' list of accounts (`/admin/accounts`), scoped by territory, and consent to
//! the processing of personal data at registration (Law No. 94-V). Runs on SQLite, and on
//! PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set.

use crate::support::{demo_tree, resident, territory_tree, user_with_role, TestApp};
use domain::accounts::{DocumentKind, DocumentTail, LevelEvent, ResidenceProof};
use domain::{Level, Role};
use qatysu::cli::demo;
use reqwest::StatusCode;
use store::accounts::Evidence;

#[tokio::test]
async fn an_administrator_of_a_district_sees_its_accounts_and_their_history() {
    let app = TestApp::with_people().await;
    let tree = demo_tree(&app.db).await;
    let other = territory_tree(&app.db, "47", 1).await;
    let district_admin =
        user_with_role(&app.db, &tree.villages[0], Role::Admin, &tree.district).await;
    let outsider = resident(&app.db, &other.villages[0], Level::SelfDeclared).await;
    let raised = resident(&app.db, &tree.villages[0], Level::SelfDeclared).await;
    let evidence = Evidence {
        document: Some((
            DocumentKind::Passport,
            DocumentTail::parse("123").expect("tail"),
        )),
        residence: Some(ResidenceProof::HouseholdBook),
        ..Evidence::default()
    };
    let by = Some(district_admin.id);
    app::accounts::apply_level_event(&app.app, raised.id, LevelEvent::SeenInPerson, by, evidence)
        .await
        .expect("raise");

    let c = app.login(&district_admin).await;
    let account = c.get("/account?lang=en").await;
    assert!(account.has("href=\"/admin/accounts\""));
    let list = c.get("/admin/accounts?lang=en").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let district = tree.district.name_kk.clone();
    assert!(list.has(&district), "the list names its territory");
    assert!(list.has(&format!("/admin/accounts/{}", raised.id)));
    assert!(!list.has(&format!("/admin/accounts/{}", outsider.id)));
    assert!(
        list.has("Seen at a participation centre"),
        "the last change"
    );
    assert!(!list.has(&raised.iin_digits));

    // Another district, and an account living there, are not this administrator's.
    let elsewhere = c
        .get(&format!(
            "/admin/accounts?territory={}",
            other.district.kato
        ))
        .await;
    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
    let theirs = c.get(&format!("/admin/accounts/{}", outsider.id)).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);

    // The history: when (Kazakhstan time), what, who, the document's kind and last three
    // digits, how residence was established; never an IIN digit.
    let one = c
        .get(&format!("/admin/accounts/{}?lang=en", raised.id))
        .await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    for text in [
        "Seen at a participation centre",
        "Passport …123",
        "Household book of the akim",
        "Verified at a participation centre",
    ] {
        assert!(one.has(text), "{text}");
    }
    let raised_at = domain::time::kz_time(app.clock.now())
        .format("%H:%M")
        .to_string();
    assert!(one.has(&raised_at), "the time in Kazakhstan");
    assert!(!one.has(&raised.iin_digits));

    // A country-wide administrator sees every territory; nobody else sees any.
    let admin = app.login_as(Role::Admin).await;
    let all = admin
        .get(&format!(
            "/admin/accounts?territory={}",
            other.district.kato
        ))
        .await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.has(&format!("/admin/accounts/{}", outsider.id)));
    for role in [
        Role::Resident,
        Role::Coordinator,
        Role::Official,
        Role::Registrar,
    ] {
        let p = app.login_as(role).await.get("/admin/accounts").await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{role:?}");
        let account = app.login_as(role).await.get("/account").await;
        assert!(!account.has("href=\"/admin/accounts\""), "{role:?}");
    }
    let anonymous = app.client().get("/admin/accounts").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_list_counts_levels_filters_and_pages_by_fifty() {
    let app = TestApp::with_people().await;
    let other = territory_tree(&app.db, "48", 1).await;
    for _ in 0..51 {
        resident(&app.db, &other.villages[0], Level::SelfDeclared).await;
    }
    resident(&app.db, &other.villages[0], Level::Contact).await;
    let admin = app.login_as(Role::Admin).await;
    let base = format!("/admin/accounts?territory={}", other.district.kato);
    let p = admin.get(&format!("{base}&lang=en")).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.has("Registered; nothing checked yet</a>: 51"),
        "{}",
        p.body
    );
    assert!(p.has("Phone or e-mail confirmed</a>: 1"));
    assert!(p.has("Verified at a participation centre</a>: 0"));
    assert!(p.has("Page 1 of 2"));
    let first = admin.get(&format!("{base}&level=self&lang=en")).await;
    assert_eq!(
        first
            .body
            .matches("<tr><td><a href=\"/admin/accounts/")
            .count(),
        50
    );
    assert!(first.has("Page 1 of 2") && first.has("rel=\"next\""));
    let second = admin
        .get(&format!("{base}&level=self&page=2&lang=en"))
        .await;
    assert_eq!(
        second
            .body
            .matches("<tr><td><a href=\"/admin/accounts/")
            .count(),
        1
    );
    assert!(second.has("Page 2 of 2") && second.has("rel=\"prev\""));
    let contact = admin.get(&format!("{base}&level=contact&lang=en")).await;
    assert_eq!(
        contact
            .body
            .matches("<tr><td><a href=\"/admin/accounts/")
            .count(),
        1
    );
    let unknown = admin.get("/admin/accounts?territory=999999999").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn registering_needs_consent_which_is_recorded_with_the_account() {
    let app = TestApp::with_people().await;
    let before = store::accounts::count(&app.db).await.expect("count");
    let iin = crate::support::next_iin_digits();
    let mut fields = vec![
        ("name", "Келісім Сұрамай"),
        ("contact", "consent@mail.kz"),
        ("iin", iin.as_str()),
        ("village", demo::DEMO_VILLAGE),
        ("password", "таза-ауа-2026"),
    ];
    for (lang, message) in [
        ("en", "Without your consent"),
        ("ru", "Без вашего согласия"),
        ("kk", "Дербес деректеріңізді өңдеуге келісіміңізсіз"),
    ] {
        let p = app
            .client()
            .submit(&format!("/register?lang={lang}"), "/register", &fields)
            .await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        assert!(p.has(message), "{lang}: {message}");
        assert!(p.has("id=\"consent-err\""), "{lang}: the field is marked");
        assert!(p.has("Келісім Сұрамай") && p.has("consent@mail.kz") && p.has(&iin));
        assert!(p.has(&format!("value=\"{}\" selected", demo::DEMO_VILLAGE)));
        assert!(!p.has("таза-ауа-2026"), "the password is never sent back");
    }
    assert_eq!(
        store::accounts::count(&app.db).await.expect("count"),
        before
    );

    fields.push(("consent", "yes"));
    let done = app.client().submit("/register", "/register", &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let contact = domain::Contact::parse("consent@mail.kz").expect("contact");
    let (user, _) = store::accounts::credentials(&app.db, &contact)
        .await
        .expect("read")
        .expect("registered");
    let at = store::accounts::directory::consent_at(&app.db, user.id)
        .await
        .expect("read");
    assert_eq!(
        at,
        Some(user.created_at),
        "consent is recorded in the same insert"
    );

    // An operator adding a person from a paper form (`qatysu user add`) records consent too.
    let typed = crate::support::next_iin_digits();
    let spec = app::accounts::AccountSpec {
        name: "Қағаз Нысан",
        contact: "paper@mail.kz",
        iin: &typed,
        village: demo::DEMO_VILLAGE,
        password: "қағаз-нысан-2026",
        role: None,
        level: Level::InPerson,
    };
    let id = app::accounts::add_account(&app.app, &spec)
        .await
        .expect("add");
    let at = store::accounts::directory::consent_at(&app.db, id)
        .await
        .expect("read");
    assert!(at.is_some());
}
