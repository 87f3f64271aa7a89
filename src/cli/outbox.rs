//! `qatysu outbox drain`: send every message due now with the configured transports, print
//! what became of them, and exit (for cron, or to flush the queue by hand).

use crate::i18n::{n, n_u64, t_args};
use crate::messages::{drain_once, SenderArgs, Transports};
use crate::setup::{self, DataArgs};
use clap::Subcommand;
use domain::messages::Delivery;

#[derive(Subcommand, Debug)]
pub enum OutboxCommand {
    /// Send everything due now; prints sent, failed and still pending.
    Drain {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        senders: SenderArgs,
    },
}

pub async fn run(what: OutboxCommand) -> anyhow::Result<()> {
    match what {
        OutboxCommand::Drain { data, senders } => {
            let transports = Transports::from_args(&senders)?;
            for line in transports.describe() {
                eprintln!("{line}");
            }
            let app = setup::open_app(&data.data).await?;
            let done = drain_once(&app, &transports).await?;
            let counts = app::messages::queue_counts(&app).await?;
            let pending = counts
                .iter()
                .find(|(d, _)| *d == Delivery::Pending)
                .map_or(0, |(_, n)| *n);
            app.db.close().await;
            println!(
                "{}",
                t_args(
                    "cli-outbox-report",
                    &[
                        ("sent", n_u64(done.sent)),
                        ("failed", n_u64(done.failed)),
                        ("retrying", n_u64(done.retrying)),
                        ("pending", n(pending)),
                    ],
                )
            );
            Ok(())
        }
    }
}
