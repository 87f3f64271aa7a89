//! IIN squatting resolved at the desk. The person present proves the IIN with an identity
//! document, but the account under it is not theirs (they cannot read its presence code):
//! someone registered their IIN first. The registrar hands the account to them — name,
//! contact and password replaced, sessions ended, level recorded as disowned and then seen in
//! person — and whatever the squatter did with it that is not yet counted is struck.

use super::desk::{desk, locate};
use super::Centre;
use crate::accounts::issue_code;
use crate::{Actor, App, Result};
use domain::accounts::{CodePurpose, DocumentKind, DocumentTail, LevelEvent, ResidenceProof};
use domain::{Contact, Iin};
use store::accounts::{Evidence, LevelChange};
use store::centres::squatting::{self as stored, HandedOver, Handover};
pub use store::centres::squatting::{Resolution, Struck};
use uuid::Uuid;

/// What the registrar recorded for the real holder.
pub struct Resolve {
    pub iin: Iin,
    pub name: crate::accounts::DisplayName,
    /// The real holder's phone or e-mail, when they have one.
    pub contact: Option<Contact>,
    pub document: (DocumentKind, DocumentTail),
    pub residence: ResidenceProof,
    pub consent: bool,
}

/// What became of a resolution. Everything but `Done` changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The account is the real holder's; `code` (for the printed slip, never logged) lets
    /// them sign in.
    Done {
        user: Uuid,
        code: String,
        ballots: i64,
        signatures: i64,
    },
    /// No account with this IIN within the registrar's territory.
    NotFound,
    NoConsent,
    /// The contact given belongs to another account.
    ContactTaken,
}

/// A password hash nobody can match: not a PHC string, so every check fails.
pub(crate) fn unusable_password() -> String {
    let mut b = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut b);
    format!("!unusable!{}", hex::encode(b))
}

/// Hand the account under `r.iin` to the person at the desk, in one transaction.
pub async fn resolve(app: &App, actor: &Actor, c: &Centre, r: Resolve) -> Result<Resolved> {
    let t = desk(app, actor, c).await?;
    let Some((user, village)) = locate(app, actor, c, &t, &r.iin).await? else {
        return Ok(Resolved::NotFound);
    };
    if !r.consent {
        return Ok(Resolved::NoConsent);
    }
    let now = app.clock.now();
    let disowned = user.level.after(LevelEvent::Disowned);
    let evidence = Evidence {
        document: Some(r.document),
        residence: Some(r.residence),
        centre: Some(c.id),
        village: Some(village.id),
        consent: true,
    };
    let change = |from: domain::Level, event: LevelEvent, evidence: Evidence| LevelChange {
        from,
        to: from.after(event),
        event,
        by: Some(actor.user.id),
        evidence,
        at: now,
    };
    let password_hash = unusable_password();
    let handover = Handover {
        user: user.id,
        centre: Some(c.id),
        registrar: Some(actor.user.id),
        provider: None,
        name: r.name.as_str(),
        contact: r.contact.as_ref(),
        password_hash: &password_hash,
        levels: [
            change(user.level, LevelEvent::Disowned, Evidence::default()),
            change(disowned, LevelEvent::SeenInPerson, evidence),
        ],
        at: now,
    };
    let (ballots, signatures) =
        match stored::hand_over(&app.db, &handover, &app.keys.ballots).await? {
            HandedOver::Done {
                ballots,
                signatures,
                ..
            } => (ballots, signatures),
            HandedOver::ContactTaken => return Ok(Resolved::ContactTaken),
            HandedOver::LevelMoved => {
                return Err(crate::Error::Conflict(
                    "the account's level changed meanwhile",
                ))
            }
        };
    tracing::warn!(
        registrar = %actor.user.id,
        centre = %c.id,
        user = %user.id,
        ballots,
        signatures,
        "IIN squatting resolved: account handed to the person who proved the IIN",
    );
    let code = issue_code(app, user.id, CodePurpose::SlipSignIn, None).await?;
    Ok(Resolved::Done {
        user: user.id,
        code,
        ballots,
        signatures,
    })
}

/// The centre's resolutions, the latest first, each with what it struck (its registrars).
pub async fn resolutions(
    app: &App,
    actor: &Actor,
    c: &Centre,
) -> Result<Vec<(Resolution, Vec<Struck>)>> {
    desk(app, actor, c).await?;
    let mut out = Vec::new();
    for r in stored::of_centre(&app.db, c.id).await? {
        let struck = stored::struck(&app.db, r.id).await?;
        out.push((r, struck));
    }
    Ok(out)
}
