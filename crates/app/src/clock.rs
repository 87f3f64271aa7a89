//! The one clock. Production reads the system time; tests hold a [`Clock::manual`] and move it
//! (forward to close voting, back to open it), so no test writes timestamps into the database
//! behind the stage machine. Nothing else in the workspace reads the current time.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::sync::{Arc, Mutex};

/// Where "now" comes from. Cheap to clone; clones share the same time.
#[derive(Clone, Debug)]
pub struct Clock(Source);

#[derive(Clone, Debug)]
enum Source {
    System,
    /// The system time shifted by an offset that tests set: time still flows (so records made
    /// one after another stay in order), but starts where the test put it.
    Manual(Arc<Mutex<Duration>>),
}

impl Clock {
    pub fn system() -> Clock {
        Clock(Source::System)
    }

    /// A clock that starts at the system time and can be moved (tests).
    pub fn settable() -> Clock {
        Clock(Source::Manual(Arc::new(Mutex::new(Duration::zero()))))
    }

    /// A clock that starts at `at` and keeps ticking from there.
    pub fn manual(at: DateTime<Utc>) -> Clock {
        let clock = Clock::settable();
        clock.set(at);
        clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        let system = Utc::now();
        match &self.0 {
            Source::System => system,
            Source::Manual(offset) => system + *lock(offset),
        }
    }

    /// Today's date in Kazakhstan (UTC+5): the date every deadline and page uses.
    pub fn today(&self) -> NaiveDate {
        domain::time::kz_date(self.now())
    }

    /// Put a manual clock at `at` (a system clock cannot be moved: this does nothing there).
    pub fn set(&self, at: DateTime<Utc>) {
        if let Source::Manual(offset) = &self.0 {
            *lock(offset) = at - Utc::now();
        }
    }

    /// Move a manual clock forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        if let Source::Manual(offset) = &self.0 {
            *lock(offset) += by;
        }
    }
}

fn lock(m: &Mutex<Duration>) -> std::sync::MutexGuard<'_, Duration> {
    // A panic while holding this lock cannot leave a half-written Duration.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_starts_where_it_is_put_and_moves() {
        let at = DateTime::parse_from_rfc3339("2026-06-01T10:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let c = Clock::manual(at);
        let now = c.now();
        assert!(now >= at && now - at < Duration::seconds(5));
        c.advance(Duration::days(2));
        assert!(c.now() - at >= Duration::days(2));
        let shared = c.clone();
        shared.set(at);
        assert!(c.now() - at < Duration::seconds(5), "clones share the time");
    }

    #[test]
    fn today_is_the_kazakhstan_date() {
        let late = DateTime::parse_from_rfc3339("2026-06-01T20:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let c = Clock::manual(late);
        assert_eq!(c.today().to_string(), "2026-06-02");
    }
}
