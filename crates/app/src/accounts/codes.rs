//! Issuing and checking one-time codes. The digits leave this module only to be sent or
//! printed; what is kept is a keyed hash bound to the account and the purpose.

use crate::{App, Error, Result};
use domain::accounts::codes::{from_random, normalize};
use domain::accounts::{CodePurpose, CodeRefusal, IssuedCode};
use uuid::Uuid;

/// A new code for `user`; earlier ones for the same purpose stop working. `contact` is the
/// phone or e-mail it confirms, when it confirms one. Returns the digits, to be sent or printed
/// (never logged).
pub async fn issue_code(
    app: &App,
    user: Uuid,
    purpose: CodePurpose,
    contact: Option<&str>,
) -> Result<String> {
    let digits = from_random(rand::random::<u32>());
    let code = IssuedCode::new(purpose, app.clock.now());
    let hash = app.keys.code_hash(user, purpose, &digits);
    store::accounts::codes::issue(&app.db, user, &code, &hash, contact, app.clock.now()).await?;
    Ok(digits)
}

/// Issue a code for `purpose` and queue its message to `to` (a text or an e-mail); it expires
/// with the code. The digits leave only in the message, rendered when it is sent.
pub async fn send_code(
    app: &App,
    user: Uuid,
    purpose: CodePurpose,
    to: &domain::Contact,
) -> Result<()> {
    let digits = issue_code(app, user, purpose, Some(&to.to_string())).await?;
    let (channel, address) = match to {
        domain::Contact::Phone(p) => (domain::messages::Channel::Sms, p.clone()),
        domain::Contact::Email(e) => (domain::messages::Channel::Email, e.clone()),
    };
    let args = crate::messages::CodeArgs {
        purpose: purpose.as_str().to_string(),
        digits,
        to: address,
    };
    let message = crate::messages::NewMessage {
        user_id: user,
        kind: crate::messages::CODE.to_string(),
        // Every code is its own message.
        subject: uuid::Uuid::now_v7().to_string(),
        channel,
        args: serde_json::to_string(&args).map_err(|e| Error::Internal(e.to_string()))?,
        expires_at: Some(app.clock.now() + purpose.lifetime()),
    };
    crate::messages::enqueue(app, &message).await?;
    Ok(())
}

/// A code accepted: the contact it was sent to, if it confirms one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub contact: Option<String>,
}

/// Check what the person typed against the last code of `purpose`. A wrong code counts one
/// of the five tries; a right one is spent.
pub async fn check_code(
    app: &App,
    user: Uuid,
    purpose: CodePurpose,
    typed: &str,
) -> Result<std::result::Result<Accepted, CodeRefusal>> {
    let typed = match normalize(typed) {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    // Two tries at once: the loser reads the code again and tries on the new state.
    for _ in 0..3 {
        let Some(stored) = store::accounts::codes::latest(&app.db, user, purpose).await? else {
            return Ok(Err(CodeRefusal::Wrong));
        };
        let now = app.clock.now();
        if let Err(e) = stored.code.usable(now) {
            return Ok(Err(e));
        }
        let matches = app.keys.code_matches(user, purpose, &typed, &stored.hash);
        let (after, verdict) = stored.code.after_try(matches, now);
        if store::accounts::codes::record_try(&app.db, &stored, &after, now).await? {
            return Ok(verdict.map(|()| Accepted {
                contact: stored.contact.clone(),
            }));
        }
    }
    Err(Error::Conflict("the code was tried twice at once"))
}
