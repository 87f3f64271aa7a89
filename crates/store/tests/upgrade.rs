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
use store::pb::voters::{BallotSeal, Link};
use store::{Db, MigrationStatus, MIGRATIONS_POSTGRES, MIGRATIONS_SQLITE};
use uuid::Uuid;

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
    ballots_are_secret_once_sealed(old, after.counts["pb_ballots"]).await;

    let again = old.migrate().await.expect("migrate again");
    assert!(again.applied_now.is_empty() && again.renamed.is_empty());
}

/// Seals a voter's link in the clear, bound to its row: the store's side of sealing without
/// the app's key (the app seals with ChaCha20-Poly1305; see `app::keys`).
struct ClearSeal;

impl ClearSeal {
    fn row(cycle: Uuid, person: &[u8]) -> Vec<u8> {
        let mut row = b"clear:".to_vec();
        row.extend_from_slice(cycle.as_bytes());
        row.extend_from_slice(&(person.len() as u32).to_be_bytes());
        row.extend_from_slice(person);
        row
    }
}

impl BallotSeal for ClearSeal {
    fn seal(&self, cycle: Uuid, person: &[u8], link: &Link) -> Vec<u8> {
        let mut sealed = ClearSeal::row(cycle, person);
        sealed.extend_from_slice(link.ballot.as_bytes());
        sealed.extend_from_slice(link.receipt.as_bytes());
        sealed
    }

    fn open(&self, cycle: Uuid, person: &[u8], sealed: &[u8]) -> Option<Link> {
        let rest = sealed.strip_prefix(ClearSeal::row(cycle, person).as_slice())?;
        let (ballot, receipt) = rest.split_at_checked(16)?;
        Some(Link {
            ballot: Uuid::from_slice(ballot).ok()?,
            receipt: String::from_utf8(receipt.to_vec()).ok()?,
        })
    }
}

/// Security review L5 after an upgrade: the ballots hold no person; one voter row per ballot,
/// whose link the server seals at its first start (and never again).
async fn ballots_are_secret_once_sealed(db: &Db, ballots: i64) {
    let ballot_columns: BTreeSet<String> = columns(db)
        .await
        .into_iter()
        .filter(|(t, _)| t == "pb_ballots")
        .map(|(_, c)| c)
        .collect();
    let want: BTreeSet<String> = ["id", "cycle_id", "village_id", "channel", "receipt"]
        .map(String::from)
        .into();
    assert_eq!(ballot_columns, want, "a ballot names no person");
    assert_eq!(count(db, "SELECT COUNT(*) FROM pb_voters").await, ballots);
    let waiting = count(
        db,
        "SELECT COUNT(*) FROM pb_voters WHERE ballot_id_unsealed IS NOT NULL",
    )
    .await;
    let sealed = store::pb::ballots::seal_migrated(db, &ClearSeal)
        .await
        .expect("seal");
    assert_eq!(sealed as i64, waiting);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM pb_voters WHERE sealed IS NULL OR ballot_id_unsealed IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        store::pb::ballots::seal_migrated(db, &ClearSeal)
            .await
            .expect("seal again"),
        0
    );
}

/// When the online ballot added to the release's data was cast (any fixed time: a test does
/// not read the wall clock).
const CAST_AT: chrono::DateTime<chrono::Utc> =
    chrono::DateTime::from_timestamp_nanos(1_796_000_000_000_000_000);

/// Apply the migrations of `list` up to `version` that `db` lacks, as `migrate` would: a
/// database as a release with those migrations left it.
async fn migrate_to(db: &Db, list: &[(i64, &'static str, &'static str)], version: i64) {
    let applied: Vec<i64> = on_pool!(db, p => sqlx::query_scalar(
        "SELECT version FROM schema_migrations"
    )
    .fetch_all(p)
    .await)
    .expect("applied");
    for (v, name, sql) in list.iter().filter(|m| m.0 <= version) {
        if applied.contains(v) {
            continue;
        }
        on_pool!(db, p => sqlx::raw_sql(sql).execute(p).await.map(|_| ())).expect("a migration");
        on_pool!(db, p => sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, 'then')"
        )
        .bind(v)
        .bind(name)
        .execute(p)
        .await.map(|_| ()))
        .expect("record it");
    }
}

/// One ballot as the schema before the secret ballot (0022) stored it: its cycle, person,
/// receipt, the voter's village (the paper batch's, else the voter's residence) and choices.
type OldBallot = (Uuid, Vec<u8>, String, Option<Uuid>);

/// Security review L5, the data: a database at migration 0021 — the release's demo data and
/// an online ballot of a resident (its village is their residence) — migrated by 0022 and
/// sealed by the server's first start keeps every ballot: each is counted with its choices
/// and village, each voter's receipt is found again through their sealed link, ballot ids are
/// random (v4), flagged paper lines point at no ballot and settled paper rows keep no person.
async fn old_ballots_survive_the_secret_ballot(
    db: &Db,
    list: &[(i64, &'static str, &'static str)],
) {
    migrate_to(db, list, 21).await;
    // An online ballot of a resident, as 0021 stored it (the demo's have no account).
    let (cycle, proposal): (Uuid, Uuid) = on_pool!(db, p => sqlx::query_as(
        "SELECT cycle_id, id FROM pb_proposals ORDER BY id LIMIT 1"
    )
    .fetch_one(p)
    .await)
    .expect("a proposal");
    let (user, home): (Uuid, Uuid) = on_pool!(db, p => sqlx::query_as(
        "SELECT id, residence_id FROM users WHERE residence_id IS NOT NULL ORDER BY id LIMIT 1"
    )
    .fetch_one(p)
    .await)
    .expect("a resident");
    let old_id = Uuid::now_v7();
    on_pool!(db, p => sqlx::query(
        "INSERT INTO pb_ballots (id, cycle_id, person_hash, voter_id, channel, receipt, \
        entered_by, cast_at) VALUES ($1, $2, $3, $4, 'web', 'WEBVOTER01', NULL, $5)"
    )
    .bind(old_id)
    .bind(cycle)
    .bind(b"an online voter".to_vec())
    .bind(user)
    .bind(CAST_AT)
    .execute(p)
    .await.map(|_| ()))
    .expect("an online ballot");
    on_pool!(db, p => sqlx::query(
        "INSERT INTO pb_ballot_choices (ballot_id, proposal_id) VALUES ($1, $2)"
    )
    .bind(old_id)
    .bind(proposal)
    .execute(p)
    .await.map(|_| ()))
    .expect("its choice");

    let old: Vec<OldBallot> = on_pool!(db, p => sqlx::query_as(
        "SELECT b.cycle_id, b.person_hash, b.receipt, COALESCE(b.village_id, u.residence_id) \
        FROM pb_ballots b LEFT JOIN users u ON u.id = b.voter_id"
    )
    .fetch_all(p)
    .await)
    .expect("the ballots");
    assert!(
        old.len() > 300,
        "the demo's ballots and one more: {}",
        old.len()
    );
    assert!(old.iter().any(|b| b.2 == "WEBVOTER01" && b.3 == Some(home)));
    let choices = |rows: Vec<(String, Uuid)>| {
        let mut by: BTreeMap<String, BTreeSet<Uuid>> = BTreeMap::new();
        for (receipt, proposal) in rows {
            by.entry(receipt).or_default().insert(proposal);
        }
        by
    };
    const CHOICES: &str = "SELECT b.receipt, c.proposal_id FROM pb_ballot_choices c \
        JOIN pb_ballots b ON b.id = c.ballot_id";
    let chosen_before =
        choices(on_pool!(db, p => sqlx::query_as(CHOICES).fetch_all(p).await).expect("choices"));
    let per_cycle = |chosen: &BTreeMap<String, BTreeSet<Uuid>>, cycle: Uuid| {
        let mut all: Vec<Vec<Uuid>> = old
            .iter()
            .filter(|b| b.0 == cycle)
            .filter_map(|b| chosen.get(&b.2))
            .map(|c| c.iter().copied().collect())
            .collect();
        all.sort();
        all
    };
    assert!(
        count(db, "SELECT COUNT(*) FROM pb_paper_lines WHERE status = 'flagged' AND ballot_id IS NOT NULL").await > 0
            && count(db, "SELECT COUNT(*) FROM pb_paper_rows WHERE person_hash IS NOT NULL").await > 0,
        "the release's flagged paper ballot and its rows"
    );

    let status = db.migrate().await.expect("migrate");
    let later: Vec<i64> = list.iter().map(|m| m.0).filter(|v| *v > 21).collect();
    assert_eq!(status.applied_now, later);
    ballots_are_secret_once_sealed(db, old.len() as i64).await;

    let chosen_after =
        choices(on_pool!(db, p => sqlx::query_as(CHOICES).fetch_all(p).await).expect("choices"));
    assert_eq!(
        chosen_after, chosen_before,
        "every ballot keeps its choices"
    );
    let cycles: BTreeSet<Uuid> = old.iter().map(|b| b.0).collect();
    for cycle in cycles {
        let mut counted = store::pb::ballots::all(db, cycle).await.expect("all");
        counted.sort();
        assert_eq!(
            counted,
            per_cycle(&chosen_before, cycle),
            "cycle {cycle}: all counted"
        );
    }
    let now: Vec<(Uuid, String, Option<Uuid>)> = on_pool!(db, p => sqlx::query_as(
        "SELECT id, receipt, village_id FROM pb_ballots"
    )
    .fetch_all(p)
    .await)
    .expect("ballots");
    assert_eq!(now.len(), old.len());
    for (cycle, person, receipt, village) in &old {
        let found = store::pb::ballots::receipt_of(db, &ClearSeal, *cycle, person)
            .await
            .expect("receipt");
        assert_eq!(
            found.as_ref(),
            Some(receipt),
            "the voter finds their receipt again"
        );
        let (id, _, kept) = now
            .iter()
            .find(|b| &b.1 == receipt)
            .expect("the ballot of the receipt");
        assert_eq!(
            kept, village,
            "the voter's village is frozen into the ballot"
        );
        assert_eq!(id.get_version_num(), 4, "a random ballot id");
        assert_ne!(*id, old_id);
    }
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM pb_paper_lines WHERE status = 'flagged' AND ballot_id IS NOT NULL").await,
        0,
        "a flagged line points at no ballot"
    );
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM pb_paper_lines l WHERE l.ballot_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pb_ballots b WHERE b.id = l.ballot_id)").await,
        0,
        "accepted lines follow their ballots' new ids"
    );
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM pb_paper_rows WHERE person_hash IS NOT NULL"
        )
        .await,
        0,
        "a settled batch keeps no person"
    );
}

/// Security review L5: ballots stored before the secret ballot (SQLite, at migration 0021)
/// are all counted after 0022 and the server's sealing, and each voter finds their receipt.
#[tokio::test]
async fn sqlite_ballots_cast_before_the_secret_ballot_are_all_counted_after() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = sqlite_copy(dir.path(), "release.sqlite3").await;
    old_ballots_survive_the_secret_ballot(&db, MIGRATIONS_SQLITE).await;
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

/// A database of its own on the server, loaded with the release's dump.
async fn postgres_release(admin: &mut sqlx::PgConnection, admin_url: &str, name: &str) -> Db {
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut *admin)
        .await
        .expect("create a database");
    let url = swap_database(admin_url, name);
    let mut load = sqlx::PgConnection::connect(&url).await.expect("connect");
    sqlx::raw_sql(&postgres_dump())
        .execute(&mut load)
        .await
        .expect("load the PostgreSQL fixture");
    load.close().await.expect("close");
    Db::connect(&url)
        .await
        .expect("open the release's database")
}

/// Security review L5: the same on PostgreSQL.
#[tokio::test]
#[ignore = "needs PostgreSQL: set QATYSU_TEST_DATABASE_URL and run with --ignored"]
async fn postgres_ballots_cast_before_the_secret_ballot_are_all_counted_after() {
    let admin_url = std::env::var("QATYSU_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .expect("QATYSU_TEST_DATABASE_URL must name a PostgreSQL server for this test");
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("QATYSU_TEST_DATABASE_URL must be reachable");
    let name = format!("qatysu_up_l5_{}", Uuid::now_v7().simple());
    let db = postgres_release(&mut admin, &admin_url, &name).await;
    old_ballots_survive_the_secret_ballot(&db, MIGRATIONS_POSTGRES).await;
    db.close().await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .expect("drop the test database");
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
