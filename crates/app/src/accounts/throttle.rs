//! Attempts counted per subject (a client address, a contact) within a window, in the
//! database so every instance sees the same counts. Refused attempts count too: a script that
//! keeps trying stays stopped.

use crate::{App, Result};
use chrono::{DateTime, Duration, Utc};

/// Count this attempt against each `(subject, limit)`; `Some(minutes)` to wait when one of
/// them is over its limit. `what` names the kind of attempt in the log (never the subject).
pub(crate) async fn count_attempt(
    app: &App,
    subjects: &[(String, i64)],
    window_minutes: i64,
    what: &'static str,
) -> Result<Option<i64>> {
    let now = app.clock.now();
    let window = Duration::minutes(window_minutes);
    let mut wait: Option<i64> = None;
    for (key, limit) in subjects {
        store::sessions::record_failure(&app.db, key, now).await?;
        let times = store::sessions::recent_attempts(&app.db, key, window, now).await?;
        if i64::try_from(times.len()).unwrap_or(i64::MAX) > *limit {
            let kind = key.split(':').next().unwrap_or("");
            tracing::warn!(subject = %kind, what, "attempts throttled");
            let minutes = minutes_to_wait(&times, *limit, window, now);
            wait = Some(wait.map_or(minutes, |w| w.max(minutes)));
        }
    }
    Ok(wait)
}

/// Whole minutes until one more attempt would be within `limit`: the attempt that must leave
/// the window is the `limit`-th newest (`times` oldest first, this attempt included).
fn minutes_to_wait(
    times: &[DateTime<Utc>],
    limit: i64,
    window: Duration,
    now: DateTime<Utc>,
) -> i64 {
    let keep = usize::try_from(limit.max(1)).unwrap_or(1);
    let Some(at) = times.len().checked_sub(keep).and_then(|i| times.get(i)) else {
        return window.num_minutes().max(1);
    };
    let left = (*at + window - now).num_seconds().max(0);
    ((left + 59) / 60).clamp(1, window.num_minutes().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_wait_ends_when_enough_attempts_left_the_window() {
        let t0 = Utc
            .with_ymd_and_hms(2026, 5, 1, 9, 0, 0)
            .single()
            .expect("time");
        let at = |m: i64| t0 + Duration::minutes(m);
        let window = Duration::minutes(60);
        // Limit 3; attempts at 0, 10, 20 and now (30): the one at 10 must leave → 40 minutes.
        let times = [at(0), at(10), at(20), at(30)];
        assert_eq!(minutes_to_wait(&times, 3, window, at(30)), 40);
        // Limit 1: the newest (now) must leave → a whole window.
        assert_eq!(minutes_to_wait(&times, 1, window, at(30)), 60);
        // Never less than a minute.
        assert_eq!(minutes_to_wait(&[at(0), at(1)], 1, window, at(61)), 1);
    }
}
