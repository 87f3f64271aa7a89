//! One module per command, and the command line they make up.

pub mod demo;
pub mod help;
pub mod import;
pub mod outbox;
pub mod serve;
pub mod tally;
pub mod uploads;
pub mod user;
pub mod verify;

use crate::i18n::{s, t_args};
use crate::setup::{self, DataArgs};
use clap::{Parser, Subcommand};

/// The command line. The texts written here are English; every one of them is replaced from
/// `cli.ftl` in the reader's language before parsing ([`help::localized`]).
#[derive(Parser)]
#[command(
    name = "qatysu",
    version,
    about = "Qatysu — civic participation in local self-government (Kazakhstan)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the web platform.
    Serve(serve::ServeArgs),
    /// Start on a fresh database with a real district, illustrative populations and one
    /// account per role (printed with passwords).
    Demo(demo::DemoArgs),
    /// Apply database migrations and exit.
    Migrate(DataArgs),
    /// Import reference data.
    Import {
        #[command(subcommand)]
        what: import::ImportCommand,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        what: user::UserCommand,
    },
    /// Count a Pabulib `.pb` election with one of the counting rules.
    Tally(tally::TallyArgs),
    /// The message queue: send what is due now.
    Outbox {
        #[command(subcommand)]
        what: outbox::OutboxCommand,
    },
    /// Recount a budget cycle from its stored ballots and compare with the published result.
    Verify(verify::VerifyArgs),
    /// Stored uploads: re-encode photos without their metadata.
    Uploads {
        #[command(subcommand)]
        what: uploads::UploadsCommand,
    },
}

/// Bring the schema up to date and seal what a migration left for the server to seal.
pub async fn migrate(args: DataArgs) -> anyhow::Result<()> {
    let app = setup::open_app(&args.data).await?;
    let status = app.db.migrate().await?;
    uploads::scrub_if_pending(&app.db, &args.data).await;
    println!(
        "{}",
        t_args("cli-migrate-done", &[("version", s(status.version))])
    );
    app.db.close().await;
    Ok(())
}
