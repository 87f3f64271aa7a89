//! Login throttling, kept in the database so every instance sees the same counts.

use crate::{AppError, AppState};
use axum::http::HeaderMap;
use domain::Contact;
use std::net::SocketAddr;

pub struct Subject {
    key: String,
}

pub fn client_ip(s: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    if s.config.trust_proxy {
        if let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return first.trim().to_string();
        }
    }
    peer.ip().to_string()
}

pub fn subjects(ip: &str, contact: Option<&Contact>) -> Vec<Subject> {
    let mut v = vec![Subject {
        key: format!("ip:{ip}"),
    }];
    if let Some(c) = contact {
        v.push(Subject {
            key: format!("account:{c}"),
        });
    }
    v
}

fn limit_for(s: &AppState, key: &str) -> i64 {
    if key.starts_with("ip:") {
        s.config.login_limit_ip
    } else {
        s.config.login_limit_account
    }
}

/// Minutes to wait, when any subject has used up its attempts.
pub async fn blocked(s: &AppState, subjects: &[Subject]) -> Result<Option<i64>, AppError> {
    let window = chrono::Duration::minutes(s.config.login_window_minutes);
    for sub in subjects {
        let limit = limit_for(s, &sub.key);
        if store::sessions::recent_failures(&s.db, &sub.key, window, s.clock.now()).await? >= limit
        {
            tracing::warn!(subject = %sub.key.split(':').next().unwrap_or(""), "login throttled");
            return Ok(Some(s.config.login_window_minutes));
        }
    }
    Ok(None)
}

pub async fn record(s: &AppState, subjects: &[Subject]) -> Result<(), AppError> {
    for sub in subjects {
        store::sessions::record_failure(&s.db, &sub.key, s.clock.now()).await?;
    }
    Ok(())
}

/// A successful login clears the account's count (not the address's: one success must not
/// reset a guesser working through many accounts).
pub async fn clear(s: &AppState, subjects: &[Subject]) -> Result<(), AppError> {
    for sub in subjects.iter().filter(|s| s.key.starts_with("account:")) {
        store::sessions::clear_failures(&s.db, &sub.key).await?;
    }
    Ok(())
}
