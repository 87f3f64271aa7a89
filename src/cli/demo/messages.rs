//! The demo's message queue, filled and drained through the same code as in production: the
//! notices the demo's initiatives queued and two one-time codes go out through the demo's
//! printing transport (`--dev-print-codes`): a code to a resident's phone is "sent" (written to
//! the log), and a code to an e-mail address mistyped into the reserved `.invalid` domain is
//! refused, as a mail server would, and shows on `/admin/messages`.

use super::act::Demo;
use crate::messages::{drain_once, Transports};
use anyhow::Context;
use domain::accounts::CodePurpose;
use domain::messages::Language;
use domain::Contact;

pub async fn seed(d: &Demo) -> anyhow::Result<()> {
    d.app.clock.set(d.now);
    // Айжан reads Russian; she asks for a code to confirm her phone again.
    let aizhan = d.actor("+77015550141").await?;
    let ru = app::messages::MessagePreferences {
        language: Language::Ru,
        channel: None,
    };
    app::messages::set_preferences(&d.app, &aizhan, ru)
        .await?
        .map_err(|_| anyhow::anyhow!("demo: Айжан has a phone"))?;
    let phone = Contact::parse("+77015550141").context("demo phone")?;
    app::accounts::send_code(&d.app, aizhan.user.id, CodePurpose::ConfirmContact, &phone).await?;
    // Ерлан mistypes the e-mail he wants to confirm.
    let erlan = d.actor("erlan.seiitov@demo.qatysu.kz").await?;
    let typo = Contact::parse("erlan.seiitov@mail.invalid").context("demo e-mail")?;
    app::accounts::send_code(&d.app, erlan.user.id, CodePurpose::ConfirmContact, &typo).await?;
    let done = drain_once(&d.app, &Transports::print()).await?;
    tracing::info!(
        sent = done.sent,
        failed = done.failed,
        "demo messages drained"
    );
    Ok(())
}
