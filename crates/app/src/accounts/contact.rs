//! Confirming the phone or e-mail (байланысты растау / подтверждение контакта) with a one-time
//! code, sending a new code, and changing the contact: the code goes to the new one, and the
//! account keeps its old contact until the code is typed.
//!
//! Code requests are limited per client address and per contact, and the answer to a change
//! never says whether the new contact is someone else's. Codes are never logged.

use super::codes::send_code;
use super::passwords::{check_current_password, CurrentPassword};
use crate::{Actor, App, Error, Result};
use domain::accounts::{CodePurpose, CodeRefusal, LevelEvent};
use domain::{Contact, Level};
use store::accounts::contact::{Confirmation, Confirmed};
use store::accounts::{Evidence, LevelChange, User};
use uuid::Uuid;

/// Code requests (registration's first code, a new code, a change of contact, a password
/// reset) allowed per client address and per phone or e-mail within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeLimits {
    pub per_address: i64,
    pub per_contact: i64,
    pub window_minutes: i64,
}

impl Default for CodeLimits {
    /// Thirty an hour from one address (a shared connection) and five for one phone or e-mail
    /// (each text costs money, and a mailbox or phone should not be flooded).
    fn default() -> CodeLimits {
        CodeLimits {
            per_address: 30,
            per_contact: 5,
            window_minutes: 60,
        }
    }
}

/// What a request for a code came to. `Sent` is also the answer when nothing could be sent
/// (a contact nobody has, or someone else's): "if this contact can be used, a code was sent".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRequest {
    Sent,
    /// Over the limit for the address or the contact: nothing sent; try after this many minutes.
    Throttled {
        minutes: i64,
    },
}

/// Count a code request against the address and the contact; `Some(minutes)` when over.
pub(crate) async fn over_limit(
    app: &App,
    ip: &str,
    contact: &Contact,
    limits: &CodeLimits,
) -> Result<Option<i64>> {
    let subjects = [
        (format!("code-ip:{ip}"), limits.per_address),
        (format!("code-contact:{contact}"), limits.per_contact),
    ];
    super::throttle::count_attempt(app, &subjects, limits.window_minutes, "code request").await
}

/// Send a code that confirms `contact` to it, unless code requests are over their limit.
pub(crate) async fn send_limited(
    app: &App,
    user: Uuid,
    contact: &Contact,
    ip: &str,
    limits: &CodeLimits,
) -> Result<CodeRequest> {
    if let Some(minutes) = over_limit(app, ip, contact, limits).await? {
        return Ok(CodeRequest::Throttled { minutes });
    }
    send_code(app, user, CodePurpose::ConfirmContact, contact).await?;
    Ok(CodeRequest::Sent)
}

/// The account's phone or e-mail, as stored (already normalised).
pub fn contact_of(u: &User) -> Option<Contact> {
    u.phone
        .clone()
        .map(Contact::Phone)
        .or_else(|| u.email.clone().map(Contact::Email))
}

/// Where an account's contact stands, for the account page and the code form. Where a code
/// went is not shown: after a change to someone else's contact nothing went anywhere, and the
/// page must not say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactState {
    pub contact: Option<Contact>,
    /// The contact was proven by a code.
    pub confirmed: bool,
}

pub fn contact_state(u: &User) -> ContactState {
    let contact = contact_of(u);
    ContactState {
        confirmed: contact.is_some() && u.contact_confirmed_at.is_some(),
        contact,
    }
}

/// A new contact waiting for its code: the last confirmation code's, when it is not used and
/// is not the account's contact.
async fn pending_change(app: &App, u: &User) -> Result<Option<Contact>> {
    let latest = store::accounts::codes::latest(&app.db, u.id, CodePurpose::ConfirmContact).await?;
    let current = contact_of(u);
    Ok(latest
        .filter(|c| !c.code.used)
        .and_then(|c| c.contact)
        .and_then(|c| Contact::parse(&c).ok())
        .filter(|c| Some(c) != current.as_ref()))
}

/// What asking for a new code came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resent {
    Code(CodeRequest),
    /// The contact is confirmed and no change waits: there is nothing to send.
    NothingToConfirm,
}

/// Send a new code: to the new contact of a change that waits for one, else to the account's
/// contact while it is not confirmed.
pub async fn resend_code(
    app: &App,
    actor: &Actor,
    ip: &str,
    limits: &CodeLimits,
) -> Result<Resent> {
    let u = &actor.user;
    let state = contact_state(u);
    let target = match (pending_change(app, u).await?, state.contact) {
        (Some(p), _) => Some(p),
        (None, Some(c)) if !state.confirmed => Some(c),
        _ => None,
    };
    let Some(to) = target else {
        return Ok(Resent::NothingToConfirm);
    };
    Ok(Resent::Code(
        send_limited(app, u.id, &to, ip, limits).await?,
    ))
}

/// What asking to change the contact came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRequested {
    /// "If this contact can be used, a code was sent" (nothing is sent to someone else's).
    Sent,
    Throttled {
        minutes: i64,
    },
    /// The current password is wrong: nothing sent.
    PasswordWrong,
    /// Too many wrong current passwords: nothing checked or sent; try after this many minutes.
    PasswordThrottled {
        minutes: i64,
    },
}

/// Whether a stored hash is a password at all (a resident registered at the desk has none
/// until the slip's sign-in sets one).
pub(super) fn has_password(hash: &str) -> bool {
    hash.starts_with('$')
}

/// Ask to change the contact to `new`: the code goes to `new`; the account keeps its contact
/// until the code is typed. The current password is required when the account has one.
pub async fn request_contact_change(
    app: &App,
    actor: &Actor,
    new: &Contact,
    password: String,
    ip: &str,
    limits: &CodeLimits,
) -> Result<ChangeRequested> {
    let user = actor.user.id;
    if let Some(minutes) = over_limit(app, ip, new, limits).await? {
        return Ok(ChangeRequested::Throttled { minutes });
    }
    let hash = store::accounts::password_hash(&app.db, user).await?;
    if has_password(&hash) {
        match check_current_password(app, user, password, hash).await? {
            CurrentPassword::Right => {}
            CurrentPassword::Wrong => return Ok(ChangeRequested::PasswordWrong),
            CurrentPassword::Throttled { minutes } => {
                return Ok(ChangeRequested::PasswordThrottled { minutes })
            }
        }
    }
    if let Some((holder, _)) = store::accounts::credentials(&app.db, new).await? {
        if holder.id != user {
            tracing::info!(%user, "contact change to a contact in use: nothing sent");
            return Ok(ChangeRequested::Sent);
        }
    }
    send_code(app, user, CodePurpose::ConfirmContact, new).await?;
    Ok(ChangeRequested::Sent)
}

/// What typing a code that confirms a contact came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactConfirmed {
    /// Confirmed (and, for a change, the new contact kept); the level after it.
    Done {
        level: Level,
        changed: bool,
    },
    Refused(CodeRefusal),
    /// The new contact became someone else's meanwhile: nothing changed.
    Taken,
}

/// The level's changes that `events` make from `from`, leaving out those that change nothing.
fn changes_from(
    from: Level,
    events: &[LevelEvent],
    at: chrono::DateTime<chrono::Utc>,
) -> Vec<LevelChange> {
    let mut level = from;
    let mut changes = Vec::new();
    for &event in events {
        let to = level.after(event);
        if to != level {
            changes.push(LevelChange {
                from: level,
                to,
                event,
                by: None,
                evidence: Evidence::default(),
                at,
            });
        }
        level = to;
    }
    changes
}

/// Apply a confirmed code: the contact (new or not) marked confirmed, the level's changes
/// recorded, and for a reset the password replaced and every session ended. Retries when the
/// level moved meanwhile.
pub(crate) async fn apply_confirmation(
    app: &App,
    user: Uuid,
    new_contact: Option<&Contact>,
    password_hash: Option<&str>,
) -> Result<Option<Level>> {
    let events: &[LevelEvent] = if new_contact.is_some() {
        &[LevelEvent::ContactChanged, LevelEvent::ContactConfirmed]
    } else {
        &[LevelEvent::ContactConfirmed]
    };
    for _ in 0..3 {
        let from = store::accounts::by_id(&app.db, user)
            .await?
            .ok_or(Error::NotFound)?
            .level;
        let now = app.clock.now();
        let levels = changes_from(from, events, now);
        let to = levels.last().map_or(from, |c| c.to);
        let c = Confirmation {
            user,
            new_contact,
            password_hash,
            levels,
            at: now,
        };
        match store::accounts::contact::confirm(&app.db, &c).await? {
            Confirmed::Done => {
                tracing::info!(%user, from = from.as_str(), to = to.as_str(), changed = new_contact.is_some(), "contact confirmed");
                return Ok(Some(to));
            }
            Confirmed::ContactTaken => return Ok(None),
            Confirmed::LevelMoved => continue,
        }
    }
    Err(Error::Conflict("the account's level changed meanwhile"))
}

/// Check a code that confirms a contact: the account's own, or the new one of a change (then
/// it replaces the old one; `ContactChanged` and `ContactConfirmed` are recorded, so a
/// `contact` account stays `contact` and a stronger one keeps its level).
pub async fn confirm_contact(app: &App, actor: &Actor, typed: &str) -> Result<ContactConfirmed> {
    let user = actor.user.id;
    let accepted = match super::check_code(app, user, CodePurpose::ConfirmContact, typed).await? {
        Ok(a) => a,
        Err(r) => return Ok(ContactConfirmed::Refused(r)),
    };
    let Some(to) = accepted
        .contact
        .as_deref()
        .and_then(|c| Contact::parse(c).ok())
    else {
        return Ok(ContactConfirmed::Refused(CodeRefusal::Wrong));
    };
    let current = store::accounts::by_id(&app.db, user)
        .await?
        .ok_or(Error::NotFound)?;
    let new_contact = (contact_of(&current).as_ref() != Some(&to)).then_some(&to);
    Ok(
        match apply_confirmation(app, user, new_contact, None).await? {
            Some(level) => ContactConfirmed::Done {
                level,
                changed: new_contact.is_some(),
            },
            None => ContactConfirmed::Taken,
        },
    )
}
