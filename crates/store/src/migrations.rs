use crate::db::{execute, on_pool};
use crate::{Db, Result, StoreError};

/// Embedded migrations, one list per engine with the same versions and names (a test checks).
pub const MIGRATIONS_SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/sqlite/0001_foundation.sql"),
    ),
    (
        2,
        "initiatives",
        include_str!("../migrations/sqlite/0002_initiatives.sql"),
    ),
    (3, "pb", include_str!("../migrations/sqlite/0003_pb.sql")),
    (
        4,
        "attachments",
        include_str!("../migrations/sqlite/0004_attachments.sql"),
    ),
    (
        5,
        "pb_voting",
        include_str!("../migrations/sqlite/0005_pb_voting.sql"),
    ),
    (
        6,
        "pb_discussion",
        include_str!("../migrations/sqlite/0006_pb_discussion.sql"),
    ),
    (
        7,
        "projects",
        include_str!("../migrations/sqlite/0007_projects.sql"),
    ),
    (
        8,
        "control_land",
        include_str!("../migrations/sqlite/0008_control_land.sql"),
    ),
    (
        9,
        "pb_envelope",
        include_str!("../migrations/sqlite/0009_pb_envelope.sql"),
    ),
    (
        10,
        "pb_photos",
        include_str!("../migrations/sqlite/0010_pb_photos.sql"),
    ),
];
pub const MIGRATIONS_POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (
        2,
        "initiatives",
        include_str!("../migrations/postgres/0002_initiatives.sql"),
    ),
    (3, "pb", include_str!("../migrations/postgres/0003_pb.sql")),
    (
        4,
        "attachments",
        include_str!("../migrations/postgres/0004_attachments.sql"),
    ),
    (
        5,
        "pb_voting",
        include_str!("../migrations/postgres/0005_pb_voting.sql"),
    ),
    (
        6,
        "pb_discussion",
        include_str!("../migrations/postgres/0006_pb_discussion.sql"),
    ),
    (
        7,
        "projects",
        include_str!("../migrations/postgres/0007_projects.sql"),
    ),
    (
        8,
        "control_land",
        include_str!("../migrations/postgres/0008_control_land.sql"),
    ),
    (
        9,
        "pb_envelope",
        include_str!("../migrations/postgres/0009_pb_envelope.sql"),
    ),
    (
        10,
        "pb_photos",
        include_str!("../migrations/postgres/0010_pb_photos.sql"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    pub applied_now: Vec<i64>,
    pub version: i64,
}

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

pub(crate) async fn apply(db: &Db) -> Result<MigrationStatus> {
    let list = match db {
        Db::Sqlite(_) => MIGRATIONS_SQLITE,
        Db::Postgres(_) => MIGRATIONS_POSTGRES,
    };
    let known = list.last().map(|m| m.0).unwrap_or(0);
    execute!(db, sqlx::query(CREATE_TABLE))?;
    let current: Option<i64> = on_pool!(db, p => sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations").fetch_one(p).await)?;
    let current = current.unwrap_or(0);
    if current > known {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known,
        });
    }
    let mut applied_now = Vec::new();
    for &(version, name, sql) in list.iter().filter(|m| m.0 > current) {
        // Each migration and its record commit together, so a failed one leaves no half schema.
        match db {
            Db::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                sqlx::raw_sql(sql).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, CAST(CURRENT_TIMESTAMP AS TEXT))",
                )
                .bind(version)
                .bind(name)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // Two instances starting together must not both migrate.
                sqlx::query("SELECT pg_advisory_xact_lock(7243911)")
                    .execute(&mut *tx)
                    .await?;
                let done: Option<i64> =
                    sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                        .bind(version)
                        .fetch_optional(&mut *tx)
                        .await?;
                if done.is_none() {
                    sqlx::raw_sql(sql).execute(&mut *tx).await?;
                    sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, CAST(CURRENT_TIMESTAMP AS TEXT))")
                        .bind(version).bind(name).execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }
        }
        tracing::info!(version, name, "migration applied");
        applied_now.push(version);
    }
    Ok(MigrationStatus {
        applied_now,
        version: known.max(current),
    })
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
        }
    }
}
