//! Registering on the web (тіркелу / регистрация): a self-declared resident (level 0) who
//! is signed in at once.

use super::sessions::{start_session, SessionTtl};
use crate::{App, Error, Result};
use domain::text::BoundedText;
use domain::{Contact, Iin, Kato, Password};
use store::accounts::{NewUser, Taken};
use uuid::Uuid;

/// A display name: 2 to 100 characters.
pub type DisplayName = BoundedText<2, 100>;

/// What the registration form gives, parsed.
pub struct Registration {
    pub name: DisplayName,
    pub contact: Contact,
    pub iin: Iin,
    pub password: Password,
    pub village: Kato,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// The account and its first session (the cookie's token).
    Done {
        user: Uuid,
        session: String,
    },
    /// The village is not a settlement of the tree.
    UnknownVillage,
    IinTaken,
    ContactTaken,
}

pub async fn register(app: &App, r: Registration, ttl: SessionTtl) -> Result<Registered> {
    let village = store::territories::by_kato(&app.db, &r.village)
        .await?
        .filter(|t| t.kind.is_settlement());
    let Some(village) = village else {
        return Ok(Registered::UnknownVillage);
    };
    let new = NewUser {
        display_name: r.name.into_string(),
        contact: r.contact,
        password_hash: super::hash_password(r.password).await?,
        iin_hash: app.keys.iin.fingerprint(&r.iin),
        iin_last4: r.iin.last_four(),
        birth_date: r.iin.birth_date(),
        residence_id: village.id,
        level: domain::Level::SelfDeclared,
    };
    match store::accounts::create(&app.db, &new, app.clock.now()).await? {
        Ok(user) => {
            tracing::info!(%user, "account registered");
            let session = start_session(app, user, ttl).await?;
            Ok(Registered::Done { user, session })
        }
        Err(Taken::Iin) => Ok(Registered::IinTaken),
        Err(Taken::Contact) => Ok(Registered::ContactTaken),
    }
}

/// Whether a village code names a settlement (for the form's own check).
pub async fn is_settlement(app: &App, village: &Kato) -> Result<bool> {
    Ok(store::territories::by_kato(&app.db, village)
        .await
        .map_err(Error::from)?
        .is_some_and(|t| t.kind.is_settlement()))
}
