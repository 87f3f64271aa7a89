//! The account page: who the person is, where they live, what roles they hold; and changing
//! the password.

use super::passwords::{check_current_password, CurrentPassword};
use crate::{Actor, App, Result};
use domain::{Password, PasswordError};

pub use store::accounts::{HeldRole, User};
pub use store::territories::Territory;

/// What the account page shows besides the account itself.
pub struct Profile {
    pub residence: Option<Territory>,
    pub roles: Vec<HeldRole>,
}

pub async fn profile(app: &App, actor: &Actor) -> Result<Profile> {
    Ok(Profile {
        residence: store::territories::by_id(&app.db, actor.user.residence_id).await?,
        roles: store::accounts::roles_of(&app.db, actor.user.id).await?,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordChanged {
    Yes,
    /// Nothing changed: the current password was wrong, or the new one is not acceptable
    /// (or both; both are reported so the form shows every mistake at once).
    Refused {
        current_wrong: bool,
        new: Option<PasswordError>,
    },
    /// Too many wrong current passwords: nothing checked; try after this many minutes.
    Throttled {
        minutes: i64,
    },
}

/// Change the password after checking the current one (counted against the account, so a
/// stolen session cannot guess it); every other session of the account ends (`keep` is the
/// session making the change).
pub async fn change_password(
    app: &App,
    actor: &Actor,
    current: String,
    new: std::result::Result<Password, PasswordError>,
    keep: Option<&str>,
) -> Result<PasswordChanged> {
    let user = actor.user.id;
    let stored = store::accounts::password_hash(&app.db, user).await?;
    let current_ok = match check_current_password(app, user, current, stored).await? {
        CurrentPassword::Right => true,
        CurrentPassword::Wrong => false,
        CurrentPassword::Throttled { minutes } => {
            return Ok(PasswordChanged::Throttled { minutes })
        }
    };
    let new = match (current_ok, new) {
        (true, Ok(new)) => new,
        (_, new) => {
            return Ok(PasswordChanged::Refused {
                current_wrong: !current_ok,
                new: new.err(),
            })
        }
    };
    let hash = super::hash_password(app, new).await?;
    store::accounts::set_password_hash(&app.db, user, &hash).await?;
    if let Some(t) = keep {
        store::sessions::delete_others(&app.db, user, t).await?;
    }
    tracing::info!(%user, "password changed");
    Ok(PasswordChanged::Yes)
}

/// How many accounts there are (the home page's figures).
pub async fn count(app: &App) -> Result<i64> {
    Ok(store::accounts::count(&app.db).await?)
}
