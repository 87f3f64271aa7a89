//! Moving to another village (тұрғылықты жері / место жительства). Verification fixed where a
//! person lives, so a move drops the account to `contact` until a registrar confirms the new
//! residence (decisions §8): otherwise one person could vote in several okrugs' cycles by moving
//! between their votes.

use super::contact::has_password;
use super::passwords::{check_current_password, CurrentPassword};
use crate::{Actor, App, Result};
use domain::accounts::LevelEvent;
use domain::{Kato, Level};
use store::accounts::Evidence;

/// What asking to move came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// The account lives in the new village now; its level after the move.
    Done { from: Level, to: Level },
    /// The village is the one the account already lives in: nothing changed.
    Unchanged,
    /// Not a settlement of the tree.
    UnknownVillage,
    /// The current password is wrong: nothing changed.
    PasswordWrong,
    /// Too many wrong current passwords: nothing checked; try after this many minutes.
    Throttled { minutes: i64 },
}

/// Move the signed-in person to `village`, after checking their password (when the account has
/// one). The residence, the resident role and the level change in one transaction, recorded as
/// a change of level the person made themselves.
pub async fn move_residence(
    app: &App,
    actor: &Actor,
    village: &Kato,
    password: String,
) -> Result<Moved> {
    let user = actor.user.id;
    let target = store::territories::by_kato(&app.db, village)
        .await?
        .filter(|t| t.kind.is_settlement());
    let Some(target) = target else {
        return Ok(Moved::UnknownVillage);
    };
    if target.id == actor.user.residence_id {
        return Ok(Moved::Unchanged);
    }
    let hash = store::accounts::password_hash(&app.db, user).await?;
    if has_password(&hash) {
        match check_current_password(app, user, password, hash).await? {
            CurrentPassword::Right => {}
            CurrentPassword::Wrong => return Ok(Moved::PasswordWrong),
            CurrentPassword::Throttled { minutes } => return Ok(Moved::Throttled { minutes }),
        }
    }
    let evidence = Evidence {
        village: Some(target.id),
        ..Evidence::default()
    };
    let from = actor.user.level;
    let to = super::apply_level_event(
        app,
        user,
        LevelEvent::ResidenceChanged,
        Some(user),
        evidence,
    )
    .await?;
    tracing::info!(%user, from = from.as_str(), to = to.as_str(), "residence changed");
    Ok(Moved::Done { from, to })
}
