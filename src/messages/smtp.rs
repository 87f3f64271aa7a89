//! E-mail over SMTP (`lettre`, rustls): `smtp://host:port` for a local relay without TLS,
//! `smtp://host:587?tls=required` for STARTTLS, `smtps://user:pass@host:465` for TLS.

use super::clip;
use crate::i18n::{s, t_args};
use app::messages::{Attempt, Outgoing};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use web::messages::Rendered;

/// One mail server, the sender's address and a timeout on every command.
#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// `host:port`, to say where mail goes without the credentials.
    pub shown: String,
}

impl Smtp {
    pub fn new(url: &str, from: &str, timeout: Duration) -> anyhow::Result<Smtp> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e}",
                    t_args("cli-err-smtp-url", &[("var", s("QATYSU_SMTP_URL"))])
                )
            })?
            .timeout(Some(timeout))
            .build();
        let from: Mailbox = from.parse().map_err(|e| {
            anyhow::anyhow!(
                "{}: {e}",
                t_args("cli-err-mail-from", &[("var", s("QATYSU_MAIL_FROM"))])
            )
        })?;
        Ok(Smtp {
            transport,
            from,
            shown: shown_host(url),
        })
    }

    /// Send one message; its `Message-ID` is the message's id, so a resend after a crash is
    /// recognisable as the same message.
    pub async fn send(&self, out: &Outgoing, r: &Rendered) -> Attempt {
        let address = match out.to.parse() {
            Ok(a) => a,
            Err(e) => return Attempt::Refused(format!("not an e-mail address: {e}")),
        };
        let to = Mailbox::new(Some(out.name.clone()), address);
        let built = Message::builder()
            .message_id(Some(format!("<{}@qatysu>", out.message.id)))
            .from(self.from.clone())
            .to(to)
            .subject(r.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(r.text.clone());
        let email = match built {
            Ok(m) => m,
            Err(e) => return Attempt::Refused(format!("cannot build the e-mail: {e}")),
        };
        match self.transport.send(email).await {
            Ok(_) => Attempt::Sent,
            // 5xx: the server will never take it (no such mailbox, relaying denied).
            Err(e) if e.is_permanent() => Attempt::Refused(clip(&format!("SMTP: {e}"))),
            Err(e) => Attempt::Failed(clip(&format!("SMTP: {e}"))),
        }
    }
}

/// `host:port` of an SMTP URL, without user, password or parameters.
fn shown_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split(['?', '/'])
        .next()
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shown_host_has_no_secret() {
        assert_eq!(
            super::shown_host("smtps://user:p%40ss@mail.example.kz:465?x=1"),
            "mail.example.kz:465"
        );
        assert_eq!(super::shown_host("smtp://127.0.0.1:25"), "127.0.0.1:25");
    }
}
