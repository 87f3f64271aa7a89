//! Registering on the web (тіркелу / регистрация): a self-declared resident (level `self`)
//! who is signed in at once.
//!
//! Registration is where scripts start, so it is bounded (security review, C1 and M2): attempts
//! are counted per client address and per contact, the cheap uniqueness check runs before the
//! deliberately slow password hash, and the answer never says whether an IIN or a contact is
//! already registered. A participation centre registers people through the registrar's desk,
//! which is not bound by these limits.

use super::contact::{CodeLimits, CodeRequest};
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
    /// The person consented to the processing of their personal data (Law of the Republic of
    /// Kazakhstan No. 94-V); no account is created without it.
    pub consent: bool,
    /// The language of the page the person registered on: their messages are written in it.
    pub language: domain::messages::Language,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// The account and its first session (the cookie's token); `code` says whether the code
    /// that confirms the contact was sent or the code requests are over their limit.
    Done {
        user: Uuid,
        session: String,
        code: CodeRequest,
    },
    /// The village is not a settlement of the tree.
    UnknownVillage,
    /// Not created, for a reason not told: the IIN or the contact is taken (telling which
    /// would let anyone test whose IIN is registered).
    NotCreated,
    /// The person did not consent to the processing of their personal data.
    NoConsent,
    /// Too many registrations from this address or for this contact: try after the window.
    Throttled { minutes: i64 },
}

/// Registrations allowed per client address and per contact within the window, and the
/// limits of code requests (the first code is one).
#[derive(Debug, Clone, Copy)]
pub struct RegistrationLimits {
    pub per_address: i64,
    pub per_contact: i64,
    pub window_minutes: i64,
    pub codes: CodeLimits,
}

impl Default for RegistrationLimits {
    /// Twenty an hour from one address (a school's or an akimat's shared connection) and three
    /// for one phone or e-mail.
    fn default() -> RegistrationLimits {
        RegistrationLimits {
            per_address: 20,
            per_contact: 3,
            window_minutes: 60,
            codes: CodeLimits::default(),
        }
    }
}

/// Count this attempt; `Some(minutes)` to wait when the address or the contact is over its
/// limit.
async fn throttled(
    app: &App,
    ip: &str,
    contact: &Contact,
    limits: &RegistrationLimits,
) -> Result<Option<i64>> {
    let subjects = [
        (format!("register-ip:{ip}"), limits.per_address),
        (format!("register-contact:{contact}"), limits.per_contact),
    ];
    super::throttle::count_attempt(app, &subjects, limits.window_minutes, "registration").await
}

pub async fn register(
    app: &App,
    r: Registration,
    ip: &str,
    limits: &RegistrationLimits,
    ttl: SessionTtl,
) -> Result<Registered> {
    if !r.consent {
        return Ok(Registered::NoConsent);
    }
    if let Some(minutes) = throttled(app, ip, &r.contact, limits).await? {
        return Ok(Registered::Throttled { minutes });
    }
    let iin_hash = app.keys.iin.fingerprint(&r.iin);
    if store::accounts::taken(&app.db, &iin_hash, &r.contact).await? {
        return Ok(Registered::NotCreated);
    }
    let village = store::territories::by_kato(&app.db, &r.village)
        .await?
        .filter(|t| t.kind.is_settlement());
    let Some(village) = village else {
        return Ok(Registered::UnknownVillage);
    };
    let now = app.clock.now();
    let new = NewUser {
        display_name: r.name.into_string(),
        contact: r.contact,
        password_hash: super::hash_password(app, r.password).await?,
        iin_hash,
        birth_date: r.iin.birth_date(),
        residence_id: village.id,
        level: domain::Level::SelfDeclared,
        consent_at: Some(now),
    };
    let contact = new.contact.clone();
    match store::accounts::create(&app.db, &new, now).await? {
        Ok(user) => {
            tracing::info!(%user, "account registered");
            store::accounts::set_language(&app.db, user, r.language).await?;
            let session = start_session(app, user, ttl).await?;
            // The code that confirms the contact given (level `self` → `contact`).
            let code = super::contact::send_limited(app, user, &contact, ip, &limits.codes).await?;
            Ok(Registered::Done {
                user,
                session,
                code,
            })
        }
        // Two registrations of the same IIN or contact at once: the unique keys decide.
        Err(Taken::Iin | Taken::Contact) => Ok(Registered::NotCreated),
    }
}

/// Whether a village code names a settlement (for the form's own check).
pub async fn is_settlement(app: &App, village: &Kato) -> Result<bool> {
    Ok(store::territories::by_kato(&app.db, village)
        .await
        .map_err(Error::from)?
        .is_some_and(|t| t.kind.is_settlement()))
}
