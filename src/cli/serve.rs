use crate::i18n::{s, t_args};
use crate::messages::{SenderArgs, Transports};
use crate::setup::{self, DataArgs};
use anyhow::Context;
use app::App;
use clap::Args;
use std::net::SocketAddr;
use web::{AppState, Config, OidcSettings};

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
    pub oidc: OidcArgs,
    #[command(flatten)]
    pub senders: SenderArgs,
    /// Write messages (codes included) to the log instead of sending them: only for the demo,
    /// so `serve` refuses it.
    #[arg(long)]
    pub dev_print_codes: bool,
}

/// Sign-in through an OpenID Connect provider (eGov): set the issuer and the rest with it.
#[derive(Args, Debug, Clone, Default)]
pub struct OidcArgs {
    /// The provider's issuer URL (its /.well-known/openid-configuration is read).
    #[arg(long = "oidc-issuer", env = "QATYSU_OIDC_ISSUER")]
    pub issuer: Option<String>,
    /// This platform's client id at the provider.
    #[arg(long = "oidc-client-id", env = "QATYSU_OIDC_CLIENT_ID")]
    pub client_id: Option<String>,
    /// This platform's client secret at the provider.
    #[arg(
        long = "oidc-client-secret",
        env = "QATYSU_OIDC_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub client_secret: Option<String>,
    /// The ID-token claim that carries the person's IIN.
    #[arg(long = "oidc-iin-claim", env = "QATYSU_OIDC_IIN_CLAIM")]
    pub iin_claim: Option<String>,
    /// Scopes to ask for besides `openid`, separated by spaces.
    #[arg(
        long = "oidc-scopes",
        env = "QATYSU_OIDC_SCOPES",
        default_value = "profile"
    )]
    pub scopes: String,
}

impl OidcArgs {
    /// The provider's settings; `None` without an issuer, an error when the issuer is set and
    /// anything else it needs is missing.
    pub fn settings(&self, public_url: Option<&String>) -> anyhow::Result<Option<OidcSettings>> {
        let Some(issuer) = self.issuer.clone().filter(|i| !i.trim().is_empty()) else {
            return Ok(None);
        };
        let need = |v: &Option<String>, name: &str| {
            v.clone().filter(|v| !v.trim().is_empty()).with_context(|| {
                t_args(
                    "cli-err-oidc-needs",
                    &[("issuer", s("QATYSU_OIDC_ISSUER")), ("var", s(name))],
                )
            })
        };
        Ok(Some(OidcSettings {
            issuer,
            client_id: need(&self.client_id, "QATYSU_OIDC_CLIENT_ID")?,
            client_secret: need(&self.client_secret, "QATYSU_OIDC_CLIENT_SECRET")?,
            iin_claim: need(&self.iin_claim, "QATYSU_OIDC_IIN_CLAIM")?,
            scopes: self.scopes.split_whitespace().map(str::to_string).collect(),
            public_url: need(&public_url.cloned(), "QATYSU_PUBLIC_URL")?,
        }))
    }
}

impl ServeArgs {
    pub fn config(&self) -> anyhow::Result<Config> {
        let oidc = self.oidc.settings(self.senders.public_url.as_ref())?;
        Ok(Config {
            secure_cookies: self.secure_cookies,
            trust_proxy: self.trust_proxy,
            uploads: self.data.data.join("uploads"),
            // `egov` may be required of voters only where people can sign in through it.
            egov_sign_in: oidc.is_some(),
            oidc,
            ..Config::default()
        })
    }
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        !args.dev_print_codes,
        "{}",
        t_args(
            "cli-err-dev-print-codes",
            &[
                ("flag", s("--dev-print-codes")),
                ("demo", s("qatysu demo")),
                ("smtp", s("QATYSU_SMTP_URL")),
                ("sms", s("QATYSU_SMS_URL")),
            ],
        )
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
    // Photos stored before they were cleaned on upload: re-encoded before anything is served.
    crate::cli::uploads::scrub_if_pending(&db, &args.data.data).await;
    let config = args.config()?;
    if let Some(o) = &config.oidc {
        tracing::info!(issuer = %o.issuer, redirect = %o.redirect_uri(), "eGov sign-in configured");
    }
    let state = AppState::new(app.clone(), config);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| t_args("cli-err-listen", &[("addr", s(args.addr))]))?;
    let addr = listener.local_addr()?;
    if let Some(b) = banner {
        println!("{b}");
    }
    // The address stays in this exact form whatever the language: scripts look for it.
    println!(
        "{}",
        t_args(
            "cli-serve-running",
            &[("url", s(format!("http://{addr}/")))]
        )
    );
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
