//! `qatysu`: the platform's one binary — serve it, try it with demo data, migrate and fill the
//! database, count PB elections.

use clap::{Parser, Subcommand};
use qatysu::{cli, setup};

#[derive(Parser)]
#[command(
    name = "qatysu",
    version,
    about = "Qatysu — civic participation in local self-government (Kazakhstan)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web platform.
    Serve(cli::serve::ServeArgs),
    /// Start on a fresh database with a real district, illustrative populations and one
    /// account per role (printed with passwords).
    Demo(cli::demo::DemoArgs),
    /// Apply database migrations and exit.
    Migrate(setup::DataArgs),
    /// Import reference data.
    Import {
        #[command(subcommand)]
        what: cli::import::ImportCommand,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        what: cli::user::UserCommand,
    },
    /// Count a Pabulib `.pb` election with one of the counting rules.
    Tally(cli::tally::TallyArgs),
    /// The message queue: send what is due now.
    Outbox {
        #[command(subcommand)]
        what: cli::outbox::OutboxCommand,
    },
    /// Recount a budget cycle from its stored ballots and compare with the published result.
    Verify(cli::verify::VerifyArgs),
    /// Stored uploads: re-encode photos without their metadata.
    Uploads {
        #[command(subcommand)]
        what: cli::uploads::UploadsCommand,
    },
}

fn main() -> std::process::ExitCode {
    setup::init_tracing();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tally(args) => cli::tally::run(&args, &setup::cli_lang()),
        other => match tokio::runtime::Runtime::new() {
            Ok(rt) => rt.block_on(run_async(other)),
            Err(e) => Err(e.into()),
        },
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run_async(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => cli::serve::run(args).await,
        Command::Demo(args) => cli::demo::run(args).await,
        Command::Migrate(args) => cli::migrate(args).await,
        Command::Import { what } => cli::import::run(what).await,
        Command::User { what } => cli::user::run(what).await,
        Command::Verify(args) => cli::verify::run(args).await,
        Command::Outbox { what } => cli::outbox::run(what).await,
        Command::Uploads { what } => cli::uploads::run(what).await,
        // Counting needs no runtime: `main` runs it before starting one.
        Command::Tally(args) => cli::tally::run(&args, &setup::cli_lang()),
    }
}
