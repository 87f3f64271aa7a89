//! The demo's transport (`--dev-print-codes`): each message is written to the log instead of
//! sent, codes included, so that someone trying the demo can confirm a contact. `serve`
//! refuses it. Like a real mail server, it refuses addresses that cannot exist: the reserved
//! `.invalid` domain (RFC 2606).

use app::messages::{Attempt, Outgoing};
use web::messages::Rendered;

pub fn send(out: &Outgoing, r: &Rendered) -> Attempt {
    if out.to.trim_end().to_ascii_lowercase().ends_with(".invalid") {
        return Attempt::Refused("no such domain (.invalid)".into());
    }
    let body = match out.message.channel {
        domain::messages::Channel::Email => format!("{}\n{}", r.subject, r.text),
        domain::messages::Channel::Sms => r.sms.clone(),
    };
    tracing::info!(
        message = %out.message.id,
        kind = %out.message.kind,
        to = %out.to,
        "--dev-print-codes: not sent, printed instead:\n{body}"
    );
    Attempt::Sent
}
