//! The presence code shown on a person's account page and read out at the desk: a keyed
//! hash of the account and the ten-minute window (the window arithmetic is the domain's).

use crate::App;
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

/// Is `typed` the account's code of this window or the previous one? Compared without
/// stopping at the first differing digit.
pub(crate) fn matches(app: &App, user: Uuid, typed: &str) -> bool {
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
