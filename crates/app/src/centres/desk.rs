//! The registrar's desk: find a person by IIN within the registrar's territory and raise them
//! to `in_person` once they have shown an identity document, proven they control the account
//! (the presence code on their own account page) and consented to the processing of their
//! personal data (Law No. 94-V).

use super::{territory_of, Centre};
use crate::accounts::apply_level_event;
use crate::{Actor, App, Error, Result};
use domain::accounts::{DocumentKind, DocumentTail, LevelEvent, ResidenceProof};
use domain::{Action, Iin, Kato, Level};
use store::accounts::{Evidence, LevelChange, User};
use store::territories::Territory;

/// Open the desk of centre `c`: only the registrars who work there, and only with the
/// registrar role over its territory (administrators are not exempt). Returns the centre's
/// territory.
pub async fn desk(app: &App, actor: &Actor, c: &Centre) -> Result<Territory> {
    let t = territory_of(app, c).await?;
    actor.require(Action::VerifyInPerson, &t.path)?;
    if !store::centres::works_at(&app.db, c.id, actor.user.id).await? {
        return Err(Error::Forbidden);
    }
    Ok(t)
}

/// A person found at the desk: the account, where they live and every change of their level
/// with the name of whoever made it.
pub struct Found {
    pub user: User,
    pub village: Territory,
    pub history: Vec<(LevelChange, Option<String>)>,
}

/// The villages the registrar may fix as a residence: under the centre's territory and the
/// registrar's own grant.
pub async fn villages(app: &App, actor: &Actor, c: &Centre) -> Result<Vec<Territory>> {
    let t = desk(app, actor, c).await?;
    Ok(crate::territories::settlements_in(app, &t)
        .await?
        .into_iter()
        .filter(|v| within(actor, &t, &v.path))
        .collect())
}

pub(super) fn within(actor: &Actor, centre_territory: &Territory, path: &[Kato]) -> bool {
    path.contains(&centre_territory.kato) && actor.may(Action::VerifyInPerson, path)
}

/// The account with this IIN, when it lives within the registrar's territory (and the
/// centre's). An IIN of someone living elsewhere gets the same answer as an unknown one, so
/// the desk cannot be used to learn who is registered where; the attempt is logged.
pub async fn find_person(app: &App, actor: &Actor, c: &Centre, iin: &Iin) -> Result<Option<Found>> {
    let t = desk(app, actor, c).await?;
    let Some((user, village)) = locate(app, actor, c, &t, iin).await? else {
        return Ok(None);
    };
    let mut history = Vec::new();
    for change in store::accounts::level_changes(&app.db, user.id).await? {
        let by = match change.by {
            Some(id) => store::accounts::by_id(&app.db, id)
                .await?
                .map(|u| u.display_name),
            None => None,
        };
        history.push((change, by));
    }
    Ok(Some(Found {
        user,
        village,
        history,
    }))
}

pub(super) async fn locate(
    app: &App,
    actor: &Actor,
    c: &Centre,
    t: &Territory,
    iin: &Iin,
) -> Result<Option<(User, Territory)>> {
    let hash = app.keys.iin.fingerprint(iin);
    let Some(user) = store::accounts::by_person_hash(&app.db, &hash).await? else {
        tracing::info!(registrar = %actor.user.id, centre = %c.id, "desk look-up: no account");
        return Ok(None);
    };
    let village = store::territories::by_id(&app.db, user.residence_id).await?;
    match village {
        Some(v) if within(actor, t, &v.path) => Ok(Some((user, v))),
        _ => {
            tracing::warn!(
                registrar = %actor.user.id,
                centre = %c.id,
                "desk look-up of a person living outside the registrar's territory refused",
            );
            Ok(None)
        }
    }
}

/// What the registrar recorded at the desk.
pub struct Raise {
    pub iin: Iin,
    /// The code the person read from their own account page.
    pub presence: String,
    pub document: (DocumentKind, DocumentTail),
    pub residence: ResidenceProof,
    /// The village the person lives in, when it is not the one on the account.
    pub village: Option<Kato>,
    /// The person consented to the processing of their personal data.
    pub consent: bool,
}

/// What became of a raise. Everything but `Yes` changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raised {
    /// The level after the check (`in_person`, or `egov` kept).
    Yes(Level),
    /// No account with this IIN within the registrar's territory.
    NotFound,
    /// The person did not consent to the processing of their personal data.
    NoConsent,
    /// The presence code is not the one the account shows: the person at the desk may not be
    /// the account's holder (a squatting case, not a raise).
    PresenceWrong,
    /// The village chosen is not a settlement within the registrar's territory.
    VillageOutside,
}

/// Raise the person to `in_person`, fixing their village, with the evidence recorded.
pub async fn raise(app: &App, actor: &Actor, c: &Centre, r: Raise) -> Result<Raised> {
    let t = desk(app, actor, c).await?;
    let Some((user, current)) = locate(app, actor, c, &t, &r.iin).await? else {
        return Ok(Raised::NotFound);
    };
    if !r.consent {
        return Ok(Raised::NoConsent);
    }
    if !super::presence::check(app, user.id, &r.presence).await? {
        tracing::warn!(registrar = %actor.user.id, centre = %c.id, user = %user.id, "presence code wrong");
        return Ok(Raised::PresenceWrong);
    }
    let village = match &r.village {
        None => current,
        Some(k) => match store::territories::by_kato(&app.db, k).await? {
            Some(v) if v.kind.is_settlement() && within(actor, &t, &v.path) => v,
            _ => return Ok(Raised::VillageOutside),
        },
    };
    let evidence = Evidence {
        document: Some(r.document),
        residence: Some(r.residence),
        centre: Some(c.id),
        village: Some(village.id),
        consent: true,
    };
    let level = apply_level_event(
        app,
        user.id,
        LevelEvent::SeenInPerson,
        Some(actor.user.id),
        evidence,
    )
    .await?;
    tracing::info!(registrar = %actor.user.id, centre = %c.id, user = %user.id, "seen in person");
    Ok(Raised::Yes(level))
}
