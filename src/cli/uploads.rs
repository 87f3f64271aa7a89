//! `qatysu uploads scrub`: re-encode every stored photo that still carries metadata (EXIF, GPS,
//! comments) or is larger than kept, in place, and print what became of them (security review
//! M6). Photos already clean are left alone, so it can be run again. The first `serve` or
//! `migrate` after migration 21 runs it once by itself ([`scrub_if_pending`]).

use crate::i18n::{n_u64, s, t_args};
use crate::setup::{self, DataArgs};
use clap::Subcommand;
use std::path::Path;

#[derive(Subcommand, Debug)]
pub enum UploadsCommand {
    /// Re-encode stored photos without their metadata; prints scrubbed, unchanged and failed.
    Scrub {
        #[command(flatten)]
        data: DataArgs,
    },
}

pub async fn run(what: UploadsCommand) -> anyhow::Result<()> {
    match what {
        UploadsCommand::Scrub { data } => {
            let db = setup::open_db(&data.data).await?;
            let report = app::uploads::scrub(&db, &uploads(&data.data)).await;
            // Asked for by hand: a pending automatic run has nothing left to do.
            if report.is_ok() {
                store::uploads::clear_scrub_pending(&db).await?;
            }
            db.close().await;
            print(&report?);
            Ok(())
        }
    }
}

/// `DATA/uploads`.
pub fn uploads(data: &Path) -> std::path::PathBuf {
    data.join("uploads")
}

fn print(report: &app::uploads::ScrubReport) {
    for f in &report.failed {
        eprintln!("{}", t_args("cli-uploads-failed", &[("file", s(f))]));
    }
    println!(
        "{}",
        t_args(
            "cli-uploads-report",
            &[
                ("scrubbed", n_u64(report.scrubbed as u64)),
                ("unchanged", n_u64(report.unchanged as u64)),
                ("failed", n_u64(report.failed.len() as u64)),
            ],
        )
    );
}

/// The step migration 21 asks for: re-encode the stored photos once, before anything is
/// served. A failure to do it is logged, and it is tried again at the next start.
pub async fn scrub_if_pending(db: &store::Db, data: &Path) {
    match app::uploads::scrub_if_pending(db, &uploads(data)).await {
        Ok(Some(report)) => print(&report),
        Ok(None) => {}
        Err(e) => {
            tracing::warn!(error = %e, "scrubbing the stored photos failed; tried again at the next start")
        }
    }
}
