//! Server-side sessions and counted attempts (logins and everything else that is throttled).
//! Both live in the database, so any app instance can serve any request.

use crate::db::{execute, on_pool};
use crate::{Db, Result};
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

/// Expired sessions, and attempt counts whose window began more than a day ago (every window
/// is shorter).
pub async fn purge_expired(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    let a = execute!(
        db,
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now)
    )?;
    let cutoff = now - Duration::days(1);
    let b = execute!(
        db,
        sqlx::query("DELETE FROM attempt_counts WHERE window_start < $1").bind(cutoff)
    )?;
    Ok(a + b)
}

/// A subject's attempts in its current window, this one included, and when the window began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub n: i64,
    pub window_start: DateTime<Utc>,
}

/// Count one attempt of a subject ("login-ip:…", "register-contact:…", …) and return the
/// count, in ONE statement: concurrent attempts each get their own number on both engines
/// (SQLite's write lock; PostgreSQL's row lock of `ON CONFLICT DO UPDATE`), so no two of them
/// can both read "under the limit". An attempt after `window` from the window's first starts
/// a new window at 1.
pub async fn count_attempt(
    db: &Db,
    subject: &str,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<Counted> {
    let cutoff = now - window;
    let (n, window_start): (i64, DateTime<Utc>) = on_pool!(db, |p| sqlx::query_as(
        "INSERT INTO attempt_counts (subject, window_start, n) VALUES ($1, $2, 1) \
        ON CONFLICT (subject) DO UPDATE SET \
        n = CASE WHEN attempt_counts.window_start > $3 THEN attempt_counts.n + 1 ELSE 1 END, \
        window_start = CASE WHEN attempt_counts.window_start > $3 \
            THEN attempt_counts.window_start ELSE $2 END \
        RETURNING n, window_start"
    )
    .bind(subject)
    .bind(now)
    .bind(cutoff)
    .fetch_one(p)
    .await)?;
    Ok(Counted { n, window_start })
}

/// Take back one counted attempt (it turned out to be a success, or nothing was checked).
pub async fn uncount_attempt(db: &Db, subject: &str) -> Result<()> {
    execute!(
        db,
        sqlx::query("UPDATE attempt_counts SET n = n - 1 WHERE subject = $1 AND n > 0")
            .bind(subject)
    )?;
    Ok(())
}

/// A subject's attempts in the window, without counting one.
pub async fn attempts(db: &Db, subject: &str, window: Duration, now: DateTime<Utc>) -> Result<i64> {
    let n: Option<i64> = on_pool!(db, |p| sqlx::query_scalar(
        "SELECT n FROM attempt_counts WHERE subject = $1 AND window_start > $2"
    )
    .bind(subject)
    .bind(now - window)
    .fetch_optional(p)
    .await)?;
    Ok(n.unwrap_or(0))
}

/// Forget a subject's attempts.
pub async fn clear_attempts(db: &Db, subject: &str) -> Result<()> {
    execute!(
        db,
        sqlx::query("DELETE FROM attempt_counts WHERE subject = $1").bind(subject)
    )?;
    Ok(())
}
