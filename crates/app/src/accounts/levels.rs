//! Raising and lowering an account's verification level, always with a record of who did it,
//! when and on what evidence.

use crate::{App, Error, Result};
use domain::accounts::LevelEvent;
use domain::Level;
use store::accounts::{Evidence, LevelChange};
use uuid::Uuid;

/// Apply `event` to `user`'s level and record it in the same transaction; returns the level
/// after it. A change nobody made (same level, no evidence) is not recorded; a registrar's
/// check always is, since it re-establishes where the person lives.
pub async fn apply_level_event(
    app: &App,
    user: Uuid,
    event: LevelEvent,
    by: Option<Uuid>,
    evidence: Evidence,
) -> Result<Level> {
    // Two changes of one account at once: the second sees the level moved and tries again.
    for _ in 0..3 {
        let from = store::accounts::by_id(&app.db, user)
            .await?
            .ok_or(Error::NotFound)?
            .level;
        let to = from.after(event);
        if to == from && evidence == Evidence::default() && event != LevelEvent::SeenInPerson {
            return Ok(from);
        }
        let change = LevelChange {
            from,
            to,
            event,
            by,
            evidence,
            at: app.clock.now(),
        };
        if store::accounts::change_level(&app.db, user, &change).await? {
            tracing::info!(%user, from = from.as_str(), to = to.as_str(), event = event.as_str(), "level changed");
            return Ok(to);
        }
    }
    Err(Error::Conflict("the account's level changed meanwhile"))
}

/// The event that brings a new account straight to `level` (`qatysu user add --level`, the
/// demo): what a real person would have done to reach it.
pub fn event_reaching(level: Level) -> Option<LevelEvent> {
    match level {
        Level::SelfDeclared => None,
        Level::Contact => Some(LevelEvent::ContactConfirmed),
        Level::InPerson => Some(LevelEvent::SeenInPerson),
        Level::Egov => Some(LevelEvent::EgovSignIn),
    }
}

/// Every change of `user`'s level, oldest first.
pub async fn level_changes(app: &App, user: Uuid) -> Result<Vec<LevelChange>> {
    Ok(store::accounts::level_changes(&app.db, user).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_above_self_has_an_event_that_reaches_it() {
        for l in Level::ALL {
            match event_reaching(l) {
                None => assert_eq!(l, Level::SelfDeclared),
                Some(e) => assert_eq!(Level::SelfDeclared.after(e), l),
            }
        }
    }
}
