use crate::messages::{SenderArgs, Transports};
use crate::setup::{self, DataArgs};
use anyhow::Context;
use app::App;
use clap::Args;
use std::net::SocketAddr;
use web::{AppState, Config};

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080", env = "QATYSU_ADDR")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub data: DataArgs,
    /// Mark cookies Secure: set when users reach the platform over HTTPS.
    #[arg(long, env = "QATYSU_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Trust X-Forwarded-For from a reverse proxy in front of this instance.
    #[arg(long, env = "QATYSU_TRUST_PROXY")]
    pub trust_proxy: bool,
    #[command(flatten)]
    pub senders: SenderArgs,
    /// Write messages (codes included) to the log instead of sending them: only for the demo,
    /// so `serve` refuses it.
    #[arg(long)]
    pub dev_print_codes: bool,
}

impl ServeArgs {
    pub fn config(&self) -> Config {
        Config {
            secure_cookies: self.secure_cookies,
            trust_proxy: self.trust_proxy,
            uploads: self.data.data.join("uploads"),
            ..Config::default()
        }
    }
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        !args.dev_print_codes,
        "--dev-print-codes is only for the demo (`qatysu demo`): a server must not write \
         people's codes to its log. Configure QATYSU_SMTP_URL and/or QATYSU_SMS_URL instead."
    );
    let transports = Transports::from_args(&args.senders)?;
    let app = setup::open_app(&args.data.data).await?;
    start(args, app, None, transports).await
}

/// How often the worker looks for messages due.
const SEND_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Bind, print the address, serve until stopped, sending messages meanwhile. `banner` is
/// printed after the URL (demo).
pub async fn start(
    args: ServeArgs,
    app: App,
    banner: Option<String>,
    transports: Transports,
) -> anyhow::Result<()> {
    let db = app.db.clone();
    let state = AppState::new(app.clone(), args.config());
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    if let Some(b) = banner {
        println!("{b}");
    }
    println!("Qatysu is running at http://{addr}/");
    for line in transports.describe() {
        println!("{line}");
    }
    for c in domain::messages::Channel::ALL {
        if !transports.channels().contains(&c) {
            tracing::warn!(
                channel = c.as_str(),
                "no transport configured: these messages stay pending"
            );
        }
    }
    let sender = tokio::spawn(crate::messages::worker(app.clone(), transports, SEND_EVERY));
    let purger = tokio::spawn(purge_loop(app));
    let served = web::serve(listener, state).await;
    sender.abort();
    purger.abort();
    served?;
    db.close().await;
    Ok(())
}

/// Expired sessions and old login attempts are deleted hourly; with several instances each
/// does it, which is harmless.
async fn purge_loop(app: App) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Err(e) = app::accounts::purge_expired(&app).await {
            tracing::warn!(error = %e, "purging expired sessions failed");
        }
    }
}
