//! Text messages through an HTTP gateway: a URL template with `{to}` and `{text}` (URL-encoded
//! when filled in), POSTed with an `Idempotency-Key` equal to the message id and, optionally,
//! an authorisation header. Kazakhstan's providers (Mobizon, SMSC.kz, …) take their parameters
//! in the URL this way.

use super::clip;
use crate::i18n::{s, t, t_args};
use anyhow::Context;
use app::messages::{Attempt, Outgoing};
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::StatusCode;
use std::time::Duration;
use web::messages::Rendered;

#[derive(Clone)]
pub struct Gateway {
    client: reqwest::Client,
    template: String,
    auth: Option<(HeaderName, HeaderValue)>,
    /// The gateway's host, to say where texts go without the key in the URL.
    pub shown: String,
}

impl Gateway {
    /// `auth_header` is "Name: value".
    pub fn new(
        template: &str,
        auth_header: Option<&str>,
        timeout: Duration,
    ) -> anyhow::Result<Gateway> {
        let url = || s("QATYSU_SMS_URL");
        let header = || s("QATYSU_SMS_AUTH_HEADER");
        anyhow::ensure!(
            template.contains("{to}") && template.contains("{text}"),
            "{}",
            t_args(
                "cli-err-sms-placeholders",
                &[("var", url()), ("to", s("{to}")), ("text", s("{text}"))],
            )
        );
        let sample = reqwest::Url::parse(&fill(template, "+77000000000", "test"))
            .with_context(|| t_args("cli-err-sms-url", &[("var", url())]))?;
        anyhow::ensure!(
            matches!(sample.scheme(), "http" | "https"),
            "{}",
            t_args(
                "cli-err-sms-scheme",
                &[
                    ("var", url()),
                    ("http", s("http://")),
                    ("https", s("https://"))
                ],
            )
        );
        let auth = match auth_header.map(str::trim).filter(|h| !h.is_empty()) {
            Some(h) => {
                let (name, value) = h.split_once(':').with_context(|| {
                    t_args(
                        "cli-err-sms-header",
                        &[("var", header()), ("header", s("Name: value"))],
                    )
                })?;
                let name = HeaderName::from_bytes(name.trim().as_bytes())
                    .with_context(|| t_args("cli-err-sms-header-name", &[("var", header())]))?;
                let mut value = HeaderValue::from_str(value.trim())
                    .with_context(|| t_args("cli-err-sms-header-value", &[("var", header())]))?;
                value.set_sensitive(true);
                Some((name, value))
            }
            None => None,
        };
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()
            .with_context(|| t("cli-err-http-client"))?;
        Ok(Gateway {
            client,
            template: template.to_string(),
            auth,
            shown: sample.host_str().unwrap_or_default().to_string(),
        })
    }

    pub async fn send(&self, out: &Outgoing, r: &Rendered) -> Attempt {
        let url = fill(&self.template, &out.to, &r.sms);
        let mut req = self
            .client
            .post(url)
            .header("Idempotency-Key", out.message.id.to_string())
            .header(reqwest::header::CONTENT_LENGTH, "0");
        if let Some((name, value)) = &self.auth {
            req = req.header(name.clone(), value.clone());
        }
        match req.send().await {
            Ok(res) => judge(res.status()),
            // The URL carries the text (a code): never let it into an error message or a log.
            Err(e) => Attempt::Failed(clip(&format!("SMS gateway: {}", e.without_url()))),
        }
    }
}

/// 2xx: taken; 408, 429 and 5xx: try again later; any other answer: it will never be taken.
fn judge(status: StatusCode) -> Attempt {
    if status.is_success() {
        Attempt::Sent
    } else if status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error()
    {
        Attempt::Failed(format!("SMS gateway answered {}", status.as_u16()))
    } else {
        Attempt::Refused(format!("SMS gateway answered {}", status.as_u16()))
    }
}

/// The template with `{to}` and `{text}` filled in, URL-encoded.
fn fill(template: &str, to: &str, text: &str) -> String {
    template
        .replace("{to}", &encode(to))
        .replace("{text}", &encode(text))
}

/// Percent-encoding of everything but RFC 3986's unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_filled_url_encoded() {
        assert_eq!(
            fill(
                "https://gw.kz/send?to={to}&m={text}",
                "+77011234567",
                "Код 1 & 2"
            ),
            "https://gw.kz/send?to=%2B77011234567&m=%D0%9A%D0%BE%D0%B4%201%20%26%202"
        );
    }

    #[test]
    fn answers_are_judged() {
        assert_eq!(judge(StatusCode::ACCEPTED), Attempt::Sent);
        assert!(matches!(judge(StatusCode::BAD_GATEWAY), Attempt::Failed(_)));
        assert!(matches!(
            judge(StatusCode::TOO_MANY_REQUESTS),
            Attempt::Failed(_)
        ));
        assert!(matches!(
            judge(StatusCode::REQUEST_TIMEOUT),
            Attempt::Failed(_)
        ));
        assert!(matches!(
            judge(StatusCode::BAD_REQUEST),
            Attempt::Refused(_)
        ));
        assert!(matches!(
            judge(StatusCode::UNAUTHORIZED),
            Attempt::Refused(_)
        ));
    }

    #[test]
    fn a_template_without_placeholders_is_refused() {
        let t = Duration::from_secs(1);
        assert!(Gateway::new("https://gw.kz/send", None, t).is_err());
        assert!(Gateway::new("ftp://gw.kz/{to}/{text}", None, t).is_err());
        assert!(Gateway::new("https://gw.kz/?to={to}&t={text}", Some("no colon"), t).is_err());
        let g = Gateway::new("https://gw.kz/?to={to}&t={text}", Some("X-Key: s3cret"), t);
        assert_eq!(g.map(|g| g.shown).ok().as_deref(), Some("gw.kz"));
    }
}
