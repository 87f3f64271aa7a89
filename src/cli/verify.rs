//! `qatysu verify CYCLE_ID`: recount a budget cycle from its stored ballots and say whether the
//! published result matches.

use crate::cli::tally::rule_name;
use crate::i18n::{lang, n, s, t, t_args};
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
    let id = uuid::Uuid::parse_str(args.cycle.trim()).with_context(|| {
        t_args(
            "cli-verify-bad-id",
            &[("example", s("01a2219e-02ee-7051-85fb-83a1baaa4037"))],
        )
    })?;
    let app = setup::open_app(&args.data.data).await?;
    let v = app::pb::results::verify_cycle(&app, id).await?;
    app.db.close().await;
    let Some(v) = v else {
        anyhow::bail!("{}", t_args("cli-verify-no-result", &[("id", s(id))]));
    };
    let show = |p: &app::pb::results::Published| {
        t_args(
            "cli-verify-result",
            &[
                ("rule", s(rule_name(lang(), &p.rule))),
                (
                    "budget",
                    s(domain::money::Tenge::from_tiyn(p.budget_tiyn).format(lang().code())),
                ),
                ("ballots", n(p.ballots)),
                (
                    "selected",
                    s(p.selected
                        .iter()
                        .map(|u| u.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")),
                ),
            ],
        )
    };
    let line = |id: &str, p| t_args(id, &[("result", s(show(p)))]);
    println!("{}", line("cli-verify-published", &v.published));
    println!("{}", line("cli-verify-recounted", &v.recounted));
    if v.matches() {
        println!("{}", t("cli-verify-match"));
        Ok(())
    } else {
        anyhow::bail!("{}", t("cli-verify-mismatch"))
    }
}
