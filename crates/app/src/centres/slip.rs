//! A resident without a phone or an e-mail, registered at the desk, and the printed slip's
//! one-time code with which they (or a real holder after a squatting resolution) sign in.
//! Codes leave this module only to be printed; they are never logged.

use super::desk::{desk, within};
use super::squatting::unusable_password;
use super::Centre;
use crate::accounts::{
    apply_level_event, check_code, issue_code, start_session, throttle, SessionTtl,
};
use crate::{Actor, App, Result};
use domain::accounts::{CodePurpose, DocumentKind, DocumentTail, LevelEvent, ResidenceProof};
use domain::{Iin, Kato, Level, Password};
use store::accounts::{Evidence, NewIdentity, Taken};
use uuid::Uuid;

/// What the registrar typed for a new resident.
pub struct NewResident {
    pub name: crate::accounts::DisplayName,
    pub iin: Iin,
    pub village: Kato,
    pub document: (DocumentKind, DocumentTail),
    pub residence: ResidenceProof,
    pub consent: bool,
}

/// What became of a registration at the desk. Everything but `Done` changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// The account, at `in_person`, and the code for the slip.
    Done {
        user: Uuid,
        code: String,
    },
    NoConsent,
    /// The village is not a settlement within the registrar's territory.
    VillageOutside,
    /// An account with this IIN exists: find it, and raise it or resolve the squatting.
    IinTaken,
}

/// Register a resident who has no phone or e-mail: created `self`, then raised through the
/// recorded `SeenInPerson` event with the registrar's evidence.
pub async fn register_resident(
    app: &App,
    actor: &Actor,
    c: &Centre,
    r: NewResident,
) -> Result<Registered> {
    let t = desk(app, actor, c).await?;
    if !r.consent {
        return Ok(Registered::NoConsent);
    }
    let village = match store::territories::by_kato(&app.db, &r.village).await? {
        Some(v) if v.kind.is_settlement() && within(actor, &t, &v.path) => v,
        _ => return Ok(Registered::VillageOutside),
    };
    let new = NewIdentity {
        display_name: r.name.into_string(),
        password_hash: unusable_password(),
        iin_hash: app.keys.iin.fingerprint(&r.iin),
        birth_date: r.iin.birth_date(),
        residence_id: village.id,
        level: Level::SelfDeclared,
        // Given on the registrar's form, which refuses without it (checked above).
        consent_at: Some(app.clock.now()),
    };
    let user = match store::accounts::create_without_contact(&app.db, &new, app.clock.now()).await?
    {
        Ok(id) => id,
        Err(Taken::Iin | Taken::Contact) => return Ok(Registered::IinTaken),
    };
    let evidence = Evidence {
        document: Some(r.document),
        residence: Some(r.residence),
        centre: Some(c.id),
        village: Some(village.id),
        consent: true,
    };
    apply_level_event(
        app,
        user,
        LevelEvent::SeenInPerson,
        Some(actor.user.id),
        evidence,
    )
    .await?;
    tracing::info!(registrar = %actor.user.id, centre = %c.id, %user, "resident registered at the desk");
    let code = issue_code(app, user, CodePurpose::SlipSignIn, None).await?;
    Ok(Registered::Done { user, code })
}

/// What became of a sign-in with a slip code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlipSignIn {
    /// Signed in with the new password set; the session token.
    Yes { user: Uuid, session: String },
    /// Unknown IIN, or a wrong, spent or expired code: told apart from nothing.
    Refused,
    /// Too many attempts from this address: try after the window.
    Throttled { minutes: i64 },
}

/// Sign-ins with a slip allowed per client address within an hour; each code also takes only
/// five tries.
const PER_ADDRESS: i64 = 20;
const WINDOW_MINUTES: i64 = 60;

/// Sign in with the IIN and the slip's code, setting the first password of the account.
pub async fn slip_sign_in(
    app: &App,
    iin: &Iin,
    code: &str,
    password: Password,
    ip: &str,
    ttl: SessionTtl,
) -> Result<SlipSignIn> {
    let key = format!("slip-ip:{ip}");
    // Counted before anything is checked, in one statement (security review M1); a success
    // is given back, so only failures add up.
    let over = throttle::take(app, &key, PER_ADDRESS, WINDOW_MINUTES, "slip sign-in").await?;
    if let Some(minutes) = over {
        return Ok(SlipSignIn::Throttled { minutes });
    }
    let hash = app.keys.iin.fingerprint(iin);
    let Some(user) = store::accounts::by_person_hash(&app.db, &hash).await? else {
        return Ok(SlipSignIn::Refused);
    };
    if check_code(app, user.id, CodePurpose::SlipSignIn, code)
        .await?
        .is_err()
    {
        tracing::info!(user = %user.id, "slip sign-in refused");
        return Ok(SlipSignIn::Refused);
    }
    throttle::give_back(app, &key).await?;
    let hashed = crate::accounts::hash_password(app, password).await?;
    store::accounts::set_password_hash(&app.db, user.id, &hashed).await?;
    let session = start_session(app, user.id, ttl).await?;
    tracing::info!(user = %user.id, "signed in with a slip code");
    Ok(SlipSignIn::Yes {
        user: user.id,
        session,
    })
}
