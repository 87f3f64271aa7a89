//! The delivery queue's use cases: take the due messages for sending, and record what sending
//! came to (sent; failed for now, retried on `domain::messages`' schedule; refused for good).
//! The senders themselves (SMTP, the SMS gateway) sit behind these calls.

use crate::{App, Result};
use domain::messages::{next_wait, Delivery};
use store::messages::Message;

pub use store::messages::{Message as QueuedMessage, NewMessage, INITIATIVE_NOTICE};

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
    let now = app.clock.now();
    let mut due = Vec::new();
    for m in store::messages::claim(&app.db, now, LEASE, limit).await? {
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
