//! The delivery queue's use cases: take the due messages for sending, and record what sending
//! came to (sent; failed for now, retried on `domain::messages`' schedule; refused for good).
//! The senders themselves (SMTP, the SMS gateway) sit behind these calls.

use crate::{Actor, App, Error, Result};
use domain::accounts::CodePurpose;
use domain::messages::{channel_for, next_wait, Channel, Delivery, Language};
use domain::Action;
use store::messages::Message;

pub use store::accounts::MessagePreferences;
pub use store::initiatives::NoticeSubject;
pub use store::messages::{Failed, Message as QueuedMessage, NewMessage, INITIATIVE_NOTICE};

/// The kind of a one-time code's message; its args are a [`CodeArgs`].
pub const CODE: &str = "code";

/// What a code's message carries until it is sent or given up on (then the args are purged):
/// the digits, what they are for, and the phone or e-mail they go to (for a contact being
/// confirmed, the new one, not the account's).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeArgs {
    /// A `domain::accounts::CodePurpose` code.
    pub purpose: String,
    pub digits: String,
    /// `+7XXXXXXXXXX` or an e-mail address.
    pub to: String,
}

/// How long a worker holds what it claimed: longer than one send takes, short enough that a
/// crashed worker's messages go out soon after.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(2);

/// Queue a message now; `false` when it was queued already.
pub async fn enqueue(app: &App, m: &NewMessage) -> Result<bool> {
    Ok(store::messages::enqueue(&app.db, m, app.clock.now()).await?)
}

/// Up to `limit` messages due now, leased to this worker for [`LEASE`]. Those whose time is
/// past (a code's message after the code expired) are failed instead of returned.
pub async fn claim_due(app: &App, limit: i64) -> Result<Vec<Message>> {
    claim_due_on(app, &Channel::ALL, limit).await
}

/// [`claim_due`] for the `channels` this worker can send on; the others stay pending.
pub async fn claim_due_on(app: &App, channels: &[Channel], limit: i64) -> Result<Vec<Message>> {
    let now = app.clock.now();
    let mut due = Vec::new();
    for m in store::messages::claim_on(&app.db, now, LEASE, limit, channels).await? {
        if m.expires_at.is_some_and(|e| e <= now) {
            store::messages::mark_failed(&app.db, m.id, "expired before it could be sent", false)
                .await?;
        } else {
            due.push(m);
        }
    }
    Ok(due)
}

/// What one attempt to send came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The mail server or the gateway accepted it.
    Sent,
    /// It may work later (a timeout, the gateway busy): retried on the schedule.
    Failed(String),
    /// It will never work (no such address): failed now.
    Refused(String),
}

/// Record an attempt; returns where the message now stands.
pub async fn record_attempt(app: &App, m: &Message, attempt: Attempt) -> Result<Delivery> {
    let now = app.clock.now();
    let db = &app.db;
    Ok(match attempt {
        Attempt::Sent => {
            store::messages::mark_sent(db, m.id, now).await?;
            Delivery::Sent
        }
        Attempt::Refused(why) => {
            tracing::warn!(message = %m.id, kind = %m.kind, %why, "message refused");
            store::messages::mark_failed(db, m.id, &why, true).await?;
            Delivery::Failed
        }
        Attempt::Failed(why) => match next_wait(m.attempts + 1) {
            Some(wait) => {
                store::messages::mark_retry(db, m.id, now + wait, &why).await?;
                Delivery::Pending
            }
            None => {
                tracing::warn!(message = %m.id, kind = %m.kind, %why, "message given up");
                store::messages::mark_failed(db, m.id, &why, true).await?;
                Delivery::Failed
            }
        },
    })
}

/// Messages still to be sent to a person.
pub async fn pending_of(app: &App, user: uuid::Uuid) -> Result<i64> {
    Ok(store::messages::pending_of(&app.db, user).await?)
}

/// What a message is about, loaded when it is sent so that it says what is true then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum About {
    /// A one-time code: its digits and what it is for.
    Code {
        purpose: CodePurpose,
        digits: String,
    },
    /// A notice of an initiative's event.
    InitiativeNotice(NoticeSubject),
}

/// A message ready to be rendered and sent: to whom, at which address, in which language.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub message: Message,
    /// The e-mail address or the `+7…` phone number it goes to.
    pub to: String,
    pub name: String,
    pub language: Language,
    pub about: About,
}

/// A message that can be sent, or why it cannot be (record it as refused).
#[derive(Debug, Clone)]
pub enum Prepared {
    Ready(Box<Outgoing>),
    Undeliverable(String),
}

/// Load what `m` needs to be sent: the recipient's address and language as they are now, and
/// what the message is about.
pub async fn prepare(app: &App, m: &Message) -> Result<Prepared> {
    let Some(r) = store::messages::recipient(&app.db, m.user_id).await? else {
        return Ok(Prepared::Undeliverable("no such account".into()));
    };
    let language = Language::parse(&r.language).unwrap_or_default();
    let account_address = match m.channel {
        Channel::Email => r.email.clone(),
        Channel::Sms => r.phone.clone(),
    };
    let (to, about) = match m.kind.as_str() {
        CODE => {
            let Ok(args) = serde_json::from_str::<CodeArgs>(&m.args) else {
                return Ok(Prepared::Undeliverable(
                    "the code's message lost its args".into(),
                ));
            };
            let Some(purpose) = CodePurpose::parse(&args.purpose) else {
                return Ok(Prepared::Undeliverable("unknown code purpose".into()));
            };
            let about = About::Code {
                purpose,
                digits: args.digits,
            };
            (Some(args.to), about)
        }
        INITIATIVE_NOTICE => {
            let subject = uuid::Uuid::parse_str(&m.subject).ok();
            let notice = match subject {
                Some(event) => store::initiatives::notice_subject(&app.db, event).await?,
                None => None,
            };
            let Some(notice) = notice else {
                return Ok(Prepared::Undeliverable("the event is gone".into()));
            };
            (account_address, About::InitiativeNotice(notice))
        }
        other => return Ok(Prepared::Undeliverable(format!("unknown kind {other}"))),
    };
    let Some(to) = to.filter(|t| !t.trim().is_empty()) else {
        return Ok(Prepared::Undeliverable(format!(
            "the account has no {}",
            match m.channel {
                Channel::Email => "e-mail address",
                Channel::Sms => "phone number",
            }
        )));
    };
    Ok(Prepared::Ready(Box::new(Outgoing {
        message: m.clone(),
        to,
        name: r.display_name,
        language,
        about,
    })))
}

/// What administrators see of the queue: counts by status and the last failed messages, of
/// the people living in the territory they look after.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The territory covered; `None` is the whole country.
    pub scope: Option<store::territories::Territory>,
    /// Every status, in order, with its count.
    pub counts: Vec<(Delivery, i64)>,
    pub failed: Vec<Failed>,
}

/// Failed messages shown at most.
pub const FAILED_SHOWN: i64 = 100;

/// The queue as an administrator may see it (the permission of `/admin/accounts`).
pub async fn overview(app: &App, actor: &Actor) -> Result<Overview> {
    let scope = crate::accounts::default_scope(app, actor).await?;
    let path = scope.as_ref().map(|t| t.path.clone()).unwrap_or_default();
    actor.require(Action::ViewAccounts, &path)?;
    let prefix = scope
        .as_ref()
        .map(store::territories::Territory::path_prefix)
        .unwrap_or_default();
    let found = store::messages::counts(&app.db, &prefix).await?;
    let counts = Delivery::ALL
        .into_iter()
        .map(|d| {
            (
                d,
                found.iter().find(|(c, _)| *c == d).map_or(0, |(_, n)| *n),
            )
        })
        .collect();
    let failed = store::messages::failed_within(&app.db, &prefix, FAILED_SHOWN).await?;
    Ok(Overview {
        scope,
        counts,
        failed,
    })
}

/// Messages by status in the whole queue (the operator's `qatysu outbox drain`).
pub async fn queue_counts(app: &App) -> Result<Vec<(Delivery, i64)>> {
    let found = store::messages::counts(&app.db, "").await?;
    Ok(Delivery::ALL
        .into_iter()
        .map(|d| {
            (
                d,
                found.iter().find(|(c, _)| *c == d).map_or(0, |(_, n)| *n),
            )
        })
        .collect())
}

/// A person's message preferences and the channels they can choose among (those they have a
/// contact for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreferencesView {
    pub chosen: MessagePreferences,
    pub channels: Vec<Channel>,
    /// The channel their messages take now (`None`: no contact; they read notices on the site).
    pub effective: Option<Channel>,
}

fn channels_of(actor: &Actor) -> Vec<Channel> {
    let u = &actor.user;
    Channel::ALL
        .into_iter()
        .filter(|c| match c {
            Channel::Email => u.email.is_some(),
            Channel::Sms => u.phone.is_some(),
        })
        .collect()
}

pub async fn preferences(app: &App, actor: &Actor) -> Result<PreferencesView> {
    let chosen = store::accounts::message_preferences(&app.db, actor.user.id).await?;
    let u = &actor.user;
    Ok(PreferencesView {
        effective: channel_for(chosen.channel, u.email.is_some(), u.phone.is_some()),
        channels: channels_of(actor),
        chosen,
    })
}

/// Why preferences were not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreferencesRefused {
    /// The person has no contact for that channel.
    NoSuchContact,
}

/// Store how a person wants to be reached; a channel they have no contact for is refused.
pub async fn set_preferences(
    app: &App,
    actor: &Actor,
    p: MessagePreferences,
) -> Result<std::result::Result<(), PreferencesRefused>> {
    if p.channel.is_some_and(|c| !channels_of(actor).contains(&c)) {
        return Ok(Err(PreferencesRefused::NoSuchContact));
    }
    if !store::accounts::set_message_preferences(&app.db, actor.user.id, &p).await? {
        return Err(Error::NotFound);
    }
    tracing::info!(user = %actor.user.id, language = p.language.as_str(), "message preferences set");
    Ok(Ok(()))
}
