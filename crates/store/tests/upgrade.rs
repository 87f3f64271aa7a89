//! Upgrading a database made by an earlier release: the fixtures in
//! `tests/fixtures/release-0.1-62aaa37/` are the demo data as that release stored it (see the
//! README there). Migrating them must run no migration again — migrations renamed since are
//! matched by version and only their recorded name changes — keep every row, and leave the
//! same schema as a fresh database.
//!
//! The PostgreSQL half needs a server: `QATYSU_TEST_DATABASE_URL=postgres://… cargo test -p
//! store --test upgrade -- --ignored`.

use sqlx::Connection;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use store::{Db, MigrationStatus, MIGRATIONS_POSTGRES, MIGRATIONS_SQLITE};

const FIXTURES: &str = "tests/fixtures/release-0.1-62aaa37";

/// Tables whose rows the demo fills, one or more per capability.
const TABLES: [&str; 14] = [
    "users",
    "territories",
    "initiatives",
    "pb_cycles",
    "pb_proposals",
    "pb_ballots",
    "pb_paper_lines",
    "pb_comments",
    "pb_meetings",
    "implementations",
    "monitoring_reports",
    "control_events",
    "pb_sub_envelopes",
    "land_reports",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join(name)
}

/// What must survive the upgrade: row counts and the applied list with its dates.
#[derive(Debug, PartialEq)]
struct Snapshot {
    counts: BTreeMap<&'static str, i64>,
    /// version → (name, applied_at)
    applied: BTreeMap<i64, (String, String)>,
}

macro_rules! on_pool {
    ($db:expr, $p:ident => $body:expr) => {
        match $db {
            Db::Sqlite($p) => $body,
            Db::Postgres($p) => $body,
        }
    };
}

async fn snapshot(db: &Db) -> Snapshot {
    let mut counts = BTreeMap::new();
    for t in TABLES {
        let sql = format!("SELECT COUNT(*) FROM {t}");
        let n: i64 = on_pool!(db, p => sqlx::query_scalar(&sql).fetch_one(p).await)
            .unwrap_or_else(|e| panic!("count {t}: {e}"));
        counts.insert(t, n);
    }
    let rows: Vec<(i64, String, String)> = on_pool!(db, p => sqlx::query_as(
        "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
    )
    .fetch_all(p)
    .await)
    .expect("schema_migrations");
    let applied = rows.into_iter().map(|(v, n, a)| (v, (n, a))).collect();
    Snapshot { counts, applied }
}

/// Every (table, column) of the schema, to compare an upgraded database with a fresh one.
async fn columns(db: &Db) -> BTreeSet<(String, String)> {
    match db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(p)
        .await
        .expect("sqlite columns")
        .into_iter()
        .collect(),
        Db::Postgres(p) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = 'public'",
        )
        .fetch_all(p)
        .await
        .expect("postgres columns")
        .into_iter()
        .collect(),
    }
}

/// Release 0.1's numbers became names as they were meant: its accounts were all made at 1
/// (verified by a coordinator: in person), its cycles and rules asked for 0 (nothing checked)
/// and keep asking for exactly that.
async fn levels_keep_their_meaning(db: &Db) {
    for (sql, want) in [
        ("SELECT DISTINCT level FROM users", "in_person"),
        ("SELECT DISTINCT min_level FROM pb_cycles", "self"),
        ("SELECT DISTINCT min_level FROM initiative_rules", "self"),
    ] {
        let got: Vec<String> = on_pool!(db, p => sqlx::query_scalar(sql).fetch_all(p).await)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        assert_eq!(got, vec![want.to_string()], "{sql}");
    }
    // The initiatives-only outbox became the message queue, each notice still to be sent.
    let queued: i64 = on_pool!(db, p => sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE kind = 'initiative_notice' AND status = 'pending'"
    )
    .fetch_one(p)
    .await)
    .expect("messages");
    assert_eq!(queued, 29, "the release's 29 unsent outbox rows");
}

async fn count(db: &Db, sql: &str) -> i64 {
    on_pool!(db, p => sqlx::query_scalar(sql).fetch_one(p).await)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

const SEATS: [&str; 2] = [
    "SELECT COUNT(*) FROM pb_council_members",
    "SELECT COUNT(*) FROM monitoring_members",
];
const MEMBERSHIP_GRANTS: &str =
    "SELECT COUNT(*) FROM role_grants WHERE role IN ('expert', 'monitor')";

/// Migrate the release's database and check it against the fixture as it was and against a
/// fresh database.
async fn upgrade_and_check(old: &Db, fresh: &Db, list: &[(i64, &'static str, &'static str)]) {
    let before = snapshot(old).await;
    assert!(
        before.counts.values().all(|&n| n > 0),
        "the fixture holds demo data in every table: {:?}",
        before.counts
    );
    assert!(!before.applied.is_empty());
    let renamed_since: Vec<i64> = list
        .iter()
        .filter(|m| before.applied.get(&m.0).is_some_and(|(n, _)| n != m.1))
        .map(|m| m.0)
        .collect();
    let missing_since: Vec<i64> = list
        .iter()
        .filter(|m| !before.applied.contains_key(&m.0))
        .map(|m| m.0)
        .collect();

    // Security review M5: the release granted an expert or monitor role with every seat.
    let mut seats = Vec::new();
    for sql in SEATS {
        seats.push(count(old, sql).await);
    }
    assert!(
        seats.iter().all(|&n| n > 0),
        "the fixture has seats: {seats:?}"
    );
    if !before.applied.contains_key(&20) {
        assert!(
            count(old, MEMBERSHIP_GRANTS).await > 0,
            "the release's grants"
        );
    }

    let status = old.migrate().await.expect("migrate the release's database");
    let known = list.last().map(|m| m.0).unwrap_or(0);
    assert_eq!(
        status,
        MigrationStatus {
            applied_now: missing_since,
            renamed: renamed_since,
            version: known,
        },
        "only migrations newer than the release run; renamed ones are only renamed"
    );

    let after = snapshot(old).await;
    assert_eq!(after.counts, before.counts, "no row lost or added");
    levels_keep_their_meaning(old).await;
    // The seats stay (accepted); the grants that came with them, which give nothing now, go.
    for (sql, before) in SEATS.iter().zip(&seats) {
        assert_eq!(count(old, sql).await, *before, "{sql}");
    }
    assert_eq!(count(old, MEMBERSHIP_GRANTS).await, 0);
    for (version, name, _) in list {
        let (recorded, at) = after
            .applied
            .get(version)
            .unwrap_or_else(|| panic!("migration {version} is recorded"));
        assert_eq!(recorded, name, "migration {version} has its current name");
        if let Some((_, at_before)) = before.applied.get(version) {
            assert_eq!(at, at_before, "migration {version} did not run again");
        }
    }
    assert_eq!(after.applied.len(), list.len());
    assert_eq!(
        columns(old).await,
        columns(fresh).await,
        "the upgraded schema is the current one"
    );

    let again = old.migrate().await.expect("migrate again");
    assert!(again.applied_now.is_empty() && again.renamed.is_empty());
}

async fn sqlite_copy(dir: &Path, name: &str) -> Db {
    let path = dir.join(name);
    std::fs::copy(fixture("sqlite.sqlite3"), &path).expect("copy the SQLite fixture");
    Db::open_sqlite(&path, false).await.expect("open the copy")
}

async fn sqlite_fresh(dir: &Path) -> Db {
    let db = Db::open_sqlite(&dir.join("fresh.sqlite3"), true)
        .await
        .expect("fresh database");
    db.migrate().await.expect("migrate a fresh database");
    db
}

#[tokio::test]
async fn the_release_sqlite_database_upgrades_without_rerunning_a_migration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = sqlite_copy(dir.path(), "release.sqlite3").await;
    let fresh = sqlite_fresh(dir.path()).await;
    upgrade_and_check(&old, &fresh, MIGRATIONS_SQLITE).await;
}

/// A record under an old name is matched by version and renamed, whatever the name was.
#[tokio::test]
async fn a_renamed_migration_is_recorded_under_its_new_name_and_not_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = sqlite_copy(dir.path(), "release.sqlite3").await;
    old.migrate().await.expect("migrate");
    if let Db::Sqlite(p) = &old {
        sqlx::query("UPDATE schema_migrations SET name = 'delivery_name' WHERE version IN (3, 5)")
            .execute(p)
            .await
            .expect("rename the records");
    }
    let fresh = sqlite_fresh(dir.path()).await;
    upgrade_and_check(&old, &fresh, MIGRATIONS_SQLITE).await;
}

/// A version missing below the highest recorded one (a migration merged late) is applied.
#[tokio::test]
async fn a_missing_version_below_the_highest_is_applied() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = sqlite_fresh(dir.path()).await;
    let Db::Sqlite(p) = &db else {
        unreachable!("an SQLite database")
    };
    // Version 9 (the envelope split's tables): nothing later depends on its tables.
    for sql in [
        "DROP TABLE pb_envelope_events",
        "DROP TABLE pb_sub_envelopes",
        "DROP TABLE pb_envelope_split",
        "DELETE FROM schema_migrations WHERE version = 9",
    ] {
        sqlx::query(sql).execute(p).await.expect(sql);
    }
    let status = db.migrate().await.expect("migrate");
    assert_eq!(status.applied_now, vec![9]);
    let other = Db::open_sqlite(&dir.path().join("other.sqlite3"), true)
        .await
        .expect("db");
    other.migrate().await.expect("migrate");
    assert_eq!(columns(&db).await, columns(&other).await);
}

#[tokio::test]
async fn an_applied_version_this_program_does_not_know_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = sqlite_fresh(dir.path()).await;
    let Db::Sqlite(p) = &db else {
        unreachable!("an SQLite database")
    };
    sqlx::query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (0, 'stray', 'x')",
    )
    .execute(p)
    .await
    .expect("insert");
    let err = db.migrate().await.expect_err("must refuse");
    assert!(
        matches!(&err, store::StoreError::UnknownMigration { version: 0, name } if name == "stray"),
        "{err:?}"
    );
    assert!(err.to_string().contains("migration 0"), "{err}");
}

/// The dump as `pg_dump` wrote it, less its psql-only meta-commands (`\restrict` …).
fn postgres_dump() -> String {
    std::fs::read_to_string(fixture("postgres.sql"))
        .expect("read the PostgreSQL fixture")
        .lines()
        .filter(|l| !l.starts_with('\\'))
        .collect::<Vec<_>>()
        .join("\n")
}

fn swap_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let cut = base.rfind('/').map(|i| &base[..i]).unwrap_or(base);
    if query.is_empty() {
        format!("{cut}/{name}")
    } else {
        format!("{cut}/{name}?{query}")
    }
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set QATYSU_TEST_DATABASE_URL and run with --ignored"]
async fn the_release_postgres_database_upgrades_without_rerunning_a_migration() {
    let admin_url = std::env::var("QATYSU_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .expect("QATYSU_TEST_DATABASE_URL must name a PostgreSQL server for this test");
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("QATYSU_TEST_DATABASE_URL must be reachable");
    let id = uuid::Uuid::now_v7().simple();
    let (old_name, fresh_name) = (format!("qatysu_up_old_{id}"), format!("qatysu_up_new_{id}"));
    for name in [&old_name, &fresh_name] {
        sqlx::query(&format!("CREATE DATABASE \"{name}\""))
            .execute(&mut admin)
            .await
            .expect("create a database");
    }

    let old_url = swap_database(&admin_url, &old_name);
    let mut load = sqlx::PgConnection::connect(&old_url)
        .await
        .expect("connect");
    sqlx::raw_sql(&postgres_dump())
        .execute(&mut load)
        .await
        .expect("load the PostgreSQL fixture");
    load.close().await.expect("close");

    let old = Db::connect(&old_url)
        .await
        .expect("open the release's database");
    let fresh = Db::connect(&swap_database(&admin_url, &fresh_name))
        .await
        .expect("open a fresh database");
    fresh.migrate().await.expect("migrate a fresh database");
    upgrade_and_check(&old, &fresh, MIGRATIONS_POSTGRES).await;

    old.close().await;
    fresh.close().await;
    for name in [&old_name, &fresh_name] {
        sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .execute(&mut admin)
            .await
            .expect("drop a test database");
    }
}
