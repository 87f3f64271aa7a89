//! `qatysu verify CYCLE_ID`: recount a budget cycle from its stored ballots and say whether the
//! published result matches.

use crate::setup::{self, DataArgs};
use anyhow::Context;
use clap::Args;

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The cycle's id (as in `/pb/{id}` and `/api/v1/cycles`).
    pub cycle: String,
    #[command(flatten)]
    pub data: DataArgs,
}

pub async fn run(args: VerifyArgs) -> anyhow::Result<()> {
    let id = uuid::Uuid::parse_str(args.cycle.trim())
        .context("a cycle id looks like 01a2219e-02ee-7051-85fb-83a1baaa4037")?;
    let app = setup::open_app(&args.data.data).await?;
    let v = app::pb::results::verify_cycle(&app, id).await?;
    app.db.close().await;
    let Some(v) = v else {
        anyhow::bail!("cycle {id} does not exist or has no published result yet");
    };
    let show = |p: &app::pb::results::Published| {
        format!(
            "rule {}, budget {} tiyn, {} ballots, selected [{}]",
            p.rule,
            p.budget_tiyn,
            p.ballots,
            p.selected
                .iter()
                .map(|u| u.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    println!("published: {}", show(&v.published));
    println!("recounted: {}", show(&v.recounted));
    if v.matches() {
        println!("MATCH: the published result equals a recount of the stored ballots");
        Ok(())
    } else {
        anyhow::bail!("MISMATCH: the published result differs from a recount of the stored ballots")
    }
}
