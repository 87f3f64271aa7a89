//! The storage contract, run on whichever engine the suite targets.

use crate::support::{fresh_db, SECRET};
use domain::{Contact, Iin, Kato, Role};
use qatysu::cli::{demo, import};
use std::collections::{BTreeMap, BTreeSet};
use store::accounts::{NewUser, Taken};
use store::{territories, Db, StoreError};

async fn seeded() -> crate::support::TestDb {
    let t = fresh_db().await;
    demo::seed(&t.app).await.expect("seed");
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
    let first = import::import(&t.app, &rows, false).await.expect("import");
    assert_eq!((first.inserted, first.updated), (23, 0));
    let second = import::import(&t.app, &rows, false)
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
    let err = import::import(&t.app, &rows, false)
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
        iin_hash: app::Keys::derive(SECRET).iin.fingerprint(&iin),
        birth_date: iin.birth_date(),
        residence_id: village,
        level: domain::Level::SelfDeclared,
        consent_at: None,
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
        tokio::spawn(async move { store::accounts::create(&db, &u, crate::support::now()).await })
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
    let again = store::accounts::create(&t.db, &dup_contact, crate::support::now())
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
    let id = store::accounts::create(
        &t.db,
        &new_user(village.id, "010520500011", "+77011234567"),
        crate::support::now(),
    )
    .await
    .expect("storage")
    .expect("created");
    let roles = store::accounts::roles_of(&t.db, id).await.expect("roles");
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].grant.role, Role::Resident);
    assert_eq!(roles[0].grant.territory, Some(k("114441100")));
    for _ in 0..2 {
        store::accounts::grant(
            &t.db,
            id,
            Role::Monitor,
            Some(village.id),
            crate::support::now(),
        )
        .await
        .expect("grant");
        store::accounts::grant(&t.db, id, Role::Admin, None, crate::support::now())
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
async fn sessions_expire_and_attempts_are_counted() {
    let t = seeded().await;
    let (user, _) =
        store::accounts::credentials(&t.db, &Contact::parse("admin@demo.qatysu.kz").expect("c"))
            .await
            .expect("q")
            .expect("admin");
    store::sessions::create(
        &t.db,
        "live-token",
        user.id,
        chrono::Duration::hours(1),
        crate::support::now(),
    )
    .await
    .expect("create");
    store::sessions::create(
        &t.db,
        "dead-token",
        user.id,
        chrono::Duration::seconds(-1),
        crate::support::now(),
    )
    .await
    .expect("create");
    assert_eq!(
        store::sessions::user_of(&t.db, "live-token", crate::support::now())
            .await
            .expect("q"),
        Some(user.id)
    );
    assert_eq!(
        store::sessions::user_of(&t.db, "dead-token", crate::support::now())
            .await
            .expect("q"),
        None
    );
    store::sessions::delete_others(&t.db, user.id, "live-token")
        .await
        .expect("delete others");
    assert_eq!(
        store::sessions::user_of(&t.db, "live-token", crate::support::now())
            .await
            .expect("q"),
        Some(user.id)
    );
    assert!(store::sessions::purge_expired(&t.db, crate::support::now())
        .await
        .is_ok());

    // Whole seconds: PostgreSQL keeps microseconds.
    let now = crate::support::fixed_now();
    let window = chrono::Duration::minutes(15);
    for n in 1..=3 {
        let c = store::sessions::count_attempt(&t.db, "ip:10.0.0.1", window, now)
            .await
            .expect("count");
        assert_eq!((c.n, c.window_start), (n, now));
    }
    let attempts = |subject: &'static str, at| {
        let db = t.db.clone();
        async move {
            store::sessions::attempts(&db, subject, window, at)
                .await
                .expect("q")
        }
    };
    assert_eq!(attempts("ip:10.0.0.1", now).await, 3);
    assert_eq!(attempts("ip:10.0.0.2", now).await, 0);
    store::sessions::uncount_attempt(&t.db, "ip:10.0.0.1")
        .await
        .expect("give back");
    assert_eq!(attempts("ip:10.0.0.1", now).await, 2);
    // After the window the count starts again from this attempt.
    let later = now + chrono::Duration::minutes(16);
    assert_eq!(attempts("ip:10.0.0.1", later).await, 0);
    let c = store::sessions::count_attempt(&t.db, "ip:10.0.0.1", window, later)
        .await
        .expect("count");
    assert_eq!((c.n, c.window_start), (1, later));
    store::sessions::clear_attempts(&t.db, "ip:10.0.0.1")
        .await
        .expect("clear");
    assert_eq!(attempts("ip:10.0.0.1", later).await, 0);
}

/// Security review M1: counting an attempt is one atomic statement on both engines — 25
/// concurrent counts of one subject get the numbers 1 to 25, each once, so no two of them can
/// both see "under the limit".
#[tokio::test]
async fn concurrent_attempts_get_distinct_counts() {
    let t = fresh_db().await;
    let now = crate::support::now();
    let window = chrono::Duration::minutes(15);
    let counts = (0..25).map(|_| {
        let db = t.db.clone();
        tokio::spawn(async move {
            store::sessions::count_attempt(&db, "login-account:a@mail.kz", window, now)
                .await
                .expect("count")
                .n
        })
    });
    let mut got: Vec<i64> = futures_util::future::join_all(counts)
        .await
        .into_iter()
        .map(|r| r.expect("task"))
        .collect();
    got.sort_unstable();
    assert_eq!(got, (1..=25).collect::<Vec<i64>>());
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

/// One engine's schema, normalised so that the two engines compare: per table, its columns
/// with whether they accept NULL, and the sets of columns that are unique together (the
/// primary key included; an expression in an index is `(expression)`, a partial index is
/// marked `(partial)`).
#[derive(Debug, Default)]
struct Schema {
    columns: BTreeMap<String, Columns>,
    unique: BTreeMap<String, Keys>,
}

/// Column → whether it accepts NULL.
type Columns = BTreeMap<String, bool>;
/// Sets of columns unique together, each sorted.
type Keys = BTreeSet<Vec<String>>;

fn key_set(mut columns: Vec<String>, partial: bool) -> Vec<String> {
    columns.sort();
    if partial {
        columns.push("(partial)".into());
    }
    columns
}

async fn sqlite_schema(pool: &sqlx::SqlitePool) -> Schema {
    let mut s = Schema::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(pool)
    .await
    .expect("sqlite tables");
    for table in tables {
        let cols: Vec<(String, String, bool, i64)> = sqlx::query_as(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .expect("sqlite columns");
        let pk_len = cols.iter().filter(|c| c.3 > 0).count();
        let mut columns = BTreeMap::new();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for (name, ty, notnull, pk_pos) in cols {
            // SQLite lets a PRIMARY KEY column hold NULL unless it says NOT NULL, except the
            // rowid alias (a lone INTEGER PRIMARY KEY): only those two are NOT NULL here.
            let rowid = pk_pos > 0 && pk_len == 1 && ty.eq_ignore_ascii_case("INTEGER");
            columns.insert(name.clone(), !(notnull || rowid));
            if pk_pos > 0 {
                pk.push((pk_pos, name));
            }
        }
        let mut unique = BTreeSet::new();
        if !pk.is_empty() {
            unique.insert(key_set(pk.into_iter().map(|p| p.1).collect(), false));
        }
        let indexes: Vec<(String, bool)> =
            sqlx::query_as("SELECT name, partial FROM pragma_index_list($1) WHERE \"unique\" = 1")
                .bind(&table)
                .fetch_all(pool)
                .await
                .expect("sqlite indexes");
        for (index, partial) in indexes {
            let cols: Vec<Option<String>> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(pool)
                    .await
                    .expect("sqlite index columns");
            let cols = cols
                .into_iter()
                .map(|c| c.unwrap_or_else(|| "(expression)".into()))
                .collect();
            unique.insert(key_set(cols, partial));
        }
        s.columns.insert(table.clone(), columns);
        s.unique.insert(table, unique);
    }
    s
}

async fn postgres_schema(pool: &sqlx::PgPool) -> Schema {
    let mut s = Schema::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    )
    .fetch_all(pool)
    .await
    .expect("postgres tables");
    for table in tables {
        s.columns.insert(table.clone(), BTreeMap::new());
        s.unique.insert(table, BTreeSet::new());
    }
    let cols: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, is_nullable::text FROM information_schema.columns WHERE table_schema = current_schema()",
    )
    .fetch_all(pool)
    .await
    .expect("postgres columns");
    for (table, column, nullable) in cols {
        if let Some(t) = s.columns.get_mut(&table) {
            t.insert(column, nullable == "YES");
        }
    }
    // Every unique index, those behind PRIMARY KEY and UNIQUE constraints included; an
    // expression's slot in `indkey` is 0, which no column has.
    let indexes: Vec<(String, Vec<String>, bool)> = sqlx::query_as(
        "SELECT c.relname::text,
                ARRAY(SELECT COALESCE(a.attname::text, '(expression)')
                      FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                      LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                      ORDER BY k.n),
                i.indpred IS NOT NULL
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND i.indisunique",
    )
    .fetch_all(pool)
    .await
    .expect("postgres unique indexes");
    for (table, cols, partial) in indexes {
        if let Some(t) = s.unique.get_mut(&table) {
            t.insert(key_set(cols, partial));
        }
    }
    s
}

/// Every way the two schemas differ, one sentence each.
fn schema_differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let names = |s: &Schema| s.columns.keys().cloned().collect::<BTreeSet<_>>();
    let (lt, pt) = (names(sqlite), names(postgres));
    for t in lt.difference(&pt) {
        out.push(format!("table {t}: only in SQLite"));
    }
    for t in pt.difference(&lt) {
        out.push(format!("table {t}: only in PostgreSQL"));
    }
    for t in lt.intersection(&pt) {
        let (lc, pc) = (&sqlite.columns[t], &postgres.columns[t]);
        for (c, l_null) in lc {
            match pc.get(c) {
                None => out.push(format!("column {t}.{c}: only in SQLite")),
                Some(p_null) if p_null != l_null => {
                    let say = |n: bool| if n { "NULL allowed" } else { "NOT NULL" };
                    out.push(format!(
                        "column {t}.{c}: {} on SQLite, {} on PostgreSQL",
                        say(*l_null),
                        say(*p_null)
                    ));
                }
                Some(_) => {}
            }
        }
        for c in pc.keys().filter(|c| !lc.contains_key(*c)) {
            out.push(format!("column {t}.{c}: only in PostgreSQL"));
        }
        let (lu, pu) = (&sqlite.unique[t], &postgres.unique[t]);
        for k in lu.difference(pu) {
            out.push(format!(
                "table {t}: unique ({}) only on SQLite",
                k.join(", ")
            ));
        }
        for k in pu.difference(lu) {
            out.push(format!(
                "table {t}: unique ({}) only on PostgreSQL",
                k.join(", ")
            ));
        }
    }
    out
}

/// Both migration folders build the same schema: the same tables and columns, the same
/// nullability and the same unique keys. Needs a PostgreSQL server:
///
///     QATYSU_TEST_DATABASE_URL=postgres://… cargo test --test it storage::schema_parity -- --ignored
#[tokio::test]
#[ignore = "needs PostgreSQL: set QATYSU_TEST_DATABASE_URL"]
async fn schema_parity_of_the_sqlite_and_postgres_migrations() {
    let url = crate::support::postgres_url().expect(
        "the schema parity test compares with PostgreSQL: set QATYSU_TEST_DATABASE_URL=postgres://…",
    );
    let lite = crate::support::fresh_sqlite().await;
    let pg = crate::support::fresh_postgres(&url).await;
    let (Db::Sqlite(lp), Db::Postgres(pp)) = (&lite.db, &pg.db) else {
        panic!("fresh_sqlite and fresh_postgres give one database of each engine");
    };
    let (l, p) = (sqlite_schema(lp).await, postgres_schema(pp).await);
    assert!(
        l.columns.len() > 40,
        "introspection found only {} tables",
        l.columns.len()
    );
    let diff = schema_differences(&l, &p);
    assert!(
        diff.is_empty(),
        "the SQLite and PostgreSQL migrations differ in {} ways:\n{}",
        diff.len(),
        diff.join("\n")
    );
}

/// The comparison names every kind of difference, so the parity test's message lists them all.
#[test]
fn schema_differences_are_each_named() {
    let table = |cols: &[(&str, bool)], keys: &[&[&str]]| {
        (
            cols.iter()
                .map(|(c, n)| (c.to_string(), *n))
                .collect::<Columns>(),
            keys.iter()
                .map(|k| key_set(k.iter().map(|c| c.to_string()).collect(), false))
                .collect::<Keys>(),
        )
    };
    let schema = |tables: Vec<(&str, (Columns, Keys))>| {
        let mut s = Schema::default();
        for (name, (cols, keys)) in tables {
            s.columns.insert(name.into(), cols);
            s.unique.insert(name.into(), keys);
        }
        s
    };
    let lite = schema(vec![
        (
            "a",
            table(
                &[("id", false), ("x", true), ("y", false)],
                &[&["id"], &["y", "x"]],
            ),
        ),
        ("only_lite", table(&[("id", false)], &[&["id"]])),
    ]);
    let pg = schema(vec![
        (
            "a",
            table(&[("id", false), ("x", false), ("z", true)], &[&["id"]]),
        ),
        ("only_pg", table(&[("id", false)], &[&["id"]])),
    ]);
    assert_eq!(
        schema_differences(&lite, &pg),
        [
            "table only_lite: only in SQLite",
            "table only_pg: only in PostgreSQL",
            "column a.x: NULL allowed on SQLite, NOT NULL on PostgreSQL",
            "column a.y: only in SQLite",
            "column a.z: only in PostgreSQL",
            "table a: unique (x, y) only on SQLite",
        ]
    );
    assert!(schema_differences(&lite, &lite).is_empty());
}
