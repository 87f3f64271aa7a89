//! Participation centres (цифрлық қатысу орталығы / центр цифрового участия): administrators
//! describe them and name their registrars; anyone finds the centres serving a territory; a
//! registrar at the desk raises a person to `in_person` ([`desk`]).

mod desk;
pub(crate) mod presence;
mod slip;
mod squatting;

pub use desk::{desk, find_person, raise, villages, Found, Raise, Raised};
pub use domain::centres::{CentreDraft, CentreField, CentreInput};
pub use presence::{presence_code, PresenceCode};
pub use slip::{register_resident, slip_sign_in, NewResident, Registered, SlipSignIn};
pub(crate) use squatting::unusable_password;
pub use squatting::{resolutions, resolve, Resolution, Resolve, Resolved, Struck};
pub use store::centres::Centre;

use crate::{Actor, App, Error, Result};
use domain::{Action, Contact, Kato};
use store::territories::Territory;
use uuid::Uuid;

pub async fn by_id(app: &App, id: Uuid) -> Result<Centre> {
    store::centres::by_id(&app.db, id)
        .await?
        .ok_or(Error::NotFound)
}

/// The territory a centre belongs to.
pub async fn territory_of(app: &App, c: &Centre) -> Result<Territory> {
    store::territories::by_id(&app.db, c.territory_id)
        .await?
        .ok_or(Error::NotFound)
}

/// (account, name) of the registrars who work at the centre.
pub async fn registrars(app: &App, c: &Centre) -> Result<Vec<(Uuid, String)>> {
    Ok(store::centres::registrars(&app.db, c.id).await?)
}

/// Describe a new centre of territory `t` (administrators).
pub async fn create(app: &App, actor: &Actor, t: &Territory, d: &CentreDraft) -> Result<Uuid> {
    let by = actor.require(Action::ManageCentres, &t.path)?;
    let id = store::centres::create(&app.db, t.id, d, app.clock.now()).await?;
    tracing::info!(centre = %id, territory = %t.kato, %by, "participation centre created");
    Ok(id)
}

/// Correct a centre's description (administrators).
pub async fn update(app: &App, actor: &Actor, c: &Centre, d: &CentreDraft) -> Result<()> {
    let t = territory_of(app, c).await?;
    let by = actor.require(Action::ManageCentres, &t.path)?;
    store::centres::update(&app.db, c.id, d, app.clock.now()).await?;
    tracing::info!(centre = %c.id, %by, "participation centre edited");
    Ok(())
}

/// What became of naming a registrar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrarAdded {
    Yes,
    /// No account has this phone or e-mail.
    UnknownContact,
}

/// Name the account with `contact` a registrar of the centre; they get the registrar role on
/// the centre's territory with it (administrators).
pub async fn add_registrar(
    app: &App,
    actor: &Actor,
    c: &Centre,
    contact: &Contact,
) -> Result<RegistrarAdded> {
    let t = territory_of(app, c).await?;
    let by = actor.require(Action::ManageCentres, &t.path)?;
    let Some((user, _)) = store::accounts::credentials(&app.db, contact).await? else {
        return Ok(RegistrarAdded::UnknownContact);
    };
    store::centres::add_registrar(&app.db, c, user.id, app.clock.now()).await?;
    tracing::info!(centre = %c.id, registrar = %user.id, %by, "registrar named");
    Ok(RegistrarAdded::Yes)
}

/// The registrar no longer works at the centre (administrators).
pub async fn remove_registrar(app: &App, actor: &Actor, c: &Centre, user: Uuid) -> Result<()> {
    let t = territory_of(app, c).await?;
    let by = actor.require(Action::ManageCentres, &t.path)?;
    if store::centres::remove_registrar(&app.db, c.id, user).await? {
        tracing::info!(centre = %c.id, registrar = %user, %by, "registrar removed");
    }
    Ok(())
}

/// The centres a resident of `t` may go to: its own and those of the territories above it,
/// the nearest first.
pub async fn serving(app: &App, t: &Territory) -> Result<Vec<Centre>> {
    let mut out = store::centres::of_territory(&app.db, t.id).await?;
    for a in store::territories::ancestors(&app.db, t)
        .await?
        .iter()
        .rev()
    {
        out.extend(store::centres::of_territory(&app.db, a.id).await?);
    }
    Ok(out)
}

/// Every centre (the open-data list without a territory).
pub async fn all(app: &App) -> Result<Vec<Centre>> {
    Ok(store::centres::all(&app.db).await?)
}

/// Where a person living at the end of `path` (root first) can get verified: the centres of
/// the deepest territory on the path that has any (village → okrug → district → oblast →
/// country); empty when there is none anywhere above.
pub async fn nearest(app: &App, path: &[Kato]) -> Result<Vec<Centre>> {
    for kato in path.iter().rev() {
        let Some(t) = store::territories::by_kato(&app.db, kato).await? else {
            continue;
        };
        let here = store::centres::of_territory(&app.db, t.id).await?;
        if !here.is_empty() {
            return Ok(here);
        }
    }
    Ok(Vec::new())
}
