//! Passwords: argon2id (19 MiB, two passes) off the async threads, and never more hashes at
//! once than the machine has cores, so that a burst of registrations or logins waits its turn
//! instead of growing memory without bound (security review, M2).

use crate::{App, Error, Result};
use domain::Password;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// At most one argon2 computation per core at a time; a request that waits longer than
/// `wait` for its turn is told the server is busy (503) rather than queued without bound.
#[derive(Clone)]
pub struct Hashing {
    permits: Arc<Semaphore>,
    wait: Duration,
}

impl Hashing {
    pub fn new(permits: usize, wait: Duration) -> Hashing {
        Hashing {
            permits: Arc::new(Semaphore::new(permits.max(1))),
            wait,
        }
    }

    /// One permit per core (at most eight), waiting up to 20 seconds.
    pub fn per_core() -> Hashing {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Hashing::new(cores.clamp(1, 8), Duration::from_secs(20))
    }

    /// Run `work` on the blocking pool once a permit is free; `Error::Busy` after `wait`.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        let permit = tokio::time::timeout(self.wait, Arc::clone(&self.permits).acquire_owned())
            .await
            .map_err(|_| Error::Busy)?
            .map_err(|_| Error::Busy)?;
        tokio::task::spawn_blocking(move || {
            let out = work();
            drop(permit);
            out
        })
        .await
        .map_err(|e| Error::Internal(format!("hashing task: {e}")))
    }
}

/// Hash with argon2id: deliberately slow.
pub async fn hash_password(app: &App, p: Password) -> Result<String> {
    app.hashing
        .run(move || password_auth::generate_hash(p.expose()))
        .await
}

/// A hash of a password nobody has, checked when the account does not exist, so that a
/// wrong login takes as long whether or not the phone or e-mail is registered.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$0HnDGE3GqQqv1CqDPhpXlw2yaiEJFvm6sBs9UWUhOgs";

/// Does `candidate` match `hash` (the decoy when there is no account)?
pub async fn verify_password(app: &App, candidate: String, hash: Option<String>) -> Result<bool> {
    let exists = hash.is_some();
    let hash = hash.unwrap_or_else(|| DECOY.to_string());
    let ok = app
        .hashing
        .run(move || password_auth::verify_password(candidate, &hash).is_ok())
        .await?;
    Ok(ok && exists)
}

/// Wrong current passwords allowed per account within [`PASSWORD_CHECK_MINUTES`]: changing the
/// password, the contact or the village asks for it, and a stolen session must not turn these
/// forms into a way of guessing it (security review L8, "password oracle").
pub const PASSWORD_CHECKS: i64 = 5;
const PASSWORD_CHECK_MINUTES: i64 = 15;

/// What checking a signed-in person's current password came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurrentPassword {
    Right,
    Wrong,
    /// Too many wrong ones: not checked; try after this many minutes.
    Throttled {
        minutes: i64,
    },
}

/// Check `candidate` against `user`'s stored `hash`, counting the check (atomically, before
/// argon2 runs) against the account; a right one is given back.
pub(crate) async fn check_current_password(
    app: &App,
    user: uuid::Uuid,
    candidate: String,
    hash: String,
) -> Result<CurrentPassword> {
    let key = format!("password-check:{user}");
    let over = super::throttle::take(
        app,
        &key,
        PASSWORD_CHECKS,
        PASSWORD_CHECK_MINUTES,
        "current password",
    );
    if let Some(minutes) = over.await? {
        return Ok(CurrentPassword::Throttled { minutes });
    }
    if verify_password(app, candidate, Some(hash)).await? {
        super::throttle::give_back(app, &key).await?;
        return Ok(CurrentPassword::Right);
    }
    Ok(CurrentPassword::Wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_beyond_the_permits_waits_then_is_refused_as_busy() {
        let h = Hashing::new(1, Duration::from_millis(100));
        let slow = h.clone();
        let first = tokio::spawn(async move {
            slow.run(|| std::thread::sleep(Duration::from_millis(600)))
                .await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(matches!(h.run(|| 1).await, Err(Error::Busy)));
        assert!(matches!(first.await, Ok(Ok(()))));
        assert_eq!(
            h.run(|| 2).await.ok(),
            Some(2),
            "free again once the first is done"
        );
    }
}
