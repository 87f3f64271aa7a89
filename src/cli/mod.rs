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

pub async fn migrate(args: DataArgs) -> anyhow::Result<()> {
    let db = setup::open_db(&args.data).await?;
    let status = db.migrate().await?;
    uploads::scrub_if_pending(&db, &args.data).await;
    println!("schema version {}", status.version);
    db.close().await;
    Ok(())
}
