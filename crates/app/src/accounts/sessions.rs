//! Sessions (the cookie's token, stored only as a hash) and login throttling. Both live in
//! the database, so every instance sees the same sessions and the same counts.

use crate::{App, Result};
use chrono::Duration;
use domain::Contact;
use uuid::Uuid;

/// How long a session lasts.
#[derive(Debug, Clone, Copy)]
pub struct SessionTtl(pub Duration);

/// A new random session token for `user`, stored (hashed) with its expiry.
pub async fn start_session(app: &App, user: Uuid, ttl: SessionTtl) -> Result<String> {
    let mut b = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut b);
    let token = hex::encode(b);
    store::sessions::create(&app.db, &token, user, ttl.0, app.clock.now()).await?;
    Ok(token)
}

/// End this session (log out).
pub async fn end_session(app: &App, token: &str) -> Result<()> {
    Ok(store::sessions::delete(&app.db, token).await?)
}

/// Expired sessions and old login attempts, deleted hourly by every instance.
pub async fn purge_expired(app: &App) -> Result<u64> {
    Ok(store::sessions::purge_expired(&app.db, app.clock.now()).await?)
}

/// Failed logins allowed per account and per address within the window.
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    pub per_account: i64,
    pub per_address: i64,
    pub window_minutes: i64,
}

/// Who a failed login counts against: the address, and the account when the contact parsed.
struct Subject {
    key: String,
    limit: i64,
}

fn subjects(ip: &str, contact: Option<&Contact>, l: &LoginLimits) -> Vec<Subject> {
    let mut v = vec![Subject {
        key: format!("ip:{ip}"),
        limit: l.per_address,
    }];
    if let Some(c) = contact {
        v.push(Subject {
            key: format!("account:{c}"),
            limit: l.per_account,
        });
    }
    v
}

/// What a login attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoggedIn {
    /// The new session's token.
    Yes { user: Uuid, session: String },
    /// Wrong contact or password (the same answer for both, after the same work).
    Wrong,
    /// Too many failures: try again after this many minutes.
    Throttled { minutes: i64 },
}

/// Check a password and open a session, counting failures against the address and account.
pub async fn log_in(
    app: &App,
    ip: &str,
    contact: Option<&Contact>,
    password: String,
    limits: &LoginLimits,
    ttl: SessionTtl,
) -> Result<LoggedIn> {
    let now = app.clock.now();
    let window = Duration::minutes(limits.window_minutes);
    let subjects = subjects(ip, contact, limits);
    for sub in &subjects {
        if store::sessions::recent_failures(&app.db, &sub.key, window, now).await? >= sub.limit {
            let kind = sub.key.split(':').next().unwrap_or("");
            tracing::warn!(subject = %kind, "login throttled");
            return Ok(LoggedIn::Throttled {
                minutes: limits.window_minutes,
            });
        }
    }
    let found = match contact {
        Some(ct) => store::accounts::credentials(&app.db, ct).await?,
        None => None,
    };
    let hash = found.as_ref().map(|(_, h)| h.clone());
    if super::verify_password(app, password, hash).await? {
        if let Some((user, _)) = found {
            // A success clears the account's count, not the address's: one success must not
            // reset a guesser working through many accounts.
            for sub in subjects.iter().filter(|s| s.key.starts_with("account:")) {
                store::sessions::clear_failures(&app.db, &sub.key).await?;
            }
            let session = start_session(app, user.id, ttl).await?;
            tracing::info!(user = %user.id, "logged in");
            return Ok(LoggedIn::Yes {
                user: user.id,
                session,
            });
        }
    }
    for sub in &subjects {
        store::sessions::record_failure(&app.db, &sub.key, now).await?;
    }
    Ok(LoggedIn::Wrong)
}
