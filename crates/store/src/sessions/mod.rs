//! Server-side sessions and login attempts. Both live in the database, so any app instance
//! can serve any request.

use crate::db::{execute, on_pool};
use crate::{new_id, Db, Result};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Sessions are looked up by the SHA-256 of the cookie token: a stolen database copy holds no
/// usable cookie.
fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub async fn create(
    db: &Db,
    token: &str,
    user: Uuid,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<()> {
    execute!(
        db,
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
        VALUES ($1, $2, $3, $4)"
        )
        .bind(token_hash(token))
        .bind(user)
        .bind(now)
        .bind(now + ttl)
    )?;
    Ok(())
}

/// The user of a live session.
pub async fn user_of(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<Uuid>> {
    let found: Option<(Uuid, DateTime<Utc>)> = on_pool!(db, |p| sqlx::query_as(
        "SELECT user_id, expires_at FROM sessions WHERE token_hash = $1"
    )
    .bind(token_hash(token))
    .fetch_optional(p)
    .await)?;
    Ok(found.filter(|(_, exp)| *exp > now).map(|(u, _)| u))
}

pub async fn delete(db: &Db, token: &str) -> Result<()> {
    execute!(
        db,
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(token))
    )?;
    Ok(())
}

/// End every session of a user but one (after a password change).
pub async fn delete_others(db: &Db, user: Uuid, keep_token: &str) -> Result<()> {
    execute!(
        db,
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user)
            .bind(token_hash(keep_token))
    )?;
    Ok(())
}

pub async fn purge_expired(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    let a = execute!(
        db,
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now)
    )?;
    let cutoff = now - Duration::days(1);
    let b = execute!(
        db,
        sqlx::query("DELETE FROM login_attempts WHERE attempted_at < $1").bind(cutoff)
    )?;
    Ok(a + b)
}

/// Record a failed login for a subject ("ip:…" or "account:…").
pub async fn record_failure(db: &Db, subject: &str, now: DateTime<Utc>) -> Result<()> {
    execute!(
        db,
        sqlx::query("INSERT INTO login_attempts (id, subject, attempted_at) VALUES ($1, $2, $3)")
            .bind(new_id())
            .bind(subject)
            .bind(now)
    )?;
    Ok(())
}

/// Failed logins of a subject within the window.
pub async fn recent_failures(
    db: &Db,
    subject: &str,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<i64> {
    let since = now - window;
    Ok(on_pool!(db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM login_attempts WHERE subject = $1 AND attempted_at > $2"
    )
    .bind(subject)
    .bind(since)
    .fetch_one(p)
    .await)?)
}

/// When a subject's attempts within the window were made, oldest first (to tell a throttled
/// person how long to wait).
pub async fn recent_attempts(
    db: &Db,
    subject: &str,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>> {
    let since = now - window;
    Ok(on_pool!(db, |p| sqlx::query_scalar(
        "SELECT attempted_at FROM login_attempts WHERE subject = $1 AND attempted_at > $2 \
        ORDER BY attempted_at"
    )
    .bind(subject)
    .bind(since)
    .fetch_all(p)
    .await)?)
}

pub async fn clear_failures(db: &Db, subject: &str) -> Result<()> {
    execute!(
        db,
        sqlx::query("DELETE FROM login_attempts WHERE subject = $1").bind(subject)
    )?;
    Ok(())
}
