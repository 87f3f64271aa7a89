//! One module per command.

pub mod demo;
pub mod import;
pub mod outbox;
pub mod serve;
pub mod tally;
pub mod uploads;
pub mod user;
pub mod verify;

use crate::setup::{self, DataArgs};

/// Bring the schema up to date and seal what a migration left for the server to seal.
pub async fn migrate(args: DataArgs) -> anyhow::Result<()> {
    let app = setup::open_app(&args.data).await?;
    let status = app.db.migrate().await?;
    uploads::scrub_if_pending(&app.db, &args.data).await;
    println!("schema version {}", status.version);
    app.db.close().await;
    Ok(())
}
