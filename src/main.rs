//! `qatysu`: the platform's one binary — serve it, try it with demo data, migrate and fill the
//! database, count PB elections. It speaks Kazakh, Russian or English (`QATYSU_LANG`, then
//! `LANG`; Kazakh by default): its help, its messages and its errors.

use qatysu::cli::{self, Cli, Command};
use qatysu::{i18n, setup};

fn main() -> std::process::ExitCode {
    setup::init_tracing();
    let lang = i18n::lang();
    let cli: Cli = cli::help::parse(lang);
    let result = match cli.command {
        Command::Tally(args) => cli::tally::run(&args, lang),
        other => match tokio::runtime::Runtime::new() {
            Ok(rt) => rt.block_on(run_async(other)),
            Err(e) => Err(e.into()),
        },
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e:#}", i18n::t("cli-error"));
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
        Command::Tally(args) => cli::tally::run(&args, i18n::lang()),
    }
}
