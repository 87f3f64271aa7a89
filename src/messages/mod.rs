//! The outbound edge: messages leave the server here. Transports (SMTP for e-mail, an HTTP
//! gateway for SMS, and the demo's printer), their configuration, and the worker that drains
//! the queue — one [`drain_once`] used by the loop in `serve` and by `qatysu outbox drain`.
//!
//! Delivery is at least once: a message is leased while it is sent and marked sent right
//! after the transport accepted it. The window that remains is a crash between the
//! server's "accepted" and that mark: after the lease the message goes again, with the same
//! `Message-ID` / `Idempotency-Key` (the message id), so the receiving side can tell.

pub mod print;
pub mod sms;
pub mod smtp;

use app::messages::{Attempt, Outgoing, Prepared};
use app::App;
use clap::Args;
use domain::messages::{Channel, Delivery};
use std::time::Duration;
use web::messages::{Links, Rendered};

/// Where messages go: flags of `serve` and `outbox drain` (each also read from its variable).
#[derive(Args, Debug, Clone, Default)]
pub struct SenderArgs {
    /// The mail server: smtp://host:port (plain, a local relay), smtp://host:587?tls=required
    /// (STARTTLS), smtps://user:pass@host:465 (TLS). Without it e-mails stay queued.
    #[arg(long, env = "QATYSU_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender shown on e-mails, e.g. "Qatysu <noreply@qatysu.kz>".
    #[arg(
        long,
        env = "QATYSU_MAIL_FROM",
        default_value = "Qatysu <noreply@qatysu.kz>"
    )]
    pub mail_from: String,
    /// The SMS gateway: a URL with {to} and {text}, POSTed. Without it texts stay queued.
    #[arg(long, env = "QATYSU_SMS_URL", hide_env_values = true)]
    pub sms_url: Option<String>,
    /// A header sent to the SMS gateway, "Name: value" (its key).
    #[arg(long, env = "QATYSU_SMS_AUTH_HEADER", hide_env_values = true)]
    pub sms_auth_header: Option<String>,
    /// The platform's external address (https://qatysu.example.kz): links in e-mails, and the
    /// eGov provider sends people back to {URL}/login/oidc/callback.
    #[arg(long, env = "QATYSU_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Seconds one send may take (connect, every SMTP command, the gateway's answer).
    #[arg(long, env = "QATYSU_SEND_TIMEOUT", default_value_t = 20)]
    pub send_timeout: u64,
}

/// One way out.
#[derive(Clone)]
pub enum Transport {
    Smtp(smtp::Smtp),
    Gateway(sms::Gateway),
    /// `--dev-print-codes` (the demo): written to the log, not sent.
    Print,
}

impl Transport {
    async fn send(&self, out: &Outgoing, r: &Rendered) -> Attempt {
        match self {
            Transport::Smtp(s) => s.send(out, r).await,
            Transport::Gateway(g) => g.send(out, r).await,
            Transport::Print => print::send(out, r),
        }
    }

    /// What `serve` says of it, for one channel (`channel` already in the reader's language).
    fn describe(&self, channel: String) -> String {
        use crate::i18n::{s, t_args};
        let (id, server) = match self {
            Transport::Smtp(smtp) => ("cli-messages-smtp", smtp.shown.as_str()),
            Transport::Gateway(g) => ("cli-messages-gateway", g.shown.as_str()),
            Transport::Print => ("cli-messages-print", ""),
        };
        t_args(id, &[("channel", s(channel)), ("server", s(server))])
    }
}

/// The transport of each channel (`None`: that channel's messages stay pending).
#[derive(Clone, Default)]
pub struct Transports {
    pub email: Option<Transport>,
    pub sms: Option<Transport>,
    pub links: Links,
}

impl Transports {
    pub fn from_args(a: &SenderArgs) -> anyhow::Result<Transports> {
        let timeout = Duration::from_secs(a.send_timeout.max(1));
        let email = match a.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) {
            Some(url) => Some(Transport::Smtp(smtp::Smtp::new(
                url,
                &a.mail_from,
                timeout,
            )?)),
            None => None,
        };
        let sms = match a.sms_url.as_deref().filter(|u| !u.trim().is_empty()) {
            Some(url) => Some(Transport::Gateway(sms::Gateway::new(
                url,
                a.sms_auth_header.as_deref(),
                timeout,
            )?)),
            None => None,
        };
        Ok(Transports {
            email,
            sms,
            links: Links {
                public_url: a.public_url.clone().filter(|u| !u.trim().is_empty()),
            },
        })
    }

    /// Every message written to the log instead of sent (`--dev-print-codes`, the demo).
    pub fn print() -> Transports {
        Transports {
            email: Some(Transport::Print),
            sms: Some(Transport::Print),
            links: Links::default(),
        }
    }

    fn of(&self, c: Channel) -> Option<&Transport> {
        match c {
            Channel::Email => self.email.as_ref(),
            Channel::Sms => self.sms.as_ref(),
        }
    }

    /// The channels that have a transport.
    pub fn channels(&self) -> Vec<Channel> {
        Channel::ALL
            .into_iter()
            .filter(|c| self.of(*c).is_some())
            .collect()
    }

    /// One line per channel, without secrets, in the reader's language: what `serve` prints
    /// at start.
    pub fn describe(&self) -> Vec<String> {
        use crate::i18n::{s, t, t_args};
        Channel::ALL
            .into_iter()
            .map(|c| {
                let name = t(match c {
                    Channel::Email => "cli-channel-email",
                    Channel::Sms => "cli-channel-sms",
                });
                match self.of(c) {
                    Some(transport) => transport.describe(name),
                    None => t_args("cli-messages-none", &[("channel", s(name))]),
                }
            })
            .collect()
    }
}

/// What one drain did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drained {
    pub sent: u64,
    /// Failed for now; tried again on the schedule.
    pub retrying: u64,
    /// Given up on (refused, out of retries, nowhere to send it).
    pub failed: u64,
}

impl Drained {
    pub fn is_empty(&self) -> bool {
        *self == Drained::default()
    }
}

/// Messages claimed at a time.
const BATCH: i64 = 20;
/// Batches one drain takes at most, so that a drain always ends.
const MAX_BATCHES: usize = 500;

/// Send every message due now on the channels that have a transport, each recorded right
/// after its send returns.
pub async fn drain_once(app: &App, t: &Transports) -> anyhow::Result<Drained> {
    let channels = t.channels();
    let mut done = Drained::default();
    if channels.is_empty() {
        return Ok(done);
    }
    for _ in 0..MAX_BATCHES {
        let batch = app::messages::claim_due_on(app, &channels, BATCH).await?;
        if batch.is_empty() {
            break;
        }
        for m in batch {
            let attempt = match app::messages::prepare(app, &m).await? {
                Prepared::Undeliverable(why) => Attempt::Refused(why),
                Prepared::Ready(out) => match t.of(m.channel) {
                    Some(transport) => {
                        let r =
                            web::messages::render(out.language, &out.name, &out.about, &t.links);
                        transport.send(&out, &r).await
                    }
                    // Claimed only on channels that have one.
                    None => continue,
                },
            };
            let outcome = match &attempt {
                Attempt::Sent => "sent",
                Attempt::Failed(_) => "failed",
                Attempt::Refused(_) => "refused",
            };
            // The id, kind and channel only: never the body, the address or a code.
            tracing::info!(message = %m.id, kind = %m.kind, channel = m.channel.as_str(), outcome, "message attempt");
            match app::messages::record_attempt(app, &m, attempt).await? {
                Delivery::Sent => done.sent += 1,
                Delivery::Pending => done.retrying += 1,
                Delivery::Failed => done.failed += 1,
            }
        }
    }
    Ok(done)
}

/// The loop `serve` runs: a drain every `every`, until the task is dropped with the server.
pub async fn worker(app: App, t: Transports, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match drain_once(&app, &t).await {
            Ok(d) if !d.is_empty() => {
                tracing::info!(
                    sent = d.sent,
                    retrying = d.retrying,
                    failed = d.failed,
                    "messages drained"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "sending messages failed; trying again"),
        }
    }
}

/// An error as stored with a message: one line, at most 300 characters.
pub(crate) fn clip(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.chars().take(300).collect()
}
