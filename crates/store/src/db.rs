use crate::{migrations, Result, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgSslMode};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// A connection pool on one of the two engines. Not `sqlx::Any`: it has no UUIDs or dates.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Run the same code against whichever pool `$db` holds; the body is compiled once per engine.
/// Written `on_pool!(db, |p| body)`, which rustfmt formats like a closure.
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        $crate::db::on_pool!($db, $pool => $body)
    };
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// `sqlx::FromRow` on both engines for a struct whose fields are read from the columns of their
/// names; a field written `name: flatten` is read as a whole row of its own type. Written by
/// hand rather than with sqlx's `derive` feature: that feature builds sqlx, both drivers, tokio,
/// rustls, ring and SQLite's C source a second time for the compiler, about 70 s of CPU in a
/// clean release build on 2 cores.
macro_rules! from_row {
    ($t:ident { $($f:ident $(: $flatten:ident)?),* $(,)? }) => {
        $crate::db::from_row!(@engine $t, sqlx::sqlite::SqliteRow, $($f $(: $flatten)?),*);
        $crate::db::from_row!(@engine $t, sqlx::postgres::PgRow, $($f $(: $flatten)?),*);
    };
    (@engine $t:ident, $row:ty, $($f:ident $(: $flatten:ident)?),*) => {
        impl<'r> sqlx::FromRow<'r, $row> for $t {
            fn from_row(row: &'r $row) -> Result<Self, sqlx::Error> {
                #[allow(unused_imports)]
                use sqlx::Row as _;
                Ok(Self {
                    $($f: $crate::db::from_row!(@field row, $f $(: $flatten)?),)*
                })
            }
        }
    };
    (@field $row:ident, $f:ident) => {
        $row.try_get(stringify!($f))?
    };
    (@field $row:ident, $f:ident: flatten) => {
        sqlx::FromRow::from_row($row)?
    };
}
pub(crate) use from_row;

/// Execute a statement on whichever engine and return the number of rows it touched.
macro_rules! execute {
    ($db:expr, $query:expr) => {
        match $db {
            $crate::Db::Sqlite(pool) => $query.execute(pool).await.map(|r| r.rows_affected()),
            $crate::Db::Postgres(pool) => $query.execute(pool).await.map(|r| r.rows_affected()),
        }
    };
}
pub(crate) use execute;

/// Run a block in a write transaction: on SQLite `BEGIN IMMEDIATE`, so the write lock is taken
/// up front and a read-then-write never fails half-way. An early `?` drops (rolls back) it.
/// Written `in_tx!(db, |tx| body)`, which rustfmt formats like a closure.
macro_rules! in_tx {
    ($db:expr, |$tx:ident| $body:expr) => {
        $crate::db::in_tx!($db, $tx => $body)
    };
    ($db:expr, $tx:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite(pool) => {
                #[allow(unused_mut)]
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::Db::Postgres(pool) => {
                #[allow(unused_mut)]
                let mut $tx = pool.begin().await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}
pub(crate) use in_tx;

/// Whether a PostgreSQL connection should insist on TLS with a verified certificate: the
/// driver's default, `prefer`, falls back to plain text when the server (or someone in the
/// middle) offers no TLS (security review L8). A server on this machine (loopback, a Unix
/// socket) keeps the default; an explicit `sslmode` in the URL or `PGSSLMODE` always wins.
fn needs_verified_tls(url: &str, host: &str, env_sets_mode: bool) -> bool {
    let url_sets_mode = url
        .split_once('?')
        .is_some_and(|(_, q)| q.split('&').any(|kv| kv.starts_with("sslmode=")));
    let local = host.starts_with('/')
        || host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    !(url_sets_mode || env_sets_mode || local)
}

impl Db {
    /// Open a database from a URL: `sqlite://PATH[?mode=rwc]` or `postgres://…`. A SQLite URL
    /// naming a file that does not exist is refused unless it asks for `mode=rwc`, so a typo
    /// never quietly starts an empty platform.
    pub async fn connect(url: &str) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut opts = PgConnectOptions::from_str(url)?;
            if needs_verified_tls(
                url,
                opts.get_host(),
                std::env::var_os("PGSSLMODE").is_some(),
            ) {
                opts = opts.ssl_mode(PgSslMode::VerifyFull);
            }
            let pool = PgPoolOptions::new()
                .max_connections(10)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            return Ok(Db::Postgres(pool));
        }
        let Some(rest) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        else {
            return Err(StoreError::UnsupportedUrl(url.to_string()));
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let create = query.split('&').any(|kv| kv == "mode=rwc");
        if !create && !Path::new(path).exists() {
            return Err(StoreError::MissingFile(path.to_string()));
        }
        Db::open_sqlite(Path::new(path), create).await
    }

    /// The embedded default: one SQLite file, created when missing.
    pub async fn open_sqlite(path: &Path, create: bool) -> Result<Db> {
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(opts)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Apply every embedded migration not yet applied; refuse a schema newer than this binary.
    pub async fn migrate(&self) -> Result<migrations::MigrationStatus> {
        migrations::apply(self).await
    }

    /// A cheap round trip, for `/healthz`.
    pub async fn ping(&self) -> Result<()> {
        execute!(self, sqlx::query("SELECT 1"))?;
        Ok(())
    }

    pub async fn close(&self) {
        on_pool!(self, |p| p.close().await)
    }
}

#[cfg(test)]
mod tls_tests {
    use super::needs_verified_tls;

    #[test]
    fn a_remote_postgres_needs_verified_tls_unless_the_url_says_otherwise() {
        let remote = "postgres://app@db.example.kz/qatysu";
        assert!(needs_verified_tls(remote, "db.example.kz", false));
        assert!(needs_verified_tls(remote, "10.0.0.5", false));
        assert!(!needs_verified_tls(
            "postgres://app@db.example.kz/qatysu?sslmode=require",
            "db.example.kz",
            false
        ));
        assert!(!needs_verified_tls(remote, "db.example.kz", true));
        for local in [
            "127.0.0.1",
            "localhost",
            "::1",
            "[::1]",
            "/var/run/postgresql",
        ] {
            assert!(
                !needs_verified_tls("postgres://postgres@x/test", local, false),
                "{local}"
            );
        }
    }
}
