//! Signing in through the national identity provider (eGov, or any OpenID Connect provider):
//! what happens once the provider has vouched for an IIN. The protocol itself (discovery,
//! PKCE, the ID token's signature and nonce) is the web edge's; these use cases only ever see
//! an IIN the provider signed.
//!
//! - An account with the IIN at `in_person` or above: signed in, raised to `egov`.
//! - An account with the IIN below `in_person`: nobody checked who controls it, so the first
//!   provider sign-in takes it over (decisions §8): the person completes the form, then the
//!   password and contact are reset, its sessions end, what it did that is not yet counted is
//!   struck, and it is logged as a squatting resolution made by the provider.
//! - No account: the person completes registration (village, consent, name) and the account
//!   is created at `egov` without a password or a contact.
//! - Someone signed in whose account's IIN differs from the provider's: refused, nothing
//!   changed.
//!
//! Between the provider's answer and the completed form the IIN is carried only as its keyed
//! fingerprint and birth date, sealed (MAC) and short-lived: never from the form.

use super::register::DisplayName;
use super::sessions::{start_session, SessionTtl};
use crate::centres::unusable_password;
use crate::{Actor, App, Result};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::accounts::LevelEvent;
use domain::{Iin, Kato, Level};
use serde::{Deserialize, Serialize};
use store::accounts::{Evidence, LevelChange, NewIdentity, Taken, User};
use store::centres::squatting::{self as squatting, HandedOver, Handover};
use uuid::Uuid;

/// What the provider vouched for, read from its signed ID token.
pub struct Vouched {
    pub iin: Iin,
    /// The `name` claim, to prefill the display name.
    pub name: Option<String>,
    /// The provider's issuer URL, recorded with a takeover.
    pub provider: String,
}

/// How long the person has to complete the form after the provider's answer.
pub const PENDING_MINUTES: i64 = 15;
const PENDING_PURPOSE: &str = "egov pending registration";

/// What the provider's answer came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EgovSignIn {
    /// Signed in at `egov` (the session's token).
    Yes { user: Uuid, session: String },
    /// The person completes the form first: `pending` (sealed, for a cookie) carries who the
    /// provider vouched for; `takeover` says an unverified account with the IIN will be
    /// taken over; `name` prefills the display name.
    Complete {
        pending: String,
        takeover: bool,
        name: String,
    },
    /// The signed-in account's IIN is not the provider's: nothing changed.
    Mismatch,
}

/// The sealed content of a pending registration.
#[derive(Serialize, Deserialize)]
struct Pending {
    iin_hash: String,
    birth_date: NaiveDate,
    name: String,
    provider: String,
    expires: DateTime<Utc>,
}

/// Is the signed-in account someone else than the person the provider vouched for?
async fn mismatch(app: &App, actor: &Actor, iin_hash: &[u8]) -> Result<bool> {
    let own = store::accounts::person_hash(&app.db, actor.user.id).await?;
    if own != iin_hash {
        tracing::warn!(
            user = %actor.user.id,
            "eGov sign-in refused: the provider's IIN is not the signed-in account's"
        );
        return Ok(true);
    }
    Ok(false)
}

/// Raise `user` to `egov` (recorded as the provider's sign-in) and open a session.
async fn raise_and_sign_in(app: &App, user: Uuid, ttl: SessionTtl) -> Result<EgovSignIn> {
    super::apply_level_event(app, user, LevelEvent::EgovSignIn, None, Evidence::default()).await?;
    let session = start_session(app, user, ttl).await?;
    tracing::info!(%user, "signed in through eGov");
    Ok(EgovSignIn::Yes { user, session })
}

/// The provider vouched for `v.iin`; `signed_in` is whoever holds the browser's session.
pub async fn sign_in(
    app: &App,
    v: Vouched,
    signed_in: Option<&Actor>,
    ttl: SessionTtl,
) -> Result<EgovSignIn> {
    let iin_hash = app.keys.iin.fingerprint(&v.iin);
    if let Some(actor) = signed_in {
        if mismatch(app, actor, &iin_hash).await? {
            return Ok(EgovSignIn::Mismatch);
        }
        // Signed in to the account under this IIN: the person controls it, so the provider's
        // word raises it whatever its level (the desk's rule: proof of control).
        return raise_and_sign_in(app, actor.user.id, ttl).await;
    }
    let takeover = match store::accounts::by_person_hash(&app.db, &iin_hash).await? {
        Some(u) if u.level.meets(Level::InPerson) => {
            return raise_and_sign_in(app, u.id, ttl).await
        }
        Some(_) => true,
        None => false,
    };
    let name = v
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| DisplayName::parse(n).is_ok())
        .unwrap_or("")
        .to_string();
    let pending = Pending {
        iin_hash: hex::encode(&iin_hash),
        birth_date: v.iin.birth_date(),
        name: name.clone(),
        provider: v.provider,
        expires: app.clock.now() + Duration::minutes(PENDING_MINUTES),
    };
    let json = serde_json::to_vec(&pending).map_err(|e| crate::Error::Internal(e.to_string()))?;
    Ok(EgovSignIn::Complete {
        pending: app.keys.seal(PENDING_PURPOSE, &json),
        takeover,
        name,
    })
}

/// What the provider vouched for, from a sealed pending value still in time.
fn open_pending(app: &App, sealed: &str) -> Option<(Pending, Vec<u8>)> {
    let json = app.keys.unseal(PENDING_PURPOSE, sealed)?;
    let p: Pending = serde_json::from_slice(&json).ok()?;
    let hash = hex::decode(&p.iin_hash).ok()?;
    (p.expires > app.clock.now()).then_some((p, hash))
}

/// Whether a sealed pending registration is still good, and whether it takes an account over
/// (for the form's notice); `None` when it expired or was tampered with.
pub async fn pending(app: &App, sealed: &str) -> Result<Option<PendingView>> {
    let Some((p, hash)) = open_pending(app, sealed) else {
        return Ok(None);
    };
    let existing = store::accounts::by_person_hash(&app.db, &hash).await?;
    Ok(Some(PendingView {
        name: p.name,
        takeover: existing.is_some_and(|u| !u.level.meets(Level::InPerson)),
    }))
}

/// A pending registration as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingView {
    pub name: String,
    pub takeover: bool,
}

/// What the completing form gives, parsed.
pub struct Completion {
    pub name: DisplayName,
    pub village: Kato,
    /// Consent to the processing of personal data (Law No. 94-V).
    pub consent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completed {
    /// Signed in at `egov`; `took_over` when an unverified account was taken over.
    Yes {
        user: Uuid,
        session: String,
        took_over: bool,
    },
    /// The provider's answer is too old or not ours: sign in through the provider again.
    Expired,
    UnknownVillage,
    NoConsent,
    /// The signed-in account's IIN is not the provider's: nothing changed.
    Mismatch,
}

/// Complete a provider sign-in: create the account, or take the unverified one over.
pub async fn complete(
    app: &App,
    sealed: &str,
    c: Completion,
    signed_in: Option<&Actor>,
    ttl: SessionTtl,
) -> Result<Completed> {
    let Some((p, iin_hash)) = open_pending(app, sealed) else {
        return Ok(Completed::Expired);
    };
    if let Some(actor) = signed_in {
        if mismatch(app, actor, &iin_hash).await? {
            return Ok(Completed::Mismatch);
        }
    }
    if !c.consent {
        return Ok(Completed::NoConsent);
    }
    let village = store::territories::by_kato(&app.db, &c.village)
        .await?
        .filter(|t| t.kind.is_settlement());
    let Some(village) = village else {
        return Ok(Completed::UnknownVillage);
    };
    let now = app.clock.now();
    let consented = Evidence {
        village: Some(village.id),
        consent: true,
        ..Evidence::default()
    };
    match store::accounts::by_person_hash(&app.db, &iin_hash).await? {
        None => {
            let new = NewIdentity {
                display_name: c.name.into_string(),
                password_hash: unusable_password(),
                iin_hash,
                birth_date: p.birth_date,
                residence_id: village.id,
                level: Level::SelfDeclared,
                consent_at: Some(now),
            };
            let user = match store::accounts::create_without_contact(&app.db, &new, now).await? {
                Ok(user) => user,
                // Completed twice at once: the first one made it; this one starts again.
                Err(Taken::Iin | Taken::Contact) => return Ok(Completed::Expired),
            };
            let evidence = Evidence {
                village: None,
                ..consented
            };
            super::apply_level_event(app, user, LevelEvent::EgovSignIn, None, evidence).await?;
            let session = start_session(app, user, ttl).await?;
            tracing::info!(%user, "account registered through eGov");
            Ok(Completed::Yes {
                user,
                session,
                took_over: false,
            })
        }
        // Verified meanwhile (at a desk): nothing to take over.
        Some(u) if u.level.meets(Level::InPerson) => {
            match raise_and_sign_in(app, u.id, ttl).await? {
                EgovSignIn::Yes { user, session } => Ok(Completed::Yes {
                    user,
                    session,
                    took_over: false,
                }),
                _ => Ok(Completed::Expired),
            }
        }
        Some(u) => take_over(app, &u, &p, c.name, consented, ttl).await,
    }
}

/// The takeover of an unverified account by the person the provider vouched for.
async fn take_over(
    app: &App,
    u: &User,
    p: &Pending,
    name: DisplayName,
    evidence: Evidence,
    ttl: SessionTtl,
) -> Result<Completed> {
    let now = app.clock.now();
    let change = |from: Level, event: LevelEvent, evidence: Evidence| LevelChange {
        from,
        to: from.after(event),
        event,
        by: None,
        evidence,
        at: now,
    };
    let disowned = u.level.after(LevelEvent::Disowned);
    let password_hash = unusable_password();
    let handover = Handover {
        user: u.id,
        centre: None,
        registrar: None,
        provider: Some(&p.provider),
        name: name.as_str(),
        contact: None,
        password_hash: &password_hash,
        levels: [
            change(u.level, LevelEvent::Disowned, Evidence::default()),
            change(disowned, LevelEvent::EgovSignIn, evidence),
        ],
        at: now,
    };
    let (ballots, signatures) =
        match squatting::hand_over(&app.db, &handover, &app.keys.ballots).await? {
            HandedOver::Done {
                ballots,
                signatures,
                ..
            } => (ballots, signatures),
            // No contact is given, so none can be taken; a level that moved: start again.
            HandedOver::ContactTaken | HandedOver::LevelMoved => return Ok(Completed::Expired),
        };
    tracing::warn!(
        user = %u.id,
        ballots,
        signatures,
        "IIN squatting resolved: an unverified account taken over by the person eGov vouched for",
    );
    let session = start_session(app, u.id, ttl).await?;
    Ok(Completed::Yes {
        user: u.id,
        session,
        took_over: true,
    })
}

/// Takeovers of `user`'s account at a provider sign-in (provider, previous name, when).
pub async fn takeovers(app: &App, user: Uuid) -> Result<Vec<squatting::ProviderTakeover>> {
    Ok(squatting::by_provider(&app.db, user).await?)
}
