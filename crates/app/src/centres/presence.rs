//! The presence code shown on a person's account page and read out at the desk: a keyed
//! hash of the account and the ten-minute window (the window arithmetic is the domain's).

use crate::{App, Result};
use chrono::{DateTime, Utc};
use domain::centres::presence;
use uuid::Uuid;

/// The code an account shows now, and until when the desk accepts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceCode {
    pub code: String,
    pub valid_until: DateTime<Utc>,
}

pub fn presence_code(app: &App, user: Uuid) -> PresenceCode {
    let now = app.clock.now();
    PresenceCode {
        code: app.keys.presence_code(user, presence::window_of(now)),
        valid_until: presence::valid_until(now),
    }
}

/// Wrong codes one account may be tried with in [`LOCK_MINUTES`]: six digits are guessed in a
/// million tries, so a desk (or a script with a registrar's password) must not get them.
const TRIES: i64 = 5;
const LOCK_MINUTES: i64 = 20;

/// Is `typed` the account's presence code, counting a wrong one against the account? After
/// [`TRIES`] wrong codes no code is accepted for [`LOCK_MINUTES`] minutes.
pub(crate) async fn check(app: &App, user: Uuid, typed: &str) -> Result<bool> {
    let key = format!("presence:{user}");
    // Counted before comparing, in one statement: parallel tries cannot all pass the limit.
    let over = crate::accounts::throttle::take(app, &key, TRIES, LOCK_MINUTES, "presence code");
    if over.await?.is_some() {
        tracing::warn!(%user, "presence code locked after wrong tries");
        return Ok(false);
    }
    if matches(app, user, typed) {
        crate::accounts::throttle::clear(app, &key).await?;
        return Ok(true);
    }
    Ok(false)
}

/// Is `typed` the account's code of this window or the previous one? Compared without
/// stopping at the first differing digit.
fn matches(app: &App, user: Uuid, typed: &str) -> bool {
    let Some(typed) = presence::normalize(typed) else {
        return false;
    };
    presence::accepted_windows(app.clock.now())
        .into_iter()
        .map(|w| app.keys.presence_code(user, w))
        .fold(false, |ok, code| ok | same(&code, &typed))
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}
