//! Who is acting: the signed-in person with their grants and their home territory's path,
//! loaded once per request. Every use case asks [`Actor::may`] / [`Actor::require`], which ask
//! the one domain rule, [`domain::may`].

use crate::{App, Error, Result};
use domain::{Action, Grant, Kato};
use store::accounts::User;
use uuid::Uuid;

/// The signed-in person making a request.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user: User,
    pub grants: Vec<Grant>,
    /// The path of the territory they live in: the country, oblast, district, okrug, village.
    pub home: Vec<Kato>,
}

impl Actor {
    /// May this person take `action` on an object of the territory whose path is `target`?
    pub fn may(&self, action: Action, target: &[Kato]) -> bool {
        domain::may(&self.grants, &self.home, action, target)
    }

    /// The person's id when they may take `action` there; `Forbidden` otherwise.
    pub fn require(&self, action: Action, target: &[Kato]) -> Result<Uuid> {
        if self.may(action, target) {
            Ok(self.user.id)
        } else {
            Err(Error::Forbidden)
        }
    }

    /// Whether the person lives in the territory `kato` or somewhere under it.
    pub fn lives_in(&self, kato: &Kato) -> bool {
        self.home.contains(kato)
    }

    pub fn is_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == domain::Role::Admin)
    }
}

/// The person behind a session token, with their grants and home path; `None` when the
/// session is unknown or expired.
pub async fn actor_of_session(app: &App, token: &str) -> Result<Option<Actor>> {
    let now = app.clock.now();
    let Some(user_id) = store::sessions::user_of(&app.db, token, now).await? else {
        return Ok(None);
    };
    actor(app, user_id).await
}

/// The person with this id as an [`Actor`].
pub async fn actor(app: &App, user_id: Uuid) -> Result<Option<Actor>> {
    let Some(user) = store::accounts::by_id(&app.db, user_id).await? else {
        return Ok(None);
    };
    let grants = store::accounts::roles_of(&app.db, user_id)
        .await?
        .into_iter()
        .map(|h| h.grant)
        .collect();
    let home = store::territories::by_id(&app.db, user.residence_id)
        .await?
        .map(|t| t.path)
        .unwrap_or_default();
    Ok(Some(Actor { user, grants, home }))
}

/// The person with this phone or e-mail as an [`Actor`]: the command line acts as a named
/// account (the demo's coordinator, official, residents …) without a session.
pub async fn actor_by_contact(app: &App, contact: &domain::Contact) -> Result<Option<Actor>> {
    match store::accounts::credentials(&app.db, contact).await? {
        Some((user, _)) => actor(app, user.id).await,
        None => Ok(None),
    }
}

pub use store::accounts::HeldRole;

/// Who holds which role in a territory and under it (coordinators, officials, administrators).
pub async fn roles_within(
    app: &App,
    actor: &Actor,
    t: &store::territories::Territory,
) -> Result<Vec<HeldRole>> {
    actor.require(Action::ViewRoleGrants, &t.path)?;
    Ok(store::accounts::roles_within(&app.db, &t.path_prefix()).await?)
}

/// What became of a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granted {
    Yes,
    /// No account has this phone or e-mail.
    UnknownContact,
    /// The role comes with a seat on a cycle's council or group, by invitation, never by a
    /// grant ([`domain::Role::is_membership`]): nothing was granted.
    MembershipRole,
    /// The role would let the person run a cycle on whose expert council or monitoring group
    /// they sit (security review M5: nobody holds two duties of one cycle): nothing was
    /// granted. The seat has to end, or the cycle to close, first.
    SeatedOnACycle(domain::access::Body),
}

/// Grant `role` on territory `t` to the account with `contact` (administrators). The expert
/// and monitor roles are never granted: seats on a cycle's bodies give them.
pub async fn grant_role(
    app: &App,
    actor: &Actor,
    t: &store::territories::Territory,
    contact: &domain::Contact,
    role: domain::Role,
) -> Result<Granted> {
    let by = actor.require(Action::GrantRole, &t.path)?;
    if role.is_membership() {
        return Ok(Granted::MembershipRole);
    }
    let Some((user, _)) = store::accounts::credentials(&app.db, contact).await? else {
        return Ok(Granted::UnknownContact);
    };
    let grant = domain::access::Grant {
        role,
        territory: Some(t.kato.clone()),
    };
    if domain::access::coordinates(&[grant], &t.path) {
        let prefix = t.path_prefix();
        let seats = store::oversight::invitations::seats_under(&app.db, user.id, &prefix).await?;
        if let Some(body) = seats.first() {
            return Ok(Granted::SeatedOnACycle(*body));
        }
    }
    store::accounts::grant(&app.db, user.id, role, Some(t.id), app.clock.now()).await?;
    tracing::info!(
        target_user = %user.id,
        role = role.as_str(),
        territory = %t.kato,
        %by,
        "role granted",
    );
    Ok(Granted::Yes)
}

/// Whether an account with this phone or e-mail exists (the grant form's own check).
pub async fn contact_exists(app: &App, contact: &domain::Contact) -> Result<bool> {
    Ok(store::accounts::credentials(&app.db, contact)
        .await?
        .is_some())
}
