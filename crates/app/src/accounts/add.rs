//! Adding an account outside the registration form: `qatysu user add` (administrators,
//! officials, residents registered at a participation centre) and the demo. Every input is
//! parsed as the registration form parses it.

use crate::{App, Error};
use domain::Role;
use domain::{Contact, ContactError, Iin, IinError, Kato, KatoError, Password, PasswordError};
use store::accounts::{NewUser, Taken};
use uuid::Uuid;

/// An account to add, as typed.
pub struct AccountSpec<'a> {
    pub name: &'a str,
    pub contact: &'a str,
    pub iin: &'a str,
    /// KATO of the village or town of residence.
    pub village: &'a str,
    pub password: &'a str,
    /// A role besides resident, on a territory (KATO) or, without one, the whole country.
    pub role: Option<(Role, Option<&'a str>)>,
    /// The level the account starts at; above `self` it is recorded as reached through the
    /// event a person would go through (a code, a registrar, eGov), by nobody in particular.
    pub level: domain::Level,
}

#[derive(Debug, thiserror::Error)]
pub enum AddAccountError {
    #[error("contact: {0}")]
    Contact(#[from] ContactError),
    #[error("IIN: {0}")]
    Iin(#[from] IinError),
    #[error("password: {0}")]
    Password(#[from] PasswordError),
    #[error("KATO code: {0}")]
    Kato(#[from] KatoError),
    #[error("no village or town with KATO {0}")]
    NoVillage(Kato),
    #[error("no territory {0}")]
    NoTerritory(Kato),
    #[error(
        "the role {} is never granted: a person holds it for one cycle by accepting an \
        invitation to its expert council or monitoring group",
        .0.as_str()
    )]
    MembershipRole(Role),
    #[error("an account with this IIN already exists")]
    IinTaken,
    #[error("an account with this phone or e-mail already exists")]
    ContactTaken,
    #[error(transparent)]
    App(#[from] Error),
}

impl From<store::StoreError> for AddAccountError {
    fn from(e: store::StoreError) -> Self {
        AddAccountError::App(e.into())
    }
}

/// Create the account with its roles (the resident role where they live, and `spec.role`).
pub async fn add_account(app: &App, spec: &AccountSpec<'_>) -> Result<Uuid, AddAccountError> {
    if let Some((role, _)) = spec.role.filter(|(r, _)| r.is_membership()) {
        return Err(AddAccountError::MembershipRole(role));
    }
    let contact = Contact::parse(spec.contact)?;
    let iin = Iin::parse(spec.iin)?;
    let password = Password::parse(spec.password)?;
    let village_kato = Kato::parse(spec.village)?;
    let village = store::territories::by_kato(&app.db, &village_kato)
        .await?
        .filter(|t| t.kind.is_settlement())
        .ok_or(AddAccountError::NoVillage(village_kato))?;
    let role_territory = match spec.role {
        Some((_, Some(k))) => {
            let kato = Kato::parse(k)?;
            let t = store::territories::by_kato(&app.db, &kato)
                .await?
                .ok_or(AddAccountError::NoTerritory(kato))?;
            Some(t.id)
        }
        _ => None,
    };
    // Whoever adds an account outside the form (an operator typing in a paper form, the demo)
    // does it for a person who signed the form's consent to the processing of their data.
    let now = app.clock.now();
    let new = NewUser {
        display_name: spec.name.trim().to_string(),
        contact,
        password_hash: super::hash_password(app, password).await?,
        iin_hash: app.keys.iin.fingerprint(&iin),
        birth_date: iin.birth_date(),
        residence_id: village.id,
        level: domain::Level::SelfDeclared,
        consent_at: Some(now),
    };
    let id = match store::accounts::create(&app.db, &new, now).await? {
        Ok(id) => id,
        Err(Taken::Iin) => return Err(AddAccountError::IinTaken),
        Err(Taken::Contact) => return Err(AddAccountError::ContactTaken),
    };
    if let Some((role, _)) = spec.role {
        store::accounts::grant(&app.db, id, role, role_territory, now).await?;
    }
    if let Some(event) = super::event_reaching(spec.level) {
        super::apply_level_event(app, id, event, None, Default::default()).await?;
    }
    if spec.level == domain::Level::Contact {
        // Reached by the code a person would have typed: the contact counts as confirmed.
        store::accounts::contact::mark_confirmed(&app.db, id, now).await?;
    }
    Ok(id)
}
