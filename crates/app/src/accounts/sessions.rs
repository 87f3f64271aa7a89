//! Sessions (the cookie's token, stored only as a hash) and login throttling. Both live in
//! the database, so every instance sees the same sessions and the same counts.

use super::codes::{check_code, send_code};
use super::contact::{contact_state, over_limit, CodeLimits, CodeRequest};
use super::throttle::{clear, give_back, take};
use crate::{App, Result};
use chrono::Duration;
use domain::accounts::{CodePurpose, CodeRefusal};
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

/// Expired sessions and old attempt counts, deleted hourly by every instance.
pub async fn purge_expired(app: &App) -> Result<u64> {
    Ok(store::sessions::purge_expired(&app.db, app.clock.now()).await?)
}

/// Failed logins allowed within the window (security review M1):
/// - `per_account_address`: one account from one address — the owner's own budget, which a
///   stranger elsewhere cannot spend;
/// - `per_account`: one account from every address together, looser; past it the account
///   is not locked: the password is checked only with a one-time code sent to its confirmed
///   contact, or, without one, at most once a minute from each address;
/// - `per_address`: every account from one address (a script working through a list). Only
///   attempts within their account-and-address budget reach it and successes are given back,
///   so one person's mistakes spend at most `per_account_address` of a shared connection's
///   budget (a participation centre behind one NAT address).
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    pub per_account_address: i64,
    pub per_account: i64,
    pub per_address: i64,
    pub window_minutes: i64,
}

impl Default for LoginLimits {
    fn default() -> LoginLimits {
        LoginLimits {
            per_account_address: 5,
            per_account: 20,
            per_address: 30,
            window_minutes: 15,
        }
    }
}

/// Past the account's limit, an account without a confirmed contact may be tried once in this
/// many minutes from each address.
const SLOW_MINUTES: i64 = 1;

/// The subjects a login attempt is counted against (the contact as normalised, never logged).
struct Keys {
    address: String,
    account: Option<AccountKeys>,
}

struct AccountKeys {
    account: String,
    account_address: String,
    slow: String,
}

fn keys(ip: &str, contact: Option<&Contact>) -> Keys {
    Keys {
        address: format!("login-ip:{ip}"),
        account: contact.map(|c| AccountKeys {
            account: format!("login-account:{c}"),
            account_address: format!("login-account-ip:{c}|{ip}"),
            slow: format!("login-slow:{c}|{ip}"),
        }),
    }
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
    /// Failures from everywhere passed the account's limit: the password is checked only with
    /// a one-time code (asked for with [`request_sign_in_code`]). Nothing was checked. A contact
    /// on no account answers the same.
    CodeNeeded,
    /// The code typed with the password was refused; the password was not checked.
    CodeRefused(CodeRefusal),
}

/// Check a password and open a session. The attempt is counted (atomically) against the
/// account from this address, the address, and the account from everywhere BEFORE the
/// password is checked, so parallel attempts beyond a limit never reach argon2.
pub async fn log_in(
    app: &App,
    ip: &str,
    contact: Option<&Contact>,
    password: String,
    code: Option<&str>,
    limits: &LoginLimits,
    ttl: SessionTtl,
) -> Result<LoggedIn> {
    let keys = keys(ip, contact);
    let window = limits.window_minutes;
    if let Some(k) = &keys.account {
        let over = take(
            app,
            &k.account_address,
            limits.per_account_address,
            window,
            "login",
        );
        if let Some(minutes) = over.await? {
            return Ok(LoggedIn::Throttled { minutes });
        }
    }
    if let Some(minutes) = take(app, &keys.address, limits.per_address, window, "login").await? {
        return Ok(LoggedIn::Throttled { minutes });
    }
    let found = match contact {
        Some(ct) => store::accounts::credentials(&app.db, ct).await?,
        None => None,
    };
    if let Some(k) = &keys.account {
        let over = take(app, &k.account, limits.per_account, window, "login").await?;
        if over.is_some() {
            let confirmed = found.as_ref().map(|(u, _)| contact_state(u).confirmed);
            if confirmed == Some(false) {
                // No contact to send a code to: slower, not shut.
                if let Some(minutes) = take(app, &k.slow, 1, SLOW_MINUTES, "login").await? {
                    return Ok(LoggedIn::Throttled { minutes });
                }
            } else {
                // A confirmed contact, or no account at all (answered alike): the code first.
                let Some(typed) = code.filter(|t| !t.trim().is_empty()) else {
                    // Nothing was checked: the owner's own budget and the address's stay.
                    give_back(app, &k.account_address).await?;
                    give_back(app, &keys.address).await?;
                    return Ok(LoggedIn::CodeNeeded);
                };
                let Some((user, _)) = &found else {
                    return Ok(LoggedIn::CodeRefused(CodeRefusal::Wrong));
                };
                if let Err(r) = check_code(app, user.id, CodePurpose::SignIn, typed).await? {
                    return Ok(LoggedIn::CodeRefused(r));
                }
            }
        }
    }
    let hash = found.as_ref().map(|(_, h)| h.clone());
    if super::verify_password(app, password, hash).await? {
        if let (Some((user, _)), Some(k)) = (found, &keys.account) {
            // A success is not a failure: the owner's budget from here starts again and the
            // address and the account get this attempt back. Other addresses' counts stay —
            // one success must not reset a guesser elsewhere.
            clear(app, &k.account_address).await?;
            give_back(app, &keys.address).await?;
            give_back(app, &k.account).await?;
            let session = start_session(app, user.id, ttl).await?;
            tracing::info!(user = %user.id, "logged in");
            return Ok(LoggedIn::Yes {
                user: user.id,
                session,
            });
        }
    }
    Ok(LoggedIn::Wrong)
}

/// Ask for a sign-in code (for an account past its limit): sent to the account's confirmed
/// contact when `contact` is an account's and its contact is confirmed, nothing otherwise —
/// the answer is the same. Counted as code requests are.
pub async fn request_sign_in_code(
    app: &App,
    contact: &Contact,
    ip: &str,
    limits: &CodeLimits,
) -> Result<CodeRequest> {
    if let Some(minutes) = over_limit(app, ip, contact, limits).await? {
        return Ok(CodeRequest::Throttled { minutes });
    }
    if let Some((user, _)) = store::accounts::credentials(&app.db, contact).await? {
        let state = contact_state(&user);
        if let (true, Some(to)) = (state.confirmed, state.contact) {
            send_code(app, user.id, CodePurpose::SignIn, &to).await?;
            return Ok(CodeRequest::Sent);
        }
    }
    tracing::info!("sign-in code asked for a contact that cannot take one: nothing sent");
    Ok(CodeRequest::Sent)
}
