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
    let app = setup::open_app(&args.data.data).await?;
    start(args, app, None).await
}

/// Bind, print the address, serve until stopped. `banner` is printed after the URL (demo).
pub async fn start(args: ServeArgs, app: App, banner: Option<String>) -> anyhow::Result<()> {
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
    tokio::spawn(purge_loop(app));
    web::serve(listener, state).await?;
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
