//! A phone or e-mail proven by a one-time code: kept (replacing the old one when it is new),
//! marked confirmed, the level's changes recorded and, for a password reset, the new password
//! set and every session ended — together or not at all.

use super::{contact_columns, level_change_in_tx, LevelChange};
use crate::db::{execute, in_tx};
use crate::{Db, Result};
use chrono::{DateTime, Utc};
use domain::Contact;
use uuid::Uuid;

/// Everything a confirmation changes, decided by the app.
#[derive(Debug, Clone)]
pub struct Confirmation<'a> {
    pub user: Uuid,
    /// The new phone or e-mail, when the code confirmed a change; `None` keeps the account's.
    pub new_contact: Option<&'a Contact>,
    /// A new password's hash (a reset); every session of the account ends with it.
    pub password_hash: Option<&'a str>,
    /// The level's changes, in order (`ContactChanged`, `ContactConfirmed`); those that change
    /// nothing are left out by the caller.
    pub levels: Vec<LevelChange>,
    pub at: DateTime<Utc>,
}

/// What a confirmation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    Done,
    /// The new contact is another account's by now: nothing was changed.
    ContactTaken,
    /// The account's level moved meanwhile: nothing was changed, try again.
    LevelMoved,
}

const CONTACT_ELSEWHERE: &str =
    "SELECT COUNT(*) FROM users WHERE id <> $1 AND (phone = $2 OR email = $3)";
const SET_CONTACT: &str = "UPDATE users SET phone = $2, email = $3 WHERE id = $1";
const SET_CONFIRMED: &str = "UPDATE users SET contact_confirmed_at = $2 WHERE id = $1";
const SET_PASSWORD: &str = "UPDATE users SET password_hash = $2 WHERE id = $1";
const END_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1";

/// Apply a confirmation in one transaction.
pub async fn confirm(db: &Db, c: &Confirmation<'_>) -> Result<Confirmed> {
    let outcome = in_tx!(db, |tx| {
        if let Some(contact) = c.new_contact {
            let (phone, email) = contact_columns(Some(contact));
            let elsewhere: i64 = sqlx::query_scalar(CONTACT_ELSEWHERE)
                .bind(c.user)
                .bind(phone)
                .bind(email)
                .fetch_one(&mut *tx)
                .await?;
            if elsewhere > 0 {
                return Ok(Confirmed::ContactTaken);
            }
            let set = sqlx::query(SET_CONTACT)
                .bind(c.user)
                .bind(phone)
                .bind(email)
                .execute(&mut *tx)
                .await;
            match set {
                // Taken between the check and the update (PostgreSQL): the unique keys decide.
                Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                    return Ok(Confirmed::ContactTaken)
                }
                other => {
                    other?;
                }
            }
        }
        for change in &c.levels {
            if !level_change_in_tx!(tx, c.user, change) {
                return Ok(Confirmed::LevelMoved);
            }
        }
        sqlx::query(SET_CONFIRMED)
            .bind(c.user)
            .bind(c.at)
            .execute(&mut *tx)
            .await?;
        if let Some(hash) = c.password_hash {
            sqlx::query(SET_PASSWORD)
                .bind(c.user)
                .bind(hash)
                .execute(&mut *tx)
                .await?;
            sqlx::query(END_SESSIONS)
                .bind(c.user)
                .execute(&mut *tx)
                .await?;
        }
        Ok::<Confirmed, crate::StoreError>(Confirmed::Done)
    });
    outcome
}

/// Mark the account's contact as confirmed (an account added at the level `contact`, whose
/// code was typed elsewhere).
pub async fn mark_confirmed(db: &Db, user: Uuid, at: DateTime<Utc>) -> Result<()> {
    execute!(db, sqlx::query(SET_CONFIRMED).bind(user).bind(at))?;
    Ok(())
}
