//! The message queue: what is to be sent, leased by one worker at a time, marked sent or
//! retried or failed. The retry schedule and the one-SMS rule are `domain::messages`'; here only
//! what is kept and the claim that keeps two workers off one message.

use crate::db::{execute, in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Duration, Utc};
use domain::messages::{Channel, Delivery};
use uuid::Uuid;

/// The kind of a notice of an initiative's event (the subject is the event's id).
pub const INITIATIVE_NOTICE: &str = "initiative_notice";

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub user_id: Uuid,
    /// What it says: `initiative_notice`, `code`, … (the sender renders it by kind).
    pub kind: String,
    /// What it is about; one message per kind, subject and person.
    pub subject: String,
    pub channel: Channel,
    /// JSON the sender needs to render it; purged once sent or failed.
    pub args: String,
    /// After this it is no use (a code's message): it is failed instead of sent.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A queued message, as a worker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub subject: String,
    pub channel: Channel,
    pub args: String,
    pub status: Delivery,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

struct Row {
    id: Uuid,
    user_id: Uuid,
    kind: String,
    subject: String,
    channel: String,
    args: String,
    status: String,
    attempts: i64,
    next_attempt_at: DateTime<Utc>,
    last_error: Option<String>,
    expires_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
}
crate::db::from_row!(Row {
    id,
    user_id,
    kind,
    subject,
    channel,
    args,
    status,
    attempts,
    next_attempt_at,
    last_error,
    expires_at,
    created_at,
    sent_at
});

impl TryFrom<Row> for Message {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Message> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("messages.{what}"));
        Ok(Message {
            id: r.id,
            user_id: r.user_id,
            kind: r.kind,
            subject: r.subject,
            channel: Channel::parse(&r.channel).ok_or_else(|| corrupt("channel"))?,
            args: r.args,
            status: Delivery::parse(&r.status).ok_or_else(|| corrupt("status"))?,
            attempts: u32::try_from(r.attempts).map_err(|_| corrupt("attempts"))?,
            next_attempt_at: r.next_attempt_at,
            last_error: r.last_error,
            expires_at: r.expires_at,
            created_at: r.created_at,
            sent_at: r.sent_at,
        })
    }
}

const COLUMNS: &str = "id, user_id, kind, subject, channel, args, status, attempts, \
    next_attempt_at, last_error, expires_at, created_at, sent_at";
/// Queue a message; the same kind, subject and person is queued once.
pub(crate) const INSERT: &str =
    "INSERT INTO messages (id, user_id, kind, subject, channel, args, status, \
    attempts, next_attempt_at, expires_at, created_at) \
    VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8, $7) \
    ON CONFLICT (kind, subject, user_id) DO NOTHING";
const DUE: &str = "status = 'pending' AND next_attempt_at <= $1 \
    AND (lease_until IS NULL OR lease_until <= $1)";
const LEASE: &str = "UPDATE messages SET lease_until = $2 WHERE id = $1";
const SENT: &str = "UPDATE messages SET status = 'sent', sent_at = $2, args = '{}', \
    lease_until = NULL, attempts = attempts + 1, last_error = NULL \
    WHERE id = $1 AND status = 'pending'";
const RETRY: &str = "UPDATE messages SET attempts = attempts + 1, next_attempt_at = $2, \
    last_error = $3, lease_until = NULL WHERE id = $1 AND status = 'pending'";
const FAILED: &str = "UPDATE messages SET status = 'failed', args = '{}', lease_until = NULL, \
    attempts = attempts + $3, last_error = $2 WHERE id = $1 AND status = 'pending'";
const PENDING_OF: &str = "SELECT COUNT(*) FROM messages WHERE user_id = $1 AND status = 'pending'";

/// Queue a message; `false` when the same kind, subject and person is already queued.
pub async fn enqueue(db: &Db, m: &NewMessage, now: DateTime<Utc>) -> Result<bool> {
    let n = execute!(
        db,
        sqlx::query(INSERT)
            .bind(new_id())
            .bind(m.user_id)
            .bind(&m.kind)
            .bind(&m.subject)
            .bind(m.channel.as_str())
            .bind(&m.args)
            .bind(now)
            .bind(m.expires_at)
    )?;
    Ok(n > 0)
}

/// Lease up to `limit` due messages for `lease`: no other worker gets them until the lease
/// ends, so a worker that dies mid-send leaves them to the next (at least once, never two at
/// the same time). PostgreSQL skips rows another worker holds; SQLite's write lock serialises
/// the claim.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Message>> {
    claim_on(db, now, lease, limit, &Channel::ALL).await
}

/// [`claim`] of the messages of `channels` only: a worker with no SMS gateway leaves the SMS
/// messages pending for one that has.
pub async fn claim_on(
    db: &Db,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
    channels: &[Channel],
) -> Result<Vec<Message>> {
    let (Some(first), Some(last)) = (channels.first(), channels.last()) else {
        return Ok(Vec::new());
    };
    let until = now + lease;
    let lock = match db {
        Db::Postgres(_) => " FOR UPDATE SKIP LOCKED",
        Db::Sqlite(_) => "",
    };
    let select = format!(
        "SELECT {COLUMNS} FROM messages WHERE {DUE} AND channel IN ($3, $4) \
         ORDER BY next_attempt_at, id LIMIT $2{lock}"
    );
    let rows: Vec<Row> = in_tx!(db, |tx| {
        let rows: Vec<Row> = sqlx::query_as(&select)
            .bind(now)
            .bind(limit)
            .bind(first.as_str())
            .bind(last.as_str())
            .fetch_all(&mut *tx)
            .await?;
        for r in &rows {
            sqlx::query(LEASE)
                .bind(r.id)
                .bind(until)
                .execute(&mut *tx)
                .await?;
        }
        Ok::<Vec<Row>, StoreError>(rows)
    })?;
    rows.into_iter().map(Message::try_from).collect()
}

/// The gateway accepted it: sent, its args purged.
pub async fn mark_sent(db: &Db, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    Ok(execute!(db, sqlx::query(SENT).bind(id).bind(now))? > 0)
}

/// It could not be sent now: try again at `next`.
pub async fn mark_retry(db: &Db, id: Uuid, next: DateTime<Utc>, error: &str) -> Result<bool> {
    Ok(execute!(db, sqlx::query(RETRY).bind(id).bind(next).bind(error))? > 0)
}

/// Given up on (out of retries, expired, or refused for good): its args purged;
/// `attempted` says whether this was an attempt to send.
pub async fn mark_failed(db: &Db, id: Uuid, error: &str, attempted: bool) -> Result<bool> {
    let n = execute!(
        db,
        sqlx::query(FAILED)
            .bind(id)
            .bind(error)
            .bind(i64::from(attempted))
    )?;
    Ok(n > 0)
}

/// Messages still to be sent to a person.
pub async fn pending_of(db: &Db, user: Uuid) -> Result<i64> {
    Ok(on_pool!(db, |p| sqlx::query_scalar(PENDING_OF)
        .bind(user)
        .fetch_one(p)
        .await)?)
}

/// The last `limit` messages in `status`, newest first (administrators see the failed ones).
pub async fn with_status(db: &Db, status: Delivery, limit: i64) -> Result<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages WHERE status = $1 ORDER BY created_at DESC, id DESC \
         LIMIT $2"
    );
    let rows: Vec<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(status.as_str())
        .bind(limit)
        .fetch_all(p)
        .await)?;
    rows.into_iter().map(Message::try_from).collect()
}

/// One message by id.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM messages WHERE id = $1");
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(p)
        .await)?;
    row.map(Message::try_from).transpose()
}

/// Who a message goes to, read when it is sent (a changed contact or language counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// A `domain::messages::Language` code.
    pub language: String,
}
crate::db::from_row!(Recipient {
    display_name,
    email,
    phone,
    language
});

/// The recipient of messages to `user`.
pub async fn recipient(db: &Db, user: Uuid) -> Result<Option<Recipient>> {
    Ok(on_pool!(db, |p| sqlx::query_as(
        "SELECT display_name, email, phone, language FROM users WHERE id = $1"
    )
    .bind(user)
    .fetch_optional(p)
    .await)?)
}

const COUNTS: &str = "SELECT m.status, COUNT(*) FROM messages m JOIN users u ON u.id = m.user_id \
    JOIN territories t ON t.id = u.residence_id WHERE t.path LIKE $1 GROUP BY m.status";

/// Messages by status, of the people living under `path_prefix` (`""`: everyone).
pub async fn counts(db: &Db, path_prefix: &str) -> Result<Vec<(Delivery, i64)>> {
    let prefix = format!("{path_prefix}%");
    let rows: Vec<(String, i64)> = on_pool!(db, |p| sqlx::query_as(COUNTS)
        .bind(&prefix)
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(|(s, n)| {
            Delivery::parse(&s)
                .map(|d| (d, n))
                .ok_or_else(|| StoreError::Corrupt("messages.status".into()))
        })
        .collect()
}

/// A failed message as administrators see it: the message and whom it was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub message: Message,
    pub recipient: String,
}

/// The last `limit` failed messages of the people living under `path_prefix`, newest first.
pub async fn failed_within(db: &Db, path_prefix: &str, limit: i64) -> Result<Vec<Failed>> {
    let columns = COLUMNS
        .split(", ")
        .map(|c| format!("m.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {columns}, u.display_name FROM messages m JOIN users u ON u.id = m.user_id \
         JOIN territories t ON t.id = u.residence_id \
         WHERE m.status = 'failed' AND t.path LIKE $1 \
         ORDER BY m.created_at DESC, m.id DESC LIMIT $2"
    );
    let prefix = format!("{path_prefix}%");
    let rows: Vec<FailedRow> = on_pool!(db, |p| sqlx::query_as(&sql)
        .bind(&prefix)
        .bind(limit)
        .fetch_all(p)
        .await)?;
    rows.into_iter()
        .map(|r| {
            Ok(Failed {
                recipient: r.display_name,
                message: Message::try_from(r.row)?,
            })
        })
        .collect()
}

struct FailedRow {
    row: Row,
    display_name: String,
}
crate::db::from_row!(FailedRow {
    row: flatten,
    display_name
});
