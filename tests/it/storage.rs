//! The storage contract, run on whichever engine the suite targets.

use crate::support::{fresh_db, SECRET};
use domain::{Contact, Iin, Kato, Role};
use qatysu::cli::{demo, import};
use store::accounts::{NewUser, Taken};
use store::{territories, Db, StoreError};

async fn seeded() -> crate::support::TestDb {
    let t = fresh_db().await;
    demo::seed(&t.db, SECRET).await.expect("seed");
    t
}

fn k(s: &str) -> Kato {
    Kato::parse(s).expect("kato")
}

#[tokio::test]
async fn migrations_are_idempotent_and_refuse_a_newer_schema() {
    let t = fresh_db().await;
    let again = t.db.migrate().await.expect("second migrate");
    let known = store::MIGRATIONS_SQLITE.len() as i64;
    assert!(again.applied_now.is_empty());
    assert_eq!(again.version, known);
    crate::raw_sql!(
        &t.db,
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')"
        )
    )
    .expect("insert");
    match t.db.migrate().await {
        Err(StoreError::SchemaTooNew {
            found: 999,
            known: k,
        }) if k == known => {}
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
}

#[tokio::test]
async fn a_mistyped_sqlite_url_creates_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("typo.db");
    let err = Db::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect_err("must refuse");
    assert!(matches!(err, StoreError::MissingFile(_)));
    assert!(!path.exists());
    assert!(matches!(
        Db::connect("mysql://x").await,
        Err(StoreError::UnsupportedUrl(_))
    ));
}

#[tokio::test]
async fn territory_import_builds_the_tree_and_is_idempotent() {
    let t = fresh_db().await;
    let rows = import::parse_territories(demo::DEMO_CSV).expect("csv");
    let first = import::import(&t.db, &rows, false).await.expect("import");
    assert_eq!((first.inserted, first.updated), (23, 0));
    let second = import::import(&t.db, &rows, false)
        .await
        .expect("import again");
    assert_eq!((second.inserted, second.updated), (0, 23));
    assert_eq!(territories::count(&t.db).await.expect("count"), 23);

    let village = territories::by_kato(&t.db, &k("114435200"))
        .await
        .expect("q")
        .expect("village");
    let path: Vec<&str> = village.path.iter().map(|k| k.as_str()).collect();
    assert_eq!(path, ["110000000", "114400000", "114435000", "114435200"]);
    let district = territories::by_kato(&t.db, &k("114400000"))
        .await
        .expect("q")
        .expect("district");
    assert_eq!(
        territories::subtree(&t.db, &district)
            .await
            .expect("subtree")
            .len(),
        22
    );
    let okrugs = territories::children(&t.db, Some(district.id))
        .await
        .expect("children");
    assert_eq!(okrugs.len(), 8);
    assert_eq!(
        territories::children(&t.db, None)
            .await
            .expect("roots")
            .len(),
        1
    );
}

#[tokio::test]
async fn an_import_with_an_orphan_writes_nothing() {
    let t = fresh_db().await;
    let csv = "kato,kato_version,level,type_code,name_ru,name_kk\n\
               110000000,NK RK 11-2025,oblast,0,Акмолинская область,Ақмола облысы\n\
               124400000,NK RK 11-2025,district,2,Сиротский район,Жетім ауданы\n";
    let rows = import::parse_territories(csv).expect("rows parse");
    let err = import::import(&t.db, &rows, false)
        .await
        .expect_err("orphan refused");
    assert!(err.to_string().contains("124400000"));
    assert_eq!(territories::count(&t.db).await.expect("count"), 0);
}

fn new_user(village: uuid::Uuid, iin: &str, contact: &str) -> NewUser {
    let iin = Iin::parse(iin).expect("iin");
    NewUser {
        display_name: "Сынақ Тұрғын".into(),
        contact: Contact::parse(contact).expect("contact"),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$x$y".into(),
        iin_hash: web::Keys::derive(SECRET).iin.fingerprint(&iin),
        iin_last4: iin.last_four(),
        birth_date: iin.birth_date(),
        residence_id: village,
        verification_level: 0,
    }
}

#[tokio::test]
async fn one_account_per_person_even_under_concurrency() {
    let t = seeded().await;
    let village = territories::by_kato(&t.db, &k("114441100"))
        .await
        .expect("q")
        .expect("village")
        .id;
    // Ten simultaneous registrations of one IIN with different contacts: exactly one wins.
    let attempts = (0..10).map(|i| {
        let db = t.db.clone();
        let u = new_user(village, "850315400025", &format!("same{i}@mail.kz"));
        tokio::spawn(async move { store::accounts::create(&db, &u).await })
    });
    let results = futures_util::future::join_all(attempts).await;
    let mut won = 0;
    for r in results {
        match r.expect("task").expect("no storage error") {
            Ok(_) => won += 1,
            Err(Taken::Iin) => {}
            Err(Taken::Contact) => panic!("contacts differ"),
        }
    }
    assert_eq!(won, 1);
    let dup_contact = new_user(village, "010520500011", "same0@mail.kz");
    let again = store::accounts::create(&t.db, &dup_contact)
        .await
        .expect("storage");
    assert!(matches!(again, Ok(_) | Err(Taken::Contact)));
}

#[tokio::test]
async fn registration_grants_resident_on_the_village_and_grants_are_idempotent() {
    let t = seeded().await;
    let village = territories::by_kato(&t.db, &k("114441100"))
        .await
        .expect("q")
        .expect("village");
    let id = store::accounts::create(&t.db, &new_user(village.id, "010520500011", "+77011234567"))
        .await
        .expect("storage")
        .expect("created");
    let roles = store::accounts::roles_of(&t.db, id).await.expect("roles");
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].grant.role, Role::Resident);
    assert_eq!(roles[0].grant.territory, Some(k("114441100")));
    for _ in 0..2 {
        store::accounts::grant(&t.db, id, Role::Monitor, Some(village.id))
            .await
            .expect("grant");
        store::accounts::grant(&t.db, id, Role::Admin, None)
            .await
            .expect("grant country");
    }
    assert_eq!(
        store::accounts::roles_of(&t.db, id)
            .await
            .expect("roles")
            .len(),
        3
    );
    let okrug_prefix = "/110000000/114400000/114441000/";
    let within = store::accounts::roles_within(&t.db, okrug_prefix)
        .await
        .expect("within");
    assert_eq!(
        within.len(),
        2,
        "resident and monitor on the village; the country-wide grant is not 'within'"
    );
}

#[tokio::test]
async fn sessions_expire_and_login_failures_are_counted() {
    let t = seeded().await;
    let (user, _) =
        store::accounts::credentials(&t.db, &Contact::parse("admin@demo.qatysu.kz").expect("c"))
            .await
            .expect("q")
            .expect("admin");
    store::sessions::create(&t.db, "live-token", user.id, chrono::Duration::hours(1))
        .await
        .expect("create");
    store::sessions::create(&t.db, "dead-token", user.id, chrono::Duration::seconds(-1))
        .await
        .expect("create");
    assert_eq!(
        store::sessions::user_of(&t.db, "live-token")
            .await
            .expect("q"),
        Some(user.id)
    );
    assert_eq!(
        store::sessions::user_of(&t.db, "dead-token")
            .await
            .expect("q"),
        None
    );
    store::sessions::delete_others(&t.db, user.id, "live-token")
        .await
        .expect("delete others");
    assert_eq!(
        store::sessions::user_of(&t.db, "live-token")
            .await
            .expect("q"),
        Some(user.id)
    );
    assert!(store::sessions::purge_expired(&t.db).await.is_ok());

    for _ in 0..3 {
        store::sessions::record_failure(&t.db, "ip:10.0.0.1")
            .await
            .expect("record");
    }
    let window = chrono::Duration::minutes(15);
    assert_eq!(
        store::sessions::recent_failures(&t.db, "ip:10.0.0.1", window)
            .await
            .expect("q"),
        3
    );
    assert_eq!(
        store::sessions::recent_failures(&t.db, "ip:10.0.0.2", window)
            .await
            .expect("q"),
        0
    );
    store::sessions::clear_failures(&t.db, "ip:10.0.0.1")
        .await
        .expect("clear");
    assert_eq!(
        store::sessions::recent_failures(&t.db, "ip:10.0.0.1", window)
            .await
            .expect("q"),
        0
    );
}

#[tokio::test]
async fn record_ids_are_uuid_v7() {
    let t = seeded().await;
    let village = territories::by_kato(&t.db, &k("114435200"))
        .await
        .expect("q")
        .expect("village");
    assert_eq!(village.id.get_version_num(), 7);
}
