//! One module per command, the command line they make up, and the binary's `main`.

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

/// Everything the binary does. It lives in the library, not in `main.rs`, so that its code is
/// compiled while `web` is still being compiled instead of after it: a clean release build
/// ended with the binary alone on one core for 34 s (now about 2 s).
pub fn main() -> std::process::ExitCode {
    setup::init_tracing();
    let lang = crate::i18n::lang();
    let cli: Cli = help::parse(lang);
    let result = match cli.command {
        Command::Tally(args) => tally::run(&args, lang),
        other => match tokio::runtime::Runtime::new() {
            Ok(rt) => rt.block_on(run_async(other)),
            Err(e) => Err(e.into()),
        },
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e:#}", crate::i18n::t("cli-error"));
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run_async(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve::run(args).await,
        Command::Demo(args) => demo::run(args).await,
        Command::Migrate(args) => migrate(args).await,
        Command::Import { what } => import::run(what).await,
        Command::User { what } => user::run(what).await,
        Command::Verify(args) => verify::run(args).await,
        Command::Outbox { what } => outbox::run(what).await,
        Command::Uploads { what } => uploads::run(what).await,
        // Counting needs no runtime: `main` runs it before starting one.
        Command::Tally(args) => tally::run(&args, crate::i18n::lang()),
    }
}
