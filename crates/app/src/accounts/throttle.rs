//! Attempts counted per subject (a client address, a contact, an account) within a window, in
//! the database so every instance sees the same counts.
//!
//! Counting an attempt and learning whether it is over the limit is one atomic statement
//! (`store::sessions::count_attempt`), and it runs BEFORE the work it guards (security review
//! M1): of 25 parallel attempts against a limit of 5, five are numbered 1–5 and go on, the
//! other twenty are numbered 6–25 and are refused without running argon2. Refused attempts
//! count too: a script that keeps trying stays stopped until its window ends.

use crate::{App, Result};
use chrono::{DateTime, Duration, Utc};

/// Count one attempt against `key`; `Some(minutes)` to wait when this attempt is over `limit`
/// within the window. `what` names the kind of attempt in the log (never the subject).
pub(crate) async fn take(
    app: &App,
    key: &str,
    limit: i64,
    window_minutes: i64,
    what: &'static str,
) -> Result<Option<i64>> {
    let now = app.clock.now();
    let window = Duration::minutes(window_minutes.max(1));
    let counted = store::sessions::count_attempt(&app.db, key, window, now).await?;
    if counted.n <= limit {
        return Ok(None);
    }
    let kind = key.split(':').next().unwrap_or("");
    tracing::warn!(subject = %kind, what, "attempts throttled");
    Ok(Some(minutes_to_wait(counted.window_start, window, now)))
}

/// Take back an attempt counted against `key` (a success, or one where nothing was checked).
pub(crate) async fn give_back(app: &App, key: &str) -> Result<()> {
    Ok(store::sessions::uncount_attempt(&app.db, key).await?)
}

/// Forget the attempts counted against `key`.
pub(crate) async fn clear(app: &App, key: &str) -> Result<()> {
    Ok(store::sessions::clear_attempts(&app.db, key).await?)
}

/// Count this attempt against each `(subject, limit)` (every one of them, so that a refusal by
/// one still counts against the others); `Some(minutes)` to wait when one of them is over.
pub(crate) async fn count_attempt(
    app: &App,
    subjects: &[(String, i64)],
    window_minutes: i64,
    what: &'static str,
) -> Result<Option<i64>> {
    let mut wait: Option<i64> = None;
    for (key, limit) in subjects {
        if let Some(minutes) = take(app, key, *limit, window_minutes, what).await? {
            wait = Some(wait.map_or(minutes, |w| w.max(minutes)));
        }
    }
    Ok(wait)
}

/// Whole minutes until the window that began at `start` ends (at least one, at most the
/// window): then the subject starts again from nothing.
fn minutes_to_wait(start: DateTime<Utc>, window: Duration, now: DateTime<Utc>) -> i64 {
    let left = (start + window - now).num_seconds().max(0);
    ((left + 59) / 60).clamp(1, window.num_minutes().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_wait_ends_with_the_window() {
        let t0 = Utc
            .with_ymd_and_hms(2026, 5, 1, 9, 0, 0)
            .single()
            .expect("time");
        let at = |m: i64| t0 + Duration::minutes(m);
        let window = Duration::minutes(60);
        // The window began at 0: at 20 there are 40 minutes left.
        assert_eq!(minutes_to_wait(at(0), window, at(20)), 40);
        // Over at once: the whole window.
        assert_eq!(minutes_to_wait(at(30), window, at(30)), 60);
        // Part of a minute is a minute; never less than one.
        assert_eq!(
            minutes_to_wait(at(0), window, at(0) + Duration::seconds(3570)),
            1
        );
        assert_eq!(minutes_to_wait(at(0), window, at(61)), 1);
    }
}
