//! One-time codes: the hash of the digits, the purpose, expiry and tries. The rules that
//! decide a try are `domain::accounts::IssuedCode`'s; here only what is kept.

use crate::db::{in_tx, on_pool};
use crate::{new_id, Db, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::accounts::{CodePurpose, IssuedCode};
use uuid::Uuid;

/// The latest code of an account for one purpose, as stored.
#[derive(Debug, Clone)]
pub struct StoredCode {
    pub id: Uuid,
    pub code: IssuedCode,
    pub hash: Vec<u8>,
    /// The contact it was sent to, when it confirms a new one.
    pub contact: Option<String>,
}

const SPEND_EARLIER: &str = "UPDATE codes SET used_at = $3 \
    WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL";
const INSERT: &str = "INSERT INTO codes (id, user_id, purpose, code_hash, contact, expires_at, \
    failed_tries, used_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, NULL, $7)";
const LATEST: &str = "SELECT id, code_hash, contact, expires_at, failed_tries, used_at \
    FROM codes WHERE user_id = $1 AND purpose = $2 ORDER BY created_at DESC, id DESC LIMIT 1";
const RECORD_TRY: &str = "UPDATE codes SET failed_tries = $3, used_at = $4 \
    WHERE id = $1 AND failed_tries = $2 AND used_at IS NULL";

/// Keep a new code for `user`; earlier unused codes for the same purpose stop working, so
/// only the last message a person received is valid.
pub async fn issue(
    db: &Db,
    user: Uuid,
    code: &IssuedCode,
    hash: &[u8],
    contact: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let id = new_id();
    let purpose = code.purpose.as_str();
    in_tx!(db, |tx| {
        sqlx::query(SPEND_EARLIER)
            .bind(user)
            .bind(purpose)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(INSERT)
            .bind(id)
            .bind(user)
            .bind(purpose)
            .bind(hash)
            .bind(contact)
            .bind(code.expires_at)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        Ok::<(), StoreError>(())
    })?;
    Ok(id)
}

type Row = (
    Uuid,
    Vec<u8>,
    Option<String>,
    DateTime<Utc>,
    i64,
    Option<DateTime<Utc>>,
);

/// The last code issued to `user` for `purpose`, spent or not.
pub async fn latest(db: &Db, user: Uuid, purpose: CodePurpose) -> Result<Option<StoredCode>> {
    let row: Option<Row> = on_pool!(db, |p| sqlx::query_as(LATEST)
        .bind(user)
        .bind(purpose.as_str())
        .fetch_optional(p)
        .await)?;
    Ok(row.map(
        |(id, hash, contact, expires_at, tries, used_at)| StoredCode {
            id,
            hash,
            contact,
            code: IssuedCode {
                purpose,
                expires_at,
                failed_tries: u32::try_from(tries).unwrap_or(u32::MAX),
                used: used_at.is_some(),
            },
        },
    ))
}

/// Store the code as it is after one try; `false` when another try got there first (the
/// caller reads it again), so two tries at once cannot both count as the first.
pub async fn record_try(
    db: &Db,
    before: &StoredCode,
    after: &IssuedCode,
    now: DateTime<Utc>,
) -> Result<bool> {
    let done = in_tx!(db, |tx| sqlx::query(RECORD_TRY)
        .bind(before.id)
        .bind(i64::from(before.code.failed_tries))
        .bind(i64::from(after.failed_tries))
        .bind(after.used.then_some(now))
        .execute(&mut *tx)
        .await?
        .rows_affected());
    Ok(done == 1)
}
