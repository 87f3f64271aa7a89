use crate::db::{execute, in_tx, on_pool};
use crate::{Db, Result, StoreError};
use std::collections::BTreeMap;

/// The embedded migrations, named once: each `"NNNN_name"` is the file
/// `migrations/{sqlite,postgres}/NNNN_name.sql`, its version `NNNN` and its name `name`. Both
/// engines' tables come from this one list, so they cannot drift apart; a file missing for
/// either engine, or a list that is not 1, 2, 3, … fails the build.
///
/// Renaming a migration (same number, new name) is allowed: an existing database matches its
/// applied record by version, so the migration does not run again and only the recorded name
/// is updated. Never change a migration's SQL once released.
macro_rules! migrations {
    ($($file:literal),* $(,)?) => {
        /// SQLite migrations: (version, name, SQL).
        pub const MIGRATIONS_SQLITE: &[(i64, &str, &str)] = &[$((
            version_of($file),
            name_of($file),
            include_str!(concat!("../migrations/sqlite/", $file, ".sql")),
        )),*];
        /// PostgreSQL migrations: (version, name, SQL), the same versions and names.
        pub const MIGRATIONS_POSTGRES: &[(i64, &str, &str)] = &[$((
            version_of($file),
            name_of($file),
            include_str!(concat!("../migrations/postgres/", $file, ".sql")),
        )),*];
    };
}

migrations! {
    "0001_foundation",
    "0002_initiatives",
    "0003_pb",
    "0004_attachments",
    "0005_pb_paper_assisted",
    "0006_pb_discussion_meetings",
    "0007_projects",
    "0008_control_land",
    "0009_pb_envelope",
    "0010_pb_photos",
    "0011_accounts_identity",
    "0012_centres",
    "0013_accounts_consent_squatting",
    "0014_messages",
    "0015_accounts_contact_confirmed",
    "0016_pb_paper_typists",
    "0017_accounts_oidc",
    "0018_messages_preferences",
    "0019_accounts_throttle",
    "0020_pb_results_stored",
    "0021_pb_assisted_confirmation",
    "0022_pb_secret_ballot",
    "0023_oversight_invitations",
    "0024_uploads_scrub",
}

const _: () = assert!(
    consecutive(MIGRATIONS_SQLITE),
    "migration versions must be 1, 2, 3, … without gaps"
);

/// `"0005_pb_paper"` → 5. Evaluated at compile time: a file name without a number fails the build.
const fn version_of(file: &str) -> i64 {
    let b = file.as_bytes();
    let mut i = 0;
    let mut v: i64 = 0;
    while i < b.len() && b[i] != b'_' {
        assert!(
            b[i].is_ascii_digit(),
            "a migration file starts with its number"
        );
        v = v * 10 + (b[i] - b'0') as i64;
        i += 1;
    }
    assert!(i > 0 && i < b.len(), "a migration file is NNNN_name");
    v
}

/// `"0005_pb_paper"` → `"pb_paper"`.
const fn name_of(file: &str) -> &str {
    let b = file.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i] != b'_' {
        i += 1;
    }
    assert!(i + 1 < b.len(), "a migration file is NNNN_name");
    let (_, name) = b.split_at(i + 1);
    match core::str::from_utf8(name) {
        Ok(s) => s,
        Err(_) => panic!("a migration name is UTF-8"),
    }
}

const fn consecutive(list: &[(i64, &str, &str)]) -> bool {
    let mut i = 0;
    while i < list.len() {
        if list[i].0 != i as i64 + 1 {
            return false;
        }
        i += 1;
    }
    true
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// Versions applied by this call, in order.
    pub applied_now: Vec<i64>,
    /// Versions whose recorded name was updated to the migration's current name.
    pub renamed: Vec<i64>,
    pub version: i64,
}

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// Apply every embedded migration whose version is not recorded yet, in order — also one
/// below the highest recorded (a migration merged late) — each with its record in one
/// transaction. A recorded version matches by number, so a renamed migration never re-runs;
/// its record takes the new name. A recorded version this binary does not know is refused.
pub(crate) async fn apply(db: &Db) -> Result<MigrationStatus> {
    let list = match db {
        Db::Sqlite(_) => MIGRATIONS_SQLITE,
        Db::Postgres(_) => MIGRATIONS_POSTGRES,
    };
    let known = list.last().map(|m| m.0).unwrap_or(0);
    execute!(db, sqlx::query(CREATE_TABLE))?;
    let applied: BTreeMap<i64, String> = on_pool!(db, |p| sqlx::query_as::<_, (i64, String)>(
        "SELECT version, name FROM schema_migrations"
    )
    .fetch_all(p)
    .await)?
    .into_iter()
    .collect();
    check_applied(list, &applied)?;

    let renames: Vec<(i64, &str)> = list
        .iter()
        .filter(|m| applied.get(&m.0).is_some_and(|n| n != m.1))
        .map(|m| (m.0, m.1))
        .collect();
    let mut renamed = Vec::new();
    if !renames.is_empty() {
        renamed = record_names(db, &renames).await?;
        for (version, name) in &renames {
            if renamed.contains(version) {
                let was = applied.get(version).map(String::as_str).unwrap_or("");
                tracing::info!(version, was, name, "migration renamed in the applied list");
            }
        }
    }

    let mut applied_now = Vec::new();
    for &(version, name, sql) in list.iter().filter(|m| !applied.contains_key(&m.0)) {
        if run_one(db, version, name, sql).await? {
            tracing::info!(version, name, "migration applied");
            applied_now.push(version);
        }
    }
    let current = applied.keys().next_back().copied().unwrap_or(0);
    Ok(MigrationStatus {
        applied_now,
        renamed,
        version: known.max(current),
    })
}

/// Refuse an applied list that this binary does not fully know: a version above its newest
/// (a newer release migrated this database) or one it has no migration for.
fn check_applied(list: &[(i64, &str, &str)], applied: &BTreeMap<i64, String>) -> Result<()> {
    let known = list.last().map(|m| m.0).unwrap_or(0);
    if let Some((&found, _)) = applied.iter().next_back() {
        if found > known {
            return Err(StoreError::SchemaTooNew { found, known });
        }
    }
    if let Some((&version, name)) = applied
        .iter()
        .find(|(v, _)| !list.iter().any(|m| m.0 == **v))
    {
        return Err(StoreError::UnknownMigration {
            version,
            name: name.clone(),
        });
    }
    Ok(())
}

/// Update the recorded names of renamed migrations, all in one transaction; returns the
/// versions whose record changed (another instance may have done it first).
async fn record_names(db: &Db, renames: &[(i64, &str)]) -> Result<Vec<i64>> {
    const UPDATE: &str = "UPDATE schema_migrations SET name = $1 WHERE version = $2 AND name <> $1";
    let mut changed = Vec::new();
    match db {
        Db::Sqlite(pool) => {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            for &(version, name) in renames {
                let r = sqlx::query(UPDATE)
                    .bind(name)
                    .bind(version)
                    .execute(&mut *tx)
                    .await?;
                if r.rows_affected() > 0 {
                    changed.push(version);
                }
            }
            tx.commit().await?;
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query(PG_LOCK).execute(&mut *tx).await?;
            for &(version, name) in renames {
                let r = sqlx::query(UPDATE)
                    .bind(name)
                    .bind(version)
                    .execute(&mut *tx)
                    .await?;
                if r.rows_affected() > 0 {
                    changed.push(version);
                }
            }
            tx.commit().await?;
        }
    }
    Ok(changed)
}

/// Two instances starting together must not both migrate.
const PG_LOCK: &str = "SELECT pg_advisory_xact_lock(7243911)";

/// Apply one migration and its record in one transaction, unless another instance recorded
/// it meanwhile (then `false`), so a failed one leaves no half schema.
async fn run_one(db: &Db, version: i64, name: &str, sql: &str) -> Result<bool> {
    const DONE: &str = "SELECT version FROM schema_migrations WHERE version = $1";
    const RECORD: &str = "INSERT INTO schema_migrations (version, name, applied_at) \
        VALUES ($1, $2, CAST(CURRENT_TIMESTAMP AS TEXT))";
    in_tx!(db, |tx| {
        if db.engine() == crate::Engine::Postgres {
            sqlx::query(PG_LOCK).execute(&mut *tx).await?;
        }
        let done: Option<i64> = sqlx::query_scalar(DONE)
            .bind(version)
            .fetch_optional(&mut *tx)
            .await?;
        if done.is_some() {
            // Dropping the transaction rolls it back: nothing was written.
            return Ok(false);
        }
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        sqlx::query(RECORD)
            .bind(version)
            .bind(name)
            .execute(&mut *tx)
            .await?;
    });
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_have_the_same_migrations() {
        let names = |l: &[(i64, &'static str, &'static str)]| {
            l.iter().map(|m| (m.0, m.1)).collect::<Vec<_>>()
        };
        assert_eq!(names(MIGRATIONS_SQLITE), names(MIGRATIONS_POSTGRES));
        for (i, m) in MIGRATIONS_SQLITE.iter().enumerate() {
            assert_eq!(m.0, i as i64 + 1, "versions are 1, 2, 3, …");
            assert!(!m.1.is_empty() && !m.2.is_empty());
        }
    }

    #[test]
    fn file_names_give_version_and_name() {
        assert_eq!(version_of("0012_pb_paper"), 12);
        assert_eq!(name_of("0012_pb_paper"), "pb_paper");
        assert!(consecutive(&[(1, "a", ""), (2, "b", "")]));
        assert!(!consecutive(&[(1, "a", ""), (3, "b", "")]));
    }

    #[test]
    fn an_applied_list_this_binary_does_not_know_is_refused() {
        let list: &[(i64, &str, &str)] = &[(1, "a", ""), (2, "b", ""), (3, "c", "")];
        let applied = |v: &[(i64, &str)]| -> BTreeMap<i64, String> {
            v.iter().map(|(k, n)| (*k, n.to_string())).collect()
        };
        assert!(check_applied(list, &applied(&[(1, "a"), (3, "old name")])).is_ok());
        assert!(matches!(
            check_applied(list, &applied(&[(1, "a"), (4, "d")])),
            Err(StoreError::SchemaTooNew { found: 4, known: 3 })
        ));
        assert!(matches!(
            check_applied(list, &applied(&[(0, "zero"), (1, "a")])),
            Err(StoreError::UnknownMigration { version: 0, .. })
        ));
    }
}
