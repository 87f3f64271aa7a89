//! What every command that touches the platform needs: the data folder, the database and the
//! server secret, and logging.

use crate::i18n::{s, t, t_args};
use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};
use store::Db;

#[derive(Args, Debug, Clone)]
pub struct DataArgs {
    /// Folder of the SQLite database, uploads and the server secret.
    #[arg(long, default_value = "qatysu-data", env = "QATYSU_DATA")]
    pub data: PathBuf,
}

pub fn init_tracing() {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::prelude::*;
    // `RUST_LOG` as `level,target=level,…`; a simple target filter (no regex engine to build).
    let filter: Targets = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            Targets::new()
                .with_default(tracing::Level::INFO)
                .with_target("sqlx", tracing::Level::WARN)
        });
    let json = std::env::var("QATYSU_LOG_FORMAT").is_ok_and(|v| v == "json");
    let registry = tracing_subscriber::registry().with(filter);
    if json {
        registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_writer(std::io::stderr),
            )
            .init();
    } else {
        registry
            .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
            .init();
    }
}

/// Open the database: `DATABASE_URL` if set, else `DATA/qatysu.db` (created when missing),
/// and bring its schema up to date.
pub async fn open_db(data: &Path) -> anyhow::Result<Db> {
    let db = match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => Db::connect(&url)
            .await
            .with_context(|| t_args("cli-err-database", &[("var", s("DATABASE_URL"))]))?,
        _ => {
            private_dir(data)
                .with_context(|| t_args("cli-err-create-folder", &[("path", s(data.display()))]))?;
            let file = data.join("qatysu.db");
            let db = Db::open_sqlite(&file, true)
                .await
                .with_context(|| t("cli-err-open-sqlite"))?;
            // SQLite gives its -wal and -shm files the database file's permissions.
            owner_only(&file)
                .with_context(|| t_args("cli-err-protect", &[("path", s(file.display()))]))?;
            db
        }
    };
    let status = db.migrate().await?;
    if !status.applied_now.is_empty() {
        tracing::info!(applied = ?status.applied_now, version = status.version, "database migrated");
    }
    Ok(db)
}

/// The database, the server secret and the system clock, as the use cases need them. The
/// links from voters to their ballots that a migration left unsealed are sealed here, before
/// anything is served.
pub async fn open_app(data: &Path) -> anyhow::Result<app::App> {
    let db = open_db(data).await?;
    let secret = secret(data)?;
    let app = app::App::new(db, &secret, app::Clock::system());
    app::pb::ballots::seal_migrated_links(&app)
        .await
        .with_context(|| t("cli-err-seal"))?;
    Ok(app)
}

/// The server secret: `QATYSU_SECRET`, else `DATA/secret` (made once, readable by the owner
/// only). Every instance serving one database must share it: it keys IIN fingerprints.
pub fn secret(data: &Path) -> anyhow::Result<Vec<u8>> {
    if let Ok(given) = std::env::var("QATYSU_SECRET") {
        anyhow::ensure!(
            given.len() >= 32,
            "{}",
            t_args("cli-err-secret-short", &[("var", s("QATYSU_SECRET"))])
        );
        return Ok(given.into_bytes());
    }
    let path = data.join("secret");
    if let Ok(stored) = std::fs::read_to_string(&path) {
        let stored = stored.trim();
        anyhow::ensure!(
            stored.len() >= 32,
            "{}",
            t_args("cli-err-secret-file-short", &[("path", s(path.display()))])
        );
        return Ok(stored.as_bytes().to_vec());
    }
    private_dir(data)?;
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    write_private(&path, &hex)
        .with_context(|| t_args("cli-err-write", &[("path", s(path.display()))]))?;
    tracing::info!(path = %path.display(), "server secret created");
    Ok(hex.into_bytes())
}

/// The data folder, readable by the owner only (it holds the database, the secret and the
/// uploads: personal data under Law No. 94-V). An existing folder is narrowed too.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Make an existing file readable and writable by the owner only.
pub fn owner_only(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}
